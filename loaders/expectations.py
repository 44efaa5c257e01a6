"""What a notice or a peer challenge expects of the authority (expectations.csv).

One row per expectation, in the source document's own words, with the evidence it is
judged on: improvement areas and action references from the trackers, survey measures
(``audience:theme``), milestone kinds from events.csv and the complaint subjects (member,
officer) whose Code of Conduct complaints register counts are evidence too. Lists are ";"-separated, so an
area name may contain a comma. Another authority loads its own notice or peer-challenge
recommendations by writing this file; nothing about the expectations is in code.

A file with a problem is rejected whole, every problem named by Excel row and column,
so a half-read set of expectations never reaches the board.
"""
from __future__ import annotations

import re

import pandas as pd

from model.text import match_key, one_line
from .events import reference_header
from .grid import Sheet
from .layout import Layout
from model.frames import EXPECTATIONS, conform, empty
from model.text import split_list
from .report import FileRejected, Finding, LoadResult
from settings.complaints import complaints_vocabulary

REQUIRED = ("id", "expectation", "front")
FRONTS = ("culture", "partnership", "governance")
LISTS = ("action_areas", "action_refs", "survey_measures", "milestone_kinds", "complaints")
MEASURE = re.compile(r"^[a-z][a-z0-9 _-]*:[a-z][a-z0-9 _-]*$")
HEADER_HELP = "id,expectation,source,front,action_areas,action_refs,survey_measures,milestone_kinds[,complaints]"


def is_expectations_table(sheet: Sheet) -> bool:
    return bool(sheet.rows) and set(REQUIRED) <= {match_key(v) for v in sheet.rows[0]}


def expectations_from_sheet(sheet: Sheet) -> LoadResult:
    """An expectations sheet -> the EXPECTATIONS LoadResult, or FileRejected naming every problem."""
    header = reference_header(sheet, REQUIRED, "expectations", HEADER_HELP)
    records, errors, warnings, seen = [], [], [], {}
    for index, values in enumerate(sheet.rows[1:], start=1):
        row = {k: one_line(v) for k, v in zip(header, values)}
        if not any(row.values()):
            continue
        excel_row = Sheet.excel_row(index)
        problems = _row_problems(row, seen, excel_row)
        errors += [Finding(m, sheet=sheet.name, row=excel_row, column=c) for c, m in problems]
        if not problems and not any(split_list(row.get(c)) for c in LISTS):
            warnings.append(Finding(f"Expectation {row['id']} names no evidence (areas, actions, survey measures "
                                    "or milestones), so it will be judged 'No evidence yet'.",
                                    sheet=sheet.name, row=excel_row, column="action_areas"))
        seen.setdefault(row.get("id", ""), excel_row)
        records.append({c: _normalised(c, row.get(c, "")) for c in EXPECTATIONS})
    if errors:
        raise FileRejected(errors, kind="expectations", format=f"expectations-{sheet.container}")
    frame = conform(pd.DataFrame(records), EXPECTATIONS) if records else empty(EXPECTATIONS)
    return LoadResult(kind="expectations", format=f"expectations-{sheet.container}", frame=frame,
                      records=len(frame), warnings=warnings)


def _row_problems(row: dict[str, str], seen: dict[str, int], excel_row: int) -> list[tuple[str, str]]:
    """(column, message) for each problem of one row."""
    problems = []
    ident = row.get("id", "")
    if not ident:
        problems.append(("id", "The id is empty: give each expectation a short id, such as BVN-1."))
    elif ident in seen:
        problems.append(("id", f"The id {ident} is used twice (first on row {seen[ident]}): ids must be unique."))
    if not row.get("expectation"):
        problems.append(("expectation", "The expectation is empty: copy its wording from the notice or report."))
    front = row.get("front", "").casefold()
    if front not in FRONTS:
        problems.append(("front", f"Front {row.get('front', '')!r} is not one of {', '.join(FRONTS)}."))
    for measure in split_list(row.get("survey_measures")):
        if not MEASURE.match(measure.casefold()):
            problems.append(("survey_measures", f"Survey measure {measure!r} is not written audience:theme "
                                                "(for example staff:culture)."))
    subjects = complaints_vocabulary().subject_order
    for subject in split_list(row.get("complaints")):
        if subject.casefold() not in subjects:
            problems.append(("complaints", f"Complaints subject {subject!r} is not one of {', '.join(subjects)} "
                                           "(whose Code of Conduct complaints are evidence)."))
    return problems


def _normalised(column: str, value: str) -> str:
    if column in ("front", "survey_measures", "milestone_kinds", "complaints"):
        value = value.casefold()
    if column in LISTS:
        return "; ".join(split_list(value))
    return value


LAYOUT = Layout("expectations", "expectations", "expectations of a notice or peer challenge (id, expectation, "
                "source, front, action_areas, action_refs, survey_measures, milestone_kinds, complaints)",
                is_expectations_table, expectations_from_sheet)

"""Council improvement-plan trackers: the spreadsheet a committee report carries.

Title rows sit above the header (authority, "Improvement Plan Update", "Reported to
Audit and Governance Committee 9 June 2023" = the snapshot date). The header row is
found by its names among the first rows (spellings in config/tracker_headers.toml:
Ref / No., Action / Recommendation, Lead Officer / Owner, ...), so column order does not
matter. Between actions, a row with a single value (a merged row across the table; the
value sits in its top-left cell) names the improvement area of the actions below it.
Generic one-header-row exports (Jira, Smartsheet) load the same way: their names are in
the same config, a repeated column name (Jira's several 'Comment' columns) is joined, and
with no dated title row the snapshot date must be given at upload.
"""
from __future__ import annotations

import pandas as pd

from .actions_common import (RawAction, TrackerColumns, build_actions, duplicate_references, resolve_snapshot,
                             unknown_statuses)
from model.text import cell_text, match_key, one_line
from .cells import find_columns
from .dates import find_title_date, parse_date
from .grid import Sheet
from .layout import Layout
from .report import Finding, LoadResult
from settings.vocabulary import header_config

FORMAT = "council-tracker"
HEADER_SEARCH_ROWS = 20
OTHER_FIELDS = ("reference", "owner", "due", "rag", "progress")
MIN_OTHER_FIELDS = 2
JOINED_FIELDS = ("progress", "evidence")


def _synonyms() -> dict[str, list[str]]:
    return header_config("tracker_headers")["council"]


def find_tracker_header(sheet: Sheet) -> tuple[int, dict[str, int]] | None:
    """(0-based header row, field -> column) of the best header among the first rows."""
    best = None
    for index in range(min(HEADER_SEARCH_ROWS, len(sheet.rows))):
        found = find_columns(sheet.rows[index], _synonyms())
        score = sum(f in found for f in OTHER_FIELDS)
        if "action" in found and score >= MIN_OTHER_FIELDS and (best is None or score > best[2]):
            best = (index, found, score)
    return (best[0], best[1]) if best else None


def is_council_tracker(sheet: Sheet) -> bool:
    return find_tracker_header(sheet) is not None


def near_council_tracker(sheet: Sheet) -> str | None:
    """A header row with an action column and too few of the others, or with a status and
    two more of the others but no action column: what it has and what it lacks."""
    names = {field: spellings[0] for field, spellings in _synonyms().items()}
    for index in range(min(HEADER_SEARCH_ROWS, len(sheet.rows))):
        row = sheet.rows[index]
        found = find_columns(row, _synonyms())
        others = [f for f in OTHER_FIELDS if f in found]
        has = ", ".join(f"'{one_line(row[found[f]])}'" for f in others)
        if "action" in found and len(others) == MIN_OTHER_FIELDS - 1:
            return (f"has an action column ('{one_line(row[found['action']])}') like an action tracker, but only one of the "
                    f"other columns a tracker needs two of (reference, owner, due date, RAG or status, progress): "
                    f"{has} (row {Sheet.excel_row(index)})")
        if "action" not in found and "rag" in found and len(others) > MIN_OTHER_FIELDS:
            return (f"has {has} columns like an action tracker (row {Sheet.excel_row(index)}), but no column "
                    f"for the action itself: name it '{names['action']}' (or "
                    f"{', '.join(repr(n) for n in _synonyms()['action'][1:4])})")
    return None


def title_date(sheet: Sheet, header_row: int) -> pd.Timestamp | None:
    """The first date in the title rows above the header (text or a real date cell)."""
    for row in sheet.rows[:header_row]:
        for value in row:
            found = find_title_date(value) if isinstance(value, str) else parse_date(value)
            if found is not None:
                return found
    return None


def _area_row(values: list[object], columns: dict[str, int]) -> str | None:
    """The area named by a one-value row, unless that value is an action's own text."""
    filled = [i for i, v in enumerate(values) if one_line(v)]
    if len(filled) != 1 or filled[0] == columns["action"] != min(columns.values()):
        return None
    return one_line(values[filled[0]])


def load_council_tracker(sheet: Sheet, *, snapshot_date: object = None) -> LoadResult:
    """A council tracker sheet -> ACTIONS (one row per action, area from area rows)."""
    fmt = f"{FORMAT}-{sheet.container}"
    head, columns = find_tracker_header(sheet)
    header = [one_line(v) for v in sheet.rows[head]]
    raw, area, warnings = [], "", []

    repeats = repeated_columns(header, columns)

    def cell(values: list[object], field: str) -> str:
        parts = [cell_text(values[i]) for i in repeats.get(field, [])]
        return "\n".join(p for p in parts if p)

    for index in range(head + 1, len(sheet.rows)):
        values = sheet.rows[index]
        if [one_line(v) for v in values] == header or not any(one_line(v) for v in values):
            continue
        named_area = _area_row(values, columns)
        if named_area is not None:
            area = named_area
            continue
        row = Sheet.excel_row(index)
        if not one_line(cell(values, "action")):
            warnings.append(Finding("Row has no action text; skipped (a note or key below the table?).",
                                    sheet=sheet.name, row=row, column=header[columns["action"]]))
            continue
        reference = one_line(cell(values, "reference"))
        if not reference:
            reference = f"row-{row}"
            warnings.append(Finding("Action has no reference; using its row number.",
                                    sheet=sheet.name, row=row, column=_name(header, columns, "reference")))
        raw.append(RawAction(
            row=row, reference=reference, area=one_line(cell(values, "area")) or area,
            action=cell(values, "action"), owner=one_line(cell(values, "owner")),
            due=values[columns["due"]] if "due" in columns else "", rag=one_line(cell(values, "rag")),
            progress=cell(values, "progress"), closure=one_line(cell(values, "closure")),
            source=one_line(cell(values, "source")), evidence=cell(values, "evidence"),
            phase=one_line(cell(values, "phase")), start=values[columns["start"]] if "start" in columns else "",
        ))
    names = TrackerColumns(sheet=sheet.name, due=_name(header, columns, "due"),
                           rag=_name(header, columns, "rag"), area=_name(header, columns, "area"),
                           closure=_name(header, columns, "closure"))
    unknown_statuses(raw, names, fmt)               # an issue list is refused before a date is asked for
    snapshot, dated = resolve_snapshot(snapshot_date, title_date(sheet, head), "title row", sheet.name, fmt)
    result = build_actions(raw, snapshot=snapshot, columns=names, format=fmt,
                           metadata={"header_row": Sheet.excel_row(head)})
    ref_column = _name(header, columns, "reference")
    result.warnings = dated + warnings + result.warnings + duplicate_references(raw, sheet.name, ref_column)
    return result


def repeated_columns(header: list[str], columns: dict[str, int]) -> dict[str, list[int]]:
    """Field -> its column and every later column with the same name (Jira repeats
    'Comment' and 'Labels'); text fields join the cells of all of them."""
    keys = [match_key(h) for h in header]
    out = {}
    for field, index in columns.items():
        same = [i for i, k in enumerate(keys) if k == keys[index] and i >= index]
        out[field] = same if field in JOINED_FIELDS else [index]
    return out


def _name(header: list[str], columns: dict[str, int], field: str) -> str:
    return header[columns[field]] if field in columns else field.capitalize()


LAYOUT = Layout(FORMAT, "actions",
                "council action tracker (header row with Ref/No., Action/Recommendation, "
                "Lead Officer/Owner, Target Date/Timescale, RAG/Status, Progress/Update)",
                is_council_tracker, load_council_tracker, ("snapshot_date",), near=near_council_tracker)

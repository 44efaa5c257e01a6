"""Qualtrics "Export data" files (csv, or tsv which Qualtrics writes as UTF-16).

Three header rows: the export tag (``Q5_1``, ``StartDate``), the question text in the
survey's UI language, and ``{"ImportId":"QID5_1"}`` JSON (older exports write it
``{'ImportId': 'QID5_1'}``). The legacy layout has two: ``V1, V2, ..., Q1, ...`` and a row
naming the V columns (``ResponseID``, ``Status``) and holding the question texts. Detection and column roles use
the ImportId row only, so the UI language does not matter: question columns have
ImportIds starting ``QID``; the fixed columns are found by ImportId or export tag
(config/survey_headers.toml ``[qualtrics]``). Matrix items (``Qn_k``) have the text
``Question - Statement``: the statement (after the last " - ") is the wording. Rows whose
``Status`` marks a preview, test or spam response are not counted (a warning says how
many). Answers are choice text, or numeric recodes 1-5, read as the agreement scale only where the
question asks how far one agrees or the codebook knows the statement (else a warning).
UTF-16 and the tab delimiter are handled by grid.read_text_table. Default audience: staff.
"""
from __future__ import annotations

import ast
import json
import re

import pandas as pd

from model.text import match_key, one_line
from .codebook import QuestionMap
from .dates import parse_date
from .free_text import is_people_header
from .grid import Sheet
from .layout import Layout
from .report import FileRejected, Finding, LoadResult
from .survey_common import (SURVEY_OPTIONS, Column, SurveyRows, build_survey, numeric_scale, recode_numeric,
                            respondent_id, says_agreement)
from settings.vocabulary import header_config

FORMAT = "qualtrics"
HEADER_SEARCH_ROWS = 4
MIN_JSON_SHARE = 0.5
_MATRIX_TAG = re.compile(r"_\d+$")


def _config() -> dict:
    return header_config("survey_headers")["qualtrics"]


def import_id(value: object) -> str | None:
    """The ImportId of a third-row cell ``{"ImportId":"QID5_1"}``, else None."""
    text = one_line(value)
    if not text.startswith("{"):
        return None
    try:
        data = json.loads(text)
    except ValueError:   # older exports write Python-style {'ImportId': 'QID1'}
        try:
            data = ast.literal_eval(text)
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            return None
    return str(data.get("ImportId")) if isinstance(data, dict) and data.get("ImportId") else None


def find_import_row(sheet: Sheet) -> int | None:
    """0-based index of the ImportId row (the third header row), or None."""
    for index in range(2, min(HEADER_SEARCH_ROWS + 2, len(sheet.rows))):
        cells = [v for v in sheet.rows[index] if one_line(v)]
        ids = [import_id(v) for v in cells]
        if cells and sum(i is not None for i in ids) >= MIN_JSON_SHARE * len(cells):
            return index
    return None


def is_legacy_export(sheet: Sheet) -> bool:
    """The legacy Qualtrics layout: row 1 is ``V1, V2, ...`` (then ``Q1``...), row 2 names the
    V columns (``ResponseID``, ``Status``, ``EndDate``) and holds the question texts."""
    if len(sheet.rows) < 2:
        return False
    first = [one_line(v) for v in sheet.rows[0][:3]]
    names = {match_key(v) for v in sheet.rows[1]}
    return first == ["V1", "V2", "V3"] and "responseid" in names


def is_qualtrics_export(sheet: Sheet) -> bool:
    return find_import_row(sheet) is not None or is_legacy_export(sheet)


def near_qualtrics_export(sheet: Sheet) -> str | None:
    """Qualtrics' own column names in row 1, but not its row of ImportIds."""
    marks = {match_key(m) for m in _config()["marks"]}
    found = [one_line(v) for v in sheet.rows[0] if match_key(v) in marks] if sheet.rows else []
    if len(found) < 2:
        return None
    return (f"has the columns of a Qualtrics export ({', '.join(repr(f) for f in found[:3])}), but not its third "
            "header row of ImportIds: export again from Data & Analysis, as CSV or Excel, with the three "
            "header rows Qualtrics gives by default")


def _header(sheet: Sheet) -> tuple[list[str], list[str], list[str], int]:
    """Export tags, question texts, ImportIds and the first data row (0-based). A legacy
    export has no ImportId row: its V columns are named by row 2, and each ``Q..`` column's
    tag stands for its ImportId."""
    id_row = find_import_row(sheet)
    if id_row is not None:
        return ([one_line(v) for v in sheet.rows[id_row - 2]], [one_line(v) for v in sheet.rows[id_row - 1]],
                [import_id(v) or "" for v in sheet.rows[id_row]], id_row + 1)
    codes, texts = [one_line(v) for v in sheet.rows[0]], [one_line(v) for v in sheet.rows[1]]
    tags = [text if re.fullmatch(r"V\d+", code) else code for code, text in zip(codes, texts)]
    ids = [f"QID{code[1:]}" if re.fullmatch(r"Q\d+(_\d+)*", code) else "" for code in codes]
    return tags, texts, ids, 2


def _find(tags: list[str], ids: list[str | None], names: list[str]) -> int | None:
    wanted = {match_key(n) for n in names}
    for i, (tag, iid) in enumerate(zip(tags, ids)):
        if match_key(iid or "") in wanted or match_key(tag) in wanted:
            return i
    return None


def _wording(tag: str, text: str, iid: str) -> str:
    """The statement of a matrix item (after the last ' - '), else the question text."""
    if (_MATRIX_TAG.search(tag) or _MATRIX_TAG.search(iid)) and " - " in text:
        return text.rsplit(" - ", 1)[1].strip()
    return text or tag


def load_qualtrics_export(sheet: Sheet, *, codebook: pd.DataFrame | None = None, audience: str | None = None,
                          wave: str | None = None, wave_date: object = None) -> LoadResult:
    """A Qualtrics export -> SURVEY_RESPONSES (see survey_common.build_survey)."""
    config = _config()
    tags, texts, ids, first = _header(sheet)
    status_col = _find(tags, ids, config["status"])
    excluded = {match_key(s) for s in config["excluded_status"]}
    body = [(i, r) for i, r in enumerate(sheet.rows[first:], start=first) if any(one_line(v) for v in r)]
    data = [(i, r) for i, r in body if status_col is None or match_key(_status(r[status_col])) not in excluded]
    warnings = []
    if body and not data:
        raise FileRejected([Finding(f"All {len(body)} responses in this file are previews, tests or spam (Status "
                                    "column), so there is nothing to count. Export the real responses.",
                                    sheet=sheet.name, column=tags[status_col])], kind="survey", format=FORMAT)
    if len(data) < len(body):
        warnings.append(Finding(f"{len(body) - len(data)} preview, test or spam responses (Status column) "
                                "were not counted.", sheet=sheet.name, column=tags[status_col]))
    excel_rows = [Sheet.excel_row(i) for i, _ in data]
    id_col = _find(tags, ids, config["respondent"])
    done_col = _find(tags, ids, config["completed"])
    rows = SurveyRows(
        respondents=[respondent_id(r[id_col] if id_col is not None else "", n) for (_, r), n in zip(data, excel_rows)],
        completed=[parse_date(r[done_col], dayfirst=False, keep_time=True) if done_col is not None else None
                   for _, r in data],
        sheet=sheet.name,
    )
    known = QuestionMap(codebook, wave)
    prefixes = tuple(p.casefold() for p in config["question_import_prefixes"])
    group_pattern = header_config("survey_headers")["groups"]["header_pattern"]
    columns = []
    for c, (tag, text, iid) in enumerate(zip(tags, texts, ids)):
        if not iid.casefold().startswith(prefixes):
            if is_people_header(text or tag):          # RecipientFirstName, RecipientEmail: known names
                rows.people.append((text or tag, [r[c] if c < len(r) else "" for _, r in data]))
            continue
        wording = _wording(tag, text, iid)
        cells = [r[c] for _, r in data]
        recoded = None if re.search(group_pattern, wording, re.IGNORECASE) else recode_numeric(cells, numeric_scale())
        if recoded is not None and says_agreement(text, wording, known):
            cells = recoded
        elif recoded is not None:
            warnings.append(Finding(f"The answers to “{wording}” are numbers 1-{len(numeric_scale())}, but "
                                    "neither the question nor the codebook says they are agreement answers, so "
                                    "they are not read as agree/disagree. Export the survey with choice text, or "
                                    "add the statement to the codebook.", sheet=sheet.name, column=tag))
        columns.append(Column(index=c, header=f"{tag} {text}".strip(), wording=wording, cells=cells, rows=excel_rows))
    result = build_survey(rows, columns, format=f"{FORMAT}-{sheet.container}", audience=audience or "staff",
                          wave=wave, wave_date=wave_date, codebook=codebook)
    result.warnings = warnings + result.warnings
    return result


def _status(value: object) -> str:
    text = one_line(value)
    return text[:-2] if text.endswith(".0") else text


LAYOUT = Layout(FORMAT, "survey",
                "Qualtrics export (three header rows: export tags, question text, {\"ImportId\": ...}; "
                "or the legacy V1, V2, ... layout)",
                is_qualtrics_export, load_qualtrics_export, SURVEY_OPTIONS, near=near_qualtrics_export)

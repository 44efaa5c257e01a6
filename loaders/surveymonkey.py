"""SurveyMonkey "All responses" exports (xlsx or csv), with their two header rows.

Row 1: fixed columns (``Respondent ID`` or the older ``RespondentID``, ``End Date`` ...),
then each question's text over the FIRST column of its block (blank, or merged, over the
rest). Row 2: ``Response`` / ``Open-Ended Response`` when the column is the question
itself, otherwise the matrix row or option label. An agreement item's wording is the
matrix row label, or the question text for a single-item question. Labels may carry
NBSP, NUL and ``<br>`` (cleaned by cells.cell_text); dates are US text. Default
audience: partner.
"""
from __future__ import annotations

import pandas as pd

from model.text import match_key, one_line
from .dates import parse_date
from .grid import Sheet
from .layout import Layout
from .report import LoadResult
from .survey_common import SURVEY_OPTIONS, Column, SurveyRows, build_survey, respondent_id
from settings.vocabulary import header_config

FORMAT = "surveymonkey"
HEADER_SEARCH_ROWS = 3


def _config() -> dict:
    return header_config("survey_headers")["surveymonkey"]


def _keys(names: list[str]) -> set[str]:
    return {match_key(n) for n in names}


def find_surveymonkey_header(sheet: Sheet) -> int | None:
    """0-based index of the first of the two header rows, or None. The second header row is
    blank under ``Respondent ID``: a sheet whose next row holds an ID there ("R0001") is a
    one-header-row table that happens to have such a column, not a SurveyMonkey export."""
    wanted = _keys(_config()["respondent"])
    for index in range(min(HEADER_SEARCH_ROWS, len(sheet.rows) - 1)):
        keys = [match_key(v) for v in sheet.rows[index]]
        column = next((c for c, k in enumerate(keys) if k in wanted), None)
        if column is not None:
            below = sheet.rows[index + 1]
            return index if column >= len(below) or not one_line(below[column]) else None
    return None


def is_surveymonkey_export(sheet: Sheet) -> bool:
    return find_surveymonkey_header(sheet) is not None


def near_surveymonkey_export(sheet: Sheet) -> str | None:
    """A Respondent ID column whose next row is a respondent, not SurveyMonkey's labels row."""
    wanted = _keys(_config()["respondent"])
    for index in range(min(HEADER_SEARCH_ROWS, len(sheet.rows) - 1)):
        row = sheet.rows[index]
        column = next((c for c, v in enumerate(row) if match_key(v) in wanted), None)
        if column is not None:
            below = one_line(sheet.rows[index + 1][column]) if column < len(sheet.rows[index + 1]) else ""
            return (f"has a '{one_line(row[column])}' column like a SurveyMonkey export, but it has one header "
                    f"row: SurveyMonkey's second row of answer labels is blank under it, and here it holds "
                    f"'{below[:30]}', a respondent") if below else None
    return None


def _question_headers(row1: list[object]) -> list[str]:
    """Row 1 with each question's text carried over the rest of its block."""
    fixed = _keys(_config()["fixed"])
    out, current = [], ""
    for value in row1:
        text = one_line(value)
        if text:
            current = "" if match_key(text) in fixed else text
            out.append(text)
        else:
            out.append(current)
    return out


def _first_column(keys: list[str], names: list[str]) -> int | None:
    wanted = _keys(names)
    return next((i for i, k in enumerate(keys) if k in wanted), None)


def load_surveymonkey_export(sheet: Sheet, *, codebook: pd.DataFrame | None = None,
                             audience: str | None = None, wave: str | None = None,
                             wave_date: object = None) -> LoadResult:
    """A SurveyMonkey export sheet -> SURVEY_RESPONSES (see survey_common.build_survey)."""
    config = _config()
    head = find_surveymonkey_header(sheet)
    questions = _question_headers(sheet.rows[head])
    sublabels = [one_line(v) for v in sheet.rows[head + 1]]
    keys = [match_key(v) for v in sheet.rows[head]]
    data = [(i, r) for i, r in enumerate(sheet.rows[head + 2:], start=head + 2)
            if any(one_line(v) for v in r)]
    excel_rows = [Sheet.excel_row(i) for i, _ in data]
    id_col = _first_column(keys, config["respondent"])
    done_col = _first_column(keys, config["completed"])
    rows = SurveyRows(
        respondents=[respondent_id(r[id_col], n) for (_, r), n in zip(data, excel_rows)],
        completed=[parse_date(r[done_col], dayfirst=False, keep_time=True) if done_col is not None else None
                   for _, r in data],
        sheet=sheet.name,
    )
    whole, other = _keys(config["whole_question"]), _keys(config["other"])
    fixed = _keys(config["fixed"])
    rows.people = [(one_line(sheet.rows[head][c]), [r[c] if c < len(r) else "" for _, r in data])
                   for c in range(len(keys)) if keys[c] in fixed]
    columns = []
    for c, (question, sub) in enumerate(zip(questions, sublabels)):
        if not question or keys[c] in fixed or match_key(sub) in other:
            continue
        is_whole = not sub or match_key(sub) in whole
        wording = question if is_whole else sub
        header = question if is_whole else f"{question} - {sub}"
        columns.append(Column(index=c, header=header, wording=wording,
                              cells=[r[c] for _, r in data], rows=excel_rows))
    return build_survey(rows, columns, format=f"{FORMAT}-{sheet.container}",
                        audience=audience or "partner", wave=wave, wave_date=wave_date,
                        codebook=codebook)


LAYOUT = Layout(FORMAT, "survey", "SurveyMonkey export (two header rows starting 'Respondent ID')",
                is_surveymonkey_export, load_surveymonkey_export, SURVEY_OPTIONS, near=near_surveymonkey_export)

"""Any plain survey sheet with ONE header row: the fallback survey layout.

A sheet (xlsx, csv, tsv) whose first non-empty row is text headers and whose columns
include at least one agreement-scale column, judged by CONTENT (cells that are Strongly
disagree ... Strongly agree, config/agreement_vocabulary.csv), not by header. Optional
columns are found by header text (config/survey_headers.toml ``[generic]``): a
respondent id and a completion date; without a date the wave date must be given. A UTF-8 CSV or a plain one-sheet workbook is
read from Arrow text columns (loaders/columns.py), with the same result as the grid. It is
registered after every named export layout, so a Forms or Google export is never read
as generic. Default audience: staff.
"""
from __future__ import annotations

import re

import pandas as pd
import pyarrow as pa

from model.text import one_line
from .columns import Columns, column_completed, column_respondents, non_blank_rows, not_text, NotPlainText
from .dates import parse_date
from .grid import Sheet
from .layout import Layout
from .report import LoadResult
from .survey_common import SURVEY_OPTIONS, Column, SurveyRows, build_survey, is_agreement, respondent_id
from settings.vocabulary import header_config

FORMAT = "generic-survey"
HEADER_SEARCH_ROWS = 5
MIN_ROWS = 2


def _config() -> dict:
    return header_config("survey_headers")["generic"]


def find_header(sheet: Sheet) -> int | None:
    """0-based index of the header row: the first non-empty row, all cells text."""
    for index, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        cells = [v for v in row if one_line(v)]
        if not cells:
            continue
        if len(cells) >= 2 and all(isinstance(v, str) for v in cells):
            return index
        return None
    return None


def _columns(sheet: Sheet, head: int) -> tuple[list[str], list[tuple[int, list]], list[int]]:
    header = [one_line(v) for v in sheet.rows[head]]
    data = [(i, r) for i, r in enumerate(sheet.rows[head + 1:], start=head + 1) if any(one_line(v) for v in r)]
    return header, data, [Sheet.excel_row(i) for i, _ in data]


def is_generic_survey(sheet: Sheet) -> bool:
    head = find_header(sheet)
    if head is None:
        return False
    header, data, rows = _columns(sheet, head)
    if len(data) < MIN_ROWS:
        return False
    return any(h and is_agreement(Column(c, h, h, [r[c] for _, r in data], rows)) for c, h in enumerate(header))


def _first_match(header: list[str], pattern: str) -> int | None:
    return next((c for c, h in enumerate(header) if h and re.search(pattern, h, re.IGNORECASE)), None)


def _id_and_date(header: list[str]) -> tuple[int | None, int | None]:
    """The respondent-id and completion-date columns, found by header text."""
    return _first_match(header, _config()["respondent_pattern"]), _first_match(header, _config()["completed_pattern"])


def load_generic_survey(sheet: Sheet, *, codebook: pd.DataFrame | None = None, audience: str | None = None,
                        wave: str | None = None, wave_date: object = None) -> LoadResult:
    """A one-header-row survey sheet -> SURVEY_RESPONSES (see survey_common.build_survey)."""
    head = find_header(sheet)
    header, data, excel_rows = _columns(sheet, head)
    id_col, done_col = _id_and_date(header)
    rows = SurveyRows(
        respondents=[respondent_id(r[id_col] if id_col is not None else "", n) for (_, r), n in zip(data, excel_rows)],
        completed=[parse_date(r[done_col], keep_time=True) if done_col is not None else None for _, r in data],
        sheet=sheet.name,
    )
    columns = [Column(index=c, header=h, wording=h, cells=[r[c] for _, r in data], rows=excel_rows)
               for c, h in enumerate(header) if h and c not in (id_col, done_col)]
    return build_survey(rows, columns, format=f"{FORMAT}-{sheet.container}", audience=audience or "staff",
                        wave=wave, wave_date=wave_date, codebook=codebook)


def load_generic_columns(columns: Columns, **options) -> LoadResult | None:
    """load_generic_survey from Arrow text columns (loaders/columns.py), or None when the
    grid must read the file: a cell that was not text in Excel, a refusal, anything odd."""
    try:
        return _from_columns(columns, **options)
    except Exception:  # noqa: BLE001 - refused or odd: the grid path decides, in its words
        return None


def _from_columns(columns: Columns, *, codebook=None, audience=None, wave=None, wave_date=None) -> LoadResult:
    """The same respondents, rows and Column objects as load_generic_survey."""
    head = find_header(columns.head)
    header = [one_line(v) for v in columns.head.rows[head]]
    id_col, done_col = _id_and_date(header)
    data = columns.table.slice(head + 1)
    kept = non_blank_rows(data, id_col if id_col is not None else 0)
    if len(kept) < data.num_rows:
        data = data.take(pa.array(kept))
    excel_rows = (kept + head + 1 + 1).tolist()            # table row 0 is Excel row 1
    items = [Column(index=c, header=h, wording=h, cells=data.column(c), rows=excel_rows)
             for c, h in enumerate(header) if h and c not in (id_col, done_col)]
    if columns.head.container not in ("csv", "tsv") and any(not_text(item.profile.texts) for item in items):
        raise NotPlainText()
    rows = SurveyRows(
        respondents=column_respondents(data.column(id_col) if id_col is not None else None, excel_rows),
        completed=column_completed(data.column(done_col) if done_col is not None else None, wave_date),
        sheet=columns.head.name)
    return build_survey(rows, items, format=f"{FORMAT}-{columns.head.container}", audience=audience or "staff",
                        wave=wave, wave_date=wave_date, codebook=codebook)



_WHOLE = re.compile(r"[+-]?\d+(\.0+)?")
MAX_CODE = 10          # answers 0..10 at most: a rating code, not a count or an amount


def near_generic_survey(sheet: Sheet) -> str | None:
    """A one-header table with rows but no agreement column: say what its answers are.
    Whole numbers with no labels are the commonest cause (a 'values' export)."""
    head = find_header(sheet)
    if head is None:
        return None
    header, data, rows = _columns(sheet, head)
    if len(data) < MIN_ROWS:
        return None
    skip = {_first_match(header, _config()["respondent_pattern"]), _first_match(header, _config()["completed_pattern"])}
    coded = [h for c, h in enumerate(header) if h and c not in skip and _codes(r[c] for _, r in data)]
    if coded:
        shown = ", ".join(f"'{h[:40]}'" for h in coded[:4]) + (f" and {len(coded) - 4} more" if len(coded) > 4 else "")
        return (f"looks like a survey sheet with one header row and {len(data)} rows of answers, but its answers "
                f"are numbers with no labels ({shown}), and nothing in the file says which number means agree. "
                "Export the answers as their text (Strongly disagree ... Strongly agree) and upload that file")
    return (f"looks like a table with one header row and {len(data)} rows, but none of its {len(header)} columns "
            "holds agreement answers (Strongly disagree ... Strongly agree)")


def _codes(cells) -> bool:
    """Every filled cell a whole number 0..MAX_CODE, more than one distinct value, and values
    repeating (a column of numbers each used once is a row number or an id, not answers)."""
    filled = [t for t in (one_line(v) for v in cells) if t]
    values = set(filled)
    if len(values) < 2 or len(values) == len(filled) or not all(_WHOLE.fullmatch(v) for v in values):
        return False
    return all(0 <= float(v) <= MAX_CODE for v in values)


LAYOUT = Layout(FORMAT, "survey",
                "survey sheet with one header row and agreement answers (Strongly disagree ... Strongly agree)",
                is_generic_survey, load_generic_survey, SURVEY_OPTIONS, columnar=load_generic_columns,
                near=near_generic_survey)

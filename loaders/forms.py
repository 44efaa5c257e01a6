"""Microsoft Forms "Open results in Excel" exports (old and new fixed columns).

One header row with ``ID, Start time, Completion time, Email, Name`` (newer exports add
``Last modified time``), then one column per question headed by its text. Columns are
found by header NAME (config/survey_headers.toml), never by position, so reordered or
extra fixed columns are fine. Every other column is classified by content
(survey_common). Default audience: staff.

A plain export (one sheet starting at A1, every question cell text; or a UTF-8 CSV) is also
loaded from Arrow text columns (loaders/columns.py), giving exactly what the grid gives: the layout's
columnar loader, which answers None whenever the grid must decide.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import pyarrow as pa

from model.text import match_key, one_line
from .columns import Columns, column_completed, column_respondents, non_blank_rows, not_text, NotPlainText
from .dates import parse_date
from .grid import Sheet
from .layout import Layout
from .survey_common import SURVEY_OPTIONS, Column, SurveyRows, build_survey, respondent_id
from .report import LoadResult
from settings.vocabulary import header_config

FORMAT = "microsoft-forms"
HEADER_SEARCH_ROWS = 5


def forms_headers() -> dict:
    return header_config("survey_headers")["forms"]


def find_forms_header(sheet: Sheet) -> int | None:
    """0-based index of the Forms header row, or None when this is not a Forms export."""
    required = {match_key(h) for h in forms_headers()["required"]}
    for index in range(min(HEADER_SEARCH_ROWS, len(sheet.rows))):
        if required <= {match_key(v) for v in sheet.rows[index]}:
            return index
    return None


def is_forms_export(sheet: Sheet) -> bool:
    return find_forms_header(sheet) is not None


def near_forms_export(sheet: Sheet) -> str | None:
    """Two of Forms' ID, Start time and Completion time, without the one detection needs."""
    marks = {match_key(h) for h in ("ID", "Start time", "Completion time")}
    for index in range(min(HEADER_SEARCH_ROWS, len(sheet.rows))):
        keys = {match_key(v) for v in sheet.rows[index]}
        missing = [h for h in forms_headers()["required"] if match_key(h) not in keys]
        if missing and len(marks & keys) >= 2:
            return (f"has the columns of a Microsoft Forms export (row {Sheet.excel_row(index)}), but no "
                    + " or ".join(f"'{h}'" for h in missing) + " column")
    return None


def is_fixed(header: str) -> bool:
    config = forms_headers()
    fixed = {match_key(h) for h in config["fixed"]}
    prefixes = tuple(p.casefold() for p in config["fixed_prefixes"])
    return match_key(header) in fixed or header.casefold().startswith(prefixes)


@dataclass(frozen=True)
class FormsHeader:
    """Where a Forms export's columns are: its header texts, the ID and completion-time
    columns, and the question columns (every column that is not a fixed one)."""

    texts: list[str]
    id_column: int
    completed_column: int

    @property
    def questions(self) -> list[tuple[int, str]]:
        return [(c, h) for c, h in enumerate(self.texts) if h and not is_fixed(h)]

    @property
    def fixed(self) -> list[tuple[int, str]]:
        """The fixed columns (ID, times, Email, Name): never questions, never comments."""
        return [(c, h) for c, h in enumerate(self.texts) if h and is_fixed(h)]


def forms_header(row: list[object]) -> FormsHeader:
    """The FormsHeader of a header row (find_forms_header says which row it is)."""
    texts = [one_line(v) for v in row]
    keys = [match_key(h) for h in texts]
    config = forms_headers()
    return FormsHeader(texts, keys.index(match_key(config["respondent"])), keys.index(match_key(config["completed"])))


def load_forms_export(sheet: Sheet, *, codebook: pd.DataFrame | None = None, audience: str | None = None,
                      wave: str | None = None, wave_date: object = None) -> LoadResult:
    """A Forms export sheet -> SURVEY_RESPONSES (see survey_common.build_survey)."""
    top = find_forms_header(sheet)
    header = forms_header(sheet.rows[top])
    data = [(i, r) for i, r in enumerate(sheet.rows[top + 1:], start=top + 1) if any(map(one_line, r))]
    excel_rows = [Sheet.excel_row(i) for i, _ in data]
    rows = SurveyRows(
        respondents=[respondent_id(r[header.id_column], n) for (_, r), n in zip(data, excel_rows)],
        completed=[parse_date(r[header.completed_column], dayfirst=False, keep_time=True) for _, r in data],
        sheet=sheet.name,
    )
    by_column = list(zip(*(r for _, r in data))) or [()] * len(header.texts)   # one pass, not one per column
    columns = [Column(index=c, header=h, wording=h, cells=list(by_column[c]), rows=excel_rows)
               for c, h in header.questions]
    rows.people = [(h, list(by_column[c])) for c, h in header.fixed]
    return build_survey(rows, columns, format=f"{FORMAT}-{sheet.container}", audience=audience or "staff",
                        wave=wave, wave_date=wave_date, codebook=codebook)


def load_forms_columns(columns: Columns, **options) -> LoadResult | None:
    """load_forms_export from Arrow columns, or None when the grid must read the file: a
    question cell that was not text in Excel, or anything odd (the grid decides, in its words)."""
    try:
        return _from_columns(columns, **options)
    except Exception:  # noqa: BLE001 - refused or odd: the grid path decides
        return None


def _from_columns(columns: Columns, *, codebook=None, audience=None, wave=None, wave_date=None) -> LoadResult:
    """The same rows, respondents and Column objects as load_forms_export.
    Raises NotPlainText when a question column holds a cell that was not text in Excel."""
    top = find_forms_header(columns.head)
    header = forms_header(columns.head.rows[top])
    data = columns.table.slice(top + 1)
    kept = non_blank_rows(data, header.id_column)
    if len(kept) < data.num_rows:
        data = data.take(pa.array(kept))
    excel_rows = (kept + top + 1 + 1).tolist()            # table row 0 is Excel row 1
    items = [Column(index=c, header=h, wording=h, cells=data.column(c), rows=excel_rows) for c, h in header.questions]
    if columns.head.container not in ("csv", "tsv") and any(not_text(item.profile.texts) for item in items):
        raise NotPlainText()
    rows = SurveyRows(respondents=column_respondents(data.column(header.id_column), excel_rows),
                      completed=column_completed(data.column(header.completed_column), wave_date, dayfirst=False),
                      sheet=columns.head.name, people=[(h, data.column(c)) for c, h in header.fixed])
    return build_survey(rows, items, format=f"{FORMAT}-{columns.head.container}", audience=audience or "staff",
                        wave=wave, wave_date=wave_date, codebook=codebook)



LAYOUT = Layout(FORMAT, "survey", "Microsoft Forms export (header 'ID, Start time, Completion time, Email, Name')",
                is_forms_export, load_forms_export, SURVEY_OPTIONS, columnar=load_forms_columns,
                near=near_forms_export)

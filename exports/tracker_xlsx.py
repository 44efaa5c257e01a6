"""The filtered action table as downloads: CSV text and a formatted xlsx (openpyxl).

Both go through exports.cells.neutralise_frame first, so no cell can run as a formula.
The workbook has a bold frozen header row, filters on, widths fitted to the text, dates
as dates, and the status cells filled with their RAG colour AND holding the status word
(colour is never the only signal); an overdue one says so and has the overdue colour.
"""
from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from charts.palette import status_fill, text_on
from exports.cells import neutralise_frame
from settings.labels import label

STATUS_HEADERS = (label("status"), label("status_now"), "RAG")   # as the tables name them
MAX_WIDTH, MIN_WIDTH = 60, 8
SHEET_TITLE = "Actions"


def tracker_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM (Excel opens it with the right characters), formulas neutralised;
    CRLF line ends, so a cell holding a lone CR or LF is quoted and stays one cell."""
    return neutralise_frame(_plain(frame)).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def tracker_xlsx(frame: pd.DataFrame, title: str = SHEET_TITLE) -> bytes:
    """The formatted workbook as bytes."""
    safe = neutralise_frame(_plain(frame))
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(list(safe.columns))
    for row in safe.itertuples(index=False):
        sheet.append([None if pd.isna(v) else v for v in row])
    _style_header(sheet, len(safe.columns))
    _colour_status(sheet, list(safe.columns))
    _fit_widths(sheet, safe)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Categories as text and dates as dates (no time), so both formats read naturally."""
    out = frame.copy()
    for column in out.columns:
        if isinstance(out[column].dtype, pd.CategoricalDtype):
            out[column] = out[column].astype(object)
        elif pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.date.astype(object)
        elif pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].astype(object)
    return out.astype(object).where(out.notna(), None)


def _style_header(sheet, width: int) -> None:
    for cell in sheet[1][:width]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _colour_status(sheet, columns: list[str]) -> None:
    for index, name in enumerate(columns, start=1):
        if name not in STATUS_HEADERS:
            continue
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            colour = status_fill(cell.value) if cell.value else None   # an overdue status its own colour
            if colour:
                cell.fill = PatternFill("solid", start_color=colour.lstrip("#"))
                cell.font = Font(color=text_on(colour).lstrip("#"), bold=True)


def _fit_widths(sheet, frame: pd.DataFrame) -> None:
    for index, column in enumerate(frame.columns, start=1):
        lengths = [len(str(column))] + [max(len(line) for line in str(v).splitlines() or [""])
                                        for v in frame[column] if v is not None]
        sheet.column_dimensions[get_column_letter(index)].width = max(MIN_WIDTH, min(MAX_WIDTH, max(lengths) + 2))

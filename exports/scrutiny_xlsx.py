"""The committee-ready scrutiny workbook: the topic-scoring matrix as a paper to table.

Sheet "Topic scores": a title, what the figures are, then one row per topic with its
meeting, strategic objective, each criterion's (mean) score shown as "2 Medium" by a
number format (the cell stays a number), coloured by level with conditional formatting,
the recomputed total and whether it reaches the cut-off. Frozen panes, A4 landscape fit
to one page wide, the header row repeated on every printed page. Sheet "Scheme": the
criteria, the scale and its labels with the same colours (the legend), the cut-off and
any what-if weights. Every text cell goes through exports.cells.neutralise_frame.
"""
from __future__ import annotations

import io
import math
from collections.abc import Mapping, Sequence

import pandas as pd
from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from exports.cells import neutralise_formula, neutralise_frame

LEVEL_FILLS = ("EAF2FB", "8DBDE8", "2073BC", "12436D")     # light to dark (sequential palette)
DARK_TEXT, LIGHT_TEXT = "1F1F1F", "FFFFFF"
THIN = Side(style="thin", color="8A8A8A")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_ROW = 4


def level_fills(levels: Sequence[int]) -> dict[int, tuple[str, str]]:
    """Score -> (fill, text colour), light to dark over the scale."""
    picks = [LEVEL_FILLS[int(i * (len(LEVEL_FILLS) - 1) / max(1, len(levels) - 1))] for i in range(len(levels))]
    return {level: (fill, LIGHT_TEXT if i >= len(levels) / 2 else DARK_TEXT)
            for i, (level, fill) in enumerate(zip(levels, picks))}


def label_format(labels: Mapping[int, str]) -> str:
    """An Excel number format printing a score with its nearest label ('2.5 High'), for three levels."""
    levels = sorted(labels)
    if len(levels) != 3:
        return "0.0"
    low, mid, high = levels
    return (f'[<{(low + mid) / 2}]0.0" {labels[low]}";[<{(mid + high) / 2}]0.0" {labels[mid]}";'
            f'0.0" {labels[high]}"')


def matrix_table(matrix: pd.DataFrame, ranking: pd.DataFrame, total_name: str) -> pd.DataFrame:
    """Rows of the paper: topic, meeting, objective, criteria, total, cut-off reached, scorers."""
    info = ranking.set_index("topic")
    out = pd.DataFrame({"Topic": matrix.index,
                        "Meeting": [info["meeting_date"].get(t) for t in matrix.index],
                        "Strategic objective": [info["objective"].get(t) for t in matrix.index]})
    out = pd.concat([out, matrix.reset_index(drop=True)], axis=1)
    out[total_name] = [info["total"].get(t) for t in matrix.index]
    out["Reaches cut-off"] = ["Yes" if info["reaches"].get(t) else "No" for t in matrix.index]
    out["Scorers"] = [info["n_scorers"].get(t) for t in matrix.index]
    return neutralise_frame(out)


def _title(ws: Worksheet, title: str, subtitle: str, width: int) -> None:
    ws["A1"], ws["A2"] = neutralise_formula(title), neutralise_formula(subtitle)
    ws["A1"].font, ws["A2"].font = Font(bold=True, size=14), Font(italic=True, size=10)
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    ws["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[2].height = 30


def _write_table(ws: Worksheet, table: pd.DataFrame) -> None:
    for col, name in enumerate(table.columns, start=1):
        cell = ws.cell(HEADER_ROW, col, str(name))
        cell.font, cell.border = Font(bold=True, color=LIGHT_TEXT), GRID
        cell.fill = PatternFill("solid", fgColor="12436D")
        cell.alignment = Alignment(wrap_text=True, vertical="bottom", horizontal="center" if col > 3 else "left")
    for r, row in enumerate(table.itertuples(index=False), start=HEADER_ROW + 1):
        for c, value in enumerate(row, start=1):
            value = None if value is None or (not isinstance(value, str) and pd.isna(value)) else value
            cell = ws.cell(r, c, value.to_pydatetime() if isinstance(value, pd.Timestamp) else value)
            cell.border = GRID
            cell.alignment = Alignment(wrap_text=c <= 3, vertical="center", horizontal="left" if c <= 3 else "center")
        ws.row_dimensions[r].height = 15 * _lines(row[0], row[2])
    ws.row_dimensions[HEADER_ROW].height = 150


def _lines(topic: object, objective: object) -> int:
    """Printed lines a row needs: its topic and objective wrap in their columns (34 and 22 wide)."""
    texts = ["" if not isinstance(v, str) else v for v in (topic, objective)]
    return max(1, *(math.ceil(len(t) / width) for t, width in zip(texts, (36, 22))))


def _format_scores(ws: Worksheet, first_col: int, n_criteria: int, n_rows: int, labels: Mapping[int, str]) -> None:
    last = get_column_letter(first_col + n_criteria - 1)
    area = f"{get_column_letter(first_col)}{HEADER_ROW + 1}:{last}{HEADER_ROW + n_rows}"
    levels = sorted(labels)
    fills = level_fills(levels)
    for i, level in enumerate(levels):
        low = level - 0.5 if i else -1e9
        high = level + 0.5 - 1e-9 if i < len(levels) - 1 else 1e9
        fill, text = fills[level]
        ws.conditional_formatting.add(area, CellIsRule(operator="between", formula=[str(low), str(high)],
                                                       fill=PatternFill("solid", bgColor=fill, fgColor=fill),
                                                       font=Font(color=text, bold=level == levels[-1])))
    for row in ws[area]:
        for cell in row:
            cell.number_format = label_format(labels)


def _page_setup(ws: Worksheet, n_cols: int) -> None:
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 2)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_setup.orientation, ws.page_setup.paperSize = "landscape", ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddFooter.left.text, ws.oddFooter.right.text = "&A", "Page &P of &N"
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width, ws.column_dimensions["C"].width = 34, 11, 22
    for col in range(4, n_cols + 1):
        ws.column_dimensions[get_column_letter(col)].width = 11


def _scheme_sheet(wb: Workbook, scheme, weights: Mapping[str, float]) -> None:
    ws = wb.create_sheet("Scheme")
    ws["A1"], ws["A1"].font = f"Scoring scheme: {scheme.name}", Font(bold=True, size=14)
    labels, fills = scheme.label_for(), level_fills(sorted(scheme.label_for()))
    rows = [("Scale", f"{scheme.scale_min} to {scheme.scale_max} per criterion"),
            ("Total", f"{scheme.total_name}: the sum of the criterion scores (the mean of the scorers' scores "
                      "where several members scored a topic), recomputed, never copied from the sheet"),
            ("Cut-off", f"{scheme.cutoff}: a topic at or above it is a candidate for the work programme"
                        if scheme.cutoff is not None else "none")]
    for r, (name, text) in enumerate(rows, start=3):
        ws.cell(r, 1, name).font, ws.cell(r, 2, text).alignment = Font(bold=True), Alignment(wrap_text=True, vertical="top")
        ws.cell(r, 1).alignment, ws.row_dimensions[r].height = Alignment(vertical="top"), 15 * math.ceil(len(text) / 75)
    ws.cell(7, 1, "Legend").font = Font(bold=True)
    for r, level in enumerate(sorted(labels), start=8):
        fill, text = fills[level]
        cell = ws.cell(r, 1, f"{level} = {labels[level]}")
        cell.fill, cell.font, cell.border = PatternFill("solid", fgColor=fill), Font(color=text, bold=True), GRID
    start = 9 + len(labels)
    ws.cell(start, 1, "Criterion").font, ws.cell(start, 2, "Weight").font = Font(bold=True), Font(bold=True)
    for r, criterion in enumerate(scheme.criteria, start=start + 1):
        ws.cell(r, 1, neutralise_formula(criterion)).alignment = Alignment(wrap_text=True, vertical="top")
        ws.row_dimensions[r].height = 15 * math.ceil(len(criterion) / 62)
        ws.cell(r, 2, weights.get(criterion, 1.0)).alignment = Alignment(horizontal="center")
    note = ("What-if weights applied to the totals." if weights else "No weights: every criterion counts once.")
    ws.cell(start + len(scheme.criteria) + 2, 1, note).font = Font(italic=True)
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 60, 70
    ws.page_setup.orientation, ws.page_setup.paperSize = "landscape", ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def committee_workbook(matrix: pd.DataFrame, ranking: pd.DataFrame, scheme, title: str, subtitle: str,
                       weights: Mapping[str, float] | None = None) -> bytes:
    """The xlsx bytes of the committee paper (see the module docstring)."""
    weights = dict(weights or {})
    table = matrix_table(matrix, ranking, scheme.total_name)
    wb = Workbook()
    ws = wb.active
    ws.title = "Topic scores"
    _title(ws, title, subtitle, len(table.columns))
    _write_table(ws, table)
    _format_scores(ws, 4, matrix.shape[1], len(table), scheme.label_for())
    for r in range(HEADER_ROW + 1, HEADER_ROW + 1 + len(table)):
        ws.cell(r, 2).number_format = "d mmm yyyy"
        ws.cell(r, 4 + matrix.shape[1]).number_format = "0.0"
        ws.cell(r, 4 + matrix.shape[1]).font = Font(bold=True)
    _page_setup(ws, len(table.columns))
    _scheme_sheet(wb, scheme, weights)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def scores_csv(table: pd.DataFrame) -> bytes:
    """A CSV download of a table, formula-neutralised, UTF-8 with BOM (opens cleanly in Excel)."""
    return neutralise_frame(table).to_csv(index=False).encode("utf-8-sig")

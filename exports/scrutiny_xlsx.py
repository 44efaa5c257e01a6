"""The committee-ready scrutiny workbook: the topic-scoring matrix as a paper to table.

Sheet "Topic scores": a title, what the figures are, then one row per topic with its
meeting, strategic objective, each criterion's (mean) score to 1 decimal place shown as
"2.7 High" by a number format (the cell stays a number; read as the heatmap reads it,
charts.scrutiny.cell_reading), coloured by level with conditional formatting, the
recomputed total and whether it reaches the cut-off. With what-if weights the unweighted
total and the weighted one are two columns, each named, the weighted one with its weights. Frozen panes, A4 landscape fit
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

from charts.scrutiny import shown_score
from exports.cells import neutralise_formula, neutralise_frame
from metrics.scrutiny_views import weights_statement

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


def total_columns(total_name: str, weights: Mapping[str, float] | None, criteria: Sequence[str]) -> list[str]:
    """The names of the paper's total columns: the total alone, or with what-if weights the
    unweighted total and the weighted one, which states its weights."""
    if not weights:
        return [total_name]
    return [f"{total_name} (unweighted)", f"Weighted {total_name} ({weights_statement(weights, criteria)})"]


def _reaches(reaches: bool, crossing: str) -> str:
    return ("Yes" if reaches else "No") + (" (only because of the weights)" if crossing else "")


def matrix_table(matrix: pd.DataFrame, ranking: pd.DataFrame, total_name: str,
                 weights: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Rows of the paper: topic, meeting, objective, criteria (as shown: 1 dp), the total (with
    weights: unweighted and weighted), whether it reaches the cut-off, scorers."""
    info = ranking.set_index("topic")
    out = pd.DataFrame({"Topic": matrix.index,
                        "Meeting": [info["meeting_date"].get(t) for t in matrix.index],
                        "Strategic objective": [info["objective"].get(t) for t in matrix.index]})
    shown = matrix.apply(pd.to_numeric, errors="coerce").apply(lambda column: column.map(shown_score))
    out = pd.concat([out, shown.reset_index(drop=True)], axis=1)
    names = total_columns(total_name, weights, list(matrix.columns))
    if weights:
        out[names[0]] = [info["unweighted"].get(t) for t in matrix.index]
    out[names[-1]] = [info["total"].get(t) for t in matrix.index]
    crossing = info["crossing"] if "crossing" in info else pd.Series("", index=info.index)
    out["Reaches cut-off" + (" with the weights" if weights else "")] = [
        _reaches(bool(info["reaches"].get(t)), str(crossing.get(t) or "") if weights else "") for t in matrix.index]
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
    note = (f"What-if weights: {weights_statement(weights, scheme.criteria)}. The Topic scores sheet shows the "
            f"unweighted {scheme.total_name} and the weighted one side by side." if weights
            else "No weights: every criterion counts once.")
    ws.cell(start + len(scheme.criteria) + 2, 1, note).font = Font(italic=True)
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = 60, 70
    ws.page_setup.orientation, ws.page_setup.paperSize = "landscape", ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def committee_workbook(matrix: pd.DataFrame, ranking: pd.DataFrame, scheme, title: str, subtitle: str,
                       weights: Mapping[str, float] | None = None) -> bytes:
    """The xlsx bytes of the committee paper (see the module docstring)."""
    weights = dict(weights or {})
    table = matrix_table(matrix, ranking, scheme.total_name, weights)
    totals = len(total_columns(scheme.total_name, weights, list(matrix.columns)))
    wb = Workbook()
    ws = wb.active
    ws.title = "Topic scores"
    _title(ws, title, subtitle, len(table.columns))
    _write_table(ws, table)
    _format_scores(ws, 4, matrix.shape[1], len(table), scheme.label_for())
    first_total = 4 + matrix.shape[1]
    for r in range(HEADER_ROW + 1, HEADER_ROW + 1 + len(table)):
        ws.cell(r, 2).number_format = "d mmm yyyy"
        for c in range(first_total, first_total + totals):
            ws.cell(r, c).number_format = "0.0"
        ws.cell(r, first_total + totals - 1).font = Font(bold=True)   # the total the ranking and cut-off use
    _page_setup(ws, len(table.columns))
    if weights:      # the weighted total's header states its weights, and "Yes (only because of ...)" needs room
        for c in (first_total + 1, first_total + 2):
            ws.column_dimensions[get_column_letter(c)].width = 24
        header = str(table.columns[first_total])
        ws.row_dimensions[HEADER_ROW].height = max(150, 15 * (math.ceil(len(header) / 22) + 1))
    _scheme_sheet(wb, scheme, weights)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def scores_csv(table: pd.DataFrame) -> bytes:
    """A CSV download of a table, formula-neutralised, UTF-8 with BOM (opens cleanly in Excel)."""
    return neutralise_frame(table).to_csv(index=False).encode("utf-8-sig")

"""A table of text that wraps: every word of every cell shows, at any width, with no
scrolling inside the table. Pure HTML (no Streamlit here; ``widgets.wrapped_table`` draws it).

A grid widget (st.dataframe) cuts a long action at its column's edge and scrolls sideways
inside itself; on a phone most columns are off screen. This table wraps each cell instead,
and below 640 px wide each row becomes a block of "Column: value" lines, so a 390 px screen
reads it top to bottom without scrolling sideways. Status cells carry their colour and
their words (an overdue one its overdue colour and "…, 16 days overdue"). Every value is
HTML-escaped; explicit table roles keep it a table for screen readers when it is restacked.
"""
from __future__ import annotations

from html import escape

import pandas as pd

from charts.palette import STATUS_COLOURS, status_fill, text_on
from charts.text import day

NARROW_PX = 640
SHORT = 12   # characters: a cell this short never wraps

CSS = f"""<style>
.wrapped-table {{ width: 100%; border-collapse: collapse; font-size: 0.875rem; line-height: 1.45; }}
.wrapped-table th, .wrapped-table td {{ border: 1px solid #D9D9D9; padding: 0.3rem 0.5rem; text-align: left;
  vertical-align: top; overflow-wrap: anywhere; }}
.wrapped-table th {{ background: #F3F2F1; font-weight: 600; }}
.wrapped-table td.status {{ font-weight: 600; }}
.wrapped-table td.short {{ white-space: nowrap; }}
.wrapped-table .cell-label {{ display: none; }}
@media (max-width: {NARROW_PX}px) {{
  .wrapped-table thead {{ display: none; }}
  .wrapped-table, .wrapped-table tbody, .wrapped-table tr, .wrapped-table td {{ display: block; width: auto; }}
  .wrapped-table tr {{ border: 1px solid #B1B4B6; margin-bottom: 0.6rem; }}
  .wrapped-table td {{ border: none; border-bottom: 1px solid #EEEEEE; }}
  .wrapped-table td:empty {{ display: none; }}
  .wrapped-table .cell-label {{ display: inline; font-weight: 600; }}
}}
</style>"""


def cell_text(value) -> str:
    """A value as the table shows it: dates as '30 Sep 2024', whole numbers without '.0',
    missing values blank."""
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return day(value)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _cell(column: str, value, status: bool, colours: dict[str, str], whole_lines: bool = False) -> str:
    text = cell_text(value)
    if not text:
        return '<td role="cell"></td>'
    lines = text.replace("\r\n", "\n").split("\n")
    body = "<br>".join(f'<span style="white-space:nowrap">{escape(line)}</span>' if whole_lines else escape(line)
                       for line in lines)
    label = f'<span class="cell-label">{escape(column)}: </span>'
    short = ' class="short"' if len(text) <= SHORT else ""   # a reference or a date is not split over lines
    fill = status_fill(text, colours) if status else None
    if fill:
        kind = "status short" if short else "status"
        return (f'<td role="cell" class="{kind}" style="background-color:{fill};color:{text_on(fill)}">'
                f"{label}{body}</td>")
    return f'<td role="cell"{short}>{label}{body}</td>'


def table_html(frame: pd.DataFrame, status_columns: tuple[str, ...] = (), colours: dict[str, str] | None = None,
               caption: str | None = None, line_columns: tuple[str, ...] = ()) -> str:
    """The frame (display names as its columns) as one wrapping HTML table; the cells of
    ``status_columns`` filled with their status colour (``colours``, default STATUS_COLOURS);
    each line of a ``line_columns`` cell kept whole (a short dated line, '21 Jan 2025: Green',
    read report by report: split anywhere, a narrow column would break it mid-date)."""
    colours = STATUS_COLOURS if colours is None else colours
    columns = [str(c) for c in frame.columns]
    head = "".join(f'<th scope="col" role="columnheader">{escape(c)}</th>' for c in columns)
    rows = "".join(
        '<tr role="row">' + "".join(_cell(c, v, c in status_columns, colours, c in line_columns) for c, v in zip(columns, row)) + "</tr>"
        for row in frame.itertuples(index=False, name=None))
    title = f"<caption>{escape(caption)}</caption>" if caption else ""
    return (f'{CSS}<table class="wrapped-table" role="table">{title}<thead role="rowgroup"><tr role="row">{head}'
            f'</tr></thead><tbody role="rowgroup">{rows}</tbody></table>')

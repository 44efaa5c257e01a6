"""Improvement-plan tracker, council layout: seven xlsx snapshots (trackers/improvement_plan_*.xlsx).

Sheet ``Improvement Plan``: three title rows (authority; ``Improvement Plan Update``;
``Reported to <committee> <d Month yyyy>``), a blank row, the header row, then for each
improvement area a merged row across all columns holding the area, followed by its actions.
Header names, column order, RAG spellings and due-date styles vary between snapshots; the
last snapshot adds ``Close-down category``.
"""
from __future__ import annotations

import datetime as dt

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from .actions import ACTIONS, CLOSURE, Action
from .outputs import Output
from .story import AUTHORITY, SNAPSHOTS, rng
from .tracker_text import council_due, evidence, long_date, progress_note, rag_text
from .xlsx_bytes import workbook_bytes

# Logical column -> header text, per snapshot index; the order here is the column order.
HEADERS: dict[int, list[tuple[str, str]]] = {
    0: [("ref", "Ref"), ("action", "Action"), ("owner", "Lead Officer"), ("source", "Source"),
        ("due", "Target Date"), ("rag", "RAG"), ("progress", "Progress Update")],
    1: [("ref", "No."), ("action", "Action"), ("owner", "Lead Officer"), ("source", "Source"),
        ("due", "Target Date"), ("rag", "RAG"), ("progress", "Progress Update")],
    2: [("ref", "Ref"), ("action", "Recommendation"), ("owner", "Responsible Officer"),
        ("source", "Source"), ("due", "Timescale"), ("rag", "Status"),
        ("progress", "Commentary")],
    4: [("ref", "Ref"), ("action", "Action"), ("owner", "Responsible Officer"),
        ("source", "Source"), ("due", "Target Date"), ("rag", "RAG"),
        ("progress", "Progress Update"), ("evidence", "Evidence")],
    5: [("ref", "No."), ("action", "Action"), ("owner", "Lead Officer"), ("due", "Timescale"),
        ("rag", "RAG"), ("progress", "Commentary"), ("evidence", "Evidence"),
        ("source", "Source")],
    7: [("ref", "Ref"), ("action", "Action"), ("owner", "Lead Officer"), ("source", "Source"),
        ("due", "Target Date"), ("rag", "Status"), ("progress", "Progress Update"),
        ("evidence", "Evidence")],
    8: [("ref", "Ref"), ("action", "Action"), ("owner", "Lead Officer"), ("source", "Source"),
        ("due", "Target Date"), ("rag", "RAG"), ("progress", "Progress Update"),
        ("evidence", "Evidence"), ("closure", "Close-down category")],
}
#: Snapshots whose dates are typed as UK text rather than real dates.
TEXT_DATES = {2, 5}
HEADER_ROW = 5
AREA_FILL = PatternFill("solid", fgColor="D9E2F3")


def _cells(action: Action, snapshot: int, day: dt.date, r) -> dict[str, object]:
    return {
        "ref": action.ref,
        "action": action.title,
        "owner": action.owner,
        "source": action.source,
        "due": council_due(action.due_at(snapshot), snapshot in TEXT_DATES),
        "rag": rag_text(action, snapshot),
        "progress": progress_note(r, action, snapshot, day),
        "evidence": evidence(r, action, snapshot),
        "closure": CLOSURE[action.closure],
    }


def report_sheet(title: str, subtitle: str, committee: str, day: dt.date, columns,
                 subtitle_font: Font | None = None):
    """A council report workbook: the authority, the report's name and where it went, then
    the bold header row at HEADER_ROW (the trackers and the monitoring reports share it)."""
    wb = Workbook()
    ws = wb.active
    ws.title = title
    ws["A1"] = AUTHORITY
    ws["A2"] = subtitle
    ws["A3"] = f"Reported to {committee} {long_date(day)}"
    ws["A1"].font = Font(bold=True, size=14)
    if subtitle_font is not None:
        ws["A2"].font = subtitle_font
    for col, (_, text) in enumerate(columns, start=1):
        ws.cell(HEADER_ROW, col, text).font = Font(bold=True)
    return wb, ws


def build_snapshot(snapshot: int) -> Output:
    day, _, committee = SNAPSHOTS[snapshot]
    r = rng(f"tracker:{day.isoformat()}")
    columns = HEADERS[snapshot]
    wb, ws = report_sheet("Improvement Plan", "Improvement Plan Update", committee, day, columns,
                          subtitle_font=Font(bold=True, size=12))
    row = HEADER_ROW + 1
    present = [a for a in ACTIONS if a.status[snapshot] != "-"]
    areas = list(dict.fromkeys(a.area for a in ACTIONS))
    for area in areas:
        in_area = [a for a in present if a.area == area]
        if not in_area:
            continue
        ws.cell(row, 1, area).font = Font(bold=True)
        ws.cell(row, 1).fill = AREA_FILL
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(columns))
        row += 1
        for action in in_area:
            values = _cells(action, snapshot, day, r)
            for col, (key, _) in enumerate(columns, start=1):
                cell = ws.cell(row, col, values[key])
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                if isinstance(values[key], dt.datetime):
                    cell.number_format = "dd/mm/yyyy"
            row += 1
    for col, (key, _) in enumerate(columns, start=1):
        width = {"action": 60, "progress": 55, "closure": 40}.get(key, 18)
        ws.column_dimensions[ws.cell(HEADER_ROW, col).column_letter].width = width
    return Output(path=f"trackers/improvement_plan_{day.isoformat()}.xlsx",
                  data=workbook_bytes(wb), kind="actions", records=len(present),
                  snapshot_date=day)


def build() -> list[Output]:
    return [build_snapshot(i) for i, (_, layout, _) in enumerate(SNAPSHOTS) if layout == "council"]

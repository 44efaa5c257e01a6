"""Directorate Business Plan monitoring after the close-down: three xlsx reports
(trackers/dbp_monitoring_*.xlsx) following the actions moved into the plans on 16 Oct 2024.

A different layout from the plan's, as a council's later reports are: sheet ``DBP
Monitoring``; title rows (authority; ``Directorate Business Plans: improvement actions
carried forward``; ``Reported to <committee> <d Month yyyy>``), a blank row, then the header
``Ref, Action, Directorate, Lead Officer, Revised target date, Status, Quarterly update``
(no Source, Evidence or Close-down category), the improvement area as a merged row above
its actions. Statuses are spelt ``On track`` / ``Amber`` / ``Completed`` / ``Superseded``.
"""
from __future__ import annotations

from openpyxl.styles import Alignment, Font, PatternFill

from .actions import ACTIONS, FOLLOW_UP, FOLLOW_UP_DUE, Action
from .outputs import Output
from .story import MONITORING, SNAPSHOTS, rng
from .trackers import HEADER_ROW, report_sheet
from .tracker_text import NEXT_STEPS, PROGRESS, council_due, long_date
from .xlsx_bytes import workbook_bytes

HEADERS = [("ref", "Ref"), ("action", "Action"), ("directorate", "Directorate"), ("owner", "Lead Officer"),
           ("due", "Revised target date"), ("rag", "Status"), ("progress", "Quarterly update")]
STATUS = {"G": "On track", "A": "Amber", "C": "Completed", "S": "Superseded"}
DIRECTORATE = {
    "Executive Director - Resources": "Resources and Performance", "Head of HR": "Resources and Performance",
    "Head of Policy": "Chief Executive's Office", "Chief Executive": "Chief Executive's Office",
    "Executive Director - Economy and Growth": "Economy and Growth",
}
SUPERSEDED = "Superseded: now monitored through the corporate Performance Management Framework."
AREA_FILL = PatternFill("solid", fgColor="E2EFDA")


def _due(action: Action) -> object:
    return council_due(FOLLOW_UP_DUE.get(action.ref, action.due_at(len(SNAPSHOTS) - 1)), False)


def _update(r, code: str, day) -> str:
    if code == "S":
        return f"{long_date(day)}: {SUPERSEDED}"
    return f"{long_date(day)}: {r.choice(PROGRESS[code])}\n{NEXT_STEPS[code]}"


def build_report(index: int) -> Output:
    day, committee = MONITORING[index]
    r = rng(f"dbp-monitoring:{day.isoformat()}")
    wb, ws = report_sheet("DBP Monitoring", "Directorate Business Plans: improvement actions carried forward",
                          committee, day, HEADERS)
    present = [a for a in ACTIONS if FOLLOW_UP.get(a.ref, "---")[index] != "-"]
    row = HEADER_ROW + 1
    for area in dict.fromkeys(a.area for a in present):
        ws.cell(row, 1, area).font = Font(bold=True)
        ws.cell(row, 1).fill = AREA_FILL
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(HEADERS))
        row += 1
        for action in (a for a in present if a.area == area):
            code = FOLLOW_UP[action.ref][index]
            values = {"ref": action.ref, "action": action.title, "directorate": DIRECTORATE[action.owner],
                      "owner": action.owner, "due": _due(action), "rag": STATUS[code],
                      "progress": _update(r, code, day)}
            for col, (key, _) in enumerate(HEADERS, start=1):
                cell = ws.cell(row, col, values[key])
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                if key == "due" and not isinstance(values[key], str):
                    cell.number_format = "dd/mm/yyyy"
            row += 1
    for col, (key, _) in enumerate(HEADERS, start=1):
        ws.column_dimensions[ws.cell(HEADER_ROW, col).column_letter].width = {"action": 60, "progress": 55}.get(key, 20)
    return Output(path=f"trackers/dbp_monitoring_{day.isoformat()}.xlsx", data=workbook_bytes(wb), kind="actions",
                  records=len(present), snapshot_date=day)


def build() -> list[Output]:
    return [build_report(i) for i in range(len(MONITORING))]

"""Improvement-plan tracker, Microsoft Planner "Export plan to Excel": two xlsx snapshots.

Sheet ``Tasks``: ``Plan name``, ``Plan ID``, ``Date of export`` in rows 1-3 (label in A,
value in B), a blank row, the header on row 5. Every cell is a string and dates are
``MM/DD/YYYY`` text. The newer export spells headers in a different case and order.
Task Name starts with the action reference, Bucket Name is the improvement area, Labels
carry the RAG colour word.
"""
from __future__ import annotations

import datetime as dt
import string

from openpyxl import Workbook

from .actions import ACTIONS, Action
from .outputs import Output
from .story import SNAPSHOTS, rng
from .tracker_text import planned_end, progress_note
from .xlsx_bytes import workbook_bytes

OLD_HEADER = ["Task ID", "Task Name", "Bucket Name", "Progress", "Priority", "Assigned To",
              "Created By", "Created Date", "Start date", "Due date", "Late",
              "Completed Date", "Completed By", "Description", "Labels"]
NEW_HEADER = ["Task ID", "Task name", "Bucket name", "Progress", "Priority", "Assigned to",
              "Labels", "Due date", "Start date", "Late", "Created by", "Created date",
              "Completed date", "Completed by", "Description"]
PLAN_NAME = "CPCA Improvement Plan"
CREATED_BY = "Improvement Programme Manager"
PLAN_CREATED = dt.date(2023, 10, 2)
PROGRESS = {"N": "Not started", "C": "Completed", "S": "Completed"}
LABELS = {"R": "Red", "A": "Amber", "G": "Green", "C": "Complete", "H": "On hold",
          "S": "Superseded", "N": ""}
PRIORITY = {"R": "Urgent", "A": "Important"}
ID_CHARS = string.ascii_letters + string.digits + "-_"


def us_date(day: dt.date | None) -> str:
    return day.strftime("%m/%d/%Y") if day else ""


def _task_ids() -> dict[str, str]:
    r = rng("planner:task-ids")
    return {a.ref: "".join(r.choice(ID_CHARS) for _ in range(28)) for a in ACTIONS}


def _completed_on(action: Action, snapshot: int) -> dt.date | None:
    """Completion: a fixed number of days after the last snapshot before it was complete."""
    if action.status[snapshot] not in "CS":
        return None
    first = min(i for i, c in enumerate(action.status) if c in "CS")
    if first == 0:
        return SNAPSHOTS[0][0] - dt.timedelta(days=9)
    return SNAPSHOTS[first - 1][0] + dt.timedelta(days=11 + len(action.ref) * 2)


def task_fields(action: Action, snapshot: int, task_id: str, r) -> dict[str, str]:
    day = SNAPSHOTS[snapshot][0]
    code = action.status[snapshot]
    first = action.status.index(next(c for c in action.status if c != "-"))
    created = max(PLAN_CREATED, SNAPSHOTS[first][0])
    due = planned_end(action.due_at(snapshot))
    completed = _completed_on(action, snapshot)
    late = code not in "CS" and due is not None and due < day
    return {
        "Task ID": task_id,
        "Task Name": f"{action.ref} {action.title}",
        "Bucket Name": action.area,
        "Progress": PROGRESS.get(code, "In progress"),
        "Priority": PRIORITY.get(code, "Medium"),
        "Assigned To": action.owner,
        "Created By": CREATED_BY,
        "Created Date": us_date(created),
        "Start date": us_date(created),
        "Due date": us_date(due),
        "Late": "true" if late else "false",
        "Completed Date": us_date(completed),
        "Completed By": CREATED_BY if completed else "",
        "Description": f"Source: {action.source}\n{progress_note(r, action, snapshot, day)}",
        "Labels": LABELS[code],
    }


def build_snapshot(snapshot: int, header: list[str]) -> Output:
    day = SNAPSHOTS[snapshot][0]
    r = rng(f"planner:{day.isoformat()}")
    ids = _task_ids()
    wb = Workbook()
    ws = wb.active
    ws.title = "Tasks"
    ws.append(["Plan name", PLAN_NAME])
    ws.append(["Plan ID", "pL4nCpCa1mPr0v3m3ntPl4n0001"])
    ws.append(["Date of export", us_date(day)])
    ws.append([])
    ws.append(header)
    present = [a for a in ACTIONS if a.status[snapshot] != "-"]
    for action in present:
        fields = task_fields(action, snapshot, ids[action.ref], r)
        by_lower = {k.lower(): v for k, v in fields.items()}
        # Empty strings are left as empty cells, as Planner leaves them.
        ws.append([by_lower[h.lower()] or None for h in header])
    return Output(path=f"trackers/improvement_plan_{day.isoformat()}.xlsx",
                  data=workbook_bytes(wb), kind="actions", records=len(present),
                  snapshot_date=day)


def build() -> list[Output]:
    planner = [i for i, (_, layout, _) in enumerate(SNAPSHOTS) if layout == "planner"]
    return [build_snapshot(i, OLD_HEADER if n == 0 else NEW_HEADER)
            for n, i in enumerate(planner)]

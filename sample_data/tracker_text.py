"""Text shared by both tracker layouts: due dates, RAG spellings, progress notes, evidence.

Due dates are planned as ``YYYY-MM-DD``, ``YYYY-MM``, ``Q3 2023/24`` or ``Ongoing``
(see actions.py) and written as a real date, UK text, a month, a quarter or ``Ongoing``.
"""
from __future__ import annotations

import calendar
import datetime as dt
import random

from .actions import Action

MONTHS = ("Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct",
          "Nov", "Dec")

# Per council snapshot index: how the status letters are spelt in the RAG column.
_BASE = {"N": "Not started", "R": "Red", "A": "Amber", "G": "Green", "C": "Complete",
         "H": "On hold", "S": "Superseded"}
RAG_SPELLINGS: dict[int, dict[str, str]] = {
    0: {**_BASE, "R": "R", "A": "A", "G": "G"},
    1: dict(_BASE),
    2: {**_BASE, "C": "Blue"},
    4: {**_BASE, "C": "Completed"},
    5: dict(_BASE),
    7: {**_BASE, "C": "Completed"},
    8: dict(_BASE),
}
# Snapshots where a colour that just improved is written as a two-colour transition.
TRANSITION_SPELLINGS = {5: {("R", "A"): "Red/Amber", ("A", "G"): "Amber/Green"},
                        7: {("A", "G"): "Amber/Green"}}

PROGRESS = {
    "N": ("Not yet started; scoping to begin next quarter.",
          "Not started: dependent on earlier actions in the plan."),
    "R": ("Behind plan: capacity in the team is limited.",
          "Behind plan: awaiting decisions from partners.",
          "Significant risk to the target date; escalated to Corporate Management Team."),
    "A": ("In progress; some risk to the target date.",
          "Work under way; timescale under review.",
          "Progressing, but dependent on recruitment to vacant posts."),
    "G": ("On track.", "On track; report scheduled for the next Board.",
          "Progressing well; evidence being gathered."),
    "C": ("Complete.", "Complete; now business as usual.",
          "Complete; evidence of impact reported to the Independent Improvement Board."),
    "H": ("On hold pending the outcome of the staff survey.",),
    "S": ("Superseded by actions in the Phase 3 Improvement Plan.",),
}
NEXT_STEPS = {
    "N": "Next step: agree scope and lead officer.",
    "R": "Next step: recovery plan to Corporate Management Team.",
    "A": "Next step: confirm revised timescale.",
    "G": "Next step: report progress to the Independent Improvement Board.",
    "C": "Next step: monitor through Directorate Business Plans.",
    "H": "Next step: review at the next Improvement Group.",
    "S": "No further updates will be given.",
}
EVIDENCE = (
    "Report to Combined Authority Board",
    "Minutes of Audit and Governance Committee",
    "Independent Improvement Board observations",
    "Staff survey results",
    "Directorate Business Plans",
    "Internal Audit report",
)


def long_date(day: dt.date) -> str:
    """``16 October 2024`` (no leading zero)."""
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def planned_end(due: str) -> dt.date | None:
    """The last day a planned due date allows; None for ``Ongoing``."""
    if due == "Ongoing":
        return None
    if due.startswith("Q"):
        quarter, years = due[1], due.split()[1]
        start_year = int(years[:4])
        month = 3 * int(quarter) + 3          # Q1 = Apr-Jun, ..., Q4 = Jan-Mar
        year = start_year + (month > 12)
        month = month - 12 if month > 12 else month
        return dt.date(year, month, calendar.monthrange(year, month)[1])
    parts = [int(p) for p in due.split("-")]
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return dt.date(*parts)


def council_due(due: str, as_text: bool) -> object:
    """A due date as a council tracker writes it: a real date or UK text, a month, a quarter."""
    if due == "Ongoing" or due.startswith("Q"):
        return due
    parts = [int(p) for p in due.split("-")]
    if len(parts) == 2:
        return f"{MONTHS[parts[1] - 1]} {parts[0]}"
    day = dt.date(*parts)
    return day.strftime("%d/%m/%Y") if as_text else dt.datetime(day.year, day.month, day.day)


def rag_text(action: Action, snapshot: int) -> str:
    code = action.status[snapshot]
    previous = action.status[snapshot - 1] if snapshot else "-"
    transition = TRANSITION_SPELLINGS.get(snapshot, {}).get((previous, code))
    return transition or RAG_SPELLINGS[snapshot][code]


def progress_note(r: random.Random, action: Action, snapshot: int, day: dt.date) -> str:
    """A multi-line progress cell."""
    code = action.status[snapshot]
    lines = [f"{long_date(day)}: {r.choice(PROGRESS[code])}"]
    if snapshot in action.due and snapshot > min(action.due):
        lines.append(f"Target date revised to {council_due(action.due_at(snapshot), True)}.")
    lines.append(NEXT_STEPS[code])
    return "\n".join(lines)


def evidence(r: random.Random, action: Action, snapshot: int) -> str | None:
    code = action.status[snapshot]
    if code in "CG" or r.random() < 0.3:
        return r.choice(EVIDENCE)
    return None

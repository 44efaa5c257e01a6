"""The phase-3 close-down and the actions followed after it.

The close-down is the report that gives each action a close-down category (seed 002); it is
not necessarily the latest report: Directorate Business Plan monitoring and the Advisory and
Support Group period carry on reporting the open actions, usually in a layout without that
column. So the close-down is read at its own report (the latest one with a category), and
each action moved into Directorate Business Plans is followed through every later report to
its status now: complete, dropped (Superseded or Not applicable) or still open. The counts
share the one denominator of every completion share (``metrics.actions.completion``).
Pure pandas, no Streamlit.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from model.frames import CLOSURE_CATEGORIES
from model.plan_reports import closedown_date
from metrics.actions import COMPLETE, OUT_OF_SCOPE, Completion, completion, status_words, with_overdue

MOVED_TO_DBP = CLOSURE_CATEGORIES[2]
OUTCOMES = ("Complete", "Dropped", "Still open")


def closedown_snapshot(actions: pd.DataFrame) -> pd.DataFrame:
    """The rows of the close-down report (none when no report gives a category)."""
    when = closedown_date(actions)
    rows = actions.loc[actions["snapshot_date"] == when] if when is not None else actions.iloc[0:0]
    return rows.reset_index(drop=True)


def reports_of(reports: pd.DataFrame, chosen: pd.DataFrame) -> pd.DataFrame:
    """Every report (the plan's and the later ones) of the actions in ``chosen``: a page filters
    the plan's actions by area, owner, source or phase, which a later report seldom carries, so
    the follow-up takes the same actions by reference."""
    return reports.loc[reports["reference"].isin(chosen["reference"].dropna().unique())].reset_index(drop=True)


def outcome(status: object) -> str:
    """Complete, Dropped (Superseded / Not applicable) or Still open (anything else, unknown too)."""
    if status == COMPLETE:
        return "Complete"
    return "Dropped" if status in OUT_OF_SCOPE else "Still open"


NOT_IN_REPORT = "not in this report"


def report_by_report(history: pd.DataFrame, dates: list[pd.Timestamp]) -> str:
    """One action's status at each later report, one line each ('21 Jan 2025: Amber'), an
    overdue one saying so, a report that leaves it out saying that. ``history`` is the action's
    later rows with ``days_overdue``."""
    at = history.drop_duplicates("snapshot_date").set_index("snapshot_date")
    return "\n".join(f"{_day(d)}: {status_words(at.at[d, 'status'], at.at[d, 'days_overdue']) if d in at.index else NOT_IN_REPORT}"
                     for d in dates)


def followed_actions(actions: pd.DataFrame) -> pd.DataFrame:
    """Each action moved into Directorate Business Plans at close-down, followed through every
    later report. Columns: reference, action, owner, status_at_closedown, days_overdue_at_closedown,
    report_by_report (its status at each later report: ``report_by_report``), last_reported,
    reports_since (later reports that carry it), status_now, due_date, days_overdue (at its last
    report), progress_note, outcome. Reference order."""
    moved = with_overdue(closedown_snapshot(actions))
    moved = moved.loc[moved["closure_category"] == MOVED_TO_DBP].drop_duplicates("reference")
    columns = ["reference", "action", "owner", "status_at_closedown", "days_overdue_at_closedown", "report_by_report",
               "last_reported", "reports_since", "status_now", "due_date", "days_overdue", "progress_note", "outcome"]
    if moved.empty:
        return pd.DataFrame(columns=columns)
    when = closedown_date(actions)
    history = actions.loc[actions["reference"].isin(moved["reference"]) & (actions["snapshot_date"] >= when)]
    history = with_overdue(history.sort_values(["reference", "snapshot_date"], kind="stable"))
    later = history.loc[history["snapshot_date"] > when]
    dates = sorted(actions.loc[actions["snapshot_date"] > when, "snapshot_date"].dropna().unique())
    last = history.drop_duplicates("reference", keep="last").set_index("reference")
    since = later.groupby("reference")["snapshot_date"].nunique()
    trail = {ref: report_by_report(later.loc[later["reference"] == ref], [pd.Timestamp(d) for d in dates]) or None
             for ref in moved["reference"]}
    out = moved.set_index("reference")[["action", "owner", "status", "days_overdue"]].rename(
        columns={"status": "status_at_closedown", "days_overdue": "days_overdue_at_closedown"})
    out = out.assign(report_by_report=pd.Series(trail, dtype=object).reindex(out.index),
                     last_reported=last["snapshot_date"], reports_since=since.reindex(out.index).fillna(0).astype(int),
                     status_now=last["status"], due_date=last["due_date"], days_overdue=last["days_overdue"],
                     progress_note=last["progress_note"], action=last["action"].fillna(out["action"]))
    out["outcome"] = [outcome(s) for s in out["status_now"]]
    return out.reset_index().sort_values("reference", kind="stable")[columns].reset_index(drop=True)


@dataclass(frozen=True)
class FollowUp:
    """What became of the actions moved into Directorate Business Plans at close-down."""
    closedown: pd.Timestamp | None
    latest_report: pd.Timestamp | None       # the latest report after the close-down, if any
    n_moved: int
    n_complete: int
    n_dropped: int
    n_open: int
    n_last_reported_earlier: int             # followed actions missing from the latest report
    completion: Completion                   # the one denominator: the followed actions in scope


def follow_up(actions: pd.DataFrame) -> FollowUp:
    table = followed_actions(actions)
    when = closedown_date(actions)
    later = actions.loc[actions["snapshot_date"] > when, "snapshot_date"] if when is not None else []
    latest = pd.Timestamp(later.max()) if len(later) else None
    counts = table["outcome"].value_counts()
    now = pd.DataFrame({"snapshot_date": latest if latest is not None else when, "status": table["status_now"]})
    earlier = int((table["last_reported"] < latest).sum()) if latest is not None else 0
    return FollowUp(when, latest, len(table), int(counts.get("Complete", 0)), int(counts.get("Dropped", 0)),
                    int(counts.get("Still open", 0)), earlier, completion(now))


def _day(date: pd.Timestamp) -> str:
    return f"{date.day} {date:%b %Y}"


def _actions(n: int) -> str:
    return f"{n} action{'' if n == 1 else 's'}"


def follow_up_sentence(summary: FollowUp) -> str:
    """'Of the 9 actions moved into Directorate Business Plans at close-down (16 Oct 2024), 5 are
    now complete, 1 dropped, 3 still open (at the 30 May 2025 report). That is 5 of 8 actions
    complete (62%), not counting 1 superseded action.'"""
    if summary.closedown is None:
        return "No report gives a close-down category yet."
    if not summary.n_moved:
        return f"No action was moved into Directorate Business Plans at close-down ({_day(summary.closedown)})."
    moved = (f"Of the {_actions(summary.n_moved)} moved into Directorate Business Plans at close-down "
             f"({_day(summary.closedown)})")
    if summary.latest_report is None:
        return (f"{moved}, {summary.n_open} were still open then. No report since the close-down follows them: add a "
                "later monitoring report (a Directorate Business Plan update) on the Data page.")
    earlier = summary.n_last_reported_earlier
    note = (f"; {_actions(earlier)} {'was' if earlier == 1 else 'were'} last reported earlier" if earlier else "")
    verb = "is" if summary.n_complete == 1 else "are"
    return (f"{moved}, {summary.n_complete} {verb} now complete, {summary.n_dropped} dropped, {summary.n_open} still "
            f"open (at the {_day(summary.latest_report)} report{note}). That is {summary.completion.said()}.")

"""The tracker tables of the Governance page and its downloads: the columns each shows, in
order, under their canonical names (the page names them: config/labels.toml), the RAG as its
status word beside the text as written, dates kept as dates. Every status shown says when
the action is overdue (``metrics.actions.status_words``); counts are made before that."""
from __future__ import annotations

import pandas as pd

from metrics.actions import latest_snapshot, overdue_actions, shown_status, status_words
from metrics.closedown import followed_actions
from metrics.matching import with_action_ids
from metrics.tracker import (action_history, carry_start_dates, expected_progress, moved_to_business_plans,
                             red_longest, slipped_most, status_changes, with_phase)

DOWNLOAD_COLUMNS = ["snapshot_date", "reference", "reference_as_written", "area", "action", "owner", "source",
                    "phase", "start_date", "due_date", "due_text", "status", "days_overdue", "rag_text", "progress_note",
                    "evidence", "closure_category"]


def prepare_actions(actions: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Actions followed across renumbering (reference = matched id) with a phase on every row."""
    return carry_start_dates(with_phase(with_action_ids(actions), events))


def _columns(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    return frame[[c for c in columns if c in frame]].reset_index(drop=True)


def overdue_table(actions: pd.DataFrame) -> pd.DataFrame:
    late = overdue_actions(latest_snapshot(actions)) if not actions.empty else actions.assign(days_overdue=[])
    return _columns(shown_status(late), ["reference", "action", "owner", "due_date", "days_overdue", "status",
                                         "rag_text"])


def slipped_table(actions: pd.DataFrame) -> pd.DataFrame:
    return _columns(slipped_most(actions), ["reference", "action", "times_slipped", "days_slipped", "first_due",
                                          "latest_due", "status_now"])


def red_table(actions: pd.DataFrame) -> pd.DataFrame:
    return _columns(red_longest(actions), ["reference", "action", "days_red", "n_snapshots_red", "status_now"])


def progress_table(actions: pd.DataFrame) -> pd.DataFrame:
    latest = expected_progress(latest_snapshot(actions))
    latest = shown_status(latest.loc[latest["expected_progress"] != "Done"])
    return _columns(latest, ["reference", "action", "start_date", "due_date", "time_elapsed_pct", "status",
                           "expected_progress"])


def moved_table(actions: pd.DataFrame) -> pd.DataFrame:
    """The actions still open at close-down, moved into Directorate Business Plans, as they stood then."""
    return _columns(shown_status(moved_to_business_plans(actions)), ["reference", "action", "owner", "status"])


def followed_table(actions: pd.DataFrame) -> pd.DataFrame:
    """The actions moved into Directorate Business Plans, followed through every later report:
    status then, at each later report and now (each saying when it is overdue), what became of
    it, its latest update."""
    followed = followed_actions(actions)
    followed["status_at_closedown"] = [status_words(s, d) for s, d in
                                       zip(followed["status_at_closedown"], followed["days_overdue_at_closedown"])]
    followed["status_now"] = [status_words(s, d) for s, d in zip(followed["status_now"], followed["days_overdue"])]
    return _columns(followed, ["reference", "action", "owner", "status_at_closedown", "report_by_report", "status_now",
                               "outcome", "progress_note"])


def history_table(actions: pd.DataFrame, reference: str) -> pd.DataFrame:
    return action_history(actions, reference)


def download_table(actions: pd.DataFrame) -> pd.DataFrame:
    ordered = actions.sort_values(["snapshot_date", "reference"], kind="stable")
    return _columns(shown_status(ordered), DOWNLOAD_COLUMNS)


def action_choices(actions: pd.DataFrame) -> dict[str, str]:
    """Reference -> "REF: title" for a picker, references in order."""
    latest = actions.sort_values("snapshot_date").drop_duplicates("reference", keep="last").sort_values("reference")
    return {str(r): f"{r}: {t}" for r, t in zip(latest["reference"], latest["action"])}


def story_action(actions: pd.DataFrame) -> str | None:
    """The action a history picker opens on: the one whose status changed most often (the
    first by reference on a tie), so the chart starts with a story, not a flat line."""
    changes = status_changes(actions)
    return str(changes.index[0]) if len(changes) else None

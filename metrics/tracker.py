"""Governance questions about the action tracker, answered from its snapshots.

Built on metrics/actions.py: filtering by area, theme, owner, source and phase; the phase
of each snapshot from the plan milestones; transitions between two snapshots (a from x to
status table); expected progress from start and due dates; the phase-3 close-down; the
actions red longest and slipped most; the share complete now against the snapshot on or
before a milestone (e.g. the revised notice, read from the events frame); one action's
history. Pure pandas, no Streamlit.
"""
from __future__ import annotations

import re

import pandas as pd

from model.frames import ACTION_STATUSES, CLOSURE_CATEGORIES
from metrics.actions import (CLOSED, completion, percent_complete, shown_status, slippage, time_at_status,
                             with_overdue)
from metrics.closedown import MOVED_TO_DBP, closedown_snapshot

FILTER_COLUMNS = ("area", "theme", "owner", "source", "phase")
_PHASE = re.compile(r"\bphase\s*(\d+)\b", re.I)
_CLOSES = re.compile(r"\b(?:closed|closes|close-down|closedown)\b", re.I)


def filter_actions(actions: pd.DataFrame, **chosen: list[str] | None) -> pd.DataFrame:
    """Rows whose area / theme / owner / source / phase is among the chosen values
    (an empty or missing choice keeps every row)."""
    keep = pd.Series(True, index=actions.index)
    for column, values in chosen.items():
        if column not in FILTER_COLUMNS:
            raise ValueError(f"cannot filter actions by {column!r}")
        if values:
            keep &= actions[column].isin(list(values)).fillna(False)
    return actions.loc[keep]


def filter_options(actions: pd.DataFrame, column: str) -> list[str]:
    return sorted(str(v) for v in actions[column].dropna().unique())


def with_phase(actions: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Fill a missing ``phase`` from plan milestones: a snapshot on or after a milestone
    naming "Phase N" (e.g. "Phase 3 Improvement Plan agreed") is in Phase N, earlier ones
    "Before phase N"; a snapshot after a milestone that closes phase N ("Improvement Plan
    (phase 3) closed": its close-down report is the phase's last) is "After phase N"."""
    labels = events["label"].astype("string")
    plans = events.assign(_n=labels.str.extract(_PHASE, expand=False), _closes=labels.str.contains(_CLOSES).fillna(False))
    plans = plans.dropna(subset=["_n", "date"]).sort_values("date")
    phase = pd.Series(pd.NA, index=actions.index, dtype="string")
    if not plans.empty:
        phase[:] = f"Before phase {plans['_n'].iloc[0]}"
        for date, number, closes in zip(plans["date"], plans["_n"], plans["_closes"]):
            if closes:
                phase[actions["snapshot_date"] > date] = f"After phase {number}"
            else:
                phase[actions["snapshot_date"] >= date] = f"Phase {number}"
    return actions.assign(phase=actions["phase"].fillna(phase))


def carry_start_dates(actions: pd.DataFrame) -> pd.DataFrame:
    """A start date is a fact about the action: fill a snapshot without one (a council
    layout) from the action's other snapshots (a Planner export), nearest earlier first."""
    ordered = actions.sort_values("snapshot_date", kind="stable")
    forward = ordered.groupby("reference")["start_date"].ffill()          # vectorised per group,
    filled = forward.groupby(ordered["reference"]).bfill()                 # not a lambda per action
    return actions.assign(start_date=filled.reindex(actions.index))


def transitions(actions: pd.DataFrame, before, after) -> pd.DataFrame:
    """Actions by status at ``before`` (rows) and at ``after`` (columns), matched by reference.

    An action missing from one snapshot counts as "Not in tracker". Every status of the
    vocabulary is a row and a column, in order, zeros kept."""
    pick = lambda date: actions.loc[actions["snapshot_date"] == pd.Timestamp(date)].drop_duplicates("reference")
    pair = pick(before)[["reference", "status"]].merge(pick(after)[["reference", "status"]], on="reference",
                                                       how="outer", suffixes=("_from", "_to"))
    labels = [*ACTION_STATUSES, "Not in tracker"]
    for side in ("status_from", "status_to"):
        pair[side] = pair[side].astype("string").fillna("Not in tracker")
    table = pd.crosstab(pd.Categorical(pair["status_from"], labels), pd.Categorical(pair["status_to"], labels),
                        dropna=False)
    table.index.name, table.columns.name = "From", "To"
    return table


def transitions_long(table: pd.DataFrame) -> pd.DataFrame:
    """The non-zero cells of a transitions table: From, To, Actions."""
    long = table.stack().rename("Actions").reset_index()
    long.columns = ["From", "To", "Actions"]
    return long.loc[long["Actions"] > 0].reset_index(drop=True)


def expected_progress(snapshot: pd.DataFrame) -> pd.DataFrame:
    """Per action of one snapshot: share of its start-to-due time elapsed and a verdict.

    "Overdue": not done and its due date has passed (the overdue rule, whatever its RAG
    says, so a Green action past its date never reads "On track" beside it). "Behind": more
    than half the time gone while still Red or Not started, or due on the reporting date
    and not done. "On track": otherwise. "Done": Complete / closed. "No dates": start or
    due date unknown (and not overdue)."""
    out = with_overdue(snapshot)
    span = (out["due_date"] - out["start_date"]).dt.days
    gone = (out["snapshot_date"] - out["start_date"]).dt.days
    out["time_elapsed_pct"] = (gone / span.where(span > 0) * 100).clip(0, 100).round(0)
    slow = out["status"].isin(["Red", "Not started"]).fillna(False) & (out["time_elapsed_pct"] > 50)
    verdict = pd.Series("On track", index=out.index).where(~(slow | (out["time_elapsed_pct"] >= 100)), "Behind")
    verdict = verdict.where(out["time_elapsed_pct"].notna(), "No dates")
    verdict = verdict.where(out["days_overdue"].isna().to_numpy(), "Overdue")
    out["expected_progress"] = verdict.where(~out["status"].isin(CLOSED).fillna(False), "Done")
    return out


def closure_summary(actions: pd.DataFrame) -> pd.DataFrame:
    """Actions by phase-3 close-down category at the close-down report (the latest report that
    gives a category: later monitoring reports seldom carry the column), every category kept."""
    counts = closedown_snapshot(actions)["closure_category"].value_counts()
    return pd.DataFrame({"Close-down category": list(CLOSURE_CATEGORIES),
                         "Actions": [int(counts.get(c, 0)) for c in CLOSURE_CATEGORIES]})


def moved_to_business_plans(actions: pd.DataFrame) -> pd.DataFrame:
    """The actions still open at close-down, moved into Directorate Business Plans, as they stood
    at the close-down report (``metrics.closedown.followed_actions`` follows them on)."""
    at_closedown = closedown_snapshot(actions)
    return at_closedown.loc[at_closedown["closure_category"] == MOVED_TO_DBP].reset_index(drop=True)


def red_longest(actions: pd.DataFrame) -> pd.DataFrame:
    """Days each action has spent at Red (up to the latest snapshot), longest first.
    Columns: reference, action, days_red, n_snapshots_red, status_now."""
    red = time_at_status(actions)
    red = red.loc[red["status"] == "Red", ["reference", "days", "n_snapshots"]]
    red = red.rename(columns={"days": "days_red", "n_snapshots": "n_snapshots_red"})
    out = red.merge(_now(actions), on="reference", how="left")
    return out.sort_values(["days_red", "reference"], ascending=[False, True]).reset_index(drop=True)


def slipped_most(actions: pd.DataFrame) -> pd.DataFrame:
    """Actions whose due date moved later at least once, most days first."""
    slip = slippage(actions)
    slip = slip.loc[slip["times_slipped"] > 0].merge(_now(actions), on="reference", how="left")
    return slip.sort_values(["days_slipped", "times_slipped"], ascending=False).reset_index(drop=True)


def _now(actions: pd.DataFrame) -> pd.DataFrame:
    """Each action's title and status at its latest report, saying when it is overdue."""
    ordered = actions.sort_values("snapshot_date", kind="stable").drop_duplicates("reference", keep="last")
    return shown_status(ordered)[["reference", "action", "status"]].rename(columns={"status": "status_now"})


def milestone(events: pd.DataFrame, pattern: str) -> pd.Series | None:
    """The first event whose label matches ``pattern`` (case-insensitive regex), or None."""
    hits = events.loc[events["label"].astype("string").str.contains(pattern, case=False, regex=True).fillna(False)]
    return hits.sort_values("date").iloc[0] if not hits.empty else None


def complete_now_vs_event(actions: pd.DataFrame, events: pd.DataFrame, pattern: str = "revised") -> dict | None:
    """% complete at the latest snapshot and at the nearest snapshot on or before the
    milestone matching ``pattern``. None when there is no such milestone or snapshot."""
    event = milestone(events, pattern)
    if event is None or actions.empty:
        return None
    table = percent_complete(actions)
    before = table.loc[table["snapshot_date"] <= event["date"]]
    if before.empty:
        return None
    then, now = before.iloc[-1], table.iloc[-1]
    note = lambda date: completion(actions.loc[actions["snapshot_date"] == date]).note
    return {"event": str(event["label"]), "event_date": event["date"],
            "then_date": then["snapshot_date"], "then_pct": float(then["pct_complete"]),
            "then_n": int(then["n_complete"]), "then_of": int(then["n_actions"]), "then_note": note(then["snapshot_date"]),
            "now_date": now["snapshot_date"], "now_pct": float(now["pct_complete"]),
            "now_n": int(now["n_complete"]), "now_of": int(now["n_actions"]), "now_note": note(now["snapshot_date"])}


def action_history(actions: pd.DataFrame, reference: str) -> pd.DataFrame:
    """One action at every snapshot: date, status (saying when it was overdue), RAG as
    written, due date, days overdue, progress note."""
    rows = shown_status(actions.loc[actions["reference"] == reference].sort_values("snapshot_date"))
    return rows[["snapshot_date", "status", "rag_text", "due_date", "due_text", "days_overdue",
                 "progress_note"]].reset_index(drop=True)


def status_changes(actions: pd.DataFrame) -> pd.Series:
    """How many times each action's status changed from one report to its next (reference ->
    count), the reports without a status skipped; most changes first, then by reference."""
    history = actions.loc[actions["reference"].notna() & actions["status"].notna()]
    history = history.sort_values(["reference", "snapshot_date"], kind="stable")
    status = history["status"].astype("string")
    changed = status.ne(status.groupby(history["reference"]).shift()) & history["reference"].duplicated()
    counts = changed.groupby(history["reference"]).sum().astype(int)
    return counts.sort_index().sort_values(ascending=False, kind="stable")


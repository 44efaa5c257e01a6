"""Improvement-plan actions: status mix, completion, overdue, slippage, time at a status.

Trackers are re-issued for every committee meeting, so the canonical ACTIONS frame holds
one row per action per snapshot (reporting date); every trend here is read across
snapshots (DOMAIN.md section 2). Status is the ordered ACTION_STATUSES vocabulary:
"done" means Complete, and Superseded / Not applicable actions are out of scope for
completion and overdue counts. A missing status counts as not done.
"""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from model.frames import ACTION_STATUSES, STATUS_DTYPE

COMPLETE = "Complete"
OUT_OF_SCOPE: tuple[str, ...] = ("Superseded", "Not applicable")
CLOSED: tuple[str, ...] = (COMPLETE, *OUT_OF_SCOPE)


def latest_snapshot(actions: pd.DataFrame) -> pd.DataFrame:
    """The rows of the latest snapshot_date."""
    latest = actions["snapshot_date"].max()
    return actions.loc[actions["snapshot_date"] == latest].reset_index(drop=True)


def status_mix(actions: pd.DataFrame, by: Sequence[str] | None = None) -> pd.DataFrame:
    """Count and share (0-100) of each status per snapshot (and ``by``).

    Every status of ACTION_STATUSES appears, in order, zeros kept. Rows with a missing
    status are left out of counts and shares. Columns: snapshot_date, by..., status, count,
    share.
    """
    keys = ["snapshot_date", *_as_list(by)]
    combos = actions[keys].drop_duplicates().sort_values(keys, kind="stable")
    grid = combos.merge(pd.DataFrame({"status": pd.Categorical(ACTION_STATUSES, dtype=STATUS_DTYPE)}), how="cross")
    counted = (
        actions.loc[actions["status"].notna()]
        .groupby([*keys, "status"], dropna=False, observed=True)
        .size()
        .rename("count")
        .reset_index()
    )
    out = grid.merge(counted, on=[*keys, "status"], how="left")
    out["count"] = out["count"].fillna(0).astype(int)
    totals = out.groupby(keys, dropna=False)["count"].transform("sum")
    out["share"] = (out["count"] / totals.where(totals > 0)) * 100.0
    out["status"] = out["status"].astype(STATUS_DTYPE)
    return out.reset_index(drop=True)


def percent_complete(actions: pd.DataFrame, by: Sequence[str] | None = None) -> pd.DataFrame:
    """Share of in-scope actions that are Complete, per snapshot (and ``by``).

    Columns: snapshot_date, by..., n_actions (in scope: all but Superseded and Not
    applicable), n_complete, pct_complete (0-100), n_out_of_scope.
    """
    keys = ["snapshot_date", *_as_list(by)]
    frame = actions.assign(
        _in_scope=~actions["status"].isin(OUT_OF_SCOPE),
        _complete=actions["status"] == COMPLETE,
    )
    frame["_complete"] = frame["_complete"].fillna(False).astype(bool)
    out = (
        frame.groupby(keys, dropna=False, sort=True)
        .agg(n_actions=("_in_scope", "sum"), n_complete=("_complete", "sum"), n_rows=("_in_scope", "size"))
        .reset_index()
    )
    out["n_actions"] = out["n_actions"].astype(int)
    out["n_complete"] = out["n_complete"].astype(int)
    out["pct_complete"] = out["n_complete"] / out["n_actions"].where(out["n_actions"] > 0) * 100.0
    out["n_out_of_scope"] = (out.pop("n_rows") - out["n_actions"]).astype(int)
    return out


def overdue_actions(actions: pd.DataFrame) -> pd.DataFrame:
    """Actions not done whose due date is before their snapshot date, in every snapshot.

    Adds days_overdue (snapshot_date - due_date, in days). Use ``latest_snapshot`` first
    for the current position. Sorted by snapshot_date, then most overdue first.
    """
    open_ = ~actions["status"].isin(CLOSED)
    late = actions["due_date"].notna() & (actions["due_date"] < actions["snapshot_date"])
    out = actions.loc[open_ & late].copy()
    out["days_overdue"] = (out["snapshot_date"] - out["due_date"]).dt.days.astype(int)
    out = out.sort_values(["snapshot_date", "days_overdue"], ascending=[True, False], kind="stable")
    return out.reset_index(drop=True)


def slippage(actions: pd.DataFrame) -> pd.DataFrame:
    """How far each action's due date has moved across snapshots.

    Due dates are read in snapshot order, skipping snapshots without one ("Ongoing").
    Columns: reference, n_snapshots, times_slipped (due date later than at the previous
    snapshot with one), days_slipped (latest_due - first_due, negative when brought
    forward, <NA> without due dates), first_due, latest_due.
    """
    history = _history(actions)
    dated = history.loc[history["due_date"].notna()].copy()
    dated["_moved_later"] = dated.groupby("reference")["due_date"].diff() > pd.Timedelta(0)
    per_reference = dated.groupby("reference").agg(
        times_slipped=("_moved_later", "sum"),
        first_due=("due_date", "first"),
        latest_due=("due_date", "last"),
    )
    snapshots = history.groupby("reference").size().rename("n_snapshots")
    out = pd.concat([snapshots, per_reference], axis=1).reset_index()
    out["times_slipped"] = out["times_slipped"].fillna(0).astype(int)
    out["days_slipped"] = (out["latest_due"] - out["first_due"]).dt.days.astype("Int64")
    columns = ["reference", "n_snapshots", "times_slipped", "days_slipped", "first_due", "latest_due"]
    return out[columns]


def time_at_status(actions: pd.DataFrame) -> pd.DataFrame:
    """Days each action spent at each status.

    A snapshot's status holds until the action's next snapshot; the last snapshot counts 0
    days. Columns: reference, status (only statuses the action has had, in scale order),
    days, n_snapshots.
    """
    history = _history(actions)
    following = history.groupby("reference")["snapshot_date"].shift(-1)
    history["days"] = (following - history["snapshot_date"]).dt.days.fillna(0).astype(int)
    out = (
        history.loc[history["status"].notna()]
        .groupby(["reference", "status"], observed=True, sort=True)
        .agg(days=("days", "sum"), n_snapshots=("days", "size"))
        .reset_index()
    )
    out["status"] = out["status"].astype(STATUS_DTYPE)
    return out


def _history(actions: pd.DataFrame) -> pd.DataFrame:
    """One row per (reference, snapshot_date), in snapshot order; first row kept on duplicates."""
    known = actions.loc[actions["reference"].notna() & actions["snapshot_date"].notna()]
    ordered = known.sort_values(["reference", "snapshot_date"], kind="stable")
    return ordered.drop_duplicates(["reference", "snapshot_date"]).reset_index(drop=True)


def _as_list(by: Sequence[str] | str | None) -> list[str]:
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


def theme_actions_now(actions: pd.DataFrame, theme: str) -> pd.DataFrame:
    """The actions of one theme (culture, partnership, governance) at the latest snapshot."""
    latest = latest_snapshot(actions)
    return latest[latest["theme"] == theme].reset_index(drop=True)


def completion_sentence(actions: pd.DataFrame) -> str:
    """'4 of 7 actions complete' for one snapshot's actions, counted as ``percent_complete``
    counts them (Superseded and Not applicable are out of scope)."""
    if actions.empty:
        return "No actions."
    row = percent_complete(actions.assign(snapshot_date=actions["snapshot_date"].max())).iloc[0]
    return f"{row['n_complete']} of {row['n_actions']} actions complete."

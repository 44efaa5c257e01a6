"""Improvement-plan actions: status mix, completion, overdue, slippage, time at a status.

Trackers are re-issued for every committee meeting, so the canonical ACTIONS frame holds
one row per action per snapshot (reporting date); every trend here is read across
snapshots (DOMAIN.md section 2). Status is the ordered ACTION_STATUSES vocabulary:
"done" means Complete, and Superseded / Not applicable actions are out of scope for
completion and overdue counts. A missing status counts as not done.

Two facts every page states the same way, worded here once: a completion share
(``completion``: "34 of 43 actions complete (79%), not counting 1 superseded action", one
denominator, the actions in scope) and an overdue action (``status_words``: "Green, 16 days
overdue", so a RAG the tracker still gives as Green never hides that the due date passed).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from model.frames import ACTION_STATUSES, OUT_OF_SCOPE_STATUSES, STATUS_DTYPE

COMPLETE = "Complete"
OUT_OF_SCOPE: tuple[str, ...] = OUT_OF_SCOPE_STATUSES
CLOSED: tuple[str, ...] = (COMPLETE, *OUT_OF_SCOPE)


def latest_snapshot(actions: pd.DataFrame) -> pd.DataFrame:
    """The rows of the latest snapshot_date."""
    latest = actions["snapshot_date"].max()
    return actions.loc[actions["snapshot_date"] == latest].reset_index(drop=True)


def status_mix(actions: pd.DataFrame, by: Sequence[str] | None = None) -> pd.DataFrame:
    """Count, overdue count and share (0-100) of each status per snapshot (and ``by``).

    Every status of ACTION_STATUSES appears, in order, zeros kept. Rows with a missing
    status are left out of counts and shares. The share is of the actions in scope, the
    denominator of every completion share (``completion``): the out-of-scope statuses
    (Superseded, Not applicable) have a count and no share. ``overdue``: how many of the
    status's actions are past their due date. Columns: snapshot_date, by..., status, count,
    overdue, share.
    """
    keys = ["snapshot_date", *_as_list(by)]
    combos = actions[keys].drop_duplicates().sort_values(keys, kind="stable")
    grid = combos.merge(pd.DataFrame({"status": pd.Categorical(ACTION_STATUSES, dtype=STATUS_DTYPE)}), how="cross")
    known = with_overdue(actions.loc[actions["status"].notna()])
    counted = (
        known.assign(_late=known["days_overdue"].notna())
        .groupby([*keys, "status"], dropna=False, observed=True)
        .agg(count=("_late", "size"), overdue=("_late", "sum"))
        .reset_index()
    )
    out = grid.merge(counted, on=[*keys, "status"], how="left")
    out["count"] = out["count"].fillna(0).astype(int)
    out["overdue"] = out["overdue"].fillna(0).astype(int)
    in_scope = out["count"].where(~out["status"].isin(OUT_OF_SCOPE), 0)
    totals = in_scope.groupby([out[k] for k in keys], dropna=False).transform("sum")
    out["share"] = (out["count"] / totals.where(totals > 0)) * 100.0
    out.loc[out["status"].isin(OUT_OF_SCOPE).to_numpy(), "share"] = float("nan")
    out["status"] = out["status"].astype(STATUS_DTYPE)
    return out[[*keys, "status", "count", "overdue", "share"]].reset_index(drop=True)


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


def with_overdue(actions: pd.DataFrame) -> pd.DataFrame:
    """The actions with ``days_overdue`` on every row: days since the due date at that
    snapshot when the action is overdue (not Complete, Superseded or Not applicable, and due
    before the snapshot date), else <NA>. The one overdue rule of the dashboard."""
    open_ = ~actions["status"].isin(CLOSED)
    late = actions["due_date"].notna() & (actions["due_date"] < actions["snapshot_date"])
    days = (actions["snapshot_date"] - actions["due_date"]).dt.days.astype("Int64")
    return actions.assign(days_overdue=days.where(open_ & late, pd.NA))


def overdue_actions(actions: pd.DataFrame) -> pd.DataFrame:
    """Actions not done whose due date is before their snapshot date, in every snapshot.

    Adds days_overdue (snapshot_date - due_date, in days). Use ``latest_snapshot`` first
    for the current position. Sorted by snapshot_date, then most overdue first.
    """
    marked = with_overdue(actions)
    out = marked.loc[marked["days_overdue"].notna().to_numpy()].copy()
    out["days_overdue"] = out["days_overdue"].astype(int)
    out = out.sort_values(["snapshot_date", "days_overdue"], ascending=[True, False], kind="stable")
    return out.reset_index(drop=True)


def overdue_words(days) -> str:
    """'16 days overdue', '1 day overdue'."""
    return f"{int(days)} day{'' if int(days) == 1 else 's'} overdue"


def status_words(status, days_overdue=None) -> str:
    """An action's status as every table, chart and tooltip shows it: the status word, and
    whether it is overdue ('Green, 16 days overdue'), so colour is never the only signal and
    a RAG that stayed Green past the due date does not read as on track. '' when unknown."""
    word = "" if status is None or pd.isna(status) else str(status)
    if days_overdue is None or pd.isna(days_overdue):
        return word
    return f"{word or 'No status'}, {overdue_words(days_overdue)}"


def shown_status(actions: pd.DataFrame, column: str = "status") -> pd.DataFrame:
    """The actions for display: ``column`` as ``status_words`` text (the overdue ones say so)
    and ``days_overdue`` added (see ``with_overdue``). The counts are made on the canonical
    frame, never on this one."""
    marked = with_overdue(actions) if "days_overdue" not in actions else actions
    return marked.assign(**{column: [status_words(s, d) for s, d in zip(marked[column], marked["days_overdue"])]})


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


def scope_note(out_of_scope: dict[str, int]) -> str:
    """'not counting 1 superseded action' / 'not counting 1 superseded and 2 not applicable
    actions' / '' when every action is in scope: what a completion share leaves out."""
    parts = [f"{n} {status.lower()}" for status, n in out_of_scope.items() if n]
    if not parts:
        return ""
    total = sum(out_of_scope.values())
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"not counting {listed} action{'' if total == 1 else 's'}"


@dataclass(frozen=True)
class Completion:
    """How far one snapshot's actions are complete, over the one denominator every page,
    chart and download states: the actions in scope (all but Superseded and Not applicable,
    which are named in ``note``)."""
    n_complete: int
    n_in_scope: int
    out_of_scope: dict[str, int]        # out-of-scope status -> actions, those present only

    @property
    def pct(self) -> float | None:
        return 100.0 * self.n_complete / self.n_in_scope if self.n_in_scope else None

    @property
    def note(self) -> str:
        return scope_note(self.out_of_scope)

    @property
    def basis(self) -> str:
        """What the share is of: '34 of 43 actions, not counting 1 superseded action'."""
        return f"{self.n_complete} of {self.n_in_scope} actions" + (f", {self.note}" if self.note else "")

    def counted(self, noun: str = "action") -> str:
        """'34 of 43 actions complete (79%)' (``noun``: 'linked action' ...)."""
        share = "" if self.pct is None else f" ({self.pct:.0f}%)"
        return f"{self.n_complete} of {self.n_in_scope} {noun}s complete{share}"

    def said(self, noun: str = "action") -> str:
        """``counted`` with what it leaves out: '34 of 43 actions complete (79%), not counting
        1 superseded action'."""
        return self.counted(noun) + (f", {self.note}" if self.note else "")

    @property
    def sentence(self) -> str:
        """'34 of 43 actions complete (79%), not counting 1 superseded action.'"""
        if not self.n_in_scope and not self.out_of_scope:
            return "No actions."
        return self.said() + "."


def completion(actions: pd.DataFrame) -> Completion:
    """The latest snapshot's completion (the only snapshot when the frame holds one), counted
    row by row as ``percent_complete`` counts it."""
    if actions.empty:
        return Completion(0, 0, {})
    status = actions.loc[actions["snapshot_date"] == actions["snapshot_date"].max(), "status"]
    left_out = {s: int((status == s).sum()) for s in OUT_OF_SCOPE if (status == s).any()}
    in_scope = int(len(status) - sum(left_out.values()))
    return Completion(int((status == COMPLETE).sum()), in_scope, left_out)


def completion_sentence(actions: pd.DataFrame) -> str:
    """'4 of 7 actions complete (57%), not counting 1 superseded action.' for one snapshot's
    actions, counted as ``percent_complete`` counts them."""
    return completion(actions).sentence

"""Plain sentences that answer the board's three tracker questions from the page alone:
which actions have been red longest, which slipped most, and what share is complete now
against the snapshot before a milestone (the revised notice). Pure text from metrics."""
from __future__ import annotations

import pandas as pd

from model.plan_reports import plan_reports
from metrics.tracker import complete_now_vs_event, red_longest, slipped_most

TOP = 3


def day_label(date) -> str:
    """``16 Oct 2024`` (no leading zero), for sentences."""
    return f"{pd.Timestamp(date).day} {pd.Timestamp(date):%b %Y}"


def _items(rows: pd.DataFrame, describe) -> str:
    parts = [describe(r) for r in rows.head(TOP).itertuples()]
    return "; ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]


def red_longest_sentence(actions: pd.DataFrame) -> str:
    red = red_longest(actions)
    if red.empty:
        return "No action has been Red at any reporting date."
    listed = _items(red, lambda r: f"{r.reference} ({r.days_red} days at Red, now {r.status_now})")
    return f"Red longest: {listed}."


def slipped_most_sentence(actions: pd.DataFrame) -> str:
    slipped = slipped_most(actions)
    if slipped.empty:
        return "No action's due date has moved later."
    listed = _items(slipped, lambda r: f"{r.reference} ({r.days_slipped} days later over {r.times_slipped} moves, "
                                       f"due {day_label(r.latest_due)})")
    return f"{len(slipped)} actions slipped; most: {listed}."


def complete_sentence(actions: pd.DataFrame, events: pd.DataFrame, pattern: str = "revised") -> str:
    figures = complete_now_vs_event(actions, events, pattern)
    if figures is None:
        return "No reporting date on or before the milestone to compare completion with."
    of = lambda when: (f"{figures[when + '_n']} of {figures[when + '_of']}"   # the one denominator, with what it leaves out
                       + (f", {figures[when + '_note']}" if figures[when + "_note"] else ""))
    return (f"{figures['now_pct']:.0f}% of actions complete at {day_label(figures['now_date'])} "
            f"({of('now')}), against {figures['then_pct']:.0f}% "
            f"({of('then')}) at {day_label(figures['then_date'])}, the last report "
            f"before the {figures['event'][0].lower() + figures['event'][1:]} ({day_label(figures['event_date'])}).")


def tracker_headlines(actions: pd.DataFrame, events: pd.DataFrame) -> list[str]:
    """The plan's completion is compared within the plan's own reports (up to its close-down):
    the monitoring reports after it carry only the actions moved on, a different denominator
    (the close-down section follows those)."""
    return [red_longest_sentence(actions), slipped_most_sentence(actions),
            complete_sentence(plan_reports(actions), events)]

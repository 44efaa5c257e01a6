"""Which action reports are the improvement plan's own, and which follow it after its close-down.

The close-down is the report that gives the actions a close-down category (seed 002). The
reports after it (Directorate Business Plan monitoring, the Advisory and Support Group period)
carry only the actions moved on, usually without that column. Read as the plan's "latest
report" they would shrink the plan to its handful of open actions: a true count that misleads
a board ("8 actions, 62% complete" for a plan of 40). So the data the pages read is split
here, once (``assembly.bundle``): the plan's figures come from its own reports, up to and
including the close-down; only the close-down follow-up (``metrics.closedown``) reads the
later ones. Without a close-down every report is the plan's. Pure pandas.
"""
from __future__ import annotations

import pandas as pd


def closedown_date(actions: pd.DataFrame) -> pd.Timestamp | None:
    """The latest report that gives any action a close-down category, or None."""
    if "closure_category" not in actions:
        return None
    dated = actions.loc[actions["closure_category"].notna(), "snapshot_date"].dropna()
    return pd.Timestamp(dated.max()) if len(dated) else None


def plan_reports(actions: pd.DataFrame) -> pd.DataFrame:
    """The reports of the plan itself: up to and including the close-down (all of them when
    there is no close-down yet)."""
    when = closedown_date(actions)
    kept = actions if when is None else actions.loc[actions["snapshot_date"] <= when]
    return kept.reset_index(drop=True)


def after_closedown(actions: pd.DataFrame) -> pd.DataFrame:
    """The reports after the close-down (none when there is no close-down yet)."""
    when = closedown_date(actions)
    return actions.loc[actions["snapshot_date"] > when].reset_index(drop=True) if when is not None \
        else actions.iloc[0:0].reset_index(drop=True)


def every_report(plan: pd.DataFrame, later: pd.DataFrame) -> pd.DataFrame:
    """The plan's reports and the later ones as one frame again, in date order (what the
    close-down follow-up reads: the close-down report and every report after it)."""
    frames = [f for f in (plan, later) if not f.empty]
    if not frames:
        return plan.iloc[0:0].reset_index(drop=True)
    every = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    return every.sort_values("snapshot_date", kind="stable").reset_index(drop=True)

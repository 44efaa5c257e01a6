"""What a trend line marks on itself: the baseline it is judged against, and the moves that are real.

- **The baseline** answers "has it improved since the notice?". The events file names the
  milestone (``baseline`` yes on its row; without one, the first notice). Each series'
  baseline is its last result on or before that date; a series that began after it (a
  partner survey first run after the notice) is compared with its first result instead,
  and says so.
- **Real moves**: a sampled series' wave-to-wave change whose interval excludes zero
  (``headlines.is_real_change``, the same test as the cards), marked "up" or "down" on the
  later point; a count of every action (governance) has no sampling noise, so no marks.
Pure: frames in, frames and sentences out.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from metrics.headlines import change_verdict, is_real_change


def baseline_event(events: pd.DataFrame) -> pd.Series | None:
    """The milestone results are compared with: the row marked ``baseline``, else the first notice."""
    if events is None or events.empty:
        return None
    frame = events.dropna(subset=["date"]).sort_values("date")
    if "baseline" in frame and frame["baseline"].fillna(False).astype(bool).any():
        return frame[frame["baseline"].fillna(False).astype(bool)].iloc[0]
    notices = frame[frame["kind"].astype("string").eq("notice").fillna(False)]
    return notices.iloc[0] if len(notices) else None


@dataclass(frozen=True)
class Baseline:
    """One series' baseline point and whether it is before the milestone (or the first after)."""
    point: pd.Series
    before: bool
    milestone: pd.Series


def series_baseline(journey: pd.DataFrame, series: str, events: pd.DataFrame) -> Baseline | None:
    """The series' baseline point: its last result on or before the milestone, else its first."""
    milestone = baseline_event(events)
    points = journey[journey["series"] == series].dropna(subset=["value"]).sort_values("date")
    if milestone is None or points.empty:
        return None
    before = points[points["date"] <= milestone["date"]]
    if len(before):
        return Baseline(before.iloc[-1], True, milestone)
    return Baseline(points.iloc[0], False, milestone)


def since_baseline(journey: pd.DataFrame, series: str, events: pd.DataFrame, sampled: bool = True,
                   confidence: float = 0.95) -> str:
    """'Since the notice (Best Value Notice issued, Jan 2023): up 35 points from Sep 2022, a real change.'"""
    found = series_baseline(journey, series, events)
    points = journey[journey["series"] == series].dropna(subset=["value"]).sort_values("date")
    if found is None or len(points) < 2 or points.iloc[-1]["date"] == found.point["date"]:
        return ""
    first, last = found.point, points.iloc[-1]
    change = float(last["value"]) - float(first["value"])
    amount = f"{'up' if change > 0 else 'down'} {abs(change):.0f} points" if round(change) else "no change"
    milestone = f"{found.milestone['label']}, {found.milestone['date']:%b %Y}"
    start = (f"Since the notice ({milestone}): {amount} from {first['date']:%b %Y}" if found.before else
             f"Since the notice ({milestone}): no result before it; {amount} since the first, {first['date']:%b %Y}")
    return f"{start}, {change_verdict(first, last, confidence)}." if sampled else f"{start}."


def mark_journey(journey: pd.DataFrame, events: pd.DataFrame, sampled: dict[str, bool],
                 confidence: float = 0.95) -> pd.DataFrame:
    """``journey`` with ``baseline`` (True on each series' baseline point) and ``moved`` ("up",
    "down" or "" : a real change from the series' previous shown result)."""
    out = journey.copy()
    out["baseline"] = False
    out["moved"] = ""
    for series in out["series"].drop_duplicates():
        found = series_baseline(out, series, events)
        if found is not None:
            out.loc[(out["series"] == series) & (out["date"] == found.point["date"]), "baseline"] = True
        if not sampled.get(series, True) or "n" not in out:
            continue
        points = out[(out["series"] == series)].dropna(subset=["value", "n"]).sort_values("date")
        for (_, before), (index, after) in zip(points.iterrows(), list(points.iterrows())[1:]):
            if int(before["n"]) and int(after["n"]) and is_real_change(before, after, confidence):
                out.loc[index, "moved"] = "up" if after["value"] > before["value"] else "down"
    return out

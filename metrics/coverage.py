"""What the data holds: records per wave and per snapshot, as a trend table for the Data page."""
from __future__ import annotations

import pandas as pd

from model.survey_counts import SurveyCounts


def records_over_time(counts: SurveyCounts, actions: pd.DataFrame, later: pd.DataFrame | None = None) -> pd.DataFrame:
    """Respondents per survey wave (one series per audience), actions per tracker snapshot and,
    when given, actions per monitoring report after the close-down (``later``: a series of its
    own, as those reports follow only the actions moved on): columns series, date, value."""
    surveys = counts.people(["audience", "wave_date"]).rename(columns={"respondents": "value"})
    surveys["series"] = surveys["audience"].astype(str).str.capitalize() + " survey respondents"
    trackers = actions.groupby("snapshot_date").size().reset_index(name="value")
    trackers["series"] = "Improvement plan actions"
    followed = (later if later is not None else actions.iloc[0:0]).groupby("snapshot_date").size().reset_index(name="value")
    followed["series"] = "Actions followed after the close-down"
    out = pd.concat([
        surveys.rename(columns={"wave_date": "date"})[["series", "date", "value"]],
        trackers.rename(columns={"snapshot_date": "date"})[["series", "date", "value"]],
    ], ignore_index=True).sort_values(["series", "date"])
    # The later reports' series last, so every other series keeps its place (and its colour).
    followed = followed.rename(columns={"snapshot_date": "date"})[["series", "date", "value"]]
    return pd.concat([out, followed], ignore_index=True) if len(followed) else out.reset_index(drop=True)

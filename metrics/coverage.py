"""What the data holds: records per wave and per snapshot, as a trend table for the Data page."""
from __future__ import annotations

import pandas as pd

from model.survey_counts import SurveyCounts


def records_over_time(counts: SurveyCounts, actions: pd.DataFrame) -> pd.DataFrame:
    """Respondents per survey wave (one series per audience) and actions per tracker
    snapshot: columns series, date, value."""
    surveys = counts.people(["audience", "wave_date"]).rename(columns={"respondents": "value"})
    surveys["series"] = surveys["audience"].astype(str).str.capitalize() + " survey respondents"
    trackers = actions.groupby("snapshot_date").size().reset_index(name="value")
    trackers["series"] = "Improvement plan actions"
    out = pd.concat([
        surveys.rename(columns={"wave_date": "date"})[["series", "date", "value"]],
        trackers.rename(columns={"snapshot_date": "date"})[["series", "date", "value"]],
    ], ignore_index=True)
    return out.sort_values(["series", "date"]).reset_index(drop=True)

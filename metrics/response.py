"""Response rates: respondents per wave over the people invited (headcount.csv).

Organisation-wide only: a rate per group would need each group's headcount and its own
disclosure control, and is left to later work."""
from __future__ import annotations

import pandas as pd

from model.survey_counts import SurveyCounts

COLUMNS = ["audience", "wave", "wave_date", "respondents", "headcount", "response_rate"]


def response_rates(counts: SurveyCounts, headcount: pd.DataFrame, audience: str) -> pd.DataFrame:
    """Per wave of one audience: respondents, headcount and response rate (%, 1 dp);
    a wave with no headcount has no rate."""
    subset = counts.where(audience=audience)
    if subset.reach.empty:
        return pd.DataFrame(columns=COLUMNS)
    people = subset.people(["audience", "wave", "wave_date"])
    invited = headcount[headcount["audience"] == audience][["audience", "wave", "headcount"]]
    out = people.merge(invited, on=["audience", "wave"], how="left")
    rate = out["respondents"] / out["headcount"].astype("Float64") * 100
    out["response_rate"] = rate.round(1)
    return out.sort_values("wave_date").reset_index(drop=True)[COLUMNS]

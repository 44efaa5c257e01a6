"""Choosing waves: one audience's counts and its wave dates."""
from __future__ import annotations

import pandas as pd

from model.survey_counts import SurveyCounts


def audience_responses(counts: SurveyCounts, audience: str) -> SurveyCounts:
    """The counts of one audience (staff, partner, ...)."""
    return counts.where(audience=audience)


def wave_dates_of(counts: SurveyCounts) -> list[pd.Timestamp]:
    """Every wave date in ``counts``, earliest first."""
    dates = pd.concat([counts.answers["wave_date"], counts.reach["wave_date"]]).dropna().unique()
    return sorted(pd.Timestamp(d) for d in dates)

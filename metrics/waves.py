"""Choosing waves: one audience's responses, and its latest wave."""
from __future__ import annotations

import pandas as pd


def audience_responses(responses: pd.DataFrame, audience: str) -> pd.DataFrame:
    """The responses of one audience (staff, partner, ...)."""
    return responses[responses["audience"] == audience]


def latest_wave(responses: pd.DataFrame, audience: str) -> pd.DataFrame:
    """The responses of the audience's most recent wave (empty if it has none)."""
    subset = audience_responses(responses, audience)
    if subset.empty:
        return subset
    return subset[subset["wave_date"] == subset["wave_date"].max()]


def previous_wave(responses: pd.DataFrame, audience: str) -> pd.DataFrame:
    """The responses of the wave before the latest one (empty if there is none)."""
    subset = audience_responses(responses, audience)
    dates = sorted(subset["wave_date"].dropna().unique())
    if len(dates) < 2:
        return subset.iloc[0:0]
    return subset[subset["wave_date"] == dates[-2]]


def latest_wave_date(responses: pd.DataFrame, audience: str) -> pd.Timestamp | None:
    """The date of the audience's most recent wave, or None."""
    dates = audience_responses(responses, audience)["wave_date"].dropna()
    return None if dates.empty else dates.max()

"""What the Overview page and the printed board summary show, composed once for both:
the three fronts' headline figures, the expectations' judgements and each expectation's
survey evidence wave by wave. Pure: frames in, frames and Headlines out."""
from __future__ import annotations

import pandas as pd

from loaders.expectations import split_list
from metrics.headlines import Headline, series_headline
from metrics.trends import TREND_COLUMNS, theme_trend

#: (series in the journey, label on the card, whether it is a sample with noise)
FRONTS = (
    ("Culture", "Culture: staff survey, % positive", True),
    ("Partnership", "Partnership: partner survey, % positive", True),
    ("Governance", "Governance: improvement actions complete", False),
)


def front_headlines(journey: pd.DataFrame, confidence: float = 0.95) -> list[Headline]:
    """Culture, partnership and governance: latest figure, change since the previous wave or
    snapshot, and whether the change is real or noise."""
    return [series_headline(journey, series, label, sampled=sampled, confidence=confidence)
            for series, label, sampled in FRONTS]


def measure_trends(expectation: pd.Series, surveys: pd.DataFrame, codebook: pd.DataFrame, min_size: int,
                   confidence: float = 0.95) -> pd.DataFrame:
    """The expectation's survey measures wave by wave (suppressed waves stay blank), with
    a ``measure`` column; TREND_COLUMNS otherwise."""
    parts = []
    for measure in split_list(expectation.get("survey_measures")):
        audience, theme = (p.strip() for p in measure.split(":", 1))
        trend = theme_trend(surveys, codebook, audience, min_size, [theme], confidence)
        parts.append(trend.assign(measure=f"{theme.capitalize()} ({audience} survey)"))
    if not parts:
        return pd.DataFrame(columns=["measure", *TREND_COLUMNS])
    return pd.concat(parts, ignore_index=True)[["measure", *TREND_COLUMNS]]

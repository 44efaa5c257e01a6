"""Results broken down by group (directorate, partner organisation), ready to publish:
every breakdown goes through disclosure control here, so no page can skip it."""
from __future__ import annotations

import pandas as pd

from loaders.survey_counts import SurveyCounts, as_counts
from metrics.disclosure import suppress_small_groups, suppress_small_totals
from metrics.survey import percent_positive, theme_scores

#: The group shown for respondents who did not say which group they belong to.
NOT_STATED = "Not stated"


def group_theme_table(responses: pd.DataFrame | SurveyCounts, codebook: pd.DataFrame, min_size: int) -> pd.DataFrame:
    """Theme score per group for the given responses (normally one wave), with small groups
    and their complements hidden. Columns: wave, group, theme, n_respondents, score (0-100,
    1 dp; NA when hidden), suppressed."""
    named = as_counts(responses).with_group(NOT_STATED)
    scores = theme_scores(named, codebook, by=["audience", "wave", "group"])
    shown = suppress_small_groups(scores, count="n_respondents", min_size=min_size,
                                  partition=["audience", "wave", "theme"], group="group")
    shown["score"] = shown["score"].astype("Float64").round(1)
    return shown[["wave", "group", "theme", "n_respondents", "score", "suppressed"]]


def statement_results(responses: pd.DataFrame | SurveyCounts, codebook: pd.DataFrame, min_size: int) -> pd.DataFrame:
    """% positive / neutral / negative per statement for the given responses (normally one
    wave of one audience), worded as asked; a statement answered by fewer than
    ``min_size`` people is hidden. Columns: question, n_respondents, pct_positive,
    pct_neutral, pct_negative (1 dp), suppressed."""
    table = percent_positive(responses, codebook, by=["question_text"]).rename(columns={"question_text": "question"})
    table = suppress_small_totals(table, "n_respondents", min_size, keys=["question"])
    for column in ("pct_positive", "pct_neutral", "pct_negative"):
        table[column] = table[column].astype("Float64").round(1)
    return table[["question", "n_respondents", "pct_positive", "pct_neutral", "pct_negative", "suppressed"]]

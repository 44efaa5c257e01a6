"""Scrutiny topic scoring: value scores, scorer disagreement and the topic x criterion matrix.

Each report to Overview & Scrutiny scores a topic on a scheme's criteria (seed 002: eight
criteria, 1 = Low to 3 = High; the Scrutiny Value Score is their sum). Criteria, scale
and cut-off are data (config/scrutiny_schemes/), so nothing here names a criterion. When
several members score a topic, each criterion's score is the mean across scorers, and
the spread across scorers is reported as disagreement. Totals are always recomputed from
the criterion scores, never taken from the sheet (its stated total is often stale).
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

TOPIC_KEYS: tuple[str, ...] = ("meeting_date", "committee", "topic", "objective")


def value_scores(scores: pd.DataFrame, weights: Mapping[str, float] | None = None) -> pd.DataFrame:
    """Weighted value score per (meeting_date, committee, topic, objective).

    ``weights`` maps criterion to weight (what-if weighting); criteria not in it weigh 1.
    Columns: meeting_date, committee, topic, objective, scheme, n_scorers (the most scores
    any one criterion received), n_criteria, total (sum over criteria of weight x mean
    score across scorers), disagreement (mean over criteria of the population standard
    deviation across scorers; 0 with one scorer).
    """
    keys = list(TOPIC_KEYS)
    per_criterion = (
        scores.loc[scores["score"].notna()]
        .assign(_score=lambda f: f["score"].astype(float))
        .groupby([*keys, "criterion"], dropna=False, sort=False)
        .agg(
            mean=("_score", "mean"),
            spread=("_score", lambda s: s.std(ddof=0)),
            n=("_score", "size"),
            scheme=("scheme", "first"),
        )
        .reset_index()
    )
    weight = per_criterion["criterion"].map(lambda c: (weights or {}).get(c, 1.0)).astype(float)
    per_criterion["weighted"] = per_criterion["mean"] * weight
    out = (
        per_criterion.groupby(keys, dropna=False, sort=True)
        .agg(
            scheme=("scheme", "first"),
            n_scorers=("n", "max"),
            n_criteria=("criterion", "nunique"),
            total=("weighted", "sum"),
            disagreement=("spread", "mean"),
        )
        .reset_index()
    )
    out["n_scorers"] = out["n_scorers"].astype(int)
    out["n_criteria"] = out["n_criteria"].astype(int)
    return out


def topic_matrix(scores: pd.DataFrame, criteria: Sequence[str] | None = None) -> pd.DataFrame:
    """Mean score per topic (rows) and criterion (columns) at each topic's latest meeting.

    Columns follow ``criteria`` (the scheme's order), then any other criterion in order of
    appearance; default: order of appearance. A criterion without scores is an all-missing
    column. Rows are topics in order of appearance; index named "topic", columns
    "criterion". Scores from several scorers (or committees on that date) are averaged.
    """
    latest = scores.groupby("topic", sort=False)["meeting_date"].transform("max")
    current = scores.loc[(scores["meeting_date"] == latest) | latest.isna()]
    current = current.assign(_score=current["score"].astype(float))
    means = current.groupby(["topic", "criterion"], sort=False)["_score"].mean().unstack("criterion")
    appearing = list(dict.fromkeys(scores["criterion"].dropna()))
    order = list(dict.fromkeys([*(criteria or []), *appearing]))
    topics = list(dict.fromkeys(scores["topic"].dropna()))
    matrix = means.reindex(index=topics, columns=order).astype(float)
    matrix.index.name = "topic"
    matrix.columns.name = "criterion"
    return matrix


def latest_value_scores(scores: pd.DataFrame, weights: Mapping[str, float] | None = None) -> pd.DataFrame:
    """``value_scores`` at each topic's latest meeting: one row per topic, highest total first."""
    totals = value_scores(scores, weights)
    latest = totals.sort_values("meeting_date").groupby("topic", sort=False).tail(1)
    return latest.sort_values(["total", "topic"], ascending=[False, True]).reset_index(drop=True)

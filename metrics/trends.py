"""Theme trends over time, ready to chart: one series per theme, with an interval band.

A theme score is a mean of % positive, so it behaves like a proportion of the wave's
respondents; its band is the Wilson interval at that size. This is an approximation
(questions within a theme are correlated) that errs on the side of saying "noise".
"""
from __future__ import annotations

import pandas as pd

from model.survey_counts import SurveyCounts
from metrics.actions import percent_complete
from metrics.change import shown_interval, wilson_interval
from metrics.disclosure import suppress_small_totals
from metrics.publishable import publishable
from metrics.survey import theme_scores
from settings.disclosure import DisclosurePolicy
from settings.labels import measure_name, survey_measure

#: The journey's series of improvement-plan actions, under the name that says what it counts.
ACTIONS_SERIES = measure_name("Governance")

TREND_COLUMNS = ["series", "date", "value", "lower", "upper", "n"]


def with_interval(table: pd.DataFrame, value: str, count: str, confidence: float = 0.95) -> pd.DataFrame:
    """Add ``lower`` and ``upper`` (0-100) around a 0-100 ``value`` measured on ``count`` people."""
    out = table.copy()
    bounds = [
        wilson_interval(round(v / 100 * n), int(n), confidence) if pd.notna(v) and n else (float("nan"),) * 2
        for v, n in zip(out[value], out[count])
    ]
    shown = [shown_interval(lo * 100, hi * 100) for lo, hi in bounds]     # rounded outward, as everywhere
    out["lower"] = [lo for lo, _ in shown]
    out["upper"] = [hi for _, hi in shown]
    return out


def theme_trend(counts: SurveyCounts, codebook: pd.DataFrame, audience: str, policy: DisclosurePolicy,
                themes: list[str] | None = None, confidence: float = 0.95) -> pd.DataFrame:
    """Theme score per wave for one audience: series (the measure's name, "Staff survey,
    governance theme: % positive": ``settings.labels.survey_measure``), date, value, lower, upper, n,
    questions_used, n_questions. The score is the mean % positive of the theme's statements
    the disclosure policy lets the wave show (``metrics.publishable``): a statement hidden
    for too few answers is left out, never averaged in. A wave answered by fewer than
    ``policy.min_size`` people, or with no statement of the theme shown, keeps its row with every
    figure blank."""
    subset = counts.where(audience=audience)
    if subset.empty:
        return pd.DataFrame(columns=[*TREND_COLUMNS, "questions_used", "n_questions"])
    scores = _shown_theme_scores(subset, codebook, policy)
    if themes is not None:
        scores = scores[scores["theme"].isin(themes)]
    scores = suppress_small_totals(scores, "n_respondents", policy,
                                   keys=["wave", "wave_date", "theme", "n_questions"])
    scores = with_interval(scores, "score", "n_respondents", confidence)
    return pd.DataFrame({
        "series": [survey_measure(audience, theme) for theme in scores["theme"].astype(str)],
        "date": scores["wave_date"],
        "value": scores["score"].astype(float).round(1),
        "lower": scores["lower"],
        "upper": scores["upper"],
        "n": scores["n_respondents"],
        "questions_used": scores["questions_used"],
        "n_questions": scores["n_questions"],
    }).sort_values(["series", "date"]).reset_index(drop=True)


def score_basis(trend: pd.DataFrame, series: str) -> str | None:
    """'Built on 11 of 12 statements: ...' for a series' latest shown point when some of its
    statements were left out (hidden by the disclosure policy), else None."""
    if "questions_used" not in trend:
        return None
    points = trend[(trend["series"] == series) & trend["value"].notna()].sort_values("date")
    if points.empty or pd.isna(points.iloc[-1]["questions_used"]):
        return None
    used, asked = int(points.iloc[-1]["questions_used"]), int(points.iloc[-1]["n_questions"])
    if used >= asked:
        return None
    left = asked - used
    return (f"Built on {used} of {asked} statements: {left} {'is' if left == 1 else 'are'} hidden (too few "
            f"answers to show safely) and left out of the score.")


def with_basis(trend: pd.DataFrame) -> pd.DataFrame:
    """The trend with a ``statements`` column ("11 of 12") for its table."""
    if "questions_used" not in trend:
        return trend
    return trend.assign(statements=[pd.NA if pd.isna(u) or pd.isna(v) else f"{int(u)} of {int(n)}"
                                    for u, n, v in zip(trend["questions_used"], trend["n_questions"], trend["value"])])


def _shown_theme_scores(counts: SurveyCounts, codebook: pd.DataFrame, policy: DisclosurePolicy) -> pd.DataFrame:
    """theme_scores per wave over the statements the policy lets each wave show; n_respondents
    counts the people who answered those (one denominator for the score and its band)."""
    shown = publishable(counts, codebook, policy).shown_whole()
    scores = theme_scores(counts, codebook, by=["wave", "wave_date"], shown=shown)
    people = []
    for date, ids in shown.groupby("wave_date")["question_id"]:
        wave = counts.where(wave_date=date, question_ids=set(ids))
        people.append(theme_scores(wave, codebook, by=["wave", "wave_date"])[["wave", "wave_date", "theme",
                                                                              "n_respondents"]])
    used = (pd.concat(people, ignore_index=True) if people
            else pd.DataFrame(columns=["wave", "wave_date", "theme", "n_respondents"]))
    scores = scores.drop(columns="n_respondents").merge(used, on=["wave", "wave_date", "theme"], how="left")
    return scores.assign(n_respondents=scores["n_respondents"].fillna(0).astype("int64"))


def completion_trend(actions: pd.DataFrame, label: str = ACTIONS_SERIES) -> pd.DataFrame:
    """% of improvement-plan actions complete at each snapshot, as a trend series (no band:
    it is a count of the whole plan, not a sample); ``n`` is the actions in scope, the
    denominator of every completion share (``metrics.actions.completion``)."""
    table = percent_complete(actions)
    return pd.DataFrame({
        "series": label,
        "date": table["snapshot_date"],
        "value": table["pct_complete"].round(1),
        "lower": float("nan"),
        "upper": float("nan"),
        "n": table["n_actions"],
    })


def improvement_journey(counts: SurveyCounts, codebook: pd.DataFrame, actions: pd.DataFrame,
                        policy: DisclosurePolicy, confidence: float = 0.95) -> pd.DataFrame:
    """The three fronts on one time axis: culture (staff survey), partnership (partner
    survey) and governance (% of improvement-plan actions complete, ``ACTIONS_SERIES``)."""
    parts = [
        theme_trend(counts, codebook, "staff", policy, ["culture"], confidence),
        theme_trend(counts, codebook, "partner", policy, ["partnership"], confidence),
        completion_trend(actions),
    ]
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame(columns=TREND_COLUMNS)
    return pd.concat(parts, ignore_index=True)


def journey_span(events: pd.DataFrame, *dates: pd.Series) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """First and last date of the improvement journey: every milestone and every data
    point, so that all time-axis charts can share one axis with every milestone on it."""
    values = pd.concat([events["date"], *dates], ignore_index=True).dropna()
    return (None, None) if values.empty else (values.min(), values.max())

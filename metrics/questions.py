"""Question-level views: wording changes, one question's trend, a theme's questions.

A reworded statement keeps its question id (codebook), so it stays one trend line;
``wording_changes`` says where the wording changed so the chart can mark it. Every
figure goes through the disclosure policy (``metrics.publishable``, whole-wave cells)
before it leaves this module.
"""
from __future__ import annotations

import pandas as pd

from model.survey_counts import SurveyCounts
from metrics.publishable import blank_hidden
from metrics.breakdowns import statement_results, whole_wave_shown
from metrics.survey import flipped_notes, percent_positive, question_lookup, with_flipped_notes
from metrics.trends import TREND_COLUMNS, with_interval
from settings.disclosure import DisclosurePolicy

WORDING_COLUMNS = ["question_id", "wave_date", "old", "new"]


def wording_by_wave(counts: SurveyCounts) -> pd.DataFrame:
    """The wording each question had in each wave (the most common, if several)."""
    worded = (counts.answers.dropna(subset=["question_text"])
              .groupby(["audience", "question_id", "wave_date", "question_text"], observed=True)["n"]
              .sum().reset_index())
    worded = worded.sort_values(["audience", "question_id", "wave_date", "n"], ascending=[True, True, True, False])
    return worded.drop_duplicates(["audience", "question_id", "wave_date"]).drop(columns="n")


def wording_changes(counts: SurveyCounts) -> pd.DataFrame:
    """One row per wave where a question's wording differs from its previous wave's:
    question_id, wave_date (first wave of the new wording), old, new."""
    worded = wording_by_wave(counts)
    if worded.empty:
        return pd.DataFrame(columns=WORDING_COLUMNS)
    worded["old"] = worded.groupby(["audience", "question_id"])["question_text"].shift(1)
    changed = worded[worded["old"].notna() & (worded["old"] != worded["question_text"])]
    out = changed.rename(columns={"question_text": "new"})[WORDING_COLUMNS]
    return out.astype({"question_id": "string", "old": "string", "new": "string"}).reset_index(drop=True)


def question_trend(counts: SurveyCounts, codebook: pd.DataFrame, audience: str, question_id: str,
                   policy: DisclosurePolicy, confidence: float = 0.95) -> pd.DataFrame:
    """% positive per wave for one question: TREND_COLUMNS (one series, "% positive", or for
    a negatively worded question "% positive (positive = disagree, i.e. ...)"), a wave the policy
    hides (fewer than ``policy.min_size`` answers, or it would reveal a small group) blank."""
    subset = counts.where(audience=audience, question_ids=[question_id])
    if subset.answers.empty:
        return pd.DataFrame(columns=TREND_COLUMNS)
    table = percent_positive(subset, codebook, by=["wave", "wave_date", "question_id"])
    shown = whole_wave_shown(table, subset, codebook, policy)
    figures = ["n_respondents", "n_answers", "pct_positive", "pct_neutral", "pct_negative"]
    table = blank_hidden(table, figures, shown)
    table = with_interval(table, "pct_positive", "n_respondents", confidence)
    note = flipped_notes(codebook).get(question_id)
    trend = pd.DataFrame({"series": f"% positive ({note})" if note else "% positive", "date": table["wave_date"],
                          "value": table["pct_positive"].astype(float).round(1), "lower": table["lower"],
                          "upper": table["upper"], "n": table["n_respondents"].astype("Int64")})
    return trend.sort_values("date").reset_index(drop=True)


def theme_questions(counts: SurveyCounts, codebook: pd.DataFrame, theme: str, policy: DisclosurePolicy) -> pd.DataFrame:
    """statement_results for the questions of one theme (normally one wave of one audience)."""
    ids = set(question_lookup(codebook).query("theme == @theme")["question_id"])
    table = statement_results(counts, codebook, policy)
    return table[table["question_id"].isin(ids)].reset_index(drop=True)


def questions_of_theme(counts: SurveyCounts, codebook: pd.DataFrame, theme: str) -> pd.DataFrame:
    """question_id and latest wording of each question of ``theme`` in ``counts``."""
    ids = set(question_lookup(codebook).query("theme == @theme")["question_id"])
    answers = counts.answers
    latest = answers[answers["question_id"].isin(ids)].sort_values("wave_date", kind="stable")
    return (latest.drop_duplicates("question_id", keep="last")[["question_id", "question_text"]]
            .sort_values("question_text").reset_index(drop=True))


def audience_questions(counts: SurveyCounts, codebook: pd.DataFrame, audience: str, theme: str) -> pd.DataFrame:
    """questions_of_theme for one audience's counts (one call, so a page can cache it), a
    negatively worded one's wording followed by what positive means for it."""
    asked = questions_of_theme(counts.where(audience=audience), codebook, theme)
    return with_flipped_notes(asked, codebook, column="question_text")

"""Headline figures: the latest value of a trend, its change since the previous point,
and a plain verdict on whether that change is more than noise."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from model.survey_counts import SurveyCounts
from metrics.change import newcombe_difference, wave_changes
from metrics.publishable import blank_hidden
from metrics.breakdowns import whole_wave_shown
from metrics.questions import wording_by_wave
from metrics.survey import percent_positive, question_lookup
from settings.disclosure import DisclosurePolicy


def points(change: float, signed: bool = False) -> str:
    """A change in percentage points, in words: "1 point", "12 points" ("+12 points" when ``signed``)."""
    whole = round(change)
    number = f"{whole:+d}" if signed else f"{abs(whole):d}"
    return f"{number} point" + ("" if abs(whole) == 1 else "s")


@dataclass(frozen=True)
class Headline:
    label: str
    value: float | None          # 0-100
    date: pd.Timestamp | None
    change: float | None         # percentage points since the previous point
    previous_date: pd.Timestamp | None
    verdict: str                 # "real change" | "within the noise" | "whole count" | "no earlier figure"
    n: int | None
    note: str = ""               # what the figure is of, said beside it (an actions share's denominator)

    @property
    def sentence(self) -> str:
        if self.value is None:
            return f"No {self.label.lower()} figures yet."
        when = f"{self.date:%b %Y}" + (f" ({self.note})" if self.note else "")
        if self.change is None:
            return f"{self.value:.0f}% at {when}; no earlier figure to compare."
        word = "up" if self.change > 0 else "down"
        since = f"since {self.previous_date:%b %Y}"
        amount = f"{word} {points(self.change)} {since}" if round(self.change) else f"no change {since}"
        return f"{self.value:.0f}% at {when}, {amount}: {self.verdict}."


def series_headline(trend: pd.DataFrame, series: str, label: str, sampled: bool = True,
                    confidence: float = 0.95) -> Headline:
    """Headline for one series of a trend table (columns series, date, value, n)."""
    points = trend[trend["series"] == series].dropna(subset=["value"]).sort_values("date")
    if points.empty:
        return Headline(label, None, None, None, None, "no figures", None)
    last = points.iloc[-1]
    if len(points) == 1:
        return Headline(label, float(last["value"]), last["date"], None, None, "no earlier figure", int(last["n"]))
    prev = points.iloc[-2]
    change = float(last["value"]) - float(prev["value"])
    verdict = (change_verdict(prev, last, confidence) if sampled
               else "every action in scope is counted, so this is not sampling noise")
    return Headline(label, float(last["value"]), last["date"], round(change, 1), prev["date"], verdict, int(last["n"]))


def is_real_change(before: pd.Series, after: pd.Series, confidence: float) -> bool:
    """Whether two % figures (``value`` measured on ``n`` people) differ by more than chance:
    the Newcombe interval of the difference excludes 0."""
    _, lower, upper = newcombe_difference(before["value"] / 100, int(before["n"]), after["value"] / 100,
                                          int(after["n"]), confidence)
    return bool(lower > 0 or upper < 0)


def change_verdict(before: pd.Series, after: pd.Series, confidence: float) -> str:
    return "a real change" if is_real_change(before, after, confidence) else "within the noise"


#: Added to a negatively worded statement, where a positive answer is to disagree.
NEGATIVE_NOTE = " (positive = disagree)"


def question_changes(counts: SurveyCounts, codebook: pd.DataFrame, audience: str, policy: DisclosurePolicy,
                     confidence: float = 0.95) -> pd.DataFrame:
    """Each question's latest % positive for one audience, its change since the previous
    wave and the verdict, worded as the latest wave asked it; biggest real changes first.

    A question the disclosure policy hides in a wave (fewer than ``policy.min_size`` answers, or it
    would reveal a small group) has no figure for it.
    Columns: question_id, question, theme, pct_positive, n_respondents, previous_wave_date,
    change, lower, upper, verdict, headline (a plain-English sentence)."""
    subset = counts.where(audience=audience)
    if subset.empty:
        return pd.DataFrame(columns=["question_id", "question", "theme", "pct_positive", "n_respondents",
                                     "previous_wave_date", "change", "lower", "upper", "verdict", "headline"])
    table = percent_positive(subset, codebook, by=["wave", "wave_date", "question_id", "theme"])
    shown = whole_wave_shown(table, subset, codebook, policy)
    figures = ["n_respondents", "n_answers", "pct_positive", "pct_neutral", "pct_negative"]
    table = blank_hidden(table, figures, shown)
    changes = wave_changes(table, keys=["question_id", "theme"], confidence=confidence)
    latest_date = table["wave_date"].max()
    latest = table[table["wave_date"] == latest_date]
    last_change = changes[changes["wave_date"] == latest_date][
        ["question_id", "previous_wave_date", "change", "lower", "upper", "verdict"]]
    worded = wording_by_wave(subset)            # the most common wording, if a wave had two
    wording = (worded[worded["wave_date"] == latest_date][["question_id", "question_text"]]
               .rename(columns={"question_text": "question"}))
    out = (latest[["question_id", "theme", "pct_positive", "n_respondents"]]
           .merge(wording, on="question_id", how="left")
           .merge(last_change, on="question_id", how="left"))
    out["question"] = out["question"].astype("string").fillna(out["question_id"].astype("string"))
    negative = out["question_id"].isin(question_lookup(codebook).query("negative")["question_id"])
    out.loc[negative, "question"] = out.loc[negative, "question"] + NEGATIVE_NOTE
    out["pct_positive"] = out["pct_positive"].round(0)
    out["headline"] = [_question_sentence(row) for row in out.itertuples()]
    out["_real"] = out["verdict"].eq("real change").fillna(False)
    out["_size"] = out["change"].abs().fillna(0)
    out = out.sort_values(["_real", "_size"], ascending=False).drop(columns=["_real", "_size"])
    return out[["question_id", "question", "theme", "pct_positive", "n_respondents", "previous_wave_date",
                "change", "lower", "upper", "verdict", "headline"]].reset_index(drop=True)


def _question_sentence(row) -> str:
    if pd.isna(row.pct_positive):
        return f"“{row.question}”: fewer than the minimum number of answers this time, so no figure is shown."
    start = f"{row.pct_positive:.0f}% positive on “{row.question}”"
    if pd.isna(row.change):
        return start + "; no earlier wave to compare."
    word = "up" if row.change > 0 else "down"
    amount = f"{word} {points(row.change)}" if round(row.change) else "no change"
    return f"{start}, {amount} since {row.previous_wave_date:%B %Y}: {row.verdict}."

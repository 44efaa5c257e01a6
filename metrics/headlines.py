"""Headline figures: the latest value of a trend, its change since the previous point,
and a plain verdict on whether that change is more than noise."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from model.survey_counts import SurveyCounts
from metrics.change import REAL_CHANGE, newcombe_difference, shown_intervals, wave_changes
from metrics.publishable import blank_hidden
from metrics.breakdowns import whole_wave_shown
from metrics.questions import wording_by_wave
from metrics.survey import flipped_notes, percent_positive, with_flipped_notes
from settings.disclosure import DisclosurePolicy


def points(change: float, signed: bool = False) -> str:
    """A change in percentage points, in words: "1 point", "12 points" ("+12 points" when ``signed``)."""
    whole = round(change)
    number = f"{whole:+d}" if signed else f"{abs(whole):d}"
    return f"{number} point" + ("" if abs(whole) == 1 else "s")


#: The verdicts of a sampled change (``change_verdict``).
REAL, WITHIN_NOISE = "a real change", "within the noise"


@dataclass(frozen=True)
class Headline:
    label: str
    value: float | None          # 0-100
    date: pd.Timestamp | None
    change: float | None         # percentage points since the previous point
    previous_date: pd.Timestamp | None
    verdict: str                 # REAL | WITHIN_NOISE | a whole count's words | "no earlier figure"
    n: int | None
    note: str = ""               # what the figure is of, said beside it (an actions share's denominator)

    @property
    def sentence(self) -> str:
        if self.value is None:
            return f"{self.label}: no figures yet."
        when = f"{self.date:%b %Y}" + (f" ({self.note})" if self.note else "")
        if self.change is None:
            return f"{self.value:.0f}% at {when}; no earlier figure to compare."
        word = "up" if self.change > 0 else "down"
        since = f"since {self.previous_date:%b %Y}"
        amount = f"{word} {points(self.change)} {since}" if round(self.change) else f"no change {since}"
        return f"{self.value:.0f}% at {when}, {amount}: {self.verdict}."

    @property
    def delta(self) -> str | None:
        """The change as every card shows it, its verdict in words: "+3 points, within the
        noise", "-12 points, a real change", "+9 points" (a whole count, no sampling); None
        when there is no change to show (no earlier figure, or under half a point)."""
        if self.change is None or not round(self.change):
            return None
        said = {WITHIN_NOISE: ", within the noise", REAL: ", a real change"}.get(self.verdict, "")
        return points(self.change, signed=True) + said

    @property
    def delta_colour(self) -> str:
        """"off" (grey) for a change within the noise, which is never coloured as a rise or a
        fall; "normal" (green up, red down) for a real change or a whole count."""
        return "off" if self.verdict == WITHIN_NOISE else "normal"


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
    return REAL if is_real_change(before, after, confidence) else WITHIN_NOISE


def question_changes(counts: SurveyCounts, codebook: pd.DataFrame, audience: str, policy: DisclosurePolicy,
                     confidence: float = 0.95) -> pd.DataFrame:
    """Each question's latest % positive for one audience, its change since the previous
    wave and the verdict, worded as the latest wave asked it (a negatively worded one
    followed by what positive means for it: ``metrics.survey.with_flipped_notes``); biggest
    real changes first.

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
    out["pct_positive"] = out["pct_positive"].round(0)
    out = shown_intervals(out)       # rounded outward: never [.., 0.0] beside "within the noise"
    notes = flipped_notes(codebook)
    out["headline"] = [_question_sentence(row, notes.get(str(row.question_id))) for row in out.itertuples()]
    out = with_flipped_notes(out, codebook)
    out["_real"] = out["verdict"].eq("real change").fillna(False)
    out["_size"] = out["change"].abs().fillna(0)
    out = out.sort_values(["_real", "_size"], ascending=False).drop(columns=["_real", "_size"])
    return out[["question_id", "question", "theme", "pct_positive", "n_respondents", "previous_wave_date",
                "change", "lower", "upper", "verdict", "headline"]].reset_index(drop=True)


def moved_heading(moved: pd.DataFrame, noun: str = "question") -> str:
    """The heading over the questions that moved, saying what they show: "None of 14 questions
    moved beyond the noise", "1 of 8 questions moved beyond the noise"; with nothing to compare,
    the question the section answers ("Did any question move beyond the noise?")."""
    compared = moved[pd.to_numeric(moved["change"], errors="coerce").notna()] \
        if {"change", "verdict"} <= set(moved.columns) else moved.iloc[:0]
    if compared.empty:
        return f"Did any {noun} move beyond the noise?"
    real, total = int(compared["verdict"].eq(REAL_CHANGE).fillna(False).sum()), len(compared)
    counted = f"{total} {noun}" + ("" if total == 1 else "s")
    if real == 0:
        return f"No {noun} moved beyond the noise" if total == 1 else f"None of {counted} moved beyond the noise"
    return f"{real} of {counted} moved beyond the noise"


def _question_sentence(row, note: str | None = None) -> str:
    """The question's line in words; ``note``: what positive means for a negatively worded one."""
    quoted = f"“{row.question}”" + (f" ({note})" if note else "")
    if pd.isna(row.pct_positive):
        return f"{quoted}: fewer than the minimum number of answers this time, so no figure is shown."
    start = f"{row.pct_positive:.0f}% positive on {quoted}"
    if pd.isna(row.change):
        return start + "; no earlier wave to compare."
    word = "up" if row.change > 0 else "down"
    amount = f"{word} {points(row.change)}" if round(row.change) else "no change"
    return f"{start}, {amount} since {row.previous_wave_date:%B %Y}: {row.verdict}."

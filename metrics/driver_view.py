"""The key-driver view of one wave, as the Culture page shows it: drivers of the outcome with
their importance, interval, tier and % positive, from the cells the disclosure policy lets
the wave show (``metrics.publishable``) and its whole-wave pair tables only.

A statement whose whole-wave cell is hidden gets no figure; a wave whose outcome cell is
hidden, or that was counted before pair tables were kept, gives a sentence instead of a table."""
from __future__ import annotations

import pandas as pd

from metrics.key_drivers import importance_vs_score, key_drivers
from metrics.publishable import publishable
from metrics.survey import percent_positive
from metrics.survey import with_flipped_notes
from model.survey_counts import SurveyCounts
from settings.analysis import KeyDriverSpec
from settings.disclosure import DisclosurePolicy

VIEW_COLUMNS = ["question", "pct_positive", "importance", "lower", "upper", "n", "tier_words", "quadrant",
                "cannot_tell"]


def driver_view(counts: SurveyCounts, codebook: pd.DataFrame, spec: KeyDriverSpec, policy: DisclosurePolicy,
                wave_date: pd.Timestamp, confidence: float = 0.95) -> tuple[pd.DataFrame, str | None]:
    """(VIEW_COLUMNS plus tier, top_tier_floor and score_median for the chart; or an empty frame and why there is nothing to show)."""
    wave = counts.where(audience=spec.audience, wave_date=wave_date)
    whole = publishable(wave, codebook, policy).whole
    shown = set(whole.loc[whole["shown"], "question_id"].astype(str))
    if spec.outcome not in set(whole["question_id"].astype(str)):
        return pd.DataFrame(columns=VIEW_COLUMNS), (f"The outcome statement ({spec.outcome}, config/settings.toml "
                                                    "[key_drivers] outcome) was not asked in this wave.")
    if spec.outcome not in shown:
        return pd.DataFrame(columns=VIEW_COLUMNS), f"Cannot tell: the outcome statement has {policy.too_few()}."
    if wave.pairs.empty:
        return pd.DataFrame(columns=VIEW_COLUMNS), ("Cannot tell: this wave was stored before the dashboard kept "
                                                    "which answers went together; upload its file again.")
    pairs = wave.pairs[wave.pairs["question_id"].isin(shown) & wave.pairs["other_id"].isin(shown)]
    drivers = key_drivers(pairs, codebook, spec, confidence)
    if drivers["importance"].isna().all():
        return pd.DataFrame(columns=VIEW_COLUMNS), (f"Cannot tell which statements go with the outcome: fewer than "
                                                    f"{spec.min_respondents} people answered each statement and it.")
    scores = percent_positive(wave.where(question_ids=shown), codebook, ["question_id"])
    view = importance_vs_score(drivers, scores)
    words = codebook.dropna(subset=["question_id"]).drop_duplicates("question_id").set_index("question_id")["wording"]
    view.insert(0, "question", view["question_id"].map(words).fillna(view["question_id"]).astype("string"))
    return with_flipped_notes(view, codebook), None     # a negative statement says what "positive" means


def outcome_wording(codebook: pd.DataFrame, outcome: str) -> str:
    """The outcome statement's wording (its id when the codebook does not know it)."""
    rows = codebook.loc[codebook["question_id"] == outcome, "wording"].dropna()
    return str(rows.iloc[0]) if len(rows) else outcome


def tier_sentences(view: pd.DataFrame) -> list[str]:
    """One sentence per tier: "Matter most, about equally as far as this wave can tell: A; B; C." """
    out = []
    for tier, part in view.dropna(subset=["tier"]).groupby("tier", sort=True):
        names = "; ".join(f"“{q}”" for q in part["question"])
        out.append(f"{part['tier_words'].iloc[0]}: {names}.")
    return out

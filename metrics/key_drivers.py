"""Key drivers: which statements go with the outcome statement, honestly at small n.

**Method: Spearman rank correlation** (Spearman 1904) between each statement's answer and
the outcome statement's answer (config/settings.toml ``[key_drivers] outcome``), over the
respondents who answered both, with a percentile bootstrap interval (Efron & Tibshirani
1993, *An Introduction to the Bootstrap*, ch. 13). Why not Johnson's relative weights (Johnson
2000, *Multivariate Behavioral Research* 35:1) or a Shapley decomposition of R²: both
regress the outcome on every statement at once, which needs respondents who answered all of
them and, with a dozen strongly correlated statements and a wave of 47 people, splits the
shared variance between them almost arbitrarily from one resample to the next. A rank
correlation needs only the two statements' joint answers, treats the 5-point scale as the
ordered categories it is (no equal-interval assumption), and its bootstrap interval says
plainly how little a small wave can tell apart. It measures association, not cause.

**Data.** The store keeps no respondent rows; the joint answers come as a pair table
(``model.survey_counts.PAIR_COUNTS``: for a whole wave, how many people gave each answer to a
statement and each answer to another). The Spearman coefficient of a 5 x 5 table is the
Pearson correlation of the categories' mid-ranks weighted by the cell counts, exactly what
``scipy.stats.spearmanr`` gives on the respondent rows, ties and all; resampling respondents
with replacement is resampling the table's cells multinomially (``resamples`` of them, seeded).

**Honest ranking.** Drivers are grouped, not ranked one by one: the strongest remaining
driver opens a tier and every driver whose interval overlaps its interval joins it ("these
three matter about equally"). A statement answered together with the outcome by fewer than
``min_respondents`` people gets no figure and says so in words.

Only aggregates leave this module (a coefficient, its interval, a % positive, a count); the
figure built from them carries no respondent row.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from metrics.survey import question_lookup
from settings.analysis import KeyDriverSpec

DRIVER_COLUMNS = ["question_id", "importance", "lower", "upper", "n", "tier", "tier_words", "cannot_tell"]
_LEVELS = 5


def table_spearman(tables: np.ndarray) -> np.ndarray:
    """Spearman's rho of each (..., 5, 5) count table (rows: a statement's answer, columns: the
    outcome's), mid-ranks for ties; NaN where either margin has one category only."""
    tables = np.asarray(tables, dtype=float)
    rows, cols = tables.sum(axis=-1), tables.sum(axis=-2)
    n = rows.sum(axis=-1, keepdims=True)
    rank_r = np.cumsum(rows, axis=-1) - rows + (rows + 1) / 2      # mid-rank of each category
    rank_c = np.cumsum(cols, axis=-1) - cols + (cols + 1) / 2
    mean_r = (rows * rank_r).sum(axis=-1, keepdims=True) / n
    mean_c = (cols * rank_c).sum(axis=-1, keepdims=True) / n
    dr, dc = rank_r - mean_r, rank_c - mean_c
    cov = np.einsum("...i,...ij,...j->...", dr, tables, dc)
    var_r, var_c = (rows * dr ** 2).sum(axis=-1), (cols * dc ** 2).sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return cov / np.sqrt(var_r * var_c)


def bootstrap_interval(table: np.ndarray, resamples: int, rng: np.random.Generator,
                       confidence: float = 0.95) -> tuple[float, float]:
    """Percentile interval of rho over ``resamples`` multinomial resamples of the table's people."""
    flat = np.asarray(table, dtype=float).ravel()
    draws = rng.multinomial(int(flat.sum()), flat / flat.sum(), size=resamples).reshape(resamples, _LEVELS, _LEVELS)
    rho = table_spearman(draws)
    rho = rho[np.isfinite(rho)]
    if len(rho) == 0:
        return float("nan"), float("nan")
    tail = (1 - confidence) / 2 * 100
    return float(np.percentile(rho, tail)), float(np.percentile(rho, 100 - tail))


def pair_tables(pairs: pd.DataFrame, codebook: pd.DataFrame, outcome: str) -> dict[str, np.ndarray]:
    """Per statement: its 5 x 5 table with the outcome (rows: the statement's answer, columns: the
    outcome's), positions flipped for negatively worded statements so that higher is more positive."""
    negative = question_lookup(codebook).set_index("question_id")["negative"].astype("boolean").fillna(False)
    flip = lambda q: bool(negative.get(q, False))                      # noqa: E731 - a one-line lookup
    tables: dict[str, np.ndarray] = {}
    for column, other, swap in (("question_id", "other_id", False), ("other_id", "question_id", True)):
        part = pairs[pairs[other] == outcome]
        for driver, rows in part.groupby(column, sort=True):
            a = rows["other_position" if swap else "position"].to_numpy(dtype=int)
            b = rows["position" if swap else "other_position"].to_numpy(dtype=int)
            a = 4 - a if flip(driver) else a
            b = 4 - b if flip(outcome) else b
            table = tables.setdefault(str(driver), np.zeros((_LEVELS, _LEVELS)))
            np.add.at(table, (a, b), rows["n"].to_numpy(dtype=float))
    return tables


def key_drivers(pairs: pd.DataFrame, codebook: pd.DataFrame, spec: KeyDriverSpec,
                confidence: float = 0.95) -> pd.DataFrame:
    """One row per statement paired with the outcome: DRIVER_COLUMNS. importance: Spearman's rho
    with the outcome; lower, upper: its bootstrap interval; n: respondents who answered both;
    tier: 1 = the drivers that matter most (equally, as far as the data can tell); cannot_tell:
    why a statement has no figure (too few), else NA. Sorted by tier, then importance."""
    rng = np.random.default_rng(spec.seed)
    rows = []
    for driver, table in sorted(pair_tables(pairs, codebook, spec.outcome).items()):
        n = int(table.sum())
        if n < spec.min_respondents:
            rows.append([driver, np.nan, np.nan, np.nan, n, pd.NA, pd.NA,
                         f"fewer than {spec.min_respondents} people answered both this statement and the outcome, "
                         "too few to tell how much it goes with it"])
            continue
        rho = float(table_spearman(table))
        lower, upper = bootstrap_interval(table, spec.resamples, rng, confidence)
        rows.append([driver, rho, lower, upper, n, pd.NA, pd.NA, pd.NA])
    out = pd.DataFrame(rows, columns=DRIVER_COLUMNS)
    return with_tiers(out)


def with_tiers(drivers: pd.DataFrame) -> pd.DataFrame:
    """Tiers of drivers whose intervals overlap the tier leader's (module docstring), with words."""
    out = drivers.copy()
    ranked = out[out["importance"].notna()].sort_values("importance", ascending=False)
    tier, left = 0, list(ranked.index)
    out["tier"] = pd.array([pd.NA] * len(out), dtype="Int64")
    while left:
        tier += 1
        leader = left[0]
        members = [i for i in left if out.at[i, "upper"] >= out.at[leader, "lower"]]
        out.loc[members, "tier"] = tier
        left = [i for i in left if i not in members]
    sizes = out["tier"].value_counts()
    out["tier_words"] = pd.array([pd.NA if pd.isna(t) else _tier_words(int(t), int(sizes[t])) for t in out["tier"]],
                                 dtype="string")
    out["cannot_tell"] = out["cannot_tell"].astype("string")
    order = out.assign(_t=out["tier"].fillna(10 ** 6)).sort_values(["_t", "importance"], ascending=[True, False])
    return order.drop(columns="_t").reset_index(drop=True)


def _tier_words(tier: int, size: int) -> str:
    place = {1: "most", 2: "second most", 3: "third most"}.get(tier, f"{tier}th most")
    if size == 1:
        return f"Matters {place}"
    return f"Matters {place}: these {size} matter about equally (their intervals overlap)"


def importance_vs_score(drivers: pd.DataFrame, scores: pd.DataFrame) -> pd.DataFrame:
    """The drivers with their % positive (``scores``: question_id, pct_positive, only cells the
    disclosure policy shows) and their quadrant in words. "Matters more" means in the top tier
    (the drivers the data cannot tell apart from the strongest), never merely above a median of
    figures whose intervals overlap; "scores lower" means below the median % positive of the
    drivers shown. "Priority" = matters more, scores lower. ``top_tier_floor``: the lowest
    importance in the top tier when a lower tier exists (where the chart draws its line), else NA."""
    shown = drivers.merge(scores[["question_id", "pct_positive"]], on="question_id", how="left")
    known = shown["importance"].notna() & shown["pct_positive"].notna()
    mid_s = shown.loc[known, "pct_positive"].median()
    top = shown["tier"].eq(1).fillna(False)
    lower_tiers = (known & ~top).any()
    words = []
    for high, score, ok in zip(top, shown["pct_positive"], known):
        if not ok:
            words.append(pd.NA)
            continue
        words.append({(True, True): "Priority: matters more, scores lower",
                      (True, False): "Strength: matters more, scores higher",
                      (False, True): "Watch: matters less, scores lower",
                      (False, False): "Maintain: matters less, scores higher"}[(bool(high), bool(score < mid_s))])
    floor = shown.loc[known & top, "importance"].min() if lower_tiers else float("nan")
    return shown.assign(quadrant=pd.array(words, dtype="string"), top_tier_floor=floor, score_median=mid_s)

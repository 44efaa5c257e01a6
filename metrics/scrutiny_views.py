"""Scrutiny page views: filters, weighted ranking, cut-off crossings, distribution,
scorer disagreement and one topic's detail. Pure pandas on SCRUTINY_SCORES.

Totals are recomputed from criterion scores (metrics.scrutiny); a weight scales a
criterion's mean score, and the cut-off stays the scheme's own, so a topic "crosses the
cut-off because of the weights" when its weighted and unweighted totals fall on
different sides of it.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from metrics.scrutiny import latest_value_scores, value_scores

STATUSES = {"all": None, "yes": True, "no": False}


def filter_scores(scores: pd.DataFrame, meeting: pd.Timestamp | None = None, committee: str | None = None,
                  objective: str | None = None, status: str = "all") -> pd.DataFrame:
    """Scores at one meeting / committee / strategic objective / work-programme status (None = all)."""
    keep = pd.Series(True, index=scores.index)
    if meeting is not None:
        keep &= scores["meeting_date"] == pd.Timestamp(meeting)
    if committee is not None:
        keep &= scores["committee"] == committee
    if objective is not None:
        keep &= scores["objective"] == objective
    if STATUSES.get(status) is not None:
        keep &= scores["on_work_programme"].fillna(False).astype(bool) == STATUSES[status]
    return scores.loc[keep.fillna(False).astype(bool)]


def filter_options(scores: pd.DataFrame) -> dict[str, list]:
    """The values each filter offers: meetings (latest first), committees, objectives."""
    return {
        "meeting": sorted({pd.Timestamp(d) for d in scores["meeting_date"].dropna()}, reverse=True),
        "committee": sorted(scores["committee"].dropna().unique()),
        "objective": sorted(scores["objective"].dropna().unique()),
    }


def weighted_ranking(scores: pd.DataFrame, weights: Mapping[str, float] | None, cutoff: float | None) -> pd.DataFrame:
    """One row per topic (latest meeting), highest weighted total first, with the unweighted
    total beside it and ``crossing``: "up" (reaches the cut-off only because of the weights),
    "down" (falls below it only because of them) or "" (no change)."""
    weighted = latest_value_scores(scores, weights)
    plain = latest_value_scores(scores).set_index("topic")["total"]
    weighted["unweighted"] = weighted["topic"].map(plain).astype(float)
    if cutoff is None:
        weighted["reaches"] = False
        weighted["crossing"] = ""
        return weighted
    weighted["reaches"] = weighted["total"] >= cutoff
    before = weighted["unweighted"] >= cutoff
    weighted["crossing"] = ""
    weighted.loc[weighted["reaches"] & ~before, "crossing"] = "up"
    weighted.loc[~weighted["reaches"] & before, "crossing"] = "down"
    return weighted


def crossing_statement(ranking: pd.DataFrame, cutoff: float | None, total_name: str) -> str:
    """A plain sentence saying which topics cross the cut-off because of the weights."""
    if cutoff is None:
        return "This scheme has no cut-off."
    up = ranking.loc[ranking["crossing"] == "up", "topic"].tolist()
    down = ranking.loc[ranking["crossing"] == "down", "topic"].tolist()
    if not up and not down:
        return f"With these weights no topic crosses the cut-off of {cutoff:g}: the same topics reach it as unweighted."
    parts = []
    if up:
        parts.append(f"reach the cut-off of {cutoff:g} only because of the weights: {_join(up)}")
    if down:
        parts.append(f"fall below it only because of the weights: {_join(down)}")
    return f"Weighted {total_name}: " + "; ".join(parts) + "."


def weights_statement(weights: Mapping[str, float], criteria: Sequence[str]) -> str:
    """The what-if weights in words, in the scheme's order: 'Public Interest × 2, Financial
    Value × 0; every other criterion × 1' (or 'every criterion × 1' without weights)."""
    weighted = [f"{c} × {weights[c]:g}" for c in criteria if weights.get(c, 1.0) != 1.0]
    weighted += [f"{c} × {w:g}" for c, w in weights.items() if c not in criteria and w != 1.0]
    if not weighted:
        return "every criterion × 1"
    rest = "; every other criterion × 1" if len(weighted) < len(criteria) else ""
    return ", ".join(weighted) + rest


def _join(names: Sequence[str]) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def sort_matrix(matrix: pd.DataFrame, by: str = "total") -> pd.DataFrame:
    """Matrix rows ordered by total (sum over criteria) or by one criterion, highest first."""
    key = matrix.sum(axis=1, skipna=True) if by == "total" or by not in matrix.columns else matrix[by]
    order = key.rename("_key").reset_index().sort_values(["_key", "topic"], ascending=[False, True], kind="stable")
    return matrix.loc[order["topic"].tolist()]


def score_distribution(scores: pd.DataFrame, criteria: Sequence[str], labels: Mapping[int, str]) -> pd.DataFrame:
    """How many individual scores each criterion got at each level: criterion, score, label, count, share."""
    given = scores.dropna(subset=["score"])
    levels = sorted(labels)
    grid = pd.MultiIndex.from_product([list(criteria), levels], names=["criterion", "score"])
    counts = given.assign(score=given["score"].astype(int)).groupby(["criterion", "score"]).size()
    out = counts.reindex(grid, fill_value=0).rename("count").reset_index()
    totals = out.groupby("criterion")["count"].transform("sum")
    out["share"] = (out["count"] / totals.where(totals > 0)).fillna(0.0)
    out["label"] = out["score"].map(labels)
    return out[["criterion", "score", "label", "count", "share"]]


def _spread(scores: pd.DataFrame) -> pd.DataFrame:
    """Per topic (latest meeting) and criterion: scorers, spread (population SD) and range."""
    latest = scores.groupby("topic")["meeting_date"].transform("max")
    current = scores.loc[((scores["meeting_date"] == latest) | latest.isna()) & scores["score"].notna()]
    values = current.assign(_s=current["score"].astype(float)).groupby(["topic", "criterion"])["_s"]
    return values.agg(scorers="size", spread=lambda s: s.std(ddof=0), low="min", high="max").reset_index()


def disagreement_by_topic(scores: pd.DataFrame) -> pd.DataFrame:
    """Topics scored by two or more members: mean spread over criteria, the widest range, and the
    criterion they disagreed on most. Most disagreement first."""
    spread = _spread(scores)
    spread = spread.loc[spread["scorers"] >= 2].assign(range=lambda f: f["high"] - f["low"])
    if spread.empty:
        return pd.DataFrame(columns=["topic", "scorers", "disagreement", "widest_range", "most_disputed"])
    widest = spread.sort_values(["spread", "criterion"], ascending=[False, True]).groupby("topic").head(1)
    out = spread.groupby("topic").agg(scorers=("scorers", "max"), disagreement=("spread", "mean"),
                                      widest_range=("range", "max")).reset_index()
    out["most_disputed"] = out["topic"].map(widest.set_index("topic")["criterion"])
    return out.sort_values(["disagreement", "topic"], ascending=[False, True]).reset_index(drop=True)


def disagreement_by_criterion(scores: pd.DataFrame, criteria: Sequence[str]) -> pd.DataFrame:
    """Per criterion, over topics with two or more scorers: mean spread and topics disagreed on."""
    spread = _spread(scores)
    spread = spread.loc[spread["scorers"] >= 2]
    out = spread.groupby("criterion").agg(disagreement=("spread", "mean"),
                                          topics_split=("spread", lambda s: int((s > 0).sum())),
                                          topics=("topic", "nunique"))
    return out.reindex(list(criteria)).fillna({"topics_split": 0, "topics": 0}).reset_index()


def topic_scores_by_scorer(scores: pd.DataFrame, topic: str, criteria: Sequence[str]) -> pd.DataFrame:
    """One topic at its latest meeting: a row per criterion, a column per scorer, then mean and spread."""
    rows = scores.loc[scores["topic"] == topic]
    if rows.empty:
        return pd.DataFrame(columns=["criterion", "mean", "spread"])
    rows = rows.loc[rows["meeting_date"] == rows["meeting_date"].max()] if rows["meeting_date"].notna().any() else rows
    rows = rows.assign(scorer=rows["scorer"].fillna("Score"), _s=rows["score"].astype(float))
    wide = rows.pivot_table(index="criterion", columns="scorer", values="_s", aggfunc="mean", sort=False)
    wide = wide.reindex([c for c in criteria if c in wide.index] + [c for c in wide.index if c not in criteria])
    stats = rows.groupby("criterion")["_s"].agg(mean="mean", spread=lambda s: s.std(ddof=0))
    out = wide.join(stats).reset_index()
    out.columns.name = None
    return out


def topic_meetings(scores: pd.DataFrame, topic: str) -> pd.DataFrame:
    """The meetings a topic came to, oldest first: date, committee, objective, scorers, total."""
    columns = ["meeting_date", "committee", "objective", "n_scorers", "total"]
    rows = scores.loc[scores["topic"] == topic]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    return value_scores(rows)[columns].sort_values("meeting_date").reset_index(drop=True)

"""Typical example comments of a theme: the ones closest to what the theme's comments say
together, of a moderate length, never the extremes.

The theme's comments are turned into TF-IDF vectors (scikit-learn, English stop words
left out); the most typical are those whose vector is closest (cosine) to the theme's
centroid. The shortest and the longest comments (by number of words, ``trim_share`` of the
theme's comments at each end, config/comment_themes.toml ``[examples]``) are never chosen,
so an example is neither a one-word outburst nor a long, identifying story. Ties go to the
comment id, so the choice is the same every time; a comment written the same as one already
chosen (case and spacing aside) is passed over, so three examples say three things. Only ids
are returned: the caller
redacts the text before anything shows it. A theme with fewer comments than the threshold
is not shown, so it has no examples.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer

from settings.comment_themes import CommentCodebook, comment_codebook
from settings.disclosure import DisclosurePolicy


def moderate_length(lengths: np.ndarray, trim_share: float) -> np.ndarray:
    """Which of ``lengths`` are neither among the shortest nor the longest ``trim_share``
    (by rank; equal lengths stay together, so a tie at an edge goes out together)."""
    n = len(lengths)
    cut = int(np.floor(n * trim_share))
    if cut == 0:
        return np.ones(n, dtype=bool)
    ordered = np.sort(lengths)
    low, high = ordered[cut - 1], ordered[n - cut]
    keep = (lengths > low) & (lengths < high)
    return keep if keep.any() else np.ones(n, dtype=bool)


def typicality(texts: list[str]) -> np.ndarray:
    """Each text's cosine similarity to the centroid of the texts' TF-IDF vectors (0 when the
    texts have no words but stop words)."""
    try:
        vectors = TfidfVectorizer(stop_words="english").fit_transform(texts)
    except ValueError:                      # an empty vocabulary: only stop words
        return np.zeros(len(texts))
    centroid = np.asarray(vectors.mean(axis=0)).ravel()
    norm = np.linalg.norm(centroid)
    if norm == 0:
        return np.zeros(len(texts))
    return np.asarray(vectors @ (centroid / norm)).ravel()   # rows are unit length (l2)


def typical_examples(comments: pd.DataFrame, assignments: pd.DataFrame, theme: str, *,
                     policy: DisclosurePolicy, codebook: CommentCodebook | None = None, k: int = 3) -> list[str]:
    """Up to ``k`` comment ids of ``theme`` (assign_themes), most typical first; [] when the
    theme has fewer comments than ``policy.min_size``."""
    ids = set(assignments.loc[assignments["theme"] == theme, "comment_id"].astype(str))
    mine = comments[comments["comment_id"].astype(str).isin(ids)].drop_duplicates("comment_id")
    if len(mine) < policy.min_size or k < 1 or mine.empty:
        return []
    mine = mine.assign(comment_id=mine["comment_id"].astype(str)).sort_values("comment_id")
    texts = mine["text"].fillna("").astype(str).tolist()
    lengths = np.array([len(t.split()) for t in texts])
    score = typicality(texts)
    keep = moderate_length(lengths, (codebook or comment_codebook()).trim_share)
    ranked = mine.assign(_score=score)[keep].sort_values(["_score", "comment_id"], ascending=[False, True])
    same = ranked["text"].fillna("").astype(str).map(lambda t: " ".join(t.casefold().split()))
    return ranked.loc[~same.duplicated(), "comment_id"].head(k).tolist()

"""What the codebook misses: topics found in the comments no theme matched.

The comments assigned NO_THEME are turned into TF-IDF vectors (scikit-learn; English stop
words out; a word used in fewer than ``min_word_comments`` comments is never a topic's word,
so a name or a one-off detail cannot describe a topic) and factorised with NMF
(``random_state`` and the NNDSVDA start from config/comment_themes.toml ``[topics]``, so the
same comments always give the same topics). Each topic is described by its top words and
counts the comments it is the strongest topic of; comments with none of the kept words are
counted as "no clear topic".

Topic counts split the unthemed comments, so they follow the count disclosure rule
(metrics.comment_disclosure) with the unthemed total as the whole: a topic under the
threshold is hidden, words and count, and so is what would give it away. The total is the
sum of the "no theme" counts the waves publish (metrics.comment_themes): a wave whose "no
theme" count is hidden is left out of the topics altogether (its comments would otherwise
be the difference), and the message names it. With fewer unthemed comments than
``min_comments`` there are no topics. Either way ``message`` says so plainly.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.decomposition import NMF
from sklearn.feature_extraction.text import TfidfVectorizer

from metrics.comment_disclosure import decide_line, reason_words
from metrics.comment_themes import theme_counts
from settings.comment_themes import NO_THEME, CommentCodebook, comment_codebook
from settings.disclosure import DisclosurePolicy

NO_CLEAR_TOPIC = "no clear topic"
TOPIC_COLUMNS = ["topic", "top_words", "comments", "shown", "reason"]


@dataclass(frozen=True)
class Topics:
    """``table``: topic (1.. or NO_CLEAR_TOPIC), top_words ("; "-joined), comments, shown,
    reason; a hidden topic has neither words nor count. ``unthemed``: the comments no theme
    matched. ``message``: why there are no topics, or which are not shown (None: all shown)."""

    table: pd.DataFrame
    unthemed: int
    message: str | None


def _unthemed(comments: pd.DataFrame, assignments: pd.DataFrame) -> pd.DataFrame:
    ids = set(assignments.loc[assignments["theme"] == NO_THEME, "comment_id"].astype(str))
    mine = comments[comments["comment_id"].astype(str).isin(ids)].drop_duplicates("comment_id")
    return mine.assign(comment_id=mine["comment_id"].astype(str)).sort_values("comment_id")


def fit_topics(texts: list[str], n_topics: int, codebook: CommentCodebook) -> tuple[list[list[str]], np.ndarray]:
    """Each topic's top words and each text's strongest topic (-1: none of the kept words)."""
    settings = codebook.topics
    vectorizer = TfidfVectorizer(stop_words="english", min_df=settings.min_word_comments)
    try:
        vectors = vectorizer.fit_transform(texts)
    except ValueError:                      # no word is used in enough comments
        return [], np.full(len(texts), -1)
    n = max(1, min(n_topics, vectors.shape[0], vectors.shape[1]))
    model = NMF(n_components=n, init="nndsvda", random_state=settings.random_state, max_iter=settings.max_iter)
    with np.errstate(invalid="ignore"):     # an exact fit (repeated comments): its error is sqrt(-0.0)
        weights = model.fit_transform(vectors)
    vocabulary = vectorizer.get_feature_names_out()
    top = [[str(vocabulary[j]) for j in np.argsort(-row, kind="stable")[:settings.top_words] if row[j] > 0]
           for row in model.components_]
    strongest = np.where(weights.max(axis=1) > 0, weights.argmax(axis=1), -1)
    return top, strongest


def _not_shown(message: str, unthemed: int) -> Topics:
    return Topics(pd.DataFrame(columns=TOPIC_COLUMNS), unthemed, message)


def unassigned_topics(comments: pd.DataFrame, assignments: pd.DataFrame, n_topics: int, *,
                      policy: DisclosurePolicy, codebook: CommentCodebook | None = None) -> Topics:
    """Up to ``n_topics`` topics among the comments no theme matched (module docstring)."""
    codebook = codebook or comment_codebook()
    counts = theme_counts(comments, assignments, policy, codebook)
    unthemed = counts[counts["theme"] == NO_THEME]
    hidden_waves = unthemed.loc[~unthemed["shown"].astype(bool), "wave_date"]
    comments = comments[~comments["wave_date"].isin(hidden_waves)]
    if comments.empty:
        return _not_shown("Topics are not shown: in every wave the number of comments without a theme is hidden "
                          f"({policy.too_few('comments')}, or to protect a smaller count), and the topics' counts "
                          "would give it away.", 0)
    mine = _unthemed(comments, assignments)
    need = max(codebook.topics.min_comments, policy.min_size)
    left_out = _left_out(hidden_waves)
    if len(mine) < need:
        return _not_shown(f"Too few comments without a theme to tell what else they are about: {len(mine)}, and "
                          f"topics are looked for in {need} or more.{left_out}", len(mine))
    top, strongest = fit_topics(mine["text"].fillna("").astype(str).tolist(), n_topics, codebook)
    labels = list(range(len(top))) + [-1]
    sizes = np.array([int((strongest == t).sum()) for t in labels], dtype=np.int64)
    keep = [i for i, t in enumerate(labels) if t >= 0 or sizes[i] > 0]     # "no clear topic" only when it has any
    shown, reasons, whole = decide_line(sizes[keep], len(mine), policy)
    rows = []
    for pos, i in enumerate(keep):
        t, visible = labels[i], bool(shown[pos]) and whole is None
        rows.append({"topic": str(t + 1) if t >= 0 else NO_CLEAR_TOPIC,
                     "top_words": "; ".join(top[t]) if visible and t >= 0 else pd.NA,
                     "comments": int(sizes[i]) if visible else pd.NA, "shown": visible,
                     "reason": reason_words(reasons[pos], policy)})
    table = pd.DataFrame(rows, columns=TOPIC_COLUMNS).astype({"top_words": "string", "comments": "Int64",
                                                              "reason": "string"})
    hidden = int((~table["shown"]).sum())
    message = None if hidden == 0 else (
        f"{hidden} of {len(table)} topics are not shown: {policy.too_few('comments')}, or hidden so that one "
        "cannot be worked out by subtraction.")
    if left_out:
        message = f"{message or ''}{left_out}".strip()
    return Topics(table, len(mine), message)


def _left_out(hidden_waves: pd.Series) -> str:
    """The sentence naming the waves whose comments the topics leave out ("" for none)."""
    if hidden_waves.empty:
        return ""
    waves = ", ".join(f"{pd.Timestamp(d):%B %Y}" for d in sorted(hidden_waves.unique()))
    return (f" The comments of {waves} are left out: that wave's number of comments without a theme is hidden, and "
            "the topics' counts would give it away.")

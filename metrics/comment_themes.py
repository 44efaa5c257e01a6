"""The themes of free-text comments: which themes each comment carries, and how many
comments of each wave carry each theme.

``assign_themes`` matches every comment against the codebook (settings.comment_themes: whole
words, lightly stemmed, model.words); a comment may carry several themes, or none
(NO_THEME). An officer's correction (THEME_CORRECTIONS, kept by the store with who and when:
store/theme_corrections.py) replaces the codebook's themes for that comment, and from then on
it is used: the latest correction of a comment wins (``when``).

``theme_counts`` counts, per wave, the comments carrying each theme and their share of the
wave's comments (the denominator is always the comments in that wave, all of them, themed
or not; the shares of a wave add up to more than 100% when comments carry several themes).
A count under the threshold is hidden, and so is what would let it be worked out by
subtraction from the wave's total (metrics.comment_disclosure).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from metrics.comment_disclosure import decide_line, reason_words
from model.words import contains, words
from settings.comment_themes import NO_THEME, CommentCodebook, comment_codebook
from settings.disclosure import DisclosurePolicy

CODEBOOK, CORRECTION = "codebook", "correction"
WAVE_KEYS = ["audience", "wave", "wave_date"]
COUNT_COLUMNS = [*WAVE_KEYS, "theme", "theme_name", "comments", "wave_comments", "share", "shown", "reason"]


def codebook_themes(text: object, codebook: CommentCodebook) -> list[str]:
    """The keys of the themes whose terms ``text`` contains, in the codebook's order ([] for none)."""
    found = words(text)
    return [t.key for t in codebook.themes if any(contains(found, term) for term in t.term_words)]


def _latest_corrections(corrections: pd.DataFrame | None) -> pd.DataFrame:
    """One correction per comment (THEME_CORRECTIONS): all the theme rows of its latest ``when``
    (a correction may give several themes; NO_THEME says it carries none)."""
    if corrections is None or corrections.empty:
        return pd.DataFrame({"comment_id": pd.Series(dtype="string"), "theme": pd.Series(dtype="string")})
    frame = corrections.copy()
    if "when" in frame:
        frame["when"] = pd.to_datetime(frame["when"], errors="coerce")
        latest = frame.groupby("comment_id")["when"].transform("max")
        frame = frame[(frame["when"] == latest) | latest.isna()]
    frame = frame.astype({"comment_id": "string", "theme": "string"}).dropna(subset=["comment_id", "theme"])
    return frame[["comment_id", "theme"]].drop_duplicates()


def assign_themes(comments: pd.DataFrame, codebook: CommentCodebook | None = None,
                  corrections: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per (comment, theme): comment_id, theme, source ('codebook' | 'correction').

    Every comment has at least one row: NO_THEME when no term matched. A corrected comment
    carries exactly its latest correction's themes (a correction to NO_THEME and another
    theme keeps only the theme); a correction of a comment not in ``comments`` is ignored."""
    codebook = codebook or comment_codebook()
    rows = []
    fixed = _latest_corrections(corrections)
    by_comment = fixed.groupby("comment_id")["theme"].apply(list).to_dict() if len(fixed) else {}
    for comment_id, text in zip(comments["comment_id"].astype(str), comments["text"]):
        if comment_id in by_comment:
            themes = [t for t in dict.fromkeys(by_comment[comment_id]) if t != NO_THEME] or [NO_THEME]
            rows += [(comment_id, t, CORRECTION) for t in themes]
        else:
            rows += [(comment_id, t, CODEBOOK) for t in codebook_themes(text, codebook) or [NO_THEME]]
    out = pd.DataFrame(rows, columns=["comment_id", "theme", "source"])
    return out.astype("string").drop_duplicates(["comment_id", "theme"]).reset_index(drop=True)


def _theme_order(assignments: pd.DataFrame, codebook: CommentCodebook) -> list[str]:
    """The codebook's themes, then any corrected to a theme the codebook no longer has, then NO_THEME."""
    known = [t.key for t in codebook.themes]
    extra = sorted(set(assignments["theme"].astype(str)) - set(known) - {NO_THEME})
    return [*known, *extra, NO_THEME]


def theme_counts(comments: pd.DataFrame, assignments: pd.DataFrame, policy: DisclosurePolicy,
                 codebook: CommentCodebook | None = None) -> pd.DataFrame:
    """Per (audience, wave) and theme, every theme of the codebook and NO_THEME:

    ``comments`` (comments carrying the theme), ``wave_comments`` (all the wave's comments:
    the denominator), ``share`` (comments / wave_comments x 100), ``shown`` and ``reason``
    (None when shown). A hidden cell has comments and share NA; a wave whose total is not
    shown (fewer comments than the threshold, or no other way to protect a small cell) has
    wave_comments NA too. Rows in wave order, then the codebook's order."""
    codebook = codebook or comment_codebook()
    order = _theme_order(assignments, codebook)
    if comments.empty:
        return pd.DataFrame(columns=COUNT_COLUMNS)
    waves = comments[["comment_id", *WAVE_KEYS]].astype({"comment_id": "string"})
    tagged = assignments[["comment_id", "theme"]].astype("string").merge(waves, on="comment_id", how="inner")
    parts = []
    for keys, wave in waves.groupby(WAVE_KEYS, sort=True, dropna=False):
        ids = set(wave["comment_id"])
        mine = tagged[tagged["comment_id"].isin(ids)].drop_duplicates(["comment_id", "theme"])
        sizes = mine["theme"].value_counts().reindex(order, fill_value=0).to_numpy(dtype=np.int64)
        shown, reasons, whole_reason = decide_line(sizes, len(ids), policy)
        total = len(ids) if whole_reason is None else pd.NA
        parts.append(pd.DataFrame({
            **dict(zip(WAVE_KEYS, keys)), "theme": order, "theme_name": [codebook.name(t) for t in order],
            "comments": pd.array(sizes, dtype="Int64"), "wave_comments": total,
            "share": sizes / len(ids) * 100.0, "shown": shown,
            "reason": [reason_words(r, policy) for r in reasons]}))
    out = pd.concat(parts, ignore_index=True)
    hide = ~out["shown"].to_numpy(dtype=bool)
    out["comments"] = out["comments"].mask(hide)
    out["share"] = out["share"].astype("Float64").mask(hide)
    out["wave_comments"] = out["wave_comments"].astype("Int64")
    return out[COUNT_COLUMNS].astype({"theme": "string", "theme_name": "string", "reason": "string"})


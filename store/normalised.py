"""What a store keeps beside an original, whichever backend: the normalised parts of an upload.

An upload is kept as named parts, each a parquet: ``frame`` (the canonical frame; for a survey
its answer counts), and for a survey ``reach`` and ``pairs`` (model/survey_counts.py) and
``comments`` (its free-text answers, model.frames COMMENTS). The file store writes each part to
a file (store/entry.py names the paths), the database store to a row; both make the parts and
read them back here, so a survey's counts and comments mean the same in every backend.
"""
from __future__ import annotations

import io

import pandas as pd

from model.frames import COMMENTS, conform, empty
from model.survey_counts import ANSWER_COUNTS, PAIR_COUNTS, SurveyCounts, count_responses

FRAME, REACH, PAIRS, COMMENTS_PART = "frame", "reach", "pairs", "comments"
PARTS = (FRAME, REACH, PAIRS, COMMENTS_PART)


def kept_parts(kind: str, result) -> dict[str, pd.DataFrame]:
    """The parts of an upload of ``kind`` loaded as ``result`` (a LoadResult): the canonical frame,
    or for a survey its counts (the reach table first, so the listed frame never lacks its partner)."""
    if kind != "survey":
        return {FRAME: result.frame}
    counts = result.counts if result.counts is not None else count_responses(result.frame)
    comments = getattr(result, "comments", None)
    kept = {COMMENTS_PART: conform(comments, COMMENTS)} if comments is not None else {}
    return {REACH: counts.reach, PAIRS: counts.pairs, **kept, FRAME: counts.answers}


def parquet(frame: pd.DataFrame) -> bytes:
    """One part as parquet bytes (raises for a frame that cannot be kept)."""
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()


def from_parquet(data: bytes) -> pd.DataFrame:
    return pd.read_parquet(io.BytesIO(data))


def survey_counts(frame: pd.DataFrame, reach: pd.DataFrame | None, pairs: pd.DataFrame | None) -> SurveyCounts:
    """A survey's counts from its parts; an upload kept as respondent rows (no reach: before counts
    were kept) is counted now, one kept before the key-driver analysis has no pairs."""
    if reach is None:
        return count_responses(frame)
    return SurveyCounts(conform(frame, ANSWER_COUNTS), reach,
                        pairs=conform(pairs, PAIR_COUNTS) if pairs is not None else empty(PAIR_COUNTS))


def survey_comments(kind: str, comments: pd.DataFrame | None) -> pd.DataFrame:
    """COMMENTS as kept; empty for an upload that is not a survey, or a survey kept before comments."""
    return conform(comments, COMMENTS) if kind == "survey" and comments is not None else empty(COMMENTS)

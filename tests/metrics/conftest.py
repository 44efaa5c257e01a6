"""Builders of small canonical frames (via model.frames.conform) for the metrics tests."""
from __future__ import annotations

import pandas as pd
import pytest

from model.frames import ACTIONS, CODEBOOK, SCRUTINY_SCORES, SURVEY_RESPONSES, conform


def _answers(rows: list[tuple], **fixed: object) -> pd.DataFrame:
    """rows: (respondent, group, question_id, answer) tuples; fixed: constant columns."""
    frame = pd.DataFrame(rows, columns=["respondent", "group", "question_id", "answer"])
    defaults = {"audience": "staff", "wave": "2023-05", "wave_date": "2023-05-15"}
    return frame.assign(**{**defaults, **fixed})


@pytest.fixture
def responses():
    """Build SURVEY_RESPONSES from one or more lists of answer tuples (see _answers)."""

    def build(*blocks: pd.DataFrame) -> pd.DataFrame:
        return conform(pd.concat(blocks, ignore_index=True), SURVEY_RESPONSES)

    return build


@pytest.fixture
def answers():
    return _answers


@pytest.fixture
def codebook():
    """Build CODEBOOK from (question_id, theme, negative) tuples."""

    def build(rows: list[tuple]) -> pd.DataFrame:
        frame = pd.DataFrame(rows, columns=["question_id", "theme", "negative"])
        return conform(frame.assign(wording=frame["question_id"] + " wording"), CODEBOOK)

    return build


@pytest.fixture
def actions():
    """Build ACTIONS from (snapshot_date, reference, due_date, status) tuples."""

    def build(rows: list[tuple], **extra: list) -> pd.DataFrame:
        frame = pd.DataFrame(rows, columns=["snapshot_date", "reference", "due_date", "status"])
        return conform(frame.assign(**extra), ACTIONS)

    return build


@pytest.fixture
def scrutiny_scores():
    """Build SCRUTINY_SCORES from (meeting_date, topic, scorer, criterion, score) tuples."""

    def build(rows: list[tuple], **fixed: object) -> pd.DataFrame:
        frame = pd.DataFrame(rows, columns=["meeting_date", "topic", "scorer", "criterion", "score"])
        defaults = {"committee": "Overview and Scrutiny", "scheme": "cpca-8"}
        return conform(frame.assign(**{**defaults, **fixed}), SCRUTINY_SCORES)

    return build

"""The bundle holds survey text columns as categoricals (issue 8, memory at scale); every
published figure must be the same as from the canonical string columns."""
from pathlib import Path

import pandas as pd
import pytest

from loaders.bundle import load_bundle
from loaders.model import SURVEY_RESPONSES, conform
from metrics.published import survey_views, wave_groups
from metrics.survey import engagement_index, percent_positive, theme_scores

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def frames():
    data = load_bundle(ROOT / "data" / "sample")
    assert isinstance(data.surveys["question_id"].dtype, pd.CategoricalDtype)
    return data.surveys, conform(data.surveys, SURVEY_RESPONSES), data.codebook


def test_the_same_figures_from_categorical_and_string_columns(frames):
    compact, plain, codebook = frames
    for fn, by in ((percent_positive, ["audience", "wave", "question_id"]), (theme_scores, ["audience", "wave"]),
                   (engagement_index, ["audience", "wave", "group"])):
        left = fn(compact, codebook, by)
        right = fn(plain, codebook, by)
        left = left.astype({c: "string" for c in by if isinstance(left[c].dtype, pd.CategoricalDtype)})
        pd.testing.assert_frame_equal(left, right, check_dtype=False)


@pytest.mark.parametrize("audience", ["staff", "partner"])
def test_survey_views_match(frames, audience):
    compact, plain, codebook = frames
    a, b = survey_views(compact, codebook, audience, 10), survey_views(plain, codebook, audience, 10)
    assert a.themes == b.themes and a.wave_date == b.wave_date
    for name in ("trend", "moved", "groups", "statements"):
        left, right = getattr(a, name), getattr(b, name)
        left = left.astype({c: "string" for c in left if isinstance(left[c].dtype, pd.CategoricalDtype)})
        pd.testing.assert_frame_equal(left.reset_index(drop=True), right.reset_index(drop=True), check_dtype=False)
    pd.testing.assert_frame_equal(wave_groups(compact, codebook, audience, 10, a.wave_date).astype(str), a.groups.astype(str))

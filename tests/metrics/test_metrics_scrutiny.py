"""metrics.scrutiny: value scores, disagreement and the topic x criterion matrix."""
from __future__ import annotations

import pandas as pd
import pytest

from metrics.scrutiny import topic_matrix, value_scores

NOV, JUN = "2024-11-01", "2024-06-01"


@pytest.fixture
def scores(scrutiny_scores):
    return scrutiny_scores(
        [
            (NOV, "Bus reform", "Cllr A", "Public Interest", 3),
            (NOV, "Bus reform", "Cllr B", "Public Interest", 1),
            (NOV, "Bus reform", "Cllr A", "Strategic Value", 2),
            (NOV, "Bus reform", "Cllr B", "Strategic Value", 2),
            (JUN, "Bus reform", "Cllr A", "Public Interest", 1),
            (JUN, "Bus reform", "Cllr A", "Strategic Value", 1),
            (NOV, "Skills", None, "Strategic Value", 3),
            (NOV, "Skills", None, "Public Interest", 2),
        ],
        objective=["Growth"] * 6 + [None] * 2,
    )


def test_value_scores_sum_of_criterion_means(scores):
    out = value_scores(scores)
    assert out.columns.tolist()[:4] == ["meeting_date", "committee", "topic", "objective"]
    for column in ("n_scorers", "total", "disagreement"):
        assert column in out.columns
    bus = out.loc[(out["topic"] == "Bus reform") & (out["meeting_date"] == pd.Timestamp(NOV))].iloc[0]
    assert bus["n_scorers"] == 2
    assert bus["total"] == pytest.approx(2.0 + 2.0)  # mean(3, 1) + mean(2, 2)
    assert bus["disagreement"] == pytest.approx((1.0 + 0.0) / 2)  # std(3, 1) = 1, std(2, 2) = 0
    skills = out.loc[out["topic"] == "Skills"].iloc[0]
    assert (skills["n_scorers"], skills["total"], skills["disagreement"]) == (1, 5.0, 0.0)
    assert pd.isna(skills["objective"])
    assert len(out) == 3 and isinstance(out.index, pd.RangeIndex)


def test_value_scores_with_weights(scores):
    out = value_scores(scores, weights={"Public Interest": 2.0})
    skills = out.loc[out["topic"] == "Skills"].iloc[0]
    assert skills["total"] == pytest.approx(2 * 2.0 + 3.0)


def test_topic_matrix_uses_latest_meeting_and_scheme_order(scores):
    order = ["Strategic Value", "Public Interest", "Financial Value"]
    matrix = topic_matrix(scores, criteria=order)
    assert matrix.columns.tolist() == order
    assert matrix.index.tolist() == ["Bus reform", "Skills"]
    assert matrix.index.name == "topic"
    assert matrix.loc["Bus reform", "Public Interest"] == pytest.approx(2.0)  # Nov mean(3, 1), not June's 1
    assert matrix.loc["Skills", "Strategic Value"] == pytest.approx(3.0)
    assert matrix["Financial Value"].isna().all()


def test_topic_matrix_default_order_of_appearance(scores):
    assert topic_matrix(scores).columns.tolist() == ["Public Interest", "Strategic Value"]


def test_inputs_not_mutated(scores):
    before = scores.copy()
    value_scores(scores, weights={"Public Interest": 3})
    topic_matrix(scores)
    pd.testing.assert_frame_equal(scores, before)

"""metrics.scrutiny_views and metrics.scrutiny_state: filters, weights and cut-off
crossings, distribution, disagreement, topic detail, and the URL view state."""
from __future__ import annotations

import pandas as pd
import pytest

from metrics.scrutiny_state import ViewState, parse_state, parse_weights, state_params
from metrics.scrutiny_views import (crossing_statement, disagreement_by_criterion, disagreement_by_topic,
                                    filter_options, filter_scores, score_distribution, sort_matrix,
                                    topic_meetings, topic_scores_by_scorer, weighted_ranking)
from metrics.scrutiny import topic_matrix

NOV, JUN = "2024-11-01", "2024-06-01"
PI, SV = "Public Interest", "Strategic Value"


@pytest.fixture
def scores(scrutiny_scores):
    return scrutiny_scores(
        [
            (NOV, "Bus reform", "Cllr A", PI, 3), (NOV, "Bus reform", "Cllr B", PI, 1),
            (NOV, "Bus reform", "Cllr A", SV, 2), (NOV, "Bus reform", "Cllr B", SV, 2),
            (JUN, "Bus reform", "Cllr A", PI, 1), (JUN, "Bus reform", "Cllr A", SV, 1),
            (NOV, "Skills", None, PI, 3), (NOV, "Skills", None, SV, 1),
            (JUN, "Housing", None, PI, 1), (JUN, "Housing", None, SV, 3),
        ],
        objective=["Growth"] * 6 + ["Skills"] * 2 + [None] * 2,
        on_work_programme=[True] * 6 + [False] * 2 + [None] * 2,
    )


def test_filters(scores):
    assert set(filter_scores(scores, meeting=pd.Timestamp(JUN))["topic"]) == {"Bus reform", "Housing"}
    assert set(filter_scores(scores, objective="Skills")["topic"]) == {"Skills"}
    assert set(filter_scores(scores, status="yes")["topic"]) == {"Bus reform"}
    assert set(filter_scores(scores, status="no")["topic"]) == {"Skills", "Housing"}
    assert len(filter_scores(scores, committee="Overview and Scrutiny")) == len(scores)
    assert filter_options(scores)["meeting"][0] == pd.Timestamp(NOV)


def test_weights_change_ranking_and_crossings(scores):
    plain = weighted_ranking(scores, None, cutoff=4.5)
    assert plain["topic"].tolist() == ["Bus reform", "Housing", "Skills"]   # 4, 4, 4 -> by name
    assert not plain["reaches"].any() and (plain["crossing"] == "").all()
    heavy = weighted_ranking(scores, {PI: 2.0}, cutoff=4.5)
    assert heavy["topic"].tolist() == ["Skills", "Bus reform", "Housing"]    # 2x3+1, 2x2+2, 2x1+3
    assert heavy["total"].tolist() == [7.0, 6.0, 5.0] and heavy["unweighted"].tolist() == [4.0] * 3
    assert set(heavy.loc[heavy["crossing"] == "up", "topic"]) == {"Bus reform", "Skills", "Housing"}
    text = crossing_statement(heavy, 4.5, "Scrutiny Value Score")
    assert "only because of the weights" in text and "Skills" in text
    down = weighted_ranking(scores, {PI: 0.0}, cutoff=2.5)   # 2, 1, 3 against 4, 4, 4
    assert set(down.loc[down["crossing"] == "down", "topic"]) == {"Bus reform", "Skills"}
    assert "no topic crosses" in crossing_statement(plain, 4.5, "Score")


def test_sort_matrix(scores):
    matrix = topic_matrix(scores, criteria=[PI, SV])
    assert sort_matrix(matrix, PI).index.tolist() == ["Skills", "Bus reform", "Housing"]
    assert sort_matrix(matrix, SV).index.tolist()[0] == "Housing"
    assert sort_matrix(matrix, "total").index.tolist() == ["Bus reform", "Housing", "Skills"]


def test_distribution(scores):
    out = score_distribution(scores, [PI, SV], {1: "Low", 2: "Medium", 3: "High"})
    pi = out.loc[out["criterion"] == PI].set_index("label")["count"].to_dict()
    assert pi == {"Low": 3, "Medium": 0, "High": 2}
    assert out.groupby("criterion")["share"].sum().tolist() == pytest.approx([1.0, 1.0])


def test_disagreement(scores):
    topics = disagreement_by_topic(scores)
    assert topics["topic"].tolist() == ["Bus reform"]               # only topic with 2 scorers
    row = topics.iloc[0]
    assert (row["scorers"], row["widest_range"], row["most_disputed"]) == (2, 2.0, PI)
    assert row["disagreement"] == pytest.approx(0.5)
    criteria = disagreement_by_criterion(scores, [PI, SV]).set_index("criterion")
    assert criteria.loc[PI, "disagreement"] == pytest.approx(1.0) and criteria.loc[SV, "topics_split"] == 0


def test_topic_detail(scores):
    detail = topic_scores_by_scorer(scores, "Bus reform", [SV, PI])
    assert detail["criterion"].tolist() == [SV, PI]
    assert detail.set_index("criterion").loc[PI, ["Cllr A", "Cllr B", "mean"]].tolist() == [3, 1, 2]
    meetings = topic_meetings(scores, "Bus reform")
    assert meetings["meeting_date"].tolist() == [pd.Timestamp(JUN), pd.Timestamp(NOV)]
    assert meetings["total"].tolist() == [2.0, 4.0]
    assert topic_meetings(scores, "Nope").empty and "mean" in topic_scores_by_scorer(scores, "Nope", [PI])


def test_state_round_trip_and_bad_values(scores):
    options, criteria, topics = filter_options(scores), [PI, SV], ["Bus reform", "Skills"]
    state = ViewState(meeting=pd.Timestamp(NOV), objective="Growth", status="yes", sort=SV,
                      weights={PI: 2.0}, topic="Skills")
    params = state_params(state, criteria)
    assert params == {"meeting": "2024-11-01", "objective": "Growth", "status": "yes", "sort": SV,
                      "w": "2,1", "topic": "Skills"}
    assert parse_state(params, options, criteria, topics) == state
    bad = {"meeting": "not a date", "committee": "Cabinet", "status": "maybe", "sort": "x",
           "w": "2,abc", "topic": "<script>"}
    assert parse_state(bad, options, criteria, topics) == ViewState(weights={PI: 2.0})
    assert parse_weights("1,9", criteria) == {} and parse_weights("1", criteria) == {}
    assert parse_weights("nan,inf", criteria) == {}
    assert state_params(ViewState(), criteria) == {}


def test_weights_statement_lists_weighted_criteria_in_scheme_order():
    from metrics.scrutiny_views import weights_statement

    criteria = ["A", "B", "C"]
    assert weights_statement({"C": 2.0, "A": 0.5}, criteria) == "A × 0.5, C × 2; every other criterion × 1"
    assert weights_statement({}, criteria) == "every criterion × 1"
    assert weights_statement({"A": 2, "B": 2, "C": 3}, criteria) == "A × 2, B × 2, C × 3"

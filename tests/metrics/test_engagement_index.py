"""metrics.engagement_index: the People Survey-style 0-100 index from survey counts.

The People Survey (CSPS 2024 benchmark workbook in /work/shared/benchmarks/ publishes the
engagement index median) scores answers 0/25/50/75/100 and averages per respondent, then over
respondents. Checked against a hand-worked example and against numpy/scipy on respondent rows.
"""
import numpy as np
import pandas as pd
import pytest
from scipy import stats

from metrics.engagement_index import index_by_group, index_trend
from model.frames import AGREEMENT_SCALE
from model.survey_counts import count_responses
from settings.analysis import EngagementIndexSpec
from settings.disclosure import DisclosurePolicy

SPEC = EngagementIndexSpec("staff", "Test engagement index: 0-100", ("E1", "E2"))
OPEN = DisclosurePolicy(min_size=1, protection_points=20)


def test_hand_worked_index_reverses_the_negative_statement(responses, answers, codebook):
    # E2 is negatively worded: Disagree scores 75, Strongly disagree 100, Agree 25.
    # A: E1 Agree 75, E2 Disagree 75 -> 75;  B: 100, 100 -> 100;  C: Neither 50, E2 Agree 25 -> 37.5
    # index = (75 + 100 + 37.5) / 3 = 70.83
    rows = [("A", "X", "E1", "Agree"), ("A", "X", "E2", "Disagree"),
            ("B", "X", "E1", "Strongly agree"), ("B", "X", "E2", "Strongly disagree"),
            ("C", "X", "E1", "Neither agree nor disagree"), ("C", "X", "E2", "Agree")]
    book = codebook([("E1", "engagement", False), ("E2", "engagement", True)])
    out = index_trend(count_responses(responses(answers(rows))), book, SPEC, OPEN)
    assert out["value"].tolist() == [70.8]
    assert out["n"].tolist() == [3] and out["complete"].tolist() == [1.0]
    assert out["series"].tolist() == ["Test engagement index: 0-100"]


def _people(scores: np.ndarray, group: str = "X", wave: str = "2023-05", date: str = "2023-05-15") -> list[tuple]:
    """Respondent rows from a people x statements array of scale positions 0..4."""
    return [(f"{wave}-{group}-{i}", group, f"E{j + 1}", AGREEMENT_SCALE[int(v)])
            for i, row in enumerate(scores) for j, v in enumerate(row)]


def test_same_answer_to_every_statement_gives_the_exact_t_interval(responses, answers, codebook):
    """When each person answers both statements alike the bound is attained: scipy's t-interval."""
    rng = np.random.default_rng(7)
    positions = np.repeat(rng.integers(0, 5, size=(40, 1)), 2, axis=1)
    book = codebook([("E1", "engagement", False), ("E2", "engagement", False)])
    out = index_trend(count_responses(responses(answers(_people(positions)))), book, SPEC, OPEN)
    person = positions.mean(axis=1) * 25
    lower, upper = stats.t.interval(0.95, len(person) - 1, loc=person.mean(), scale=stats.sem(person))
    assert out["value"].iloc[0] == pytest.approx(person.mean(), abs=0.05)
    assert out["lower"].iloc[0] == pytest.approx(lower, abs=0.1)
    assert out["upper"].iloc[0] == pytest.approx(upper, abs=0.1)


def test_independent_answers_index_equals_mean_of_person_means_and_interval_is_conservative(responses, answers,
                                                                                           codebook):
    rng = np.random.default_rng(11)
    positions = rng.integers(0, 5, size=(60, 2))
    book = codebook([("E1", "engagement", False), ("E2", "engagement", False)])
    out = index_trend(count_responses(responses(answers(_people(positions)))), book, SPEC, OPEN).iloc[0]
    person = positions.mean(axis=1) * 25                     # the People Survey's own calculation
    lower, upper = stats.t.interval(0.95, len(person) - 1, loc=person.mean(), scale=stats.sem(person))
    assert out["value"] == pytest.approx(person.mean(), abs=0.05)
    assert out["lower"] <= lower and out["upper"] >= upper  # never narrower than the true interval
    assert out["upper"] - out["lower"] < 2 * (upper - lower)


def test_a_wave_under_the_threshold_says_too_few_and_shows_no_number(responses, answers, codebook):
    rng = np.random.default_rng(3)
    big = _people(rng.integers(0, 5, size=(12, 2)))
    small = _people(rng.integers(0, 5, size=(4, 2)), wave="2023-11", date="2023-11-13")
    frames = [answers(big), answers(small, wave="2023-11", wave_date="2023-11-13")]
    book = codebook([("E1", "engagement", False), ("E2", "engagement", False)])
    policy = DisclosurePolicy(min_size=10, protection_points=20)
    out = index_trend(count_responses(responses(*frames)), book, SPEC, policy)
    assert out["value"].notna().tolist() == [True, False]
    assert out["hidden_because"].iloc[1] == "fewer than 10 answers"
    assert out.iloc[1][["lower", "upper", "n"]].isna().all()


def test_one_small_group_hides_every_group_index_of_the_wave(responses, answers, codebook):
    rng = np.random.default_rng(5)
    rows = (_people(rng.integers(0, 5, size=(15, 2)), "Big") + _people(rng.integers(0, 5, size=(14, 2)), "Other")
            + _people(rng.integers(0, 5, size=(3, 2)), "Tiny"))
    book = codebook([("E1", "engagement", False), ("E2", "engagement", False)])
    policy = DisclosurePolicy(min_size=10, protection_points=20)
    counts = count_responses(responses(answers(rows)))
    out = index_by_group(counts, book, SPEC, policy, pd.Timestamp("2023-05-15"))
    assert out["value"].isna().all() and out["n"].isna().all()
    assert out["hidden_because"].str.startswith("fewer than 10 answers").all()
    assert index_trend(counts, book, SPEC, policy)["value"].notna().all()   # the whole wave still shows


def test_groups_all_at_the_threshold_are_shown_with_their_own_index(responses, answers, codebook):
    # Big: everyone Agree on both (75); Other: everyone Neither (50)
    rows = _people(np.full((12, 2), 3), "Big") + _people(np.full((10, 2), 2), "Other")
    book = codebook([("E1", "engagement", False), ("E2", "engagement", False)])
    counts = count_responses(responses(answers(rows)))
    out = index_by_group(counts, book, SPEC, DisclosurePolicy(10, 20), pd.Timestamp("2023-05-15"))
    assert out.set_index("group")["value"].to_dict() == {"Big": 75.0, "Other": 50.0}
    assert out.set_index("group")["n"].to_dict() == {"Big": 12, "Other": 10}


def test_counts_index_equals_the_respondent_row_index_when_everyone_answers_all(responses, answers, codebook):
    """metrics.survey.engagement_index (respondent rows, a mean per person) is the oracle."""
    from metrics.survey import engagement_index
    rng = np.random.default_rng(21)
    rows = responses(answers(_people(rng.integers(0, 5, size=(33, 2)))))
    book = codebook([("E1", "engagement", False), ("E2", "engagement", True)])
    oracle = engagement_index(rows, book, [], question_ids=["E1", "E2"])["index"].iloc[0]
    assert index_trend(count_responses(rows), book, SPEC, OPEN)["value"].iloc[0] == pytest.approx(oracle, abs=0.05)

"""metrics.key_drivers: Spearman's rho of each statement with the outcome, from pair tables,
checked against scipy.stats.spearmanr on respondent rows and a hand-worked case; seeded
bootstrap intervals, tiers of overlapping intervals, and "cannot tell" below the minimum."""
import numpy as np
import pandas as pd
import pytest
from scipy import stats

from metrics.key_drivers import importance_vs_score, key_drivers, table_spearman, with_tiers
from model.frames import AGREEMENT_SCALE
from model.survey_counts import count_responses
from settings.analysis import KeyDriverSpec

SPEC = KeyDriverSpec("staff", "OUT", resamples=400, seed=1, min_respondents=5)


def _table(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    table = np.zeros((5, 5))
    np.add.at(table, (x, y), 1)
    return table


def test_hand_worked_spearman():
    # x = 0, 1, 2 and y = 0, 2, 1: d = 0, -1, 1, rho = 1 - 6 * 2 / (3 * (9 - 1)) = 0.5
    assert table_spearman(_table(np.array([0, 1, 2]), np.array([0, 2, 1]))) == pytest.approx(0.5)
    assert table_spearman(_table(np.array([0, 1, 4]), np.array([1, 3, 4]))) == pytest.approx(1.0)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_table_spearman_equals_scipy_with_ties(seed):
    rng = np.random.default_rng(seed)
    x = rng.integers(0, 5, size=47)
    y = np.clip(x + rng.integers(-2, 3, size=47), 0, 4)
    assert table_spearman(_table(x, y)) == pytest.approx(stats.spearmanr(x, y).statistic, abs=1e-12)


def _rows(people: np.ndarray, names: list[str]) -> pd.DataFrame:
    rows = [(f"p{i}", "All", name, AGREEMENT_SCALE[int(v)]) for i, row in enumerate(people)
            for name, v in zip(names, row) if v >= 0]
    return pd.DataFrame(rows, columns=["respondent", "group", "question_id", "answer"])


def test_drivers_from_counted_respondents_match_spearmanr_and_flip_negatives(responses, answers, codebook):
    rng = np.random.default_rng(4)
    out = rng.integers(0, 5, size=80)
    strong = np.clip(out + rng.integers(-1, 2, size=80), 0, 4)
    weak = np.clip(out + rng.integers(-3, 4, size=80), 0, 4)
    bully = 4 - strong                                # negatively worded: agreeing is bad
    bully[:6] = -1                                    # a few skipped it
    people = np.column_stack([out, strong, weak, bully])
    frame = _rows(people, ["OUT", "STRONG", "WEAK", "BULLY"])
    counts = count_responses(responses(answers(list(frame.itertuples(index=False, name=None)))))
    book = codebook([("OUT", "c", False), ("STRONG", "c", False), ("WEAK", "c", False), ("BULLY", "c", True)])
    drivers = key_drivers(counts.pairs, book, SPEC).set_index("question_id")
    assert drivers.loc["STRONG", "importance"] == pytest.approx(stats.spearmanr(strong, out).statistic)
    assert drivers.loc["WEAK", "importance"] == pytest.approx(stats.spearmanr(weak, out).statistic)
    answered = bully >= 0
    assert drivers.loc["BULLY", "importance"] == pytest.approx(
        stats.spearmanr(4 - bully[answered], out[answered]).statistic)   # flipped: positive goes with positive
    assert drivers.loc["BULLY", "n"] == 74
    for name in drivers.index:
        assert drivers.loc[name, "lower"] <= drivers.loc[name, "importance"] <= drivers.loc[name, "upper"]
    assert drivers.loc["STRONG", "lower"] > drivers.loc["WEAK", "upper"]   # told apart: different tiers
    assert drivers.loc["STRONG", "tier"] == 1 and drivers.loc["WEAK", "tier"] == 2
    again = key_drivers(counts.pairs, book, SPEC).set_index("question_id")
    pd.testing.assert_frame_equal(drivers, again)                    # seeded: the same intervals every time
    other = key_drivers(counts.pairs, book, KeyDriverSpec("staff", "OUT", 400, 2, 5)).set_index("question_id")
    assert other.loc["WEAK", "lower"] != drivers.loc["WEAK", "lower"]  # the seed is used


def test_bootstrap_interval_matches_a_respondent_bootstrap_in_width(responses, answers, codebook):
    """Resampling the table's cells is resampling people: compare with scipy.stats.bootstrap on the rows."""
    rng = np.random.default_rng(9)
    out = rng.integers(0, 5, size=60)
    drv = np.clip(out + rng.integers(-2, 3, size=60), 0, 4)
    frame = _rows(np.column_stack([out, drv]), ["OUT", "D"])
    counts = count_responses(responses(answers(list(frame.itertuples(index=False, name=None)))))
    book = codebook([("OUT", "c", False), ("D", "c", False)])
    row = key_drivers(counts.pairs, book, KeyDriverSpec("staff", "OUT", 2000, 3, 5)).iloc[0]
    ref = stats.bootstrap((drv, out), lambda a, b: stats.spearmanr(a, b).statistic, paired=True, vectorized=False,
                          n_resamples=2000, method="percentile", random_state=np.random.default_rng(3))
    assert row["lower"] == pytest.approx(ref.confidence_interval.low, abs=0.05)
    assert row["upper"] == pytest.approx(ref.confidence_interval.high, abs=0.05)


def test_below_the_minimum_the_driver_says_cannot_tell(responses, answers, codebook):
    frame = _rows(np.array([[0, 1], [2, 2], [4, 3], [1, 0]]), ["OUT", "D"])
    counts = count_responses(responses(answers(list(frame.itertuples(index=False, name=None)))))
    row = key_drivers(counts.pairs, codebook([("OUT", "c", False), ("D", "c", False)]), SPEC).iloc[0]
    assert pd.isna(row["importance"]) and pd.isna(row["lower"]) and pd.isna(row["tier"])
    assert row["cannot_tell"].startswith("fewer than 5 people answered both")


def test_overlapping_intervals_share_a_tier_with_words():
    frame = pd.DataFrame({"question_id": ["A", "B", "C", "D"], "importance": [0.6, 0.55, 0.5, 0.1],
                          "lower": [0.45, 0.40, 0.30, 0.0], "upper": [0.75, 0.70, 0.65, 0.2], "n": 100,
                          "tier": pd.NA, "tier_words": pd.NA, "cannot_tell": pd.NA})
    out = with_tiers(frame).set_index("question_id")
    assert out["tier"].to_dict() == {"A": 1, "B": 1, "C": 1, "D": 2}
    assert out.loc["A", "tier_words"] == "Matters most: these 3 matter about equally (their intervals overlap)"
    assert out.loc["D", "tier_words"] == "Matters second most"


def test_quadrants_are_named_in_words():
    """"Matters more" is the top tier (told apart from the rest), not above a median."""
    drivers = pd.DataFrame({"question_id": ["A", "B", "C", "D"], "importance": [0.6, 0.5, 0.2, 0.1],
                            "tier": pd.array([1, 1, 2, 2], dtype="Int64")})
    scores = pd.DataFrame({"question_id": ["A", "B", "C", "D"], "pct_positive": [30.0, 80.0, 20.0, 70.0]})
    view = importance_vs_score(drivers, scores)
    assert view["top_tier_floor"].iloc[0] == 0.5
    out = view.set_index("question_id")["quadrant"]
    assert out["A"] == "Priority: matters more, scores lower"
    assert out["B"] == "Strength: matters more, scores higher"
    assert out["C"] == "Watch: matters less, scores lower"
    assert out["D"] == "Maintain: matters less, scores higher"


def test_one_tier_means_every_driver_matters_about_equally():
    drivers = pd.DataFrame({"question_id": ["A", "B"], "importance": [0.6, 0.5], "tier": pd.array([1, 1], "Int64")})
    scores = pd.DataFrame({"question_id": ["A", "B"], "pct_positive": [30.0, 80.0]})
    view = importance_vs_score(drivers, scores)
    assert view["quadrant"].tolist() == ["Priority: matters more, scores lower", "Strength: matters more, scores higher"]
    assert view["top_tier_floor"].isna().all()

"""metrics.change: Wilson and Newcombe intervals against published values; wave changes."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from metrics.change import newcombe_difference, wave_changes, wilson_interval

# Newcombe (1998) Statistics in Medicine 17:857-872, Table I, method 3 (Wilson score).
WILSON_PUBLISHED = [
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0, 0.1611),
    (1, 29, 0.0061, 0.1718),
]

# Newcombe (1998) Statistics in Medicine 17:873-890, Table II, method 10 (hybrid score):
# (k1, n1, k2, n2) for p1 - p2 = k1/n1 - k2/n2, estimate, lower, upper.
NEWCOMBE_PUBLISHED = [
    (56, 70, 48, 80, 0.2000, 0.0524, 0.3339),
    (9, 10, 3, 10, 0.6000, 0.1705, 0.8090),
    (6, 7, 2, 7, 0.5714, 0.0582, 0.8062),
    (5, 56, 0, 29, 0.0893, -0.0381, 0.1926),
    (0, 10, 0, 20, 0.0000, -0.1611, 0.2775),
    (0, 10, 0, 10, 0.0000, -0.2775, 0.2775),
    (10, 10, 0, 20, 1.0000, 0.6791, 1.0000),
    (10, 10, 0, 10, 1.0000, 0.6075, 1.0000),
]


@pytest.mark.parametrize(("k", "n", "lower", "upper"), WILSON_PUBLISHED)
def test_wilson_interval_matches_published(k, n, lower, upper):
    assert wilson_interval(k, n) == pytest.approx((lower, upper), abs=1e-4)


def test_wilson_interval_edge_cases():
    assert all(math.isnan(x) for x in wilson_interval(0, 0))
    with pytest.raises(ValueError):
        wilson_interval(5, 4)
    narrow, wide = wilson_interval(5, 10, 0.80), wilson_interval(5, 10, 0.99)
    assert wide[0] < narrow[0] < 0.5 < narrow[1] < wide[1]


@pytest.mark.parametrize(("k1", "n1", "k2", "n2", "estimate", "lower", "upper"), NEWCOMBE_PUBLISHED)
def test_newcombe_matches_published_table(k1, n1, k2, n2, estimate, lower, upper):
    # newcombe_difference returns p2 - p1, so the paper's first sample goes second.
    diff, lo, hi = newcombe_difference(k2 / n2, n2, k1 / n1, n1)
    assert (diff, lo, hi) == pytest.approx((estimate, lower, upper), abs=1e-4)


def test_newcombe_worked_example_56_of_70_vs_48_of_80():
    diff, lower, upper = newcombe_difference(48 / 80, 80, 56 / 70, 70)
    assert round(diff, 4) == 0.2000
    assert round(lower, 4) == 0.0524
    assert round(upper, 4) == 0.3339
    # reversed order gives the mirror image
    assert newcombe_difference(56 / 70, 70, 48 / 80, 80) == pytest.approx((-0.2, -0.3339, -0.0524), abs=1e-4)


def test_newcombe_missing_or_empty_inputs_give_nan():
    assert all(math.isnan(x) for x in newcombe_difference(0.5, 0, 0.5, 10))
    assert all(math.isnan(x) for x in newcombe_difference(float("nan"), 10, 0.5, 10))
    with pytest.raises(ValueError):
        newcombe_difference(50, 10, 0.5, 10)  # percentages, not proportions


def _series_table():
    # Rows deliberately out of date order; group B has a suppressed middle wave.
    return pd.DataFrame(
        {
            "audience": "staff",
            "wave": ["2023-01", "2022-09", "2023-05", "2022-09", "2023-01", "2023-05"],
            "wave_date": pd.to_datetime(
                ["2023-01-15", "2022-09-15", "2023-05-15", "2022-09-15", "2023-01-15", "2023-05-15"]
            ),
            "group": ["A", "A", "A", "B", "B", "B"],
            "question_id": "Q1",
            "pct_positive": [60.0, 80.0, 62.0, 50.0, float("nan"), 55.0],
            "n_respondents": pd.array([80, 70, 400, 40, pd.NA, 40], dtype="Int64"),
        }
    )


def test_wave_changes_between_consecutive_waves():
    out = wave_changes(_series_table())
    assert out.columns.tolist() == [
        "audience", "group", "question_id", "wave", "previous_wave", "wave_date", "previous_wave_date",
        "pct_positive", "previous_pct_positive", "n_respondents", "previous_n_respondents",
        "change", "lower", "upper", "verdict", "direction",
    ]
    a = out.loc[out["group"] == "A"].reset_index(drop=True)
    assert a["previous_wave"].tolist() == ["2022-09", "2023-01"]
    # 80% of 70 -> 60% of 80 is Newcombe's example: -20 points, -33.39 to -5.24
    assert (a.loc[0, "change"], a.loc[0, "lower"], a.loc[0, "upper"]) == pytest.approx((-20.0, -33.39, -5.24), abs=0.01)
    assert (a.loc[0, "verdict"], a.loc[0, "direction"]) == ("real change", "down")
    assert a.loc[1, "change"] == pytest.approx(2.0)
    assert a.loc[1, "lower"] < 0 < a.loc[1, "upper"]
    assert (a.loc[1, "verdict"], a.loc[1, "direction"]) == ("within the noise", "up")


def test_wave_changes_next_to_a_suppressed_wave_are_missing():
    out = wave_changes(_series_table())
    b = out.loc[out["group"] == "B"]
    assert len(b) == 2
    assert b["change"].isna().all()
    assert b["verdict"].isna().all() and b["direction"].isna().all()


def test_wave_changes_no_change_and_custom_keys():
    table = _series_table().assign(pct_positive=50.0, n_respondents=100)
    out = wave_changes(table, keys=["group"])
    assert set(out["direction"]) == {"no change"}
    assert set(out["verdict"]) == {"within the noise"}
    assert "question_id" not in out.columns
    assert isinstance(out.index, pd.RangeIndex)


def test_wave_changes_does_not_mutate_input():
    table = _series_table()
    before = table.copy()
    wave_changes(table)
    pd.testing.assert_frame_equal(table, before)

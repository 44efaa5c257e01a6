"""Our % positive beside the CSPS median: the gap and its verdict against a hand-worked
example, the interval against scipy's Wilson interval, and a hidden statement never compared."""
import math

import pandas as pd
import pytest
from scipy.stats import binomtest

from metrics.benchmarks import ABOVE, BELOW, DIFFERS, NOISE, SAME, benchmark_comparison, nearest_year

BENCH = pd.DataFrame({
    "year": [2023, 2024, 2024, 2024],
    "question_code": ["B27", "B27", "B47", "E03_no"],
    "question": ["I feel valued for the work I do"] * 2 + ["I am proud ...", "Bullied?"],
    "scored_as": [""] * 4,
    "median_pct": [72.133, 71.631, 65.882, 86.867],
    "status": ["published"] * 4,
    "source_file": ["x.ods"] * 4,
})
MAP = pd.DataFrame({"question_id": ["VALUED", "PROUD", "BULLY"], "csps_code": ["B27", "B47", "E03_no"],
                    "wording": ["same", "close", "close"], "note": [""] * 3})


def statements(rows):
    return pd.DataFrame(rows, columns=["question", "question_id", "n_respondents", "pct_positive", "suppressed",
                                       "hidden_because"])


def test_gap_and_verdict_hand_worked():
    # VALUED: 72 of 127 positive = 56.7%. Wilson 95% by hand: z = 1.959964, centre
    # (0.566929 + z^2/254) / (1 + z^2/127) = 0.564963, half-width 0.084924 -> 48.0 to 65.0 (outward).
    # CSPS 2024 median B27 = 71.631 (Table_1): gap 56.7 - 71.631 = -14.9; 65.0 < 71.631: below.
    # PROUD: 90 of 128 = 70.3%, interval holds 65.882: within the noise, gap +4.4.
    table = benchmark_comparison(statements([
        ("I feel valued", "VALUED", 127, 56.7, False, pd.NA),
        ("I am proud", "PROUD", 128, 70.3, False, pd.NA),
    ]), pd.Timestamp("2024-10-07"), BENCH, MAP)
    valued = table.set_index("question_id").loc["VALUED"]
    assert valued["benchmark_name"] == "CSPS 2024 median" and valued["benchmark"] == 71.6
    assert valued["gap"] == -14.9 and valued["verdict"] == BELOW and valued["wording"] == SAME
    assert (valued["lower"], valued["upper"]) == (48.0, 65.0)
    ci = binomtest(72, 127).proportion_ci(confidence_level=0.95, method="wilson")
    assert valued["lower"] <= ci.low * 100 < valued["lower"] + 0.1
    assert valued["upper"] - 0.1 < ci.high * 100 <= valued["upper"]
    proud = table.set_index("question_id").loc["PROUD"]
    assert proud["gap"] == 4.4 and proud["verdict"] == NOISE and proud["wording"] == DIFFERS
    ci = binomtest(90, 128).proportion_ci(method="wilson")
    assert ci.low * 100 < 65.882 < ci.high * 100


def test_above_when_the_interval_is_wholly_above():
    # 30 of 31 = 96.8%: Wilson lower bound 83.8% (scipy) > 71.631
    table = benchmark_comparison(statements([("v", "VALUED", 31, 96.8, False, pd.NA)]),
                                 pd.Timestamp("2024-01-01"), BENCH, MAP)
    assert binomtest(30, 31).proportion_ci(method="wilson").low * 100 > 71.631
    assert table.iloc[0]["verdict"] == ABOVE and table.iloc[0]["gap"] == 25.2


def test_a_hidden_statement_gets_no_gap_no_interval_and_keeps_its_reason():
    table = benchmark_comparison(statements([("b", "BULLY", pd.NA, float("nan"), True, "fewer than 10 responses")]),
                                 pd.Timestamp("2024-10-07"), BENCH, MAP)
    row = table.iloc[0]
    assert math.isnan(row["gap"]) and pd.isna(row["verdict"]) and math.isnan(row["lower"])
    assert row["hidden_because"] == "fewer than 10 responses" and bool(row["suppressed"])


def test_nearest_year_is_named_and_unmapped_statements_are_left_out():
    assert nearest_year(pd.Series([2022, 2023, 2024]), 2026) == 2024
    assert nearest_year(pd.Series([2022, 2024]), 2023) == 2022      # tie: the earlier
    assert nearest_year(pd.Series([], dtype=int), 2023) is None
    table = benchmark_comparison(statements([("v", "VALUED", 127, 56.7, False, pd.NA),
                                             ("o", "OTHER", 127, 50.0, False, pd.NA)]),
                                 pd.Timestamp("2023-05-01"), BENCH[BENCH["question_code"] == "B27"], MAP)
    assert table["question_id"].tolist() == ["VALUED"]
    assert table.iloc[0]["benchmark_name"] == "CSPS 2023 median" and table.iloc[0]["benchmark"] == 72.1

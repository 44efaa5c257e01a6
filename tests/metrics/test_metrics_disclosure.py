"""metrics.disclosure: primary, complementary and consistent small-group suppression."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from metrics.disclosure import suppress_small_groups
from metrics.survey import percent_positive
from model.survey_counts import count_responses
from settings.disclosure import DisclosurePolicy

POLICY = DisclosurePolicy(min_size=10, protection_points=20)


def _table(sizes: dict[str, list[int]], wave: str = "w1", question: str = "Q1") -> pd.DataFrame:
    groups = list(sizes)
    return pd.DataFrame(
        {
            "wave": wave,
            "question_id": question,
            "group": groups,
            "n_respondents": [sizes[g][0] for g in groups],
            "pct_positive": [float(sizes[g][1]) for g in groups],
        }
    )


def _hidden(out: pd.DataFrame) -> list[str]:
    return sorted(out.loc[out["suppressed"], "group"])


def test_primary_suppression_hides_values_and_count():
    # A and B are both small (9 + 4 = 13 hidden, two groups): no complement needed.
    table = _table({"A": [9, 40], "B": [4, 50], "C": [10, 60], "D": [30, 70]})
    out = suppress_small_groups(table, policy=POLICY)
    assert out.columns.tolist() == [
        "wave", "question_id", "group", "n_respondents", "pct_positive", "suppressed", "parent_suppressed",
    ]
    assert _hidden(out) == ["A", "B"]
    hidden = out.loc[out["suppressed"]]
    assert hidden["n_respondents"].isna().all() and hidden["pct_positive"].isna().all()
    c = out.loc[out["group"] == "C"].iloc[0]  # exactly min_size is shown
    assert (c["n_respondents"], c["pct_positive"]) == (10, 60.0)
    assert out["suppressed"].dtype == bool
    assert out["n_respondents"].dtype == "Int64"


def test_lone_suppressed_group_forces_a_second():
    table = _table({"A": [5, 40], "B": [20, 50], "C": [30, 60], "D": [40, 70]})
    out = suppress_small_groups(table, policy=POLICY)
    assert _hidden(out) == ["A", "B"]  # B is the next smallest
    shown = out.loc[~out["suppressed"]]
    assert shown["n_respondents"].tolist() == [30, 40]
    assert shown["pct_positive"].tolist() == [60.0, 70.0]


def test_no_small_group_means_nothing_suppressed():
    table = _table({"A": [10, 40], "B": [11, 50]})
    out = suppress_small_groups(table, policy=POLICY)
    assert not out["suppressed"].any()
    assert out["n_respondents"].tolist() == [10, 11]


def test_min_size_is_a_parameter():
    table = _table({"A": [6, 40], "B": [7, 50], "C": [30, 60]})
    assert not suppress_small_groups(table, policy=DisclosurePolicy(5, protection_points=20))["suppressed"].any()
    assert _hidden(suppress_small_groups(table, policy=DisclosurePolicy(7, protection_points=20))) == ["A", "B"]


def test_two_small_groups_that_together_are_still_small_need_a_third():
    # A + B = 7 < 10: parent - shown would reveal a group of 7 people.
    table = _table({"A": [3, 40], "B": [4, 50], "C": [25, 60], "D": [30, 70]})
    assert _hidden(suppress_small_groups(table, policy=POLICY)) == ["A", "B", "C"]


def test_zero_count_group_is_suppressed_but_does_not_protect_another():
    table = _table({"A": [0, 0], "B": [4, 50], "C": [25, 60], "D": [30, 70]})
    assert _hidden(suppress_small_groups(table, policy=POLICY)) == ["A", "B", "C"]


def test_whole_small_partition_is_suppressed_with_its_parent():
    out = suppress_small_groups(_table({"A": [3, 40], "B": [4, 50]}), policy=POLICY)
    assert _hidden(out) == ["A", "B"]
    assert out["parent_suppressed"].all()


def test_single_non_empty_group_beside_an_empty_one_flags_the_parent():
    out = suppress_small_groups(_table({"A": [0, 0], "B": [25, 50]}), policy=POLICY)
    assert _hidden(out) == ["A", "B"]
    assert out["parent_suppressed"].all()  # parent = B, and it would reveal A = 0


def test_protected_partition_keeps_its_parent():
    out = suppress_small_groups(_table({"A": [5, 40], "B": [20, 50], "C": [30, 60]}), policy=POLICY)
    assert not out["parent_suppressed"].any()


def test_group_small_on_one_question_is_hidden_for_the_whole_wave():
    wave1 = pd.concat(
        [
            _table({"A": [12, 1], "B": [20, 2], "C": [30, 3], "D": [40, 4]}, question="Q1"),
            _table({"A": [8, 1], "B": [20, 2], "C": [30, 3], "D": [40, 4]}, question="Q2"),
        ]
    )
    wave2 = _table({"A": [12, 1], "B": [20, 2], "C": [30, 3], "D": [40, 4]}, wave="w2")
    out = suppress_small_groups(pd.concat([wave1, wave2], ignore_index=True), policy=POLICY)
    w1 = out.loc[out["wave"] == "w1"]
    assert sorted(set(w1.loc[w1["suppressed"], "group"])) == ["A", "B"]
    assert w1.groupby("group")["suppressed"].nunique().eq(1).all()  # same for every question
    assert not out.loc[out["wave"] == "w2", "suppressed"].any()  # other waves unaffected


def test_audiences_are_separate_partitions():
    staff = _table({"A": [5, 1], "B": [20, 2], "C": [30, 3]}).assign(audience="staff")
    partner = _table({"P": [50, 1], "Q": [60, 2]}).assign(audience="partner")
    out = suppress_small_groups(pd.concat([staff, partner], ignore_index=True), policy=POLICY)
    assert _hidden(out) == ["A", "B"]  # the complement is a staff group, not a partner one


def test_identifier_columns_kept_and_other_columns_masked():
    table = _table({"A": [5, 40], "B": [20, 50], "C": [30, 60]}).assign(
        audience="staff", wave_date=pd.Timestamp("2023-05-01"), theme="culture",
        n_answers=[5, 20, 30], note=["x", "y", "z"],
    )
    out = suppress_small_groups(table, policy=POLICY)
    hidden = out.loc[out["suppressed"]]
    for column in ("audience", "wave", "wave_date", "group", "question_id", "theme"):
        assert hidden[column].notna().all()
    for column in ("n_respondents", "pct_positive", "n_answers", "note"):
        assert hidden[column].isna().all()
    assert out.loc[~out["suppressed"], "note"].tolist() == ["z"]


def test_input_not_mutated_and_index_reset():
    table = _table({"A": [5, 40], "B": [20, 50], "C": [30, 60]})
    table.index = [10, 11, 12]
    before = table.copy()
    out = suppress_small_groups(table, policy=POLICY)
    pd.testing.assert_frame_equal(table, before)
    assert isinstance(out.index, pd.RangeIndex)


def test_works_on_percent_positive_output(responses, answers, codebook):
    rows = [(f"a{i}", "Big", "Q1", "Agree") for i in range(12)]
    rows += [(f"b{i}", "Mid", "Q1", "Disagree") for i in range(11)]
    rows += [(f"c{i}", "Tiny", "Q1", "Agree") for i in range(3)]
    by = ["audience", "wave", "wave_date", "group", "question_id", "theme"]
    table = percent_positive(count_responses(responses(answers(rows))), codebook([("Q1", "culture", False)]), by)
    out = suppress_small_groups(table, policy=POLICY)
    assert _hidden(out) == ["Mid", "Tiny"]
    assert out.loc[~out["suppressed"], "n_answers"].tolist() == [12]


def _random_table(seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for wave in [f"w{i}" for i in range(rng.integers(1, 4))]:
        groups = [f"G{i}" for i in range(rng.integers(2, 9))]
        base = {g: int(rng.choice([rng.integers(0, 10), rng.integers(10, 60)])) for g in groups}
        for question in [f"Q{i}" for i in range(rng.integers(1, 5))]:
            for g in groups:
                n = max(0, base[g] - int(rng.integers(0, 3)))  # some people skip a question
                rows.append((wave, question, g, n, float(rng.integers(0, 101))))
    return pd.DataFrame(rows, columns=["wave", "question_id", "group", "n_respondents", "pct_positive"])


@pytest.mark.parametrize("seed", range(60))
def test_differencing_never_recovers_a_suppressed_group(seed):
    min_size = 10
    table = _random_table(seed)
    out = suppress_small_groups(table, policy=DisclosurePolicy(min_size, protection_points=20))
    merged = table.assign(suppressed=out["suppressed"].to_numpy())
    assert (merged.loc[merged["n_respondents"] < min_size, "suppressed"]).all()  # primary
    assert merged.groupby(["wave", "group"])["suppressed"].nunique().eq(1).all()  # consistent per wave
    merged["parent_suppressed"] = out["parent_suppressed"].to_numpy()
    for _, part in merged.groupby(["wave", "question_id"]):
        parent = part["n_respondents"].sum()
        unprotectable = parent < min_size or (part["n_respondents"] > 0).sum() < 2
        if part["parent_suppressed"].any():
            assert part["parent_suppressed"].all() and part["suppressed"].all()
            assert unprotectable and part["suppressed"].any()
            continue
        assert parent >= min_size or not part["suppressed"].any()
        shown = part.loc[~part["suppressed"], "n_respondents"].sum()
        hidden = part.loc[part["suppressed"], "n_respondents"]
        recovered = parent - shown
        for size in hidden:
            assert size != recovered, "a suppressed group equals parent minus shown"
        if len(hidden):
            assert recovered >= min_size
            assert (hidden > 0).sum() >= 2
        # shown values are untouched
        shown_out = out.loc[part.index[~part["suppressed"]]]
        assert shown_out["pct_positive"].tolist() == part.loc[~part["suppressed"], "pct_positive"].tolist()
        assert out.loc[part.index[part["suppressed"]], ["n_respondents", "pct_positive"]].isna().all().all()

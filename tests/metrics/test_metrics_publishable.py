"""The disclosure policy (metrics.publishable) and the figures built on it: a hidden cell
never enters a theme score, and a small group is protected even when the groups hidden
with it answered alike. Each leak of issue 13 is reproduced here against the naive
figure first, then shown closed."""
import numpy as np
import pandas as pd
import pytest

from metrics.breakdowns import group_theme_table, statement_results
from metrics.publishable import PROTECT, SMALL, protection_widths, publishable
from metrics.survey import theme_scores
from metrics.trends import theme_trend
from model.survey_counts import count_responses
from settings.disclosure import DisclosurePolicy

MIN, PROTECTION = 10, 20
POLICY = DisclosurePolicy(MIN, PROTECTION)
AGREE, DISAGREE = "Agree", "Disagree"


def people(answers, n, group, question_answers: dict, prefix: str):
    """``n`` respondents of ``group``, each answering every question in ``question_answers``
    (question -> answer, or a list of answers one per person)."""
    rows = []
    for i in range(n):
        for q, a in question_answers.items():
            rows.append((f"{prefix}{i}", group, q, a[i] if isinstance(a, list) else a))
    return answers(rows)


def twelve_statements(responses, answers, codebook):
    """A theme of 12 statements answered by 47 people; Q12 answered by 4 only (issue 13's case), counted."""
    qs = [f"Q{i}" for i in range(1, 13)]
    rng = np.random.default_rng(4)
    blocks = [people(answers, 47, "All", {q: [AGREE if x else DISAGREE for x in rng.random(47) < 0.6]
                                          for q in qs[:-1]}, "p")]
    blocks.append(people(answers, 4, "All", {"Q12": [AGREE, DISAGREE, DISAGREE, DISAGREE]}, "p"))
    data = responses(*blocks).assign(question_text=lambda f: f["question_id"])
    return count_responses(data), codebook([(q, "culture", False) for q in qs])


def test_naive_theme_score_gives_away_a_hidden_statement(responses, answers, codebook):
    """Leak 2 as found: the mean over every statement, times 12, minus the 11 shown ones."""
    data, book = twelve_statements(responses, answers, codebook)
    naive = theme_scores(data, book, ["wave"]).iloc[0]["score"]
    shown = statement_results(data, book, POLICY)
    recovered = naive * 12 - shown["pct_positive"].dropna().astype(float).sum()
    assert recovered == pytest.approx(25.0, abs=0.6)   # the hidden Q12 (1 of 4 positive), to rounding


def test_theme_score_leaves_out_a_statement_too_small_to_show(responses, answers, codebook):
    data, book = twelve_statements(responses, answers, codebook)
    shown = statement_results(data, book, POLICY)
    assert shown.loc[shown["question_id"] == "Q12", "suppressed"].item()
    trend = theme_trend(data, book, "staff", POLICY).iloc[0]
    visible = shown["pct_positive"].dropna().astype(float)
    assert (trend["questions_used"], trend["n_questions"]) == (11, 12)
    assert trend["value"] == pytest.approx(round(visible.mean(), 1), abs=0.06)
    assert trend["value"] * 11 - visible.sum() == pytest.approx(0, abs=0.6)   # nothing left to recover


def test_a_small_group_hidden_beside_unanimous_ones_is_protected():
    """Hidden 3 + 12 all positive pins the 3 at 100%: the policy hides more, or the whole."""
    n, positive = np.array([3, 12, 30]), np.array([3, 12, 10])
    assert protection_widths(n, positive, np.array([True, True, False]))[0] == 0
    assert protection_widths(n, positive, np.array([True, True, True]))[0] == pytest.approx(100.0)


def test_policy_adds_a_complement_until_the_small_cell_is_protected(responses, answers, codebook):
    data = responses(people(answers, 3, "Tiny", {"Q1": AGREE}, "t"),
                     people(answers, 12, "Keen", {"Q1": AGREE}, "k"),
                     people(answers, 30, "Mixed", {"Q1": [AGREE] * 10 + [DISAGREE] * 20}, "m"))
    policy = publishable(count_responses(data), codebook([("Q1", "culture", False)]), POLICY)
    fine = policy.fine.set_index("group")
    assert not fine.loc["Tiny", "shown"] and fine.loc["Tiny", "reason"] == SMALL
    assert not fine.loc["Keen", "shown"] and not fine.loc["Mixed", "shown"]
    assert fine.loc["Mixed", "reason"] == PROTECT
    assert policy.whole["shown"].item()


def test_whole_wave_hidden_when_unanimous_over_a_small_group(responses, answers, codebook):
    """Everyone agreed, and a team of 3 exists: publishing 100% says how the 3 answered."""
    data = count_responses(responses(people(answers, 3, "Tiny", {"Q1": AGREE}, "t"), people(answers, 20, "Big", {"Q1": AGREE}, "b")))
    policy = publishable(data, codebook([("Q1", "culture", False)]), POLICY)
    assert not policy.whole["shown"].item() and policy.whole["reason"].item() == PROTECT
    assert statement_results(data, codebook([("Q1", "culture", False)]), POLICY)[
        "suppressed"].item()


def test_group_of_exactly_the_threshold_is_shown(responses, answers, codebook):
    data = responses(people(answers, 10, "Ten", {"Q1": [AGREE] * 6 + [DISAGREE] * 4}, "a"),
                     people(answers, 15, "More", {"Q1": [AGREE] * 5 + [DISAGREE] * 10}, "b"))
    table = group_theme_table(count_responses(data), codebook([("Q1", "culture", False)]), POLICY)
    assert not table["suppressed"].any()
    assert table.set_index("group").loc["Ten", "score"] == 60.0


def test_group_score_uses_only_its_cells_that_may_be_shown(responses, answers, codebook):
    """A large group whose answers to one statement are few: that statement is left out of its score."""
    book = codebook([("Q1", "culture", False), ("Q2", "culture", False)])
    data = responses(people(answers, 20, "A", {"Q1": AGREE}, "a"), people(answers, 4, "A", {"Q2": DISAGREE}, "a"),
                     people(answers, 25, "B", {"Q1": [AGREE] * 5 + [DISAGREE] * 20,
                                               "Q2": [AGREE] * 15 + [DISAGREE] * 10}, "b"))
    table = group_theme_table(count_responses(data), book, POLICY).set_index("group")
    assert table.loc["A", "questions_used"] == 1 and table.loc["A", "score"] == 100.0
    assert not table.loc["A", "suppressed"]


@pytest.mark.parametrize("seed", range(30))
def test_every_small_cell_left_with_at_least_the_protection_width(seed, responses, answers, codebook):
    """Invariant over random partitions: after the policy, each small fine cell's attacker
    range (knowing every shown cell and every size) spans the protection level, or the
    whole-wave cell is hidden."""
    rng = np.random.default_rng(seed)
    blocks = []
    for g in range(int(rng.integers(2, 7))):
        size = int(rng.choice([1, 2, 3, 5, 9, 10, 14, 30]))
        p = rng.choice([0.0, 1.0, rng.random()])
        blocks.append(people(answers, size, f"G{g}", {"Q1": [AGREE if x else DISAGREE for x in rng.random(size) < p]},
                             f"g{g}-"))
    policy = publishable(count_responses(responses(*blocks)), codebook([("Q1", "culture", False)]), POLICY)
    if not policy.whole["shown"].item():
        return
    fine = policy.fine
    hidden = ~fine["shown"].to_numpy()
    widths = protection_widths(fine["n"].to_numpy(), fine["positive"].to_numpy(), hidden)
    small = (fine["n"] < MIN).to_numpy()
    assert (widths[small] >= PROTECTION).all(), fine.assign(width=widths)
    assert hidden.sum() == 0 or (hidden.sum() >= 2 and fine["n"][hidden].sum() >= MIN)
    assert pd.api.types.is_bool_dtype(fine["shown"])


def test_a_group_score_with_every_statement_hidden_says_why(responses, answers, codebook):
    """Group A has 12 people in the theme, 6 on each of its two statements: no score, and the
    reason is its statements' (fewer than 10 answers), not the group's size."""
    book = codebook([("Q1", "culture", False), ("Q2", "culture", False)])
    mixed = [AGREE] * 15 + [DISAGREE] * 15
    data = responses(people(answers, 6, "A", {"Q1": AGREE}, "a"), people(answers, 6, "A", {"Q2": AGREE}, "x"),
                     people(answers, 30, "B", {"Q1": mixed, "Q2": mixed}, "b"),
                     people(answers, 30, "C", {"Q1": mixed, "Q2": mixed}, "c"))
    row = group_theme_table(count_responses(data), book, POLICY).set_index("group").loc["A"]
    assert row["n_respondents"] == 12 and not row["suppressed"] and pd.isna(row["score"])
    assert row["hidden_because"] == "every statement of this theme is hidden for this group: fewer than 10 answers"

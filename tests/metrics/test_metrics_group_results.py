"""One directorate's own results (metrics.group_results, metrics.published.group_views):
a group's head count, statements and theme trend show only what the disclosure policy
already lets the unfiltered pages show, and say why where they do not."""
from __future__ import annotations

import pandas as pd
import pytest

from settings.labels import survey_measure

from metrics.breakdowns import group_theme_table, statement_results
from metrics.disclosure import suppress_small_groups
from metrics.group_results import (group_choices, group_people, group_question_trend, group_statements,
                                   group_trend)
from metrics.published import group_views
from metrics.publishable import REASONS, COMPLEMENT, publishable
from model.survey_counts import count_responses
from settings.disclosure import DisclosurePolicy

POLICY = DisclosurePolicy(10, 20)
TOO_FEW = POLICY.too_few("responses")
SCALE = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]
WAVES = {"2023-05": "2023-05-15", "2024-05": "2024-05-13"}


def team(answers, group, size, wave="2023-05", questions=("Q1", "Q2", "Q3"), skip=(), start=0):
    """``size`` people of ``group``, answering each question (cycling over the scale) but ``skip``."""
    rows = [(f"{wave}-{group}-{start}-{i}", group, q, SCALE[(i + start + k) % 5])
            for i in range(size) for k, q in enumerate(questions) if q not in skip]
    return answers(rows, wave=wave, wave_date=WAVES[wave])


@pytest.fixture
def book(codebook):
    return codebook([("Q1", "culture", False), ("Q2", "culture", False), ("Q3", "governance", False)])


@pytest.fixture
def sample(responses, answers):
    """2023-05: Big 30, Mid 15, Small 4 and 6 not stated. 2024-05: Big 30, Small 12, Mid 15 of
    whom 6 answered Q2, and Odd 15 of whom 9 answered Q3 (its governance theme)."""
    first = [team(answers, "Big", 30), team(answers, "Mid", 15), team(answers, "Small", 4),
             team(answers, None, 6)]
    second = [team(answers, "Big", 30, "2024-05", start=1), team(answers, "Small", 12, "2024-05"),
              team(answers, "Mid", 6, "2024-05", start=2),
              team(answers, "Mid", 9, "2024-05", skip=("Q2",), start=3),
              team(answers, "Odd", 9, "2024-05", start=4),
              team(answers, "Odd", 6, "2024-05", skip=("Q3",), start=1)]
    frame = responses(*first, *second)
    return count_responses(frame.assign(question_text=frame["question_id"]))


def wave(counts, label):
    return counts.where(wave_date=pd.Timestamp(WAVES[label]))


def test_a_group_another_table_hides_is_suppressed_with_complements():
    """suppress_small_groups(hidden=...): a group of 15 hidden because another table hides it
    needs two non-empty groups of 10 or more hidden in all, as a small one does."""
    table = pd.DataFrame({"wave": "w", "group": ["A", "B", "C"], "respondents": [15, 20, 40]})
    plain = suppress_small_groups(table, count="respondents", policy=POLICY, partition=["wave"])
    assert not plain["suppressed"].any()
    forced = suppress_small_groups(table, count="respondents", policy=POLICY, partition=["wave"],
                                   hidden=[True, False, False])
    assert forced["suppressed"].tolist() == [True, True, False]
    assert forced["respondents"].isna().tolist() == [True, True, False]


def test_choices_are_the_named_groups_of_any_wave(sample):
    assert group_choices(sample) == ["Big", "Mid", "Odd", "Small"]


def test_head_counts_hide_the_small_group_its_complement_and_whatever_the_theme_table_hides(sample, book):
    people = group_people(sample, book, POLICY).set_index(["wave", "group"])
    first = people.loc["2023-05"]
    assert first.loc["Small", "hidden_because"] == TOO_FEW and pd.isna(first.loc["Small", "respondents"])
    assert first.loc["Big", "respondents"] == 30 and not first.loc["Big", "suppressed"]
    themes = group_theme_table(wave(sample, "2023-05"), book, POLICY)
    hidden_in_themes = set(themes.loc[themes["suppressed"], "group"])
    assert hidden_in_themes <= set(first.index[first["suppressed"]])
    hidden = first[first["suppressed"]]
    total = 30 + 15 + 4 + 6
    assert total - first["respondents"].dropna().sum() >= POLICY.min_size and len(hidden) >= 2


def test_a_group_of_fifteen_hidden_in_one_theme_hides_its_head_count(sample, book):
    """Odd: 15 people, but its governance statement answered by 9, so the group x theme table
    hides it in every theme; its head count would give that group's size, so it is hidden too,
    with a complement (Small, 12) so that the total minus the groups shown is two groups."""
    people = group_people(sample, book, POLICY).set_index(["wave", "group"]).loc["2024-05"]
    assert people.loc["Odd", "suppressed"] and pd.isna(people.loc["Odd", "respondents"])
    assert people.loc["Odd", "hidden_because"] == f"{TOO_FEW} in one of its themes"
    assert people.loc["Small", "hidden_because"] == REASONS[COMPLEMENT]
    assert people["respondents"].dropna().tolist() == [30, 15]


def test_a_groups_statements_are_its_own_fine_cells_beside_everyones(sample, book):
    later = wave(sample, "2024-05")
    mine = group_statements(later, book, POLICY, "Big").set_index("question_id")
    assert not mine["suppressed"].any()
    cells = publishable(later, book, POLICY).fine.query("group == 'Big'").set_index("question_id")
    for q in ("Q1", "Q2", "Q3"):
        assert mine.loc[q, "pct_positive"] == pytest.approx(round(cells.loc[q, "positive"] / cells.loc[q, "n"] * 100, 1))
    everyone = statement_results(later, book, POLICY).set_index("question_id")
    assert mine["all_staff"].tolist() == everyone.loc[mine.index, "pct_positive"].tolist()
    assert set(mine.columns) >= {"question", "pct_positive", "suppressed", "hidden_because", "all_staff"}
    assert not {"n_respondents", "n", "pct_neutral", "pct_negative", "lower", "upper"} & set(mine.columns)


def test_a_statement_too_few_of_the_group_answered_says_so(sample, book):
    mid = group_statements(wave(sample, "2024-05"), book, POLICY, "Mid").set_index("question_id")
    # Q2 was answered by 6 of Mid: too few, whatever the group's 15 people
    assert mid.loc["Q2", "suppressed"] and pd.isna(mid.loc["Q2", "pct_positive"])
    assert mid.loc["Q2", "hidden_because"] == POLICY.too_few("answers")
    assert not mid.loc["Q1", "suppressed"] and pd.notna(mid.loc["Q1", "pct_positive"])


def test_a_small_group_shows_no_figure_at_all(sample, book):
    small = group_statements(wave(sample, "2023-05"), book, POLICY, "Small")
    assert small["pct_positive"].isna().all() and small["suppressed"].all()
    assert set(small["hidden_because"]) == {TOO_FEW}
    assert small["all_staff"].notna().all(), "everyone's figure is published anyway"


def test_a_complement_group_shows_no_figure_and_says_why(sample, book):
    """2024-05: Small (12) is Odd's complement."""
    people = group_people(wave(sample, "2024-05"), book, POLICY)
    complement = people[people["hidden_because"] == REASONS[COMPLEMENT]]["group"].tolist()
    assert complement == ["Small"]
    for group in complement:
        rows = group_statements(wave(sample, "2024-05"), book, POLICY, group, people=people)
        assert rows["pct_positive"].isna().all()
        assert set(rows["hidden_because"]) == {REASONS[COMPLEMENT]}


def test_a_groups_trend_is_its_rows_of_each_waves_group_table(sample, book):
    trend = group_trend(sample, book, POLICY, "Mid")
    culture, governance = (survey_measure("staff", t) for t in ("culture", "governance"))
    assert set(trend["series"]) == {culture, governance}
    for label in WAVES:
        rows = trend[trend["date"] == pd.Timestamp(WAVES[label])].set_index("series")
        table = group_theme_table(wave(sample, label), book, POLICY).query("group == 'Mid'").set_index("theme")
        assert rows.loc[culture, "value"] == pytest.approx(float(table.loc["culture", "score"]))
        assert rows.loc[culture, "n"] == table.loc["culture", "n_respondents"] == 15
        assert rows["hidden_because"].isna().all() and rows["lower"].notna().all()


def test_a_group_hidden_in_a_wave_keeps_its_row_blank_with_the_reason(sample, book):
    trend = group_trend(sample, book, POLICY, "Small")
    first = trend[trend["date"] == pd.Timestamp(WAVES["2023-05"])]
    assert first["value"].isna().all() and first["n"].isna().all() and first["lower"].isna().all()
    assert set(first["hidden_because"]) == {TOO_FEW}
    later = trend[trend["date"] == pd.Timestamp(WAVES["2024-05"])]
    assert later["value"].isna().all() and set(later["hidden_because"]) == {REASONS[COMPLEMENT]}


def test_a_groups_statement_history_has_no_band_and_no_count(sample, book):
    history = group_question_trend(sample, book, POLICY, "Mid", "Q2")
    assert list(history.columns) == ["series", "date", "value", "hidden_because"]
    assert pd.notna(history["value"].iloc[0]) and pd.isna(history["hidden_because"].iloc[0])
    assert pd.isna(history["value"].iloc[1]) and history["hidden_because"].iloc[1] == POLICY.too_few("answers")
    small = group_question_trend(sample, book, POLICY, "Small", "Q1")
    assert small["value"].isna().all() and small["hidden_because"].tolist() == [TOO_FEW, REASONS[COMPLEMENT]]


def test_group_views_say_who_responded(sample, book):
    everyone = group_views(sample, book, "staff", None, POLICY)
    assert (everyone.respondents, everyone.hidden_because) == (30 + 12 + 15 + 15, None)
    big = group_views(sample, book, "staff", "Big", POLICY, wave_date=pd.Timestamp(WAVES["2023-05"]))
    assert (big.respondents, big.hidden_because) == (30, None)
    small = group_views(sample, book, "staff", "Small", POLICY, wave_date=pd.Timestamp(WAVES["2023-05"]))
    assert small.respondents is None and small.hidden_because == TOO_FEW
    assert small.statements["pct_positive"].isna().all()
    nobody = group_views(sample, book, "staff", "Nobody", POLICY)
    assert nobody.respondents is None and nobody.hidden_because == TOO_FEW

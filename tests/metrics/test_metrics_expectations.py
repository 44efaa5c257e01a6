"""Each expectation judged on its evidence: which actions and survey waves count, and the
rule of config/expectations.toml (Red, Amber, Green, No evidence yet) with its reasons."""
from __future__ import annotations

import pandas as pd
import pytest

from settings.judgement_rules import load_judgement_rules
from model.frames import EVENTS, conform, empty
from model.survey_counts import count_responses, empty_counts
from settings.disclosure import DisclosurePolicy
from metrics.expectations import (evidence_actions, gather_evidence, judge, judge_expectations, linked_actions,
                                  rule_sentence)

RULES = load_judgement_rules()
NO_EVENTS = empty(EVENTS)
NO_SURVEYS = empty_counts()
POLICY = DisclosurePolicy(min_size=10, protection_points=20)


def expectation(**links) -> pd.Series:
    base = {"id": "E1", "expectation": "Do it", "source": "Notice", "front": "governance", "action_areas": "",
            "action_refs": "", "survey_measures": "", "milestone_kinds": ""}
    return pd.Series({**base, **links})


@pytest.fixture
def plan(actions):
    """Two snapshots; at the latest, area A has 4 actions (3 complete, 1 Green overdue), area B one Red."""
    rows = [("2024-01-01", "A-1", "2024-06-01", "Red"),
            ("2024-09-01", "A-1", "2024-06-01", "Complete"), ("2024-09-01", "A-2", "2024-06-01", "Complete"),
            ("2024-09-01", "A-3", "2024-06-01", "Complete"), ("2024-09-01", "A-4", "2024-08-01", "Green"),
            ("2024-09-01", "B-1", "2025-01-01", "Red"), ("2024-09-01", "C-1", "2025-01-01", "Superseded")]
    areas = ["Area A"] * 5 + ["Area B", "Area A"]
    owners = [f"Owner {i}" for i in range(7)]
    return actions(rows, area=areas, owner=owners)


def survey(answers, responses, waves: dict[str, tuple[int, int]]):
    """waves: wave date -> (agree, disagree) respondents on one culture question."""
    blocks = []
    for date, (agree, disagree) in waves.items():
        rows = [(f"r{i}", "All", "Q1", "Agree" if i < agree else "Disagree") for i in range(agree + disagree)]
        blocks.append(answers(rows, wave=date[:7], wave_date=date))
    return count_responses(responses(*blocks))


def test_actions_are_linked_by_area_or_reference_at_the_latest_snapshot(plan):
    linked = linked_actions(expectation(action_areas="area a", action_refs="b-1"), plan)
    assert sorted(linked["reference"]) == ["A-1", "A-2", "A-3", "A-4", "B-1", "C-1"]
    assert set(linked["snapshot_date"]) == {pd.Timestamp("2024-09-01")}


def test_green_needs_enough_complete_and_nothing_overdue_or_red(plan, codebook):
    book = codebook([("Q1", "culture", False)])
    area_a = gather_evidence(expectation(action_areas="Area A"), plan, NO_SURVEYS, book, NO_EVENTS, POLICY, 0.95)
    rating, reasons = judge(area_a, RULES)
    assert area_a.pct_complete == 75.0 and area_a.overdue == ["A-4"]   # Superseded C-1 is out of scope
    assert rating == "Amber" and any(r.startswith("1 overdue: A-4 ") and "(due 1 Aug 2024, 31 days overdue)" in r
                                     for r in reasons)
    done = gather_evidence(expectation(action_refs="A-1; A-2; A-3"), plan, NO_SURVEYS, book, NO_EVENTS, POLICY, 0.95)
    assert judge(done, RULES)[0] == "Green"


def test_red_below_the_threshold(plan, codebook):
    red = gather_evidence(expectation(action_areas="Area B"), plan, NO_SURVEYS, codebook([]), NO_EVENTS, POLICY)
    rating, reasons = judge(red, RULES)
    assert rating == "Red" and reasons[0].startswith("0 of 1 linked actions complete (0%)")


def test_no_evidence_when_nothing_linked_has_a_figure(plan, codebook):
    evidence = gather_evidence(expectation(action_areas="Nowhere", survey_measures="staff:culture"), plan,
                               NO_SURVEYS, codebook([]), NO_EVENTS, POLICY)
    assert judge(evidence, RULES)[0] == "None"


def test_survey_measures_judged_from_first_to_latest_published_wave(plan, codebook, answers, responses):
    book = codebook([("Q1", "culture", False)])
    rising = survey(answers, responses, {"2023-01-15": (10, 40), "2023-06-15": (3, 4), "2024-06-15": (40, 10)})
    evidence = gather_evidence(expectation(survey_measures="staff:culture"), plan, rising, book, NO_EVENTS, POLICY, 0.95)
    measure = evidence.measures[0]
    assert (measure["first"], measure["last"], measure["waves"]) == (20.0, 80.0, 2)   # the wave of 7 stays hidden
    assert measure["real"] and judge(evidence, RULES)[0] == "Green"
    falling = survey(answers, responses, {"2023-01-15": (40, 10), "2024-06-15": (10, 40)})
    evidence = gather_evidence(expectation(survey_measures="staff:culture", action_refs="A-1"), plan, falling, book,
                               NO_EVENTS, POLICY, 0.95)
    rating, reasons = judge(evidence, RULES)
    assert rating == "Red" and "down 60 points since the first survey (Jan 2023): a real change" in reasons[-1]
    noisy = survey(answers, responses, {"2023-01-15": (6, 6), "2024-06-15": (7, 5)})
    evidence = gather_evidence(expectation(survey_measures="staff:culture"), plan, noisy, book, NO_EVENTS, POLICY, 0.95)
    assert judge(evidence, RULES) == ("Amber", ["Staff survey, culture theme: 58% positive in Jun 2024, up 8 "
                                                "points since the first survey (Jan 2023): within the noise"])


def test_judgements_carry_words_and_milestones(plan, codebook):
    events = conform(pd.DataFrame({"date": ["2022-10-01"], "label": ["Board set up"], "kind": ["board"]}), EVENTS)
    table = judge_expectations(pd.DataFrame([expectation(action_areas="Area B", milestone_kinds="board")]), plan,
                               NO_SURVEYS, codebook([]), events, RULES, POLICY)
    row = table.iloc[0]
    assert row["rating"] == "Red" and row["judgement"] == RULES["words"]["Red"] and ":" in row["judgement"]
    assert row["milestones"] == "Board set up (Oct 2022)" and row["surveys"] == "None linked"
    assert f"{RULES['thresholds']['red_below_pct_complete']:g}%" in rule_sentence(RULES)


def test_owner_names_only_where_the_edition_allows(plan):
    with_names = evidence_actions(expectation(action_areas="Area A"), plan, with_owner=True)
    without = evidence_actions(expectation(action_areas="Area A"), plan, with_owner=False)
    assert "owner" in with_names and "owner" not in without
    assert with_names.set_index("reference").loc["A-4", "status"] == "Green, 31 days overdue"   # never colour alone
    assert with_names.set_index("reference").loc["A-1", "status"] == "Complete"


def test_a_linked_measure_without_figures_holds_the_judgement_at_amber(plan, codebook):
    done = expectation(action_refs="A-1; A-2; A-3", survey_measures="nobody:culture")
    evidence = gather_evidence(done, plan, NO_SURVEYS, codebook([]), NO_EVENTS, POLICY)
    rating, reasons = judge(evidence, RULES)
    assert rating == "Amber" and "no published figure yet" in reasons[-1]


def test_one_row_per_action_and_missing_lists_are_empty(plan, codebook):
    twice = pd.concat([plan, plan[plan["snapshot_date"] == plan["snapshot_date"].max()]], ignore_index=True)
    linked = linked_actions(expectation(action_areas="Area A"), twice)
    assert linked["reference"].is_unique and len(linked) == 5
    missing = expectation(action_areas="Area B", survey_measures=pd.NA, milestone_kinds=float("nan"))
    evidence = gather_evidence(missing, plan, NO_SURVEYS, codebook([]), NO_EVENTS, POLICY)
    assert evidence.measures == [] and evidence.milestones == []


def test_a_milestone_without_a_date_is_left_out(plan, codebook):
    events = conform(pd.DataFrame({"date": ["2022-10-01", None], "label": ["Board set up", "Undated"],
                                   "kind": ["board", "board"]}), EVENTS)
    evidence = gather_evidence(expectation(milestone_kinds="board"), plan, NO_SURVEYS, codebook([]), events, POLICY)
    assert evidence.milestones == ["Board set up (Oct 2022)"]

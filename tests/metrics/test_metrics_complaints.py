"""Code of Conduct complaints counted by financial quarter (metrics/complaints.py), checked
against a hand count of a small register written here, and the judgement of an expectation
that names members resting on its complaints as well as its surveys."""
from __future__ import annotations

import pandas as pd
import pytest

from charts.complaints import complaints_chart
from charts.text import alt_text
from metrics.complaints import by_quarter, quarter_label, quarter_start, quarter_totals, recent_change
from metrics.expectations import gather_evidence, judge, judge_expectations, rule_sentence
from model.frames import ACTIONS, COMPLAINTS, EVENTS, conform, empty
from model.survey_counts import empty_counts
from settings.disclosure import DisclosurePolicy
from settings.judgement_rules import load_judgement_rules

RULES = load_judgement_rules()
POLICY = DisclosurePolicy(min_size=10, protection_points=20)

#: (date received, subject, outcome). Hand count, financial quarters (April to March):
#:   Q4 2022/23 (Jan-Mar 2023): members 2 (1 NFA, 1 breach), officers 1 (informal)
#:   Q1 2023/24 (Apr-Jun 2023): members 0, officers 0          <- an empty quarter is 0, not missing
#:   Q2 2023/24 (Jul-Sep 2023): members 3 (2 NFA, 1 informal)
#:   Q3 2023/24 (Oct-Dec 2023): members 1 (breach), officers 1 (NFA)
#:   Q4 2023/24 (Jan-Mar 2024): members 1 (ongoing)
REGISTER = [("2023-01-05", "member", "No further action"), ("2023-03-31", "member", "Breach found"),
            ("2023-02-14", "officer", "Informal resolution"),
            ("2023-07-01", "member", "No further action"), ("2023-08-19", "member", "No further action"),
            ("2023-09-30", "member", "Informal resolution"),
            ("2023-10-01", "member", "Breach found"), ("2023-12-31", "officer", "No further action"),
            ("2024-03-15", "member", "Ongoing")]


@pytest.fixture
def register() -> pd.DataFrame:
    rows = [{"reference": f"C-{i}", "date_received": pd.Timestamp(d), "subject": s, "category": "Other", "outcome": o}
            for i, (d, s, o) in enumerate(REGISTER)]
    return conform(pd.DataFrame(rows), COMPLAINTS)


def test_quarters_are_financial_and_labelled_as_councils_write_them():
    assert quarter_start(pd.Timestamp("2024-03-31")) == pd.Timestamp("2024-01-01")
    assert quarter_start(pd.Timestamp("2024-04-01")) == pd.Timestamp("2024-04-01")
    assert quarter_label(pd.Timestamp("2024-04-01")) == "Q1 2024/25"
    assert quarter_label(pd.Timestamp("2024-01-01")) == "Q4 2023/24"
    assert quarter_label(pd.Timestamp("2023-10-01")) == "Q3 2023/24"


def test_complaints_about_members_by_quarter_match_the_hand_count(register):
    totals = quarter_totals(by_quarter(register, "member"))
    assert list(totals["quarter"]) == ["Q4 2022/23", "Q1 2023/24", "Q2 2023/24", "Q3 2023/24", "Q4 2023/24"]
    assert list(totals["complaints"]) == [2, 0, 3, 1, 1]
    assert list(totals["No further action"]) == [1, 0, 2, 0, 0]
    assert list(totals["Informal resolution"]) == [0, 0, 1, 0, 0]
    assert list(totals["Breach found"]) == [1, 0, 0, 1, 0]
    assert list(totals["Ongoing"]) == [0, 0, 0, 0, 1]


def test_all_complaints_and_officers_alone_match_the_hand_count(register):
    assert list(quarter_totals(by_quarter(register, "officer"))["complaints"]) == [1, 0, 0, 1, 0]
    assert list(quarter_totals(by_quarter(register))["complaints"]) == [3, 0, 3, 2, 1]
    assert quarter_totals(by_quarter(register))["complaints"].sum() == len(REGISTER)


def test_the_table_never_carries_a_reference_or_a_date_finer_than_the_quarter(register):
    table = by_quarter(register, "member")
    assert "reference" not in table and "date_received" not in table
    assert not set(table.astype(str).stack()) & set(register["reference"])


def test_recent_quarters_against_the_ones_before_by_hand(register):
    # two quarters: latest Q3-Q4 2023/24 (members 1 + 1 = 2, one breach) against Q1-Q2 2023/24 (0 + 3 = 3)
    change = recent_change(register, "member", quarters=2)
    assert (change.recent, change.before, change.recent_breaches) == (2, 3, 1)
    assert change.recent_span == "Q3 2023/24 to Q4 2023/24" and not change.rising
    assert change.sentence().startswith("Code of Conduct complaints about members: 2 received in Q3 2023/24 to "
                                        "Q4 2023/24, down from 3 in the 2 quarters before")
    # one quarter, to the end of September 2023: Q2 2023/24 (3) against Q1 2023/24 (0): rising
    earlier = recent_change(register, "member", quarters=1, until=pd.Timestamp("2023-09-30"))
    assert (earlier.recent, earlier.before, earlier.rising) == (3, 0, True)
    # two quarters to Sep 2023 would compare with Q3-Q4 2022/23, before the register's first quarter
    gone = recent_change(register, "member", quarters=2, until=pd.Timestamp("2023-09-30"))
    assert gone.before is None and not gone.rising and "does not reach back" in gone.sentence()


def expectation(**links) -> pd.Series:
    base = {"id": "E1", "expectation": "Culture for officers and members", "source": "Notice", "front": "culture",
            "action_areas": "", "action_refs": "", "survey_measures": "", "milestone_kinds": "", "complaints": ""}
    return pd.Series({**base, **links})


def test_complaints_about_members_are_evidence_and_rising_holds_a_judgement_at_amber(register, actions):
    done = actions([("2023-09-30", "A-1", "2023-06-01", "Complete")], area=["Culture"], owner=["X"])
    linked = expectation(action_areas="Culture", complaints="member")
    falling = gather_evidence(linked, done, empty_counts(), pd.DataFrame(), empty(EVENTS), POLICY,
                              complaints=register, quarters=2)
    assert judge(falling, RULES)[0] == "Green"          # every action complete, complaints down 3 -> 2
    rising = gather_evidence(linked, done, empty_counts(), pd.DataFrame(), empty(EVENTS), POLICY,
                             complaints=register, quarters=1, until=pd.Timestamp("2023-09-30"))
    rating, reasons = judge(rising, RULES)
    assert rating == "Amber"                             # the same actions, complaints up 0 -> 3
    assert any(r.startswith("Code of Conduct complaints about members: 3 received") for r in reasons)
    unlinked = gather_evidence(expectation(action_areas="Culture"), done, empty_counts(), pd.DataFrame(),
                               empty(EVENTS), POLICY, complaints=register, until=pd.Timestamp("2023-09-30"))
    assert unlinked.complaints == [] and judge(unlinked, RULES)[0] == "Green"


def test_complaints_alone_are_evidence_and_the_rule_says_so(register):
    table = judge_expectations(pd.DataFrame([expectation(complaints="member")]), empty(ACTIONS), empty_counts(), pd.DataFrame(), empty(EVENTS), RULES, POLICY,
        complaints=register, compare=False)
    assert table.loc[0, "rating"] == "Amber" and table.loc[0, "complaints"].startswith("Code of Conduct complaints")
    assert "no more linked Code of Conduct complaints in the latest 4 quarters than the 4 before" in rule_sentence(RULES)


def test_the_chart_says_what_is_counted_and_draws_each_quarter(register):
    table = by_quarter(register, "member")
    fig = complaints_chart(table, quarter_totals(table), "members", title="Complaints about members")
    text = alt_text(fig)
    assert text.startswith("Code of Conduct complaints about members, counted by the quarter they were received "
                           "(complaints, not people): 2 in Q4 2022/23, 1 in Q4 2023/24; the most, 3, in Q2 2023/24.")
    assert "In Q4 2023/24, 1 of 1 is still ongoing." in text
    bars = {trace.name: list(trace.y) for trace in fig.data if trace.type == "bar"}
    assert bars == {"No further action": [1, 0, 2, 0, 0], "Informal resolution": [0, 0, 1, 0, 0],
                    "Breach found": [1, 0, 0, 1, 0], "Ongoing": [0, 0, 0, 0, 1]}
    patterns = {trace.marker.pattern.shape for trace in fig.data if trace.type == "bar"}
    assert len(patterns) == 4                            # colour is never the only signal
    # each pattern lies on its outcome's colour: a pattern on a transparent ground left Breach found white
    assert all(trace.marker.pattern.bgcolor == trace.marker.color for trace in fig.data if trace.type == "bar")
    assert "C-0" not in fig.to_json()

"""Tracker metrics for the Governance page, on small action histories built in code."""
import pandas as pd
import pytest

from model.frames import ACTIONS, conform
from metrics.matching import match_actions, with_action_ids
from metrics.tracker import (carry_start_dates, closure_summary, complete_now_vs_event, expected_progress,
                             filter_actions, moved_to_business_plans, red_longest, slipped_most, transitions,
                             transitions_long, with_phase)
from metrics.tracker_headlines import tracker_headlines

D1, D2, D3 = pd.Timestamp("2023-12-01"), pd.Timestamp("2024-01-23"), pd.Timestamp("2024-06-01")
MOVED = "Open - outstanding actions moved into Directorate Business Plans"


def frame(rows):
    return conform(pd.DataFrame(rows), ACTIONS)


def row(date, ref, status, due=None, title=None, **extra):
    return {"snapshot_date": date, "reference": ref, "action": title or f"Action {ref}", "status": status,
            "due_date": pd.Timestamp(due) if due else pd.NaT, **extra}


@pytest.fixture
def history():
    return frame([
        row(D1, "A1", "Red", "2024-01-31", area="Procurement", owner="Ann", source="auditor"),
        row(D2, "A1", "Red", "2024-03-31", area="Procurement", owner="Ann", source="auditor"),
        row(D3, "A1", "Complete", "2024-03-31", area="Procurement", owner="Ann", source="auditor"),
        row(D1, "A2", "Amber", "2024-02-28", area="Partnership working", owner="Bob", source="board"),
        row(D2, "A2", "Complete", "2024-02-28", area="Partnership working", owner="Bob", source="board"),
        row(D3, "A2", "Complete", "2024-02-28", area="Partnership working", owner="Bob", source="board",
            closure_category="Completed - no further action"),
        row(D1, "A3", "Green", "2023-12-31", area="Procurement", owner="Bob", source="notice"),
        row(D2, "A3", "Red", "2024-06-30", area="Procurement", owner="Bob", source="notice"),
        row(D3, "A3", "Amber", "2024-12-31", area="Procurement", owner="Bob", source="notice",
            closure_category=MOVED),
    ])


@pytest.fixture
def events():
    return pd.DataFrame({"date": pd.to_datetime(["2024-01-30", "2024-03-01"]),
                         "label": ["Revised Best Value Notice issued", "Phase 3 Improvement Plan agreed"],
                         "kind": ["notice", "plan"]})


def test_metrics_tracker_filters_narrow_rows(history):
    assert set(filter_actions(history, owner=["Bob"])["reference"]) == {"A2", "A3"}
    assert set(filter_actions(history, area=["Procurement"], source=["notice"])["reference"]) == {"A3"}
    assert len(filter_actions(history, area=[], owner=None)) == len(history)
    with pytest.raises(ValueError):
        filter_actions(history, colour=["Red"])


def test_metrics_tracker_phase_from_milestones(history, events):
    phased = with_phase(history, events)
    assert phased.loc[phased["snapshot_date"] == D3, "phase"].unique().tolist() == ["Phase 3"]
    assert phased.loc[phased["snapshot_date"] == D1, "phase"].unique().tolist() == ["Before phase 3"]
    assert filter_actions(phased, phase=["Phase 3"])["snapshot_date"].unique().tolist() == [D3]


def test_metrics_tracker_phase_after_the_close_down(history, events):
    closed = pd.concat([events, pd.DataFrame({"date": [D2], "label": ["Improvement Plan (phase 2) closed"],
                                              "kind": ["plan"]})], ignore_index=True)
    phased = with_phase(history, closed.loc[closed["label"] != "Phase 3 Improvement Plan agreed"])
    by_date = phased.drop_duplicates("snapshot_date").set_index("snapshot_date")["phase"].to_dict()
    assert by_date == {D1: "Before phase 2", D2: "Before phase 2", D3: "After phase 2"}


def test_metrics_tracker_transitions_table(history):
    table = transitions(history, D1, D2)
    assert table.loc["Amber", "Complete"] == 1
    assert table.loc["Red", "Red"] == 1
    assert table.loc["Green", "Red"] == 1
    assert int(table.to_numpy().sum()) == 3
    long = transitions_long(table)
    assert long["Actions"].sum() == 3 and set(long.columns) == {"From", "To", "Actions"}


def test_metrics_tracker_transitions_count_actions_added(history):
    later = pd.concat([history, frame([row(D3, "A4", "Green")])], ignore_index=True)
    assert transitions(later, D2, D3).loc["Not in tracker", "Green"] == 1


def test_metrics_tracker_red_longest_and_slipped_most(history):
    red = red_longest(history)
    assert red["reference"].tolist() == ["A1", "A3"]
    assert red["days_red"].tolist() == [(D3 - D1).days, (D3 - D2).days]
    slipped = slipped_most(history)
    assert slipped["reference"].tolist() == ["A3", "A1"]
    assert slipped["times_slipped"].tolist() == [2, 1]
    assert slipped["days_slipped"].iloc[0] == (pd.Timestamp("2024-12-31") - pd.Timestamp("2023-12-31")).days


def test_metrics_tracker_complete_now_vs_revised_notice(history, events):
    figures = complete_now_vs_event(history, events, "revised")
    assert figures["then_date"] == D2   # the nearest report on or before 30 Jan 2024
    assert figures["then_n"] == 1 and figures["now_n"] == 2
    assert figures["now_pct"] == pytest.approx(200 / 3)
    assert complete_now_vs_event(history, events, "no such milestone") is None


def test_metrics_tracker_closure_and_business_plans(history):
    summary = closure_summary(history)
    assert summary["Actions"].tolist() == [0, 1, 1]
    assert moved_to_business_plans(history)["reference"].tolist() == ["A3"]


def test_metrics_tracker_closure_survives_a_later_report(history):
    """A monitoring report after the close-down, without its column, once gave 0 / 0 / 0."""
    later = pd.concat([history, frame([row(pd.Timestamp("2025-01-21"), "A3", "Green", "2024-12-31")])],
                      ignore_index=True)
    assert closure_summary(later)["Actions"].tolist() == [0, 1, 1]
    assert moved_to_business_plans(later)["reference"].tolist() == ["A3"]


def test_metrics_tracker_expected_progress():
    snap = frame([
        row(D3, "E1", "Green", "2024-12-31", start_date=pd.Timestamp("2024-01-01")),
        row(D3, "E2", "Red", "2024-07-01", start_date=pd.Timestamp("2024-01-01")),
        row(D3, "E3", "Amber", "2024-05-01", start_date=pd.Timestamp("2024-01-01")),
        row(D3, "E4", "Complete", "2024-05-01", start_date=pd.Timestamp("2024-01-01")),
        row(D3, "E5", "Green", "2024-05-01"),
    ])
    verdicts = expected_progress(snap)["expected_progress"].tolist()
    # past due and not done is Overdue, whatever the RAG says and whether or not a start date is known
    assert verdicts == ["On track", "Behind", "Overdue", "Done", "Overdue"]


def test_metrics_tracker_start_dates_carried_between_snapshots():
    rows = frame([row(D1, "S1", "Green"), row(D2, "S1", "Green", start_date=pd.Timestamp("2023-10-01")),
                  row(D3, "S1", "Green")])
    assert carry_start_dates(rows)["start_date"].tolist() == [pd.Timestamp("2023-10-01")] * 3


def test_metrics_tracker_headlines_answer_the_three_questions(history, events):
    red, slipped, complete = tracker_headlines(history, events)
    assert red.startswith("Red longest: A1")
    assert "A3" in slipped and "2 actions slipped" in slipped
    assert "67%" in complete and "33%" in complete and "30 Jan 2024" in complete


def test_metrics_tracker_matching_renumbered_references():
    snapshots = frame([
        row(D1, "GOV-01", "Red", title="Review the constitution"),
        row(D1, "GOV-02", "Amber", title="Member induction programme"),
        row(D1, "GOV-03", "Green", title="Publish decisions"),
        row(D2, "GOV-05", "Amber", title="Review the constitution."),      # renumbered
        row(D2, "GOV-02", "Green", title="Member induction programme"),
        row(D2, "GOV-01", "Green", title="Brand new action"),              # old number reused
    ])
    matched = match_actions(snapshots)
    ids = matched.actions.set_index(["snapshot_date", "reference"])["action_id"]
    assert ids[(D2, "GOV-05")] == "GOV-01"
    assert ids[(D2, "GOV-02")] == "GOV-02"
    assert ids[(D2, "GOV-01")] != "GOV-01"
    assert matched.renumbered == 1
    assert set(matched.unmatched["what"].str.split(":").str[0]) == {"new", "dropped"}
    assert "GOV-03" in " ".join(matched.unmatched["what"])
    followed = with_action_ids(snapshots)
    assert followed.loc[followed["reference"] == "GOV-01", "status"].astype(str).tolist() == ["Red", "Amber"]

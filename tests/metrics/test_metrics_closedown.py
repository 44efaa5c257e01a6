"""The phase-3 close-down and the actions followed after it (issue 17, part 4), on small
histories built in code. The hand-worked example: at close-down (D3) A3, A4, A5 and A6 are
moved into Directorate Business Plans; two later monitoring reports carry no close-down
column. At the last one (D5) A3 is Complete, A4 Superseded (dropped), A5 still Amber; A6 was
completed at D4 and left out of D5. So of 4 moved, 2 complete, 1 dropped, 1 still open, and
the one denominator is 2 of 3 actions in scope (67%), not counting 1 superseded action.

Report by report, A5 (due 31 Mar 2025 in D5's report): Green at close-down, Amber at D4 (due
date not set there), Amber and 60 days overdue at D5 (31 Mar to 30 May 2025: 30 + 30 = 60 days);
A6: Complete at D4, left out of D5. A4, moved while Green but due 30 Sep 2024, was 16 days
overdue at the close-down (16 Oct 2024)."""
import pandas as pd
import pytest

from model.frames import ACTIONS, conform
from metrics.closedown import closedown_date, follow_up, follow_up_sentence, followed_actions, reports_of
from metrics.tracker_tables import followed_table
from model.plan_reports import after_closedown, every_report, plan_reports
from metrics.tracker import closure_summary, moved_to_business_plans

D1, D3 = pd.Timestamp("2024-06-01"), pd.Timestamp("2024-10-16")
D4, D5 = pd.Timestamp("2025-01-21"), pd.Timestamp("2025-05-30")
MOVED = "Open - outstanding actions moved into Directorate Business Plans"
NO_FURTHER = "Completed - no further action"


def row(date, ref, status, closure=None, due=None):
    return {"snapshot_date": date, "reference": ref, "action": f"Action {ref}", "owner": "Ann", "status": status,
            "closure_category": closure, "due_date": pd.Timestamp(due) if due else pd.NaT}


@pytest.fixture
def plan():
    rows = [row(D1, r, "Amber") for r in ("A2", "A3", "A4", "A5", "A6")]
    rows += [row(D3, "A2", "Complete", NO_FURTHER), row(D3, "A4", "Green", MOVED, due="2024-09-30")]
    rows += [row(D3, r, "Green", MOVED) for r in ("A3", "A5", "A6")]
    return rows


@pytest.fixture
def followed(plan):
    later = [row(D4, "A3", "Green"), row(D4, "A4", "Amber"), row(D4, "A5", "Amber"), row(D4, "A6", "Complete"),
             row(D5, "A3", "Complete"), row(D5, "A4", "Superseded"), row(D5, "A5", "Amber", due="2025-03-31")]
    return conform(pd.DataFrame(plan + later), ACTIONS)


def test_closedown_read_at_its_own_report_not_the_latest(followed):
    """Before the fix the close-down was read from the latest report: a later monitoring report
    without the column gave 0 / 0 / 0 and no action moved."""
    assert closedown_date(followed) == D3
    assert closure_summary(followed)["Actions"].tolist() == [0, 1, 4]
    assert sorted(moved_to_business_plans(followed)["reference"]) == ["A3", "A4", "A5", "A6"]


def test_followed_actions_status_now_and_outcome(followed):
    table = followed_actions(followed).set_index("reference")
    assert table["outcome"].to_dict() == {"A3": "Complete", "A4": "Dropped", "A5": "Still open", "A6": "Complete"}
    assert table.loc["A6", "last_reported"] == D4 and table.loc["A3", "last_reported"] == D5
    assert table.loc["A5", "reports_since"] == 2 and table.loc["A6", "reports_since"] == 1
    assert str(table.loc["A5", "status_at_closedown"]) == "Green" and str(table.loc["A5", "status_now"]) == "Amber"
    assert table.loc["A5", "days_overdue"] == (D5 - pd.Timestamp("2025-03-31")).days


def test_follow_up_counts_and_one_denominator(followed):
    summary = follow_up(followed)
    assert (summary.n_moved, summary.n_complete, summary.n_dropped, summary.n_open) == (4, 2, 1, 1)
    assert summary.latest_report == D5 and summary.closedown == D3
    assert summary.completion.n_complete == 2 and summary.completion.n_in_scope == 3
    assert follow_up_sentence(summary) == (
        "Of the 4 actions moved into Directorate Business Plans at close-down (16 Oct 2024), 2 are now complete, "
        "1 dropped, 1 still open (at the 30 May 2025 report; 1 action was last reported earlier). "
        "That is 2 of 3 actions complete (67%), not counting 1 superseded action.")


def test_follow_up_without_later_reports_says_so(plan):
    only_plan = conform(pd.DataFrame(plan), ACTIONS)
    summary = follow_up(only_plan)
    assert summary.latest_report is None and summary.n_open == 4
    assert "No report since the close-down" in follow_up_sentence(summary)


def test_follow_up_without_a_closedown():
    none = conform(pd.DataFrame([row(D1, "A1", "Amber")]), ACTIONS)
    assert closedown_date(none) is None
    assert followed_actions(none).empty
    assert closure_summary(none)["Actions"].tolist() == [0, 0, 0]
    assert follow_up_sentence(follow_up(none)) == "No report gives a close-down category yet."


def test_followed_report_by_report(followed):
    """Each moved action through every later report, as the Governance table shows it."""
    table = followed_table(followed).set_index("reference")
    assert table.loc["A5", "report_by_report"] == "21 Jan 2025: Amber\n30 May 2025: Amber, 60 days overdue"
    assert table.loc["A6", "report_by_report"] == "21 Jan 2025: Complete\n30 May 2025: not in this report"
    assert table.loc["A4", "report_by_report"] == "21 Jan 2025: Amber\n30 May 2025: Superseded"
    assert table.loc["A4", "status_at_closedown"] == "Green, 16 days overdue"     # 30 Sep to 16 Oct 2024
    assert table.loc["A5", "status_now"] == "Amber, 60 days overdue" and table.loc["A6", "status_now"] == "Complete"
    assert table["outcome"].to_dict() == {"A3": "Complete", "A4": "Dropped", "A5": "Still open", "A6": "Complete"}


def test_plan_reports_split_at_the_closedown(followed):
    """The plan's own reports are D1 and D3 (its 10 rows); the later ones D4 and D5 (7 rows);
    put together again they are every row."""
    plan, later = plan_reports(followed), after_closedown(followed)
    assert sorted(plan["snapshot_date"].unique()) == [D1, D3] and len(plan) == 10
    assert sorted(later["snapshot_date"].unique()) == [D4, D5] and len(later) == 7
    again = every_report(plan, later)
    assert len(again) == len(followed) and again["snapshot_date"].is_monotonic_increasing
    assert follow_up(again) == follow_up(followed)


def test_plan_reports_without_a_closedown_are_every_report():
    rows = conform(pd.DataFrame([row(D1, "A1", "Amber"), row(D4, "A1", "Green")]), ACTIONS)
    assert len(plan_reports(rows)) == 2 and after_closedown(rows).empty


def test_follow_up_of_the_chosen_actions_only(followed):
    """A page's filters choose among the plan's actions; the follow-up takes the same ones by
    reference (a later report carries no source or phase to filter on): A5 alone is 1 moved,
    still open."""
    chosen = plan_reports(followed).loc[lambda f: f["reference"] == "A5"]
    summary = follow_up(reports_of(followed, chosen))
    assert (summary.n_moved, summary.n_complete, summary.n_dropped, summary.n_open) == (1, 0, 0, 1)

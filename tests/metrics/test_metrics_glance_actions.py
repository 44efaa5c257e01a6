"""Issue 16, the actions at a glance: one completion denominator said with what it leaves out,
overdue said wherever an action is shown, the actions measure named for what it counts, the
Overview's "on track?" answer, the history that opens on a story, and "You said, we did"
in plain English. Small frames built in code."""
from __future__ import annotations

import pandas as pd
import pytest

from charts.palette import OVERDUE, STATUS_COLOURS, status_fill
from charts.trend import series_style_index
from metrics.actions import (completion, completion_sentence, scope_note, shown_status, status_mix, status_words,
                             with_overdue)
from metrics.overview import FRONTS, expectations_sentence, front_headlines, on_track_sentence, overdue_sentence
from metrics.tracker import action_history, expected_progress, red_longest, status_changes
from metrics.tracker_headlines import complete_sentence
from metrics.tracker_tables import download_table, moved_table, progress_table, story_action
from metrics.trends import ACTIONS_SERIES, completion_trend
from metrics.you_said import spell_out, staff_actions, we_did_sentence, you_said_sentence
from settings.labels import measure_name, survey_measure
from settings.plain_words import plain_words

SEP, OCT = "2024-09-17", "2024-10-16"


@pytest.fixture
def plan(actions):
    """At 16 Oct: 2 complete, 1 Green 16 days overdue, 1 Amber not yet due, 1 superseded (and
    its due date long gone: out of scope, never overdue)."""
    return actions([
        (SEP, "A-1", "2024-06-30", "Amber"), (SEP, "A-2", "2024-09-30", "Green"), (SEP, "A-3", "2025-03-31", "Red"),
        (SEP, "A-4", "2024-05-31", "Complete"), (SEP, "A-5", "2023-12-31", "Amber"),
        (OCT, "A-1", "2024-06-30", "Complete"), (OCT, "A-2", "2024-09-30", "Green"), (OCT, "A-3", "2025-03-31", "Amber"),
        (OCT, "A-4", "2024-05-31", "Complete"), (OCT, "A-5", "2023-12-31", "Superseded"),
    ], action=["Review the CA's procurement", "Clarify the core partnerships", "Train team leaders",
               "Agree the IIB terms", "Clarify the role of O&S and A&G"] * 2,
        theme=["culture", "culture", "culture", "governance", "governance"] * 2,
        closure_category=[None] * 5 + ["Open - outstanding actions moved into Directorate Business Plans"] * 5)


# 1. One denominator, stated once, with what is in and out of scope

def test_the_completion_share_says_what_it_is_of_and_what_it_leaves_out(plan):
    done = completion(plan)
    assert (done.n_complete, done.n_in_scope, done.out_of_scope) == (2, 4, {"Superseded": 1})
    assert done.sentence == "2 of 4 actions complete (50%), not counting 1 superseded action."
    assert done.basis == "2 of 4 actions, not counting 1 superseded action"
    assert completion_sentence(plan) == done.sentence
    assert scope_note({"Superseded": 2, "Not applicable": 1}) == \
        "not counting 2 superseded and 1 not applicable actions"
    assert scope_note({}) == ""


def test_every_share_of_the_actions_uses_the_same_denominator(plan, actions):
    events = pd.DataFrame({"date": [pd.Timestamp("2024-09-20")], "label": ["Revised notice"], "kind": ["notice"]})
    assert completion_trend(plan).iloc[-1][["value", "n"]].tolist() == [50.0, 4]
    mix = status_mix(plan)
    now = mix[mix["snapshot_date"] == pd.Timestamp(OCT)]
    now = now.set_index(now["status"].astype(str))
    assert now.loc["Complete", "share"] == 50.0 and pd.isna(now.loc["Superseded", "share"])
    assert "(2 of 4, not counting 1 superseded action)" in complete_sentence(plan, events)
    journey = completion_trend(plan)
    card = front_headlines(journey.assign(series=ACTIONS_SERIES), actions=plan)[-1]
    assert "(2 of 4 actions, not counting 1 superseded action)" in card.sentence


# 2. The actions measure is named for what it counts

def test_the_actions_measure_is_named_for_what_it_counts():
    assert measure_name("Governance") == "% of improvement-plan actions complete" == ACTIONS_SERIES
    assert FRONTS[-1][:2] == (ACTIONS_SERIES, ACTIONS_SERIES)
    # the renamed series keeps the Governance line's colour and marker
    assert series_style_index(ACTIONS_SERIES, ["Partnership", ACTIONS_SERIES]) == \
        series_style_index("Governance", ["Partnership", "Governance"])
    assert measure_name("Anything") == "Anything"


# 3. Overdue is said wherever an action is shown, never by colour alone

def test_an_overdue_status_says_so_in_words_and_in_its_own_colour(plan):
    marked = with_overdue(plan)
    late = marked[marked["days_overdue"].notna()]
    assert sorted(zip(late["snapshot_date"].dt.strftime("%m"), late["reference"])) == \
        [("09", "A-1"), ("09", "A-5"), ("10", "A-2")]        # superseded A-5 is out of scope in October
    assert status_words("Green", 16) == "Green, 16 days overdue" and status_words("Red", 1) == "Red, 1 day overdue"
    assert status_words("Green", pd.NA) == "Green" and status_words(pd.NA, pd.NA) == ""
    assert status_fill("Green, 16 days overdue") == OVERDUE != STATUS_COLOURS["Green"]
    assert status_fill("Green") == STATUS_COLOURS["Green"]
    shown = shown_status(plan[plan["snapshot_date"] == pd.Timestamp(OCT)]).set_index("reference")["status"]
    assert shown["A-2"] == "Green, 16 days overdue" and shown["A-3"] == "Amber" and shown["A-5"] == "Superseded"


def test_every_action_table_and_the_history_say_overdue(plan):
    history = action_history(plan, "A-1")
    assert history["status"].tolist() == ["Amber, 79 days overdue", "Complete"]
    assert history["days_overdue"].tolist()[0] == 79
    assert "Green, 16 days overdue" in progress_table(plan.assign(start_date=pd.Timestamp("2024-01-01")))["status"].tolist()
    assert moved_table(plan).set_index("reference").loc["A-2", "status"] == "Green, 16 days overdue"
    latest = download_table(plan).query("snapshot_date == @pd.Timestamp(@OCT)").set_index("reference")
    assert latest.loc["A-2", ["status", "days_overdue"]].tolist() == ["Green, 16 days overdue", 16]
    red = red_longest(plan.assign(status=plan["status"].where(plan["reference"] != "A-2", "Red")))
    assert red.set_index("reference").loc["A-2", "status_now"] == "Red, 16 days overdue"


def test_past_due_is_overdue_not_on_track_or_behind(plan):
    snap = plan[plan["snapshot_date"] == pd.Timestamp(OCT)].assign(start_date=pd.Timestamp("2024-01-01"))
    verdicts = expected_progress(snap).set_index("reference")["expected_progress"]
    assert verdicts["A-2"] == "Overdue" and verdicts["A-3"] == "On track" and verdicts["A-5"] == "Done"


# 4. The Overview's "On track?": the overdue count and the expectations' judgements

def judged(*ratings):
    words = {"Green": "Green: on track, with evidence", "Amber": "Amber: progress, not yet assured",
             "Red": "Red: not on track", "None": "No evidence yet"}
    return pd.DataFrame({"rating": list(ratings), "judgement": [words[r] for r in ratings],
                         "previous_rating": list(ratings), "previous_report": pd.Timestamp(SEP)})


def test_on_track_names_the_overdue_actions_and_the_judgements_in_words(plan):
    assert overdue_sentence(plan) == "1 action overdue at 16 Oct 2024: A-2 (16 days)."
    assert overdue_sentence(plan[plan["reference"] != "A-2"]) == "No action overdue at 16 Oct 2024."
    assert expectations_sentence(judged("Green", "Amber", "Amber")) == \
        "3 expectations: 1 Green (on track, with evidence) and 2 Amber (progress, not yet assured)."
    assert on_track_sentence(plan, judged("Green", "Amber")) == (
        "1 action overdue at 16 Oct 2024: A-2 (16 days). 2 expectations: 1 Green (on track, with evidence) "
        "and 1 Amber (progress, not yet assured).")


def test_many_overdue_actions_name_five_and_count_the_rest(actions):
    late = actions([(OCT, f"L-{i}", f"2024-10-{i + 1:02d}", "Red") for i in range(7)])
    assert overdue_sentence(late) == ("7 actions overdue at 16 Oct 2024: L-0 (15 days), L-1 (14 days), "
                                      "L-2 (13 days), L-3 (12 days), L-4 (11 days) and 2 more.")


# 6. The history opens on an action with a story

def test_the_history_opens_on_the_action_whose_status_changed_most(actions):
    rows = actions([("2024-01-01", "A", None, "Green"), ("2024-02-01", "A", None, "Green"),
                    ("2024-01-01", "B", None, "Red"), ("2024-02-01", "B", None, "Amber"),
                    ("2024-03-01", "B", None, None), ("2024-04-01", "B", None, "Complete"),
                    ("2024-01-01", "C", None, "Red"), ("2024-02-01", "C", None, "Amber")])
    assert status_changes(rows).to_dict() == {"B": 2, "C": 1, "A": 0}
    assert story_action(rows) == "B"
    assert story_action(rows.iloc[:0]) is None


# 5. You said, we did: plain English, the action in full

def test_you_said_we_did_in_plain_english(plan):
    words = plain_words()
    culture = staff_actions(plan, "culture", words)
    assert culture["action"].tolist() == ["Review the Combined Authority's procurement",
                                          "Clarify the core partnerships", "Train team leaders"]
    assert culture["stands"].tolist() == [
        "Done (reported October 2024).",
        "Running late: it was due by 30 September 2024 and is not done yet.",
        "Under way, with some risk to the date. Due by 31 March 2025."]
    assert culture["late"].tolist() == [False, True, False]
    governance = staff_actions(plan, "governance", words)
    assert governance["action"].tolist() == ["Agree the Independent Improvement Board terms",
                                             "Clarify the role of Overview and Scrutiny Committee and Audit and "
                                             "Governance Committee"]
    assert governance["stands"].tolist() == ["Done (reported September 2024).", "Replaced by a later action."]
    assert we_did_sentence(plan, "culture") == "1 of the 3 actions is done; 1 is running late."
    assert we_did_sentence(plan, "governance") == "1 of the 1 actions is done (not counting 1 superseded action)."


def test_abbreviations_are_spelt_out_as_whole_words_only():
    words = plain_words()["abbreviations"]
    assert spell_out("across the CPCA area, funded by CPCA", words) == \
        "across the Combined Authority area, funded by the Combined Authority"
    assert spell_out("CAT and CAMBRIDGE", words) == "CAT and CAMBRIDGE"


def test_you_said_uses_only_the_published_scores():
    trend = pd.DataFrame({"series": [survey_measure("staff", "culture")] * 3, "value": [27.0, None, 62.0],
                          "n": [40, 8, 45],
                          "date": pd.to_datetime(["2022-09-01", "2023-05-01", "2024-10-01"])})
    assert you_said_sentence(trend, "culture") == ("In the October 2024 survey, 62% of answers on culture were "
                                                   "positive, against 27% in September 2022, the first survey.")
    assert you_said_sentence(trend.assign(value=None), "culture") == ""
    assert you_said_sentence(trend.assign(series="Another measure"), "culture") == ""

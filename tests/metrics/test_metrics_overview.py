"""The Overview's composed sentences: how recent the figures are, and how the expectations'
judgements moved since the previous report (the change since the notice: test_journey_marks.py)."""
from __future__ import annotations

import pandas as pd

from model.frames import EVENTS, SURVEY_RESPONSES, conform, empty
from model.survey_counts import count_responses, empty_counts
from metrics.expectations import movement, previous_report_date
from metrics.overview import as_at_sentence, expectations_sentence


def journey(values: list[tuple[str, float, int]], series: str = "Culture") -> pd.DataFrame:
    return pd.DataFrame([{"series": series, "date": pd.Timestamp(d), "value": v, "n": n} for d, v, n in values])


def test_as_at_names_each_source_and_the_latest_notice(actions):
    surveys = count_responses(conform(pd.DataFrame({"audience": ["staff", "partner"], "respondent": ["r1", "r2"],
                                                    "wave_date": ["2024-10-01", "2024-09-01"]}), SURVEY_RESPONSES))
    plan = actions([("2024-09-17", "A-1", None, "Green"), ("2024-10-16", "A-1", None, "Complete")])
    events = conform(pd.DataFrame({"date": ["2023-01-24", "2024-09-09", "2024-10-16"],
                                   "label": ["Notice issued", "Notice not re-issued", "Plan closed"],
                                   "kind": ["notice", "notice", "plan"]}), EVENTS)
    assert as_at_sentence(surveys, plan, events) == (
        "Latest figures: staff survey Oct 2024, partner survey Sep 2024, action report 16 Oct 2024. "
        "Latest notice milestone: Notice not re-issued (9 Sep 2024).")
    assert as_at_sentence(empty_counts(), plan.iloc[0:0], empty(EVENTS)) == "No figures yet."
    assert previous_report_date(plan) == pd.Timestamp("2024-09-17")


def test_movement_and_the_expectations_sentence():
    before = pd.Timestamp("2024-09-17")
    assert movement("Green", "Amber", before) == "Up from Amber at the 17 Sep 2024 report"
    assert movement("Red", "Amber", before) == "Down from Amber at the 17 Sep 2024 report"
    assert movement("Amber", "Amber", before) == "No change since the 17 Sep 2024 report"
    assert movement("Amber", "None", before) == "Was no evidence at the 17 Sep 2024 report"
    table = pd.DataFrame({"rating": ["Green", "Amber", "Red"], "previous_rating": ["Amber", "Amber", "Amber"],
                          "previous_report": before})
    assert expectations_sentence(table) == ("3 expectations: 1 Green, 1 Amber and 1 Red; since the 17 Sep 2024 "
                                            "report, 1 moved up and 1 down.")
    first_time = table.assign(previous_rating=["None", "Amber", "Amber"])
    assert expectations_sentence(first_time) == ("3 expectations: 1 Green, 1 Amber and 1 Red; since the 17 Sep "
                                                 "2024 report, none moved up and 1 down, and 1 was judged for the "
                                                 "first time.")

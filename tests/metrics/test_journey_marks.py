"""metrics.journey_marks: the baseline the events file names ("since the notice"), and the
wave-to-wave moves that are more than noise, marked on the trend lines."""
from __future__ import annotations

import pandas as pd

from metrics.journey_marks import baseline_event, mark_journey, series_baseline, since_baseline

EVENTS = pd.DataFrame({"date": pd.to_datetime(["2022-06-01", "2023-01-24", "2024-01-30"]),
                       "label": ["Auditor's letter", "Best Value Notice issued", "Revised notice"],
                       "kind": ["audit", "notice", "notice"], "baseline": [False, False, False]})


def journey(values, series="Culture"):
    return pd.DataFrame([{"series": series, "date": pd.Timestamp(d), "value": v, "n": n} for d, v, n in values])


def test_the_events_file_names_the_baseline_else_the_first_notice():
    assert baseline_event(EVENTS)["label"] == "Best Value Notice issued"
    chosen = EVENTS.assign(baseline=[False, False, True])
    assert baseline_event(chosen)["label"] == "Revised notice"
    assert baseline_event(EVENTS.drop(columns="baseline"))["label"] == "Best Value Notice issued"
    assert baseline_event(EVENTS[EVENTS["kind"] == "audit"]) is None


def test_since_the_notice_compares_with_the_last_result_before_it():
    big = journey([("2022-05-01", 20.0, 400), ("2022-09-01", 27.0, 400), ("2023-05-01", 53.0, 400),
                   ("2024-10-01", 62.0, 400)])
    assert series_baseline(big, "Culture", EVENTS).point["date"] == pd.Timestamp("2022-09-01")
    assert since_baseline(big, "Culture", EVENTS) == ("Since the notice (Best Value Notice issued, Jan 2023): "
                                                      "up 35 points from Sep 2022, a real change.")
    small = journey([("2022-09-01", 40.0, 12), ("2024-10-01", 55.0, 12)])
    assert since_baseline(small, "Culture", EVENTS).endswith("up 15 points from Sep 2022, within the noise.")


def test_a_series_that_began_after_the_notice_says_so():
    partner = journey([("2023-03-01", 26.0, 60), ("2024-09-01", 41.0, 60)], series="Partnership")
    said = since_baseline(partner, "Partnership", EVENTS)
    assert said.startswith("Since the notice (Best Value Notice issued, Jan 2023): no result before it; "
                           "up 15 points since the first, Mar 2023")
    counted = journey([("2023-03-01", 3.0, 36), ("2024-10-01", 79.0, 43)], series="Governance")
    assert since_baseline(counted, "Governance", EVENTS, sampled=False).endswith("up 76 points since the first, Mar 2023.")
    assert since_baseline(counted.iloc[:1], "Governance", EVENTS) == ""


def test_real_moves_are_marked_and_noise_is_not():
    table = pd.concat([
        journey([("2022-09-01", 27.0, 400), ("2023-05-01", 53.0, 400), ("2023-11-01", 50.0, 400), ("2024-10-01", 30.0, 400)]),
        journey([("2023-03-01", 3.0, 36), ("2024-10-01", 79.0, 43)], series="Governance"),
    ], ignore_index=True)
    marked = mark_journey(table, EVENTS, {"Culture": True, "Governance": False})
    culture = marked[marked["series"] == "Culture"]
    assert culture["moved"].tolist() == ["", "up", "", "down"]
    assert marked[marked["series"] == "Governance"]["moved"].tolist() == ["", ""], "a count has no noise to beat"
    assert marked.loc[marked["baseline"], "date"].tolist() == [pd.Timestamp("2022-09-01"), pd.Timestamp("2023-03-01")]

"""The Data page's records over time: the monitoring reports after the close-down are a series
of their own, last, so the plan's series and the surveys' keep their places (and colours)."""
import pandas as pd

from metrics.coverage import records_over_time
from model.frames import ACTIONS, SURVEY_RESPONSES, conform, empty
from model.survey_counts import count_responses


def _actions(date, n):
    return conform(pd.DataFrame({"snapshot_date": [pd.Timestamp(date)] * n, "reference": [f"A{i}" for i in range(n)],
                                 "status": ["Green"] * n}), ACTIONS)


def test_records_over_time_counts_the_later_reports_apart():
    plan = pd.concat([_actions("2024-06-11", 4), _actions("2024-10-16", 5)], ignore_index=True)
    later = pd.concat([_actions("2025-01-21", 3), _actions("2025-05-30", 2)], ignore_index=True)
    counts = count_responses(empty(SURVEY_RESPONSES))
    table = records_over_time(counts, plan, later)
    assert table["series"].tolist() == ["Improvement plan actions"] * 2 + ["Actions followed after the close-down"] * 2
    assert table["value"].tolist() == [4, 5, 3, 2]
    assert records_over_time(counts, plan)["value"].tolist() == [4, 5]

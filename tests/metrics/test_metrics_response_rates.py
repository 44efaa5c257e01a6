"""Response rates: respondents over people invited, per wave; no headcount, no rate."""
import pandas as pd

from model.frames import HEADCOUNT, conform
from metrics.response import response_rates
from model.survey_counts import count_responses


def test_rate_per_wave_and_missing_headcount(responses, answers):
    data = responses(
        answers([(f"r{i}", "A", "Q1", "Agree") for i in range(30)], wave="w1", wave_date="2023-01-01"),
        answers([(f"s{i}", "A", "Q1", "Agree") for i in range(12)], wave="w2", wave_date="2023-06-01"),
    )
    invited = conform(pd.DataFrame({"audience": ["staff"], "wave": ["w1"], "headcount": [120]}), HEADCOUNT)
    out = response_rates(count_responses(data), invited, "staff").set_index("wave")
    assert out.loc["w1", "respondents"] == 30 and out.loc["w1", "response_rate"] == 25.0
    assert out.loc["w2", "respondents"] == 12 and pd.isna(out.loc["w2", "response_rate"])
    assert response_rates(count_responses(data), invited, "partner").empty

"""Reworded questions stay one trend line; where the wording changed is reported."""
from pathlib import Path

import pandas as pd

from assembly.bundle import load_bundle
from metrics.questions import question_trend, questions_of_theme, theme_questions, wording_changes
from model.survey_counts import count_responses
from settings.disclosure import DisclosurePolicy

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
POLICY = DisclosurePolicy(min_size=10, protection_points=20)


def _frame(responses, codebook, _answers):
    early = _answers([(f"r{i}", "A", "Q1", "Agree") for i in range(12)], wave="2023-01", wave_date="2023-01-10")
    late = _answers([(f"r{i}", "A", "Q1", "Disagree" if i % 2 else "Agree") for i in range(12)],
                    wave="2023-11", wave_date="2023-11-10")
    small = _answers([(f"r{i}", "A", "Q1", "Agree") for i in range(4)], wave="2024-04", wave_date="2024-04-10")
    frame = responses(early, late, small)
    frame["question_text"] = frame["wave"].map({"2023-01": "Old words", "2023-11": "New words",
                                                "2024-04": "New words"})
    return frame, codebook([("Q1", "culture", False)])


def test_wording_changes(responses, codebook, answers):
    frame, _ = _frame(responses, codebook, answers)
    changes = wording_changes(count_responses(frame))
    assert changes.to_dict("records") == [{"question_id": "Q1", "wave_date": pd.Timestamp("2023-11-10"),
                                           "old": "Old words", "new": "New words"}]


def test_question_trend_is_one_line_with_small_wave_blank(responses, codebook, answers):
    frame, book = _frame(responses, codebook, answers)
    trend = question_trend(count_responses(frame), book, "staff", "Q1", POLICY)
    assert trend["series"].nunique() == 1
    assert trend["value"].tolist()[:2] == [100.0, 50.0]
    assert pd.isna(trend["value"].iloc[2]) and pd.isna(trend["n"].iloc[2])


def test_theme_questions(responses, codebook, answers):
    frame, book = _frame(responses, codebook, answers)
    latest = count_responses(frame[frame["wave"] == "2023-11"])
    assert theme_questions(latest, book, "culture", POLICY)["question"].tolist() == ["New words"]
    assert questions_of_theme(count_responses(frame), book, "culture")["question_text"].tolist() == ["New words"]


def test_sample_rewordings_found():
    data = load_bundle(SAMPLE)
    staff = data.surveys.where(audience="staff")
    changes = wording_changes(staff)
    assert set(changes["question_id"]) == {"STAFF-OPINIONS", "STAFF-SPEAKUP"}
    assert (changes["wave_date"].dt.strftime("%Y-%m") == "2023-11").all()

"""metrics.survey: % positive, theme scores, engagement index on hand-computable frames."""
from __future__ import annotations

import pandas as pd
import pytest

from metrics.survey import engagement_index, percent_positive, theme_scores
from model.survey_counts import count_responses

SA, A, N, D, SD = "Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree"


def test_three_of_four_agree_is_75_percent(responses, answers, codebook):
    data = count_responses(responses(answers([("r1", "HR", "Q1", A), ("r2", "HR", "Q1", SA), ("r3", "HR", "Q1", A), ("r4", "HR", "Q1", N)])))
    out = percent_positive(data, codebook([("Q1", "culture", False)]), ["wave", "question_id"])
    assert out.columns.tolist() == [
        "wave", "question_id", "n_respondents", "n_answers", "pct_positive", "pct_neutral", "pct_negative",
    ]
    row = out.iloc[0]
    assert (row["n_respondents"], row["n_answers"]) == (4, 4)
    assert row["pct_positive"] == pytest.approx(75.0)
    assert row["pct_neutral"] == pytest.approx(25.0)
    assert row["pct_negative"] == pytest.approx(0.0)
    assert isinstance(out.index, pd.RangeIndex)


def test_negative_question_flips_positive(responses, answers, codebook):
    rows = [("r1", "HR", "BULLY", SD), ("r2", "HR", "BULLY", D), ("r3", "HR", "BULLY", A), ("r4", "HR", "BULLY", N)]
    out = percent_positive(count_responses(responses(answers(rows))), codebook([("BULLY", "culture", True)]), ["question_id"])
    row = out.iloc[0]
    assert row["pct_positive"] == pytest.approx(50.0)  # Strongly disagree + Disagree
    assert row["pct_negative"] == pytest.approx(25.0)  # Agree
    assert row["pct_neutral"] == pytest.approx(25.0)


def test_missing_answers_are_not_valid_and_respondents_are_distinct(responses, answers, codebook):
    rows = [("r1", "HR", "Q1", A), ("r1", "HR", "Q2", D), ("r2", "HR", "Q1", None), ("r2", "HR", "Q2", None)]
    out = percent_positive(count_responses(responses(answers(rows))), codebook([("Q1", "culture", False), ("Q2", "culture", False)]), ["group"])
    row = out.iloc[0]
    assert (row["n_respondents"], row["n_answers"]) == (1, 2)  # r2 gave no valid answer
    assert row["pct_positive"] == pytest.approx(50.0)


def test_respondent_ids_are_only_unique_within_a_wave(responses, answers, codebook):
    data = count_responses(responses(
        answers([("r1", "HR", "Q1", A)], wave="2023-01", wave_date="2023-01-10"),
        answers([("r1", "HR", "Q1", D)], wave="2023-05", wave_date="2023-05-10"),
    ))
    out = percent_positive(data, codebook([("Q1", "culture", False)]), ["audience"])
    assert out["n_respondents"].tolist() == [2]
    by_wave = percent_positive(data, codebook([("Q1", "culture", False)]), ["wave", "wave_date"])
    assert by_wave["wave"].tolist() == ["2023-01", "2023-05"]
    assert by_wave["pct_positive"].tolist() == pytest.approx([100.0, 0.0])


def test_reworded_question_is_counted_once_and_unmapped_gets_a_theme(responses, answers):
    from model.frames import CODEBOOK, conform

    book = conform(
        pd.DataFrame({"question_id": ["Q1", "Q1"], "wording": ["old", "new"], "theme": ["culture", "culture"], "negative": [True, True]}),
        CODEBOOK,
    )
    rows = [("r1", "HR", "Q1", D), ("r2", "HR", "Q1", A), ("r1", "HR", "NEW", A)]
    out = percent_positive(count_responses(responses(answers(rows))), book, ["question_id", "theme"])
    q1 = out.loc[out["question_id"] == "Q1"].iloc[0]
    new = out.loc[out["question_id"] == "NEW"].iloc[0]
    assert q1["n_answers"] == 2 and q1["theme"] == "culture"
    assert q1["pct_positive"] == pytest.approx(50.0)  # Disagree is positive on the negative question
    assert new["theme"] == "unmapped"
    assert new["pct_positive"] == pytest.approx(100.0)  # not flipped


def test_groups_with_missing_name_are_kept_and_empty_by_gives_one_row(responses, answers, codebook):
    rows = [("r1", "HR", "Q1", A), ("r2", None, "Q1", D)]
    data, book = count_responses(responses(answers(rows))), codebook([("Q1", "culture", False)])
    by_group = percent_positive(data, book, ["group"])
    assert len(by_group) == 2 and by_group["group"].isna().sum() == 1
    overall = percent_positive(data, book, [])
    assert overall.columns[0] == "n_respondents"
    assert overall["pct_positive"].tolist() == pytest.approx([50.0])


def test_by_may_be_a_single_column_name(responses, answers, codebook):
    data, book = count_responses(responses(answers([("r1", "HR", "Q1", A)]))), codebook([("Q1", "culture", False)])
    assert theme_scores(data, book, "group").columns.tolist()[:2] == ["group", "theme"]
    assert percent_positive(data, book, "group")["group"].tolist() == ["HR"]


def test_unknown_by_column_is_an_error(responses, answers, codebook):
    with pytest.raises(ValueError):
        percent_positive(count_responses(responses(answers([("r1", "HR", "Q1", A)]))), codebook([("Q1", "culture", False)]), ["directorate"])


def test_theme_score_is_mean_of_question_percentages(responses, answers, codebook):
    # Q1: 3 of 4 positive (75%); Q2 answered by r1 only on Q2 plus r5: 1 of 4 positive (25%).
    rows = [
        ("r1", "HR", "Q1", A), ("r2", "HR", "Q1", A), ("r3", "HR", "Q1", SA), ("r4", "HR", "Q1", D),
        ("r1", "HR", "Q2", A), ("r2", "HR", "Q2", D), ("r3", "HR", "Q2", N), ("r5", "HR", "Q2", SD),
        ("r1", "HR", "P1", A),
    ]
    book = codebook([("Q1", "culture", False), ("Q2", "culture", False), ("P1", "partnership", False)])
    out = theme_scores(count_responses(responses(answers(rows))), book, ["group"])
    assert out.columns.tolist() == ["group", "theme", "n_respondents", "score", "n_questions", "questions_used"]
    culture = out.loc[out["theme"] == "culture"].iloc[0]
    assert culture["score"] == pytest.approx(50.0)  # mean(75, 25), not pooled 4/8
    assert culture["n_questions"] == 2
    assert culture["n_respondents"] == 5
    partnership = out.loc[out["theme"] == "partnership"].iloc[0]
    assert (partnership["score"], partnership["n_respondents"], partnership["n_questions"]) == (100.0, 1, 1)


def test_theme_score_pooled_differs_from_question_mean(responses, answers, codebook):
    # Q1: 1 of 1 positive (100%); Q2: 1 of 3 positive (33.3%): theme = 66.7, pooled would be 50.
    rows = [("r1", "HR", "Q1", A), ("r1", "HR", "Q2", A), ("r2", "HR", "Q2", D), ("r3", "HR", "Q2", D)]
    book = codebook([("Q1", "culture", False), ("Q2", "culture", False)])
    out = theme_scores(count_responses(responses(answers(rows))), book, [])
    assert out["score"].tolist() == pytest.approx([(100 + 100 / 3) / 2])


def test_engagement_index_averages_respondents_not_answers(responses, answers, codebook):
    # r1: Strongly agree (100) + Agree (75) -> 87.5; r2: Disagree (25) -> 25; index 56.25
    rows = [("r1", "HR", "E1", SA), ("r1", "HR", "E2", A), ("r2", "HR", "E1", D)]
    book = codebook([("E1", "engagement", False), ("E2", "engagement", False)])
    out = engagement_index(responses(answers(rows)), book, ["group"])
    assert out.columns.tolist() == ["group", "n_respondents", "index"]
    assert out["n_respondents"].tolist() == [2]
    assert out["index"].tolist() == pytest.approx([56.25])  # the mean of answers would be 66.7


def test_engagement_index_flips_negative_and_can_restrict_questions(responses, answers, codebook):
    rows = [("r1", "HR", "E1", SD), ("r1", "HR", "X1", SD), ("r2", "HR", "E1", N)]
    book = codebook([("E1", "engagement", True), ("X1", "other", False)])
    data = responses(answers(rows))
    only_e1 = engagement_index(data, book, [], question_ids=["E1"])
    assert only_e1["index"].tolist() == pytest.approx([75.0])  # r1 100 (flipped), r2 50
    everything = engagement_index(data, book, [])
    assert everything["index"].tolist() == pytest.approx([50.0])  # r1 (100 + 0) / 2 = 50, r2 50


def test_inputs_are_not_mutated(responses, answers, codebook):
    data = responses(answers([("r1", "HR", "Q1", A), ("r2", "HR", "Q1", D)]))
    book = codebook([("Q1", "culture", True)])
    counts = count_responses(data)
    before_data, before_book, before_counts = data.copy(), book.copy(), counts.answers.copy()
    percent_positive(counts, book, ["group"])
    theme_scores(counts, book, ["group"])
    engagement_index(data, book, ["group"])
    pd.testing.assert_frame_equal(data, before_data)
    pd.testing.assert_frame_equal(counts.answers, before_counts)
    pd.testing.assert_frame_equal(book, before_book)


def test_empty_responses_give_empty_frames_with_the_columns(responses, answers, codebook):
    data = responses(answers([("r1", "HR", "Q1", A)])).iloc[:0]
    book, counts = codebook([("Q1", "culture", False)]), count_responses(data)
    assert percent_positive(counts, book, ["group"]).columns.tolist()[:3] == ["group", "n_respondents", "n_answers"]
    assert theme_scores(counts, book, ["group"]).empty
    assert engagement_index(data, book, ["group"]).columns.tolist() == ["group", "n_respondents", "index"]

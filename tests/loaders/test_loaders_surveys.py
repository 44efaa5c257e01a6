"""Survey exports: Microsoft Forms and SurveyMonkey, detected and read by content."""
import datetime as dt

import pandas as pd
import pytest

from loaders import load_file
from model.frames import AGREEMENT_SCALE as AGREE, SURVEY_RESPONSES
from loaders.report import FileRejected

from loader_builders import FREE_Q, MULTI_Q, forms_rows, sm_rows


def test_forms_old_layout(write_xlsx, codebook):
    result = load_file(write_xlsx(forms_rows()), codebook=codebook)
    assert (result.kind, result.format) == ("survey", "microsoft-forms-xlsx")
    assert result.records == 12 and result.questions == 2
    frame = result.frame
    assert list(frame.columns) == list(SURVEY_RESPONSES)
    assert len(frame) == 23                                  # one blank answer skipped
    assert set(frame["question_id"]) == {"Q-PROUD", "UNMAPPED-my-views-are-heard"}
    assert set(frame["group"]) == {"Resources", "Place"}
    assert frame["audience"].unique().tolist() == ["staff"]
    assert frame["wave_date"].iloc[0] == pd.Timestamp("2023-01-16")   # earliest completion
    assert frame["wave"].iloc[0] == "2023-01"
    assert result.metadata["unmapped"] == [{"question_id": "UNMAPPED-my-views-are-heard",
                                            "wording": "My views are heard"}]
    assert frame.loc[frame["answer"] == "Agree", "score"].eq(4).all()


def test_forms_new_layout_reordered_with_metadata(write_xlsx, codebook):
    rows = forms_rows(new_layout=True)
    order = [6, 3, 2, 0, 8, 1, 4, 5, 7, 9, 10]            # shuffle the columns
    rows = [[r[i] for i in order] for r in rows]
    result = load_file(write_xlsx(rows), codebook=codebook, wave="2024-01", wave_date="2024-01-31",
                       audience="managers")
    frame = result.frame
    assert result.questions == 2 and result.records == 12
    assert set(frame["question_id"]) == {"Q-PROUD", "UNMAPPED-my-views-are-heard"}
    assert frame["wave"].unique().tolist() == ["2024-01"]
    assert frame["wave_date"].unique().tolist() == [pd.Timestamp("2024-01-31")]
    assert frame["audience"].unique().tolist() == ["managers"]


@pytest.mark.parametrize("wording, wave", [("I feel my opinions count", "2024-01"),
                                           ("  my OPINIONS count  ", "2023-01")])
def test_forms_reworded_statements_share_an_id(write_xlsx, codebook, wording, wave):
    rows = forms_rows()
    rows[0][7] = wording          # codebook has a full stop and other case/spacing
    result = load_file(write_xlsx(rows), codebook=codebook, wave=wave)
    assert set(result.frame["question_id"]) == {"Q-PROUD", "Q-VOICE"}
    assert result.metadata["unmapped"] == []


def test_forms_answer_variants_and_odd_cells(write_xlsx, codebook):
    rows = forms_rows()
    rows[1][6] = "STRONGLY  agree"
    rows[2][6] = "Neutral"
    rows[3][6] = "Don't know"        # recognised non-answer: not valid, no warning
    rows[4][6] = "Maybe"             # odd: warning naming row and column
    result = load_file(write_xlsx(rows), codebook=codebook)
    answers = result.frame.query("question_id == 'Q-PROUD'").set_index("respondent")["answer"]
    assert answers["1"] == "Strongly agree" and answers["2"] == "Neither agree nor disagree"
    assert "3" not in answers.index and "4" not in answers.index
    [warning] = result.warnings
    assert (warning.row, warning.column) == (5, "I am proud to work here")


def test_forms_multi_select_and_free_text_are_not_questions(write_xlsx):
    rows = forms_rows()
    result = load_file(write_xlsx(rows))
    assert MULTI_Q not in set(result.frame["question_text"])
    assert FREE_Q not in set(result.frame["question_text"])


def test_forms_without_agreement_questions_is_rejected(write_xlsx):
    rows = [["ID", "Start time", "Completion time", "Email", "Name", "Comments"],
            [1, dt.datetime(2023, 1, 1), dt.datetime(2023, 1, 1), "anonymous", None, "hello"]]
    with pytest.raises(FileRejected, match="No agreement-scale questions"):
        load_file(write_xlsx(rows))


@pytest.mark.parametrize("old", [False, True])
def test_surveymonkey_xlsx(write_xlsx, codebook, old):
    result = load_file(write_xlsx(sm_rows(old)), codebook=codebook)
    assert result.format == "surveymonkey-xlsx"
    assert (result.records, result.questions) == (9, 3)
    frame = result.frame
    assert "I am proud to work here" in set(frame["question_text"])        # <br> cleaned
    assert "My opinions count" in set(frame["question_text"])              # NBSP, NUL cleaned
    assert {"Q-PROUD", "Q-VOICE"} <= set(frame["question_id"])
    assert result.metadata["unmapped"][0]["question_id"] == "UNMAPPED-trust-is-good"
    assert set(frame["group"]) == {"Fenland DC", "Peterborough CC", "Business Board"}
    assert frame["wave_date"].iloc[0] == pd.Timestamp("2023-03-06")        # US dates
    assert frame["audience"].iloc[0] == "partner"
    assert len(frame) == 9 * 2 + 5


def test_surveymonkey_csv_with_bom(write_text):
    rows = [["" if v is None else str(v) for v in r] for r in sm_rows()]
    rows[1][11] += "\x00"                                                  # a stray NUL
    result = load_file(write_text(rows, encoding="utf-8-sig"), kind="survey")
    assert result.format == "surveymonkey-csv"
    assert (result.records, result.questions) == (9, 3)
    assert "My opinions count" in set(result.frame["question_text"])


def test_surveymonkey_free_text_and_other_columns_ignored(write_xlsx):
    rows = sm_rows()
    rows[0].append(None)
    rows[1].append("Other (please specify)")
    for row in rows[2:]:
        row.append("Agree")          # even agreement-looking write-ins are not items
    result = load_file(write_xlsx(rows))
    assert result.questions == 3
    assert "Comments" not in set(result.frame["question_text"])


def test_a_one_header_table_with_a_respondent_id_column_is_not_surveymonkey(write_text, codebook):
    """A staff survey exported as a plain table (RespondentID, Department, statements): its
    first respondent is an answer row, not SurveyMonkey's row of answer labels."""
    rows = [["RespondentID", "Directorate", "I am proud to work here", "My opinions count"]]
    rows += [[f"R{n:04d}", "Place" if n % 2 else "Resources", AGREE[n % 5], AGREE[(n + 2) % 5]] for n in range(12)]
    result = load_file(write_text(rows), codebook=codebook, wave_date="2024-04-01")
    assert not result.format.startswith("surveymonkey")
    assert (result.records, result.questions) == (12, 2)


def test_a_survey_with_no_statements_says_so_before_asking_for_a_wave_date(write_text):
    """SurveyMonkey-shaped, no dates, no agreement questions: the real reason comes first."""
    rows = [["RespondentID", "Which do you prefer?"], ["", "Response"]] + [[str(n), "Tea"] for n in range(12)]
    with pytest.raises(FileRejected, match="No agreement-scale questions") as caught:
        load_file(write_text(rows))
    assert not any(f.needs for f in caught.value.findings)

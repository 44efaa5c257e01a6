"""Qualtrics exports: three header rows in any UI language, matrix items, Status, recodes, UTF-16 TSV."""
import json

import pytest

from loaders import load_file
from loaders.report import FileRejected

from loader_builders import GROUP_Q
from model.frames import AGREEMENT_SCALE as AGREE

FIXED = [("StartDate", "Start Date", "startDate"), ("EndDate", "End Date", "endDate"),
         ("Status", "Response Type", "status"), ("Progress", "Progress", "progress"),
         ("Finished", "Finished", "finished"), ("RecordedDate", "Recorded Date", "recordedDate"),
         ("ResponseId", "Response ID", "_recordId")]


def qualtrics_rows(text_for=lambda q: q, numeric=False, statuses=None, language="en"):
    matrix = "How far do you agree with the following?" if language == "en" else "Wie sehr stimmen Sie zu?"
    items = [("Q1", GROUP_Q if language == "en" else "In welcher Abteilung (directorate) arbeiten Sie?", "QID1"),
             ("Q5_1", f"{matrix} - I am proud to work here", "QID5_1"),
             ("Q5_2", f"{matrix} - My opinions count", "QID5_2"),
             ("Q5_3", f"{matrix} - I have experienced bullying", "QID5_3"),
             ("Q6", "Anything else?", "QID6_TEXT")]
    tags = [f[0] for f in FIXED] + [i[0] for i in items]
    texts = [f[1] for f in FIXED] + [i[1] for i in items]
    ids = [json.dumps({"ImportId": f[2]}) for f in FIXED] + [json.dumps({"ImportId": i[2]}) for i in items]
    rows = [tags, texts, ids]
    statuses = statuses or ["0"] * 12
    for n, status in enumerate(statuses):
        answers = [AGREE[(n + k) % 5] for k in range(3)]
        if numeric:
            answers = [str(AGREE.index(a) + 1) for a in answers]
        if n == 0:
            answers[1] = ""
        rows.append(["2023-05-0%d 09:00:00" % (n % 5 + 2), "2023-05-0%d 09:10:00" % (n % 5 + 2), status, "100",
                     "1", "2023-05-0%d 09:10:00" % (n % 5 + 2), f"R_{n:04d}",
                     ("Place" if n % 2 else "Resources"), *answers, "free text"])
    return rows


def test_qualtrics_csv_choice_text(write_text, codebook):
    result = load_file(write_text(qualtrics_rows()), codebook=codebook)
    assert result.format == "qualtrics-csv"
    assert (result.records, result.questions) == (12, 3)
    frame = result.frame
    assert len(frame) == 35
    assert {"Q-PROUD", "Q-VOICE", "Q-BULLY"} <= set(frame["question_id"])
    assert set(frame["group"]) == {"Place", "Resources"}
    assert str(frame["wave_date"].iloc[0].date()) == "2023-05-02"
    assert frame["respondent"].str.startswith("R_").all()


def test_qualtrics_status_preview_test_spam_not_counted(write_text, codebook):
    statuses = ["0", "1", "2", "8", "9", "17", "0", "0", "4", "0", "0", "0"]
    result = load_file(write_text(qualtrics_rows(statuses=statuses)), codebook=codebook)
    assert result.records == 7
    assert any("5 preview, test or spam" in w.message for w in result.warnings)


def test_qualtrics_status_as_text(write_text, codebook):
    statuses = ["IP Address", "Survey Preview", "Survey Test", "Spam", "IP Address", "IP Address"]
    result = load_file(write_text(qualtrics_rows(statuses=statuses)), codebook=codebook)
    assert result.records == 3


def test_qualtrics_numeric_recodes(write_text, codebook):
    text = load_file(write_text(qualtrics_rows()), codebook=codebook).frame
    numeric = load_file(write_text(qualtrics_rows(numeric=True)), codebook=codebook).frame
    assert numeric["answer"].astype(str).tolist() == text["answer"].astype(str).tolist()


def test_qualtrics_other_ui_language_utf16_tsv(write_text, codebook):
    path = write_text(qualtrics_rows(language="de"), encoding="utf-16", delimiter="\t", name="export.tsv")
    result = load_file(path, codebook=codebook)
    assert result.format == "qualtrics-tsv"
    assert (result.records, result.questions) == (12, 3)
    assert set(result.frame["group"]) == {"Place", "Resources"}


def test_qualtrics_xlsx(write_xlsx, codebook):
    result = load_file(write_xlsx(qualtrics_rows()), codebook=codebook)
    assert result.format == "qualtrics-xlsx" and result.questions == 3


def test_unknown_layout_rejected_with_what_was_expected(write_text):
    path = write_text([["Colour", "Size"], ["red", "3"], ["blue", "4"]])
    with pytest.raises(FileRejected) as error:
        load_file(path, kind="survey")
    message = str(error.value)
    for expected in ("Qualtrics", "Google Forms", "SurveyMonkey", "Microsoft Forms", "aggregated results",
                     "one header row"):
        assert expected in message


def test_an_older_export_with_python_style_import_ids_loads_like_the_new_one(write_text, codebook):
    rows = qualtrics_rows()
    rows[2] = [cell.replace('"', "'").replace(":", ": ") for cell in rows[2]]   # {'ImportId': 'QID1'}
    old, new = load_file(write_text(rows), codebook=codebook), load_file(write_text(qualtrics_rows()), codebook=codebook)
    assert old.format == new.format == "qualtrics-csv"
    assert (old.records, old.questions) == (new.records, new.questions) == (12, 3)


def legacy_rows():
    """The legacy layout: V1.. (named in row 2), then Q1, Q5_1.. with their texts in row 2."""
    new = qualtrics_rows()
    fixed = ["ResponseID", "ResponseSet", "Name", "ExternalDataReference", "EmailAddress", "IPAddress", "Status",
             "StartDate", "EndDate", "Finished"]
    codes = [f"V{i + 1}" for i in range(len(fixed))] + new[0][len(FIXED):]
    texts = fixed + new[1][len(FIXED):]
    rows = [codes, texts]
    for n, body in enumerate(new[3:]):
        status = "1" if n == 11 else "0"     # the last one is a survey preview
        rows.append([f"R_{n:04d}", "Default", "Anonymous", "", "", "", status, body[0], body[1], "1",
                     *body[len(FIXED):]])
    return rows


def test_the_legacy_v1_v2_layout_loads_and_drops_a_preview(write_text, codebook):
    result = load_file(write_text(legacy_rows()), codebook=codebook)
    assert result.format == "qualtrics-csv"
    assert (result.records, result.questions) == (11, 3)
    assert any("preview, test or spam" in w.message for w in result.warnings)
    assert str(result.frame["wave_date"].min().date()) == "2023-05-02"


def test_a_file_of_only_previews_is_refused_saying_so(write_text, codebook):
    with pytest.raises(FileRejected, match="All 12 responses in this file are previews, tests or spam"):
        load_file(write_text(qualtrics_rows(statuses=["1"] * 6 + ["Survey Preview"] * 6)), codebook=codebook)


def test_numbers_are_agreement_only_where_the_question_or_the_codebook_says_so(write_text, codebook):
    """A multiple-choice question coded 1-5 is not a statement: it is not read as agree/disagree."""
    rows = qualtrics_rows(numeric=True)
    rows[1][len(FIXED) + 3] = "How many years have you worked here?"          # Q5_3, coded 1-5, no "agree"
    rows[0][len(FIXED) + 3] = "Q9"
    result = load_file(write_text(rows), codebook=codebook)
    assert result.questions == 2
    assert any("How many years have you worked here?" in w.message and "not read as agree" in w.message
               for w in result.warnings)
    statement = codebook["wording"].iloc[0]
    rows[1][len(FIXED) + 3] = statement                                          # the codebook knows it
    known = load_file(write_text(rows), codebook=codebook)
    assert known.questions == 3 and not any("not read as agree" in w.message for w in known.warnings)

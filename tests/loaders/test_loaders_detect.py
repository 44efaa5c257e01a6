"""Format detection, rejection messages, the events and codebook tables (the registry
itself: test_loaders_registry.py)."""
import pytest

from loaders import load_codebook, load_events, load_file
from loaders.report import FileRejected


def test_unknown_layout_lists_expected_layouts(write_xlsx):
    with pytest.raises(FileRejected) as caught:
        load_file(write_xlsx([["Colour", "Count"], ["red", 3]]))
    message = caught.value.findings[0].message
    assert "not in a layout we recognise" in message
    for expected in ("Microsoft Forms", "SurveyMonkey", "Planner", "council action tracker", "scrutiny"):
        assert expected in message


def test_wrong_kind_says_what_the_file_looks_like(write_xlsx):
    rows = [["ID", "Start time", "Completion time", "Email", "Name", "Q"], [1, "", "", "", "", "Agree"]]
    with pytest.raises(FileRejected) as caught:
        load_file(write_xlsx(rows), kind="actions")
    message = caught.value.findings[0].message
    assert "looks like a survey file (Microsoft Forms export" in message
    assert message.endswith("not actions.")


def test_unknown_kind_is_rejected(write_xlsx):
    with pytest.raises(FileRejected, match="Unknown kind"):
        load_file(write_xlsx([["a"]]), kind="budget")


def test_detection_looks_past_a_cover_sheet(write_xlsx):
    rows = [["Task ID", "Task Name", "Bucket Name", "Due date"], ["t1", "GOV-01 Do it", "Procurement", "01/31/2024"]]
    path = write_xlsx([["Read me first"]], extra_sheets={"Tasks": rows})
    result = load_file(path, snapshot_date="2024-02-01")
    assert (result.format, result.records) == ("planner-xlsx", 1)


def test_events_and_codebook(write_text):
    events = load_events(write_text([["date", "label", "kind"], ["2024-01-30", "Revised notice", "notice"],
                                     ["2023-01-24", "First notice", "notice"]]))
    assert events["label"].tolist() == ["First notice", "Revised notice"]
    assert events["date"].dtype == "datetime64[ns]"
    codebook = load_codebook(write_text([["question_id", "wording", "waves", "theme", "negative"],
                                         ["Q1", "I have experienced bullying", "", "culture", "true"],
                                         ["Q2", "I am proud", "2023-01;2023-05", "culture", "false"]]))
    assert codebook["negative"].tolist() == [True, False]
    assert load_file(write_text([["question_id", "wording"], ["Q1", "x"]])).kind == "codebook"


def test_codebook_without_columns_is_rejected(write_text):
    with pytest.raises(FileRejected, match="question_id"):
        load_codebook(write_text([["id", "text"], ["Q1", "x"]]))


def test_an_unrecognised_file_is_told_what_was_read_and_what_the_guard_noticed(tmp_path):
    """The refusal quotes the first row read, and a text file with a workbook's name says so."""
    path = tmp_path / "responses.xlsx"
    path.write_text("Name,Favourite colour\nAda,Blue\n", encoding="utf-8")
    with pytest.raises(FileRejected) as caught:
        load_file(path)
    messages = [f.message for f in caught.value.findings]
    assert "reads: 'Name', 'Favourite colour'" in messages[0]
    assert any("is a text (CSV) file, not an Excel workbook" in m for m in messages[1:])

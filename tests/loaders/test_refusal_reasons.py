"""A file no layout claims is told which layout it came close to and what it lacked (issue 15).

Each case is the shape of a genuine export that was refused with the bare list of layouts
(the one-header sheet of numeric codes, a one-header table with a RespondentID column, an
action list without a status, ...). The refusal must name the near layout and the missing
piece, and an issue list must be refused for its statuses before a date is asked for.
"""
import random

import pytest

from loaders import FileRejected, load_file


def refusal(path, **metadata) -> str:
    with pytest.raises(FileRejected) as caught:
        load_file(path, **metadata)
    return " ".join(f.message for f in caught.value.findings)


def coded_rows(n=30, id_header=None, seed=3):
    """One header row, statements answered with codes 1-5 and no labels."""
    rng = random.Random(seed)
    header = ([id_header] if id_header else []) + ["Department", "Q1. I feel valued at work",
                                                   "Q2. My manager supports my growth", "Comments"]
    rows = [header]
    for i in range(n):
        rows.append(([f"R{i + 1:04d}"] if id_header else []) +
                    [rng.choice(["Finance", "Place"]), rng.randint(1, 5), rng.randint(1, 5), ""])
    return rows


def test_numeric_codes_without_labels_are_named_as_the_reason(write_text):
    message = refusal(write_text(coded_rows()), wave_date="2024-01-01")
    assert "answers are numbers with no labels" in message
    assert "'Q1. I feel valued at work'" in message and "'Q2. My manager supports my growth'" in message
    assert "'Department'" not in message.split("reads:")[0]     # a group is not an answer column
    assert "Export the answers as their text" in message


def test_a_respondent_id_column_with_one_header_row_is_not_taken_for_surveymonkey(write_text):
    message = refusal(write_text(coded_rows(id_header="RespondentID")), wave_date="2024-01-01")
    assert "'RespondentID' column like a SurveyMonkey export" in message
    assert "'R0001', a respondent" in message
    assert "numbers with no labels" in message


def test_a_table_with_no_scale_says_none_of_its_columns_holds_agreement(write_text):
    rows = [["employee_id", "department", "satisfaction_score"]] + [[i, "HR", f"{i / 3:.1f}"] for i in range(8)]
    message = refusal(write_text(rows), wave_date="2024-01-01")
    assert "none of its 3 columns holds agreement answers" in message


def test_an_action_list_with_one_other_tracker_column_says_what_it_lacks(write_text):
    rows = [["subject", "start", "due"], ["Fix the roof", "2024-01-01", "2024-02-01"],
            ["Paint the hall", "2024-01-05", "2024-03-01"]]
    message = refusal(write_text(rows))
    assert "action column ('subject') like an action tracker" in message
    assert "only one of the other columns" in message and "'due'" in message


def test_a_status_list_without_an_action_column_is_told_to_name_it(write_text):
    rows = [["Ref", "Owner", "Target Date", "RAG"], ["A1", "Chief Executive", "2024-03-31", "Green"],
            ["A2", "Monitoring Officer", "2024-06-30", "Amber"]]
    message = refusal(write_text(rows))
    assert "no column for the action itself" in message and "'Action'" in message


def test_planner_without_task_id_names_the_missing_column(write_text):
    rows = [["Task Name", "Bucket Name", "Progress"], ["GOV-01 Publish register", "Governance", "Completed"]]
    message = refusal(write_text(rows))
    assert "'Bucket Name' column like a Microsoft Planner export" in message and "no 'Task ID' column" in message


def test_forms_without_its_id_column_names_it(write_text):
    rows = [["Start time", "Completion time", "Email", "I am proud to work here"],
            ["2024-01-02 09:00", "2024-01-02 09:05", "anonymous", "Maybe"],
            ["2024-01-02 10:00", "2024-01-02 10:05", "anonymous", "Perhaps"]]
    message = refusal(write_text(rows))
    assert "columns of a Microsoft Forms export" in message and "no 'ID' column" in message


def test_qualtrics_with_its_header_rows_cut_is_told_to_export_them(write_text):
    rows = [["StartDate", "EndDate", "Status", "ResponseId", "Q1"],
            ["2024-01-02 09:00:00", "2024-01-02 09:05:00", "0", "R_1abc", "3"],
            ["2024-01-02 10:00:00", "2024-01-02 10:05:00", "0", "R_2abc", "4"]]
    message = refusal(write_text(rows), wave_date="2024-01-01")
    assert "columns of a Qualtrics export ('StartDate', 'EndDate', 'ResponseId')" in message
    assert "ImportIds" in message


def test_an_issue_list_is_refused_for_its_statuses_before_a_date_is_asked_for(write_text):
    rows = [["tracker", "subject", "assigned_to", "status", "due_date"],
            ["Bug", "Login fails", "jsmith", "new", "2024-02-01"],
            ["Feature", "Export csv", "jsmith", "assigned", "2024-03-01"]]
    message = refusal(write_text(rows))                  # no snapshot date given
    assert "None of the statuses in this file ('assigned', 'new')" in message
    assert "snapshot date" not in message.lower()

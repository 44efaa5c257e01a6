"""Tracker layouts the sample does not have: BRAG / Evidence / Deadline / Commentary
headers, extra title rows, merged area rows, multi-line cells, CSV encodings, Jira and
Smartsheet one-header-row exports, a newer Planner layout. Fixtures are built in code."""
import datetime as dt

import pandas as pd
import pytest

from loaders import load_file
from loaders.report import FileRejected

HEADER = ["No.", "Recommendation", "Responsible Officer", "Deadline", "BRAG", "Commentary", "Evidence", "Phase",
          "Start date"]


def brag_rows():
    return [
        ["West Shire Council"], ["Best Value Improvement Plan"], ["Version 4 (draft)"],
        ["Position as at 14 February 2024"], [],
        HEADER,
        ["1. Governance and decision making"],
        ["1.1", "Review the\nconstitution", "Monitoring Officer", "Q3 2023/24", "Blue",
         "Done.\nAdopted by council", "Council minutes\n12 Dec 2023", "Phase 2", "01/09/2023"],
        ["1.2", "Member training", "Head of Democratic Services", "Sept 2023", "R/A", "Slipped", "", "Phase 2", ""],
        ["2. Procurement"],
        ["2.1", "Contract register", "Head of Procurement", "30/01/2024", "Amber Green", "Drafted", "", "Phase 3",
         dt.datetime(2023, 11, 1)],
        ["2.2", "Procurement strategy", "Head of Procurement", "Ongoing", "Not yet started", "", "", "Phase 3", ""],
        ["2.3", "Waiver controls", "Head of Procurement", dt.datetime(2024, 3, 31), "G", "", "", "Phase 3", ""],
    ]


def test_trackers_brag_evidence_merged_areas(write_xlsx):
    rows = brag_rows()
    merges = [f"A{i + 1}:I{i + 1}" for i, r in enumerate(rows) if len(r) == 1 and r[0][:1].isdigit()]
    result = load_file(write_xlsx(rows, sheet="Plan", merged=merges), kind="actions")
    frame = result.frame
    assert result.records == 5
    assert frame["snapshot_date"].unique().tolist() == [pd.Timestamp("2024-02-14")]
    assert frame["area"].tolist()[:2] == ["Governance and decision making"] * 2
    assert frame["area"].iloc[2] == "Procurement"
    assert frame["status"].astype(str).tolist() == ["Complete", "Red", "Amber", "Not started", "Green"]
    assert frame["rag_text"].tolist()[:2] == ["Blue", "R/A"]
    assert frame["due_date"].tolist()[:4] == [pd.Timestamp("2023-12-31"), pd.Timestamp("2023-09-30"),
                                              pd.Timestamp("2024-01-30"), pd.NaT]
    assert frame["due_text"].iloc[3] == "Ongoing"
    assert frame["evidence"].iloc[0] == "Council minutes\n12 Dec 2023"
    assert frame["progress_note"].iloc[0] == "Done.\nAdopted by council"
    assert frame["action"].iloc[0] == "Review the\nconstitution"
    assert frame["phase"].tolist() == ["Phase 2", "Phase 2", "Phase 3", "Phase 3", "Phase 3"]
    assert frame["start_date"].iloc[0] == pd.Timestamp("2023-09-01")
    assert frame["start_date"].iloc[2] == pd.Timestamp("2023-11-01")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_trackers_csv_encodings(write_text, encoding):
    rows = [["Ref", "Action", "Owner", "Due", "RAG", "Update"],
            ["A1", "Cut spend by £50k \u2013 phase one", "Director of Finance", "31/03/2024", "Amber", "On track"],
            ["A2", "Café contract review", "Head of Property", "Q4 2023/24", "Complete", ""]]
    result = load_file(write_text(rows, encoding=encoding), kind="actions", snapshot_date="2024-02-01")
    assert result.records == 2
    assert result.frame["action"].iloc[0] == "Cut spend by £50k - phase one"
    assert result.frame["action"].iloc[1] == "Café contract review"
    assert result.frame["due_date"].tolist() == [pd.Timestamp("2024-03-31"), pd.Timestamp("2024-03-31")]


def test_trackers_csv_without_snapshot_date_says_how_to_fix(write_text):
    rows = [["Ref", "Action", "Owner", "Due", "RAG"], ["A1", "Do it", "Me", "01/02/2024", "Red"]]
    with pytest.raises(FileRejected) as caught:
        load_file(write_text(rows), kind="actions")
    finding = caught.value.findings[0]
    assert "No snapshot date" in finding.message and finding.needs == "snapshot_date"
    assert "give --snapshot-date YYYY-MM-DD" in finding.worded("cli")
    page = finding.worded("page")
    assert "fill in “Snapshot date”" in page and "--" not in page


def test_trackers_jira_repeated_columns(write_text):
    rows = [["Summary", "Issue key", "Issue id", "Status", "Assignee", "Due date", "Comment", "Comment",
             "Labels", "Labels"],
            ["Publish the member code", "IMP-12", "10012", "Done", "J Smith", "12/01/2024", "First note",
             "Second note", "governance", ""],
            ["Train scrutiny chairs", "IMP-13", "10013", "To Do", "A Khan", "", "", "", "", ""],
            ["Refresh risk register", "IMP-14", "10014", "In Progress", "", "28/02/2024", "Drafted", "", "", ""]]
    result = load_file(write_text(rows, encoding="utf-8-sig"), kind="actions", snapshot_date="2024-02-01")
    frame = result.frame
    assert result.records == 3
    assert frame["reference"].tolist() == ["IMP-12", "IMP-13", "IMP-14"]
    assert frame["status"].astype(str).tolist() == ["Complete", "Not started", "Amber"]
    assert frame["progress_note"].iloc[0] == "First note\nSecond note"
    assert frame["due_date"].iloc[0] == pd.Timestamp("2024-01-12")


def test_trackers_smartsheet_generic_sheet(write_xlsx):
    rows = [["Task Name", "Start Date", "End Date", "Assigned To", "Status", "Comments"],
            ["Agree the workforce plan", dt.datetime(2024, 1, 8), dt.datetime(2024, 6, 28), "HR Director",
             "Green", "Drafted"],
            ["Adopt the values framework", dt.datetime(2024, 2, 1), dt.datetime(2024, 4, 30), "Chief Executive",
             "Red", ""]]
    result = load_file(write_xlsx(rows, sheet="Improvement"), kind="actions", snapshot_date="2024-05-01")
    frame = result.frame
    assert result.records == 2
    assert frame["reference"].tolist() == ["row-2", "row-3"]
    assert any("no reference" in w.message for w in result.warnings)
    assert frame["due_date"].tolist() == [pd.Timestamp("2024-06-28"), pd.Timestamp("2024-04-30")]
    assert frame["start_date"].iloc[1] == pd.Timestamp("2024-02-01")


def test_trackers_planner_newer_layout(write_xlsx):
    header = ["Task ID", "Task name", "Bucket name", "Progress", "Priority", "Assigned to", "Labels",
              "Due date", "Start date", "Late", "Created by", "Created date", "Completed date",
              "Completed by", "Description"]
    rows = [["Plan name", "Plan"], ["Plan ID", "p1"], ["Date of export", "06/11/2024"], [], header,
            ["t1", "GOV-01 Review the constitution", "Governance and decision making", "Completed", "Medium",
             "Monitoring Officer", "Complete", "12/31/2023", "10/02/2023", "false", "", "", "", "",
             "Source: auditor\nDone"],
            ["t2", "PAR-02 Joint protocol", "Partnership working", "In progress", "Medium", "Head of Policy",
             "Red", "03/15/2024", "01/05/2024", "true", "", "", "", "", ""]]
    result = load_file(write_xlsx(rows, sheet="Tasks"), kind="actions")
    frame = result.frame
    assert result.format.startswith("planner")
    assert frame["snapshot_date"].iloc[0] == pd.Timestamp("2024-06-11")
    assert frame["reference"].tolist() == ["GOV-01", "PAR-02"]
    assert frame["status"].astype(str).tolist() == ["Complete", "Red"]
    assert frame["start_date"].tolist() == [pd.Timestamp("2023-10-02"), pd.Timestamp("2024-01-05")]
    assert frame["due_date"].iloc[1] == pd.Timestamp("2024-03-15")
    assert frame["source"].iloc[0] == "auditor"


def test_an_issue_list_whose_statuses_are_no_rag_words_is_refused_saying_so(write_text):
    """An issue tracker's export (Redmine: status new/assigned) is not an action tracker with
    RAG statuses: refused with its words, not read as actions that all lack a status."""
    rows = [["priority", "subject", "description", "start_date", "due_date", "user", "status"],
            ["High", "First", "First description", "2015-07-08", "2015-08-25", "dlopper", "new"],
            ["Normal", "Child 1", "Child description", "", "", "", "assigned"]]
    with pytest.raises(FileRejected, match=r"None of the statuses in this file \('assigned', 'new'\)"):
        load_file(write_text(rows), kind="actions", snapshot_date="2024-01-01")


def test_snake_case_headers_are_read_as_their_words(write_text):
    rows = [["ref", "subject", "due_date", "assigned_to", "rag_status"],
            ["A1", "Publish the plan", "31/03/2024", "Head of Policy", "Green"]]
    frame = load_file(write_text(rows), kind="actions", snapshot_date="2024-01-01").frame
    row = frame.iloc[0]
    assert (row["action"], row["owner"], row["status"]) == ("Publish the plan", "Head of Policy", "Green")
    assert row["due_date"] == pd.Timestamp("2024-03-31")


def test_a_planner_export_with_repeated_task_ids_says_so_once_per_id(write_xlsx):
    """plannr's test plan (program--/plannr) has 32 tasks and 4 distinct Task IDs: each
    repeated ID is one warning naming its rows, not a silent collision."""
    from loader_builders import planner_rows
    from loaders import load_file

    rows = planner_rows()
    header = rows.index(next(r for r in rows if "Task ID" in r))
    id_col, name_col = rows[header].index("Task ID"), rows[header].index("Task Name")
    for row, name in zip(rows[header + 1:], ["Publish the register", "Hold the summit", "Train members", "Agree it"]):
        row[id_col], row[name_col] = "same-id", name          # no reference in the name: the Task ID is it
    result = load_file(write_xlsx(rows), kind="actions")
    said = [w for w in result.warnings if "'same-id' is used on" in w.message]
    assert len(said) == 1 and f"used on {len(rows) - header - 1} rows" in said[0].message

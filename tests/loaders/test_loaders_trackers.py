"""Action trackers: council spreadsheets and Microsoft Planner exports."""

import pandas as pd
import pytest

from loaders import load_file
from model.frames import ACTIONS
from loaders.report import FileRejected
from loader_builders import area_merges, council_rows, planner_rows

T = pd.Timestamp


def test_council_tracker(write_xlsx):
    rows = council_rows()
    result = load_file(write_xlsx(rows, sheet="Improvement Plan", merged=area_merges(rows)))
    assert (result.kind, result.format, result.records) == ("actions", "council-tracker-xlsx", 4)
    frame = result.frame.set_index("reference")
    assert list(result.frame.columns) == list(ACTIONS)
    assert frame["snapshot_date"].unique().tolist() == [T("2023-06-09")]
    assert frame.loc["GOV-01", "area"] == "Governance and decision making"
    assert frame.loc["CCC-01", "theme"] == "culture"
    assert frame.loc["GOV-01", "status"] == "Amber"
    assert frame.loc["GOV-02", "status"] == "Amber" and frame.loc["GOV-02", "rag_text"] == "Amber/Green"
    assert frame.loc["CCC-01", "status"] == "Complete"
    assert frame.loc["GOV-02", "due_date"] == T("2023-12-31")
    assert pd.isna(frame.loc["CCC-01", "due_date"]) and frame.loc["CCC-01", "due_text"] == "Ongoing"
    assert frame.loc["CCC-02", "due_date"] == T("2024-01-30")
    assert frame.loc["GOV-01", "progress_note"] == "On track.\nNext: board"
    assert frame.loc["CCC-01", "source"] == "peer challenge"


def test_unknown_rag_is_a_warning_naming_row_and_column(write_xlsx):
    result = load_file(write_xlsx(council_rows()))
    assert pd.isna(result.frame.set_index("reference").loc["CCC-02", "status"])
    [warning] = [w for w in result.warnings if "Purple" in w.message]
    assert (warning.row, warning.column) == (11, "RAG")   # title rows 1-3, blank 4, header 5


def test_synonym_headers_reordered_with_extra_title_rows(write_xlsx):
    header = ("No.", "Recommendation", "Responsible Officer", "Timescale", "Status", "Commentary", "Source")
    rows = council_rows(header=header, extra_titles=("OFFICIAL", "Appendix A"))
    order = [4, 1, 0, 6, 3, 2, 5]
    rows = [[r[i] if i < len(r) else None for i in order] if len(r) > 1 else r for r in rows]
    result = load_file(write_xlsx(rows), kind="actions")
    frame = result.frame.set_index("reference")
    assert result.records == 4
    assert frame.loc["GOV-01", "owner"] == "Monitoring Officer"
    assert frame.loc["GOV-02", "due_date"] == T("2023-12-31")
    assert frame.loc["CCC-01", "area"] == "Confidence, culture and capacity"
    assert result.metadata["header_row"] == 7


def test_snapshot_date_argument_overrides(write_xlsx):
    result = load_file(write_xlsx(council_rows()), snapshot_date="2023-06-12")
    assert result.frame["snapshot_date"].unique().tolist() == [T("2023-06-12")]
    assert any("2023-06-09" in w.message for w in result.warnings)


def test_tracker_without_any_date_is_rejected(write_xlsx):
    path = write_xlsx(council_rows(title="Improvement plan"))
    with pytest.raises(FileRejected, match="snapshot date") as caught:
        load_file(path)
    assert caught.value.kind == "actions"
    assert load_file(path, snapshot_date="2023-07-01").records == 4


def test_close_down_category_and_csv(write_text):
    header = ["Ref", "Action", "Owner", "Due", "BRAG", "Update", "Close-down category"]
    rows = [["Reported to Overview and Scrutiny Committee 16 October 2024"], header,
            ["Procurement"],
            ["PRO-01", "Contract register", "Head of Procurement", "31/03/2024", "Complete", "Done",
             "Completed - no further action"],
            ["PRO-02", "Procurement strategy", "Head of Procurement", "Q4 2024/25", "G", "Open",
             "Open -  outstanding actions moved into Directorate Business Plans"]]
    result = load_file(write_text(rows, encoding="cp1252"))
    assert result.format == "council-tracker-csv"
    frame = result.frame.set_index("reference")
    assert frame.loc["PRO-01", "closure_category"] == "Completed - no further action"
    assert frame.loc["PRO-02", "closure_category"] == "Open - outstanding actions moved into Directorate Business Plans"
    assert frame.loc["PRO-02", "due_date"] == T("2025-03-31")
    assert frame.loc["PRO-01", "theme"] == "governance"


@pytest.mark.parametrize("header", [None, ["task name", "Bucket name", "Labels", "Due Date", "Task ID",
                                           "Progress", "Assigned to", "Description"]])
def test_planner_export(write_xlsx, header):
    result = load_file(write_xlsx(planner_rows(header), sheet="Tasks"))
    assert (result.format, result.records) == ("planner-xlsx", 4)
    frame = result.frame.set_index("reference")
    assert frame["snapshot_date"].unique().tolist() == [T("2023-11-28")]
    assert frame.loc["GOV-03", "action"] == "Member induction"
    assert frame.loc["GOV-03", "status"] == "Red" and frame.loc["GOV-03", "source"] == "board"
    assert frame.loc["GOV-03", "progress_note"] == "Progressing"
    assert frame.loc["PAR-01", "status"] == "Complete"          # Completed progress wins
    assert frame.loc["PAR-01", "due_date"] == T("2024-01-02")   # MM/DD/YYYY
    assert frame.loc["abc3", "status"] == "Amber"               # In progress, no colour label
    assert frame.loc["abc3", "action"] == "Refresh the risk register"
    assert frame.loc["PAR-02", "status"] == "Amber" and frame.loc["PAR-02", "theme"] == "partnership"


def test_notes_below_the_table_are_not_actions(write_xlsx):
    rows = council_rows() + [[], ["Key:", None, None, None, "R = off track, A = at risk"]]
    result = load_file(write_xlsx(rows))
    assert result.records == 4
    assert any(w.row == 13 and "no action text" in w.message for w in result.warnings)

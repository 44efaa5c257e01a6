"""OpenDocument spreadsheets (.ods, issue 15): read by the same reader, through the same guards,
into the same layouts, with the same counts, dates and Excel row numbers as the .xlsx.

The .ods files are written by hand (tests/fixtures/ods.py) as LibreOffice saves them: runs
of blank rows and cells repeated, merged ranges as covered cells, dates as ISO values. The
hostile ones (a zip bomb, a text file or a PDF named .ods, a password) are in the hostile
corpus (tests/fixtures/hostile/build.py)."""
import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
import python_calamine as calamine

from assembly.bundle import load_bundle
from loaders import FileRejected, load_file
from loaders.grid import read_workbook
from loaders.pipeline import default_codebook
from loader_builders import area_merges, council_rows, forms_rows, sm_rows
from store.intake import check_upload
from tests.fixtures.ods import ods_bytes

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
SNAPSHOT = {"snapshot_date": "2023-06-09"}
WAVE = {"audience": "staff", "wave": "2023-01"}
SAMPLE_FILES = [("surveys/staff_survey_2024-04.xlsx", "survey", {"audience": "staff", "wave": "2024-04"}),
                ("trackers/improvement_plan_2023-06-09.xlsx", "actions", {"snapshot_date": "2023-06-09"}),
                ("scrutiny/topic_scores.xlsx", "scrutiny", {})]


def write_ods(tmp_path, rows, name="export.ods", **options):
    path = tmp_path / name
    path.write_bytes(ods_bytes({"Sheet1": rows}, **options))
    return path


def as_ods(xlsx, folder):
    """The .ods LibreOffice would save from this workbook: every sheet, the same cells."""
    book = calamine.CalamineWorkbook.from_path(str(xlsx))
    sheets = {name: book.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in book.sheet_names}
    path = folder / xlsx.with_suffix(".ods").name
    path.write_bytes(ods_bytes(sheets))
    return path


def located(result):
    """Every warning with where it is: what a user is shown, the file's type aside."""
    return [(f.sheet, f.row, f.column, f.message) for f in result.warnings]


def assert_same_load(xlsx_result, ods_result):
    assert (ods_result.kind, ods_result.records, ods_result.questions) == (
        xlsx_result.kind, xlsx_result.records, xlsx_result.questions)
    assert ods_result.format.rsplit("-", 1) == [xlsx_result.format.rsplit("-", 1)[0], "ods"]
    assert located(ods_result) == located(xlsx_result)
    pd.testing.assert_frame_equal(ods_result.frame, xlsx_result.frame)


@pytest.mark.parametrize("file, kind, metadata", SAMPLE_FILES, ids=[f for f, _, _ in SAMPLE_FILES])
def test_a_sample_export_saved_as_ods_loads_the_same(file, kind, metadata, tmp_path):
    path = SAMPLE / file
    codebook = default_codebook(path)
    assert_same_load(load_file(path, kind=kind, codebook=codebook, **metadata),
                     load_file(as_ods(path, tmp_path), kind=kind, codebook=codebook, **metadata))


def test_a_forms_survey_in_ods_counts_as_its_xlsx(tmp_path, write_xlsx):
    rows = forms_rows()
    xlsx = load_file(write_xlsx(rows), kind="survey", **WAVE)
    ods = load_file(write_ods(tmp_path, rows), kind="survey", **WAVE)
    assert_same_load(xlsx, ods)
    assert (ods.format, ods.records, ods.metadata["wave_date"]) == ("microsoft-forms-ods", 12, "2023-01-16")
    assert ods.counts.reach.equals(xlsx.counts.reach) and ods.counts.answers.equals(xlsx.counts.answers)


def test_a_surveymonkey_export_in_ods_is_detected(tmp_path, write_xlsx):
    rows = sm_rows()
    assert_same_load(load_file(write_xlsx(rows), kind="survey", **WAVE),
                     load_file(write_ods(tmp_path, rows), kind="survey", **WAVE))


def test_an_action_tracker_in_ods_has_the_xlsx_rows_dates_and_findings(tmp_path, write_xlsx):
    """Merged area rows, title rows and a blank row before the header: the RAG finding names
    Excel row 11 in both, and the target dates are dates."""
    rows = council_rows()
    merged = area_merges(rows)
    xlsx = load_file(write_xlsx(rows, merged=merged), kind="actions", **SNAPSHOT)
    ods = load_file(write_ods(tmp_path, rows, merged={"Sheet1": merged}), kind="actions", **SNAPSHOT)
    assert_same_load(xlsx, ods)
    assert ods.records == 4 and ods.format == "council-tracker-ods"
    [rag] = [f for f in ods.warnings if f.column == "RAG"]
    assert (rag.sheet, rag.row) == ("Sheet1", 11)
    due = ods.frame.set_index("reference")["due_date"]
    assert due["GOV-01"] == pd.Timestamp("2023-09-30") and due["CCC-02"] == pd.Timestamp("2024-01-30")


def test_repeated_blank_rows_keep_the_row_numbers_libreoffice_shows(tmp_path):
    rows = [["Title"], [], [], [], ["", "title"], ["a", dt.datetime(2024, 1, 2, 9, 30), dt.date(2024, 3, 1), 3, True]]
    sheet = read_workbook(write_ods(tmp_path, rows)).sheets[0]
    assert sheet.container == "ods" and len(sheet.rows) == 6
    assert sheet.rows[4][1] == "title" and sheet.excel_row(4) == 5
    assert sheet.rows[5][1:] == [dt.datetime(2024, 1, 2, 9, 30), dt.date(2024, 3, 1), 3, True]


def test_a_hidden_ods_sheet_is_read_last_and_said(tmp_path):
    path = tmp_path / "tracker.ods"
    path.write_bytes(ods_bytes({"Old": [["old", "data"]], "Tracker": council_rows()}, hidden=("Old",)))
    assert [(s.name, s.visible) for s in read_workbook(path).sheets] == [("Tracker", True), ("Old", False)]
    result = load_file(path, kind="actions", **SNAPSHOT)
    assert result.records == 4 and any(f.sheet == "Old" and "hidden" in f.message for f in result.warnings)


def test_an_ods_upload_is_checked_like_an_xlsx(tmp_path):
    checked = check_upload(ods_bytes({"Sheet1": council_rows()}), "tracker.ods", tmp_path, kind="actions",
                           metadata=SNAPSHOT)
    assert checked.ok and checked.format == "council-tracker-ods" and checked.result.records == 4


def test_an_ods_in_the_data_folder_is_read(tmp_path):
    (tmp_path / "tracker_2023-06-09.ods").write_bytes(ods_bytes({"Sheet1": council_rows()}))
    (tmp_path / "manifest.csv").write_text("file,kind,snapshot_date\ntracker_2023-06-09.ods,actions,2023-06-09\n")
    bundle = load_bundle(tmp_path)
    source = bundle.sources.set_index("file").loc["tracker_2023-06-09.ods"]
    assert source["format"] == "council-tracker-ods" and source["records"] == 4 and pd.isna(source["error"])
    assert len(bundle.actions) == 4


def test_an_ods_named_xlsx_is_read_as_what_it_is(tmp_path):
    path = tmp_path / "tracker.xlsx"
    path.write_bytes(ods_bytes({"Sheet1": council_rows()}))
    result = load_file(path, kind="actions", **SNAPSHOT)
    assert result.records == 4 and result.format == "council-tracker-ods"
    assert any("OpenDocument spreadsheet" in f.message and "end in .ods" in f.message for f in result.warnings)


def test_a_text_file_named_ods_is_told_so_when_no_layout_claims_it(tmp_path):
    path = tmp_path / "responses.ods"
    path.write_text("Name,Favourite colour\nAda,Blue\n", encoding="utf-8")
    with pytest.raises(FileRejected) as caught:
        load_file(path)
    assert any("is a text (CSV) file, not an OpenDocument spreadsheet" in f.message for f in caught.value.findings)

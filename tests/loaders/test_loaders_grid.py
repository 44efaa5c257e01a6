"""Reading files as grids: encodings, delimiters, renamed files, hidden sheets, Excel rows."""
import codecs
import datetime as dt

import pytest

from loaders.grid import read_workbook
from loaders.report import FileRejected

ROWS = [["Name", "Cost", "Note"], ["Café", "£12", "a, b"], ["Zoë", "£3", "multi\nline"]]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_text_encodings(write_text, encoding):
    sheet = read_workbook(write_text(ROWS, encoding=encoding)).sheets[0]
    assert sheet.rows == ROWS


@pytest.mark.parametrize("delimiter, container", [(",", "csv"), (";", "csv"), ("\t", "tsv"), ("|", "csv")])
def test_delimiter_sniffed(write_text, delimiter, container):
    sheet = read_workbook(write_text(ROWS, delimiter=delimiter)).sheets[0]
    assert sheet.rows == ROWS
    assert sheet.container == container


def test_utf16_tab_export(write_text):
    path = write_text(ROWS, encoding="utf-16-le", delimiter="\t", name="export.tsv")
    path.write_bytes(codecs.BOM_UTF16_LE + path.read_bytes())
    assert read_workbook(path).sheets[0].rows == ROWS


def test_xlsx_grid_starts_at_excel_row_1(write_xlsx):
    path = write_xlsx([[], [], ["", "title"], ["a", dt.datetime(2024, 1, 2, 9, 30)]])
    sheet = read_workbook(path).sheets[0]
    assert sheet.rows[2][1] == "title"          # Excel row 3 -> index 2
    assert sheet.excel_row(2) == 3
    assert sheet.rows[3][1] == dt.datetime(2024, 1, 2, 9, 30)


def test_workbook_renamed_to_csv_still_opens(write_xlsx, tmp_path):
    path = write_xlsx([["a", "b"], [1, 2]])
    renamed = tmp_path / "really_a_workbook.csv"
    path.rename(renamed)
    book = read_workbook(renamed)
    assert book.container == "xlsx"
    assert book.sheets[0].rows[1] == [1.0, 2.0]


def test_hidden_sheets_come_last(write_xlsx):
    path = write_xlsx([["visible"]], extra_sheets={"Lookup": [["hidden"]], "Other": [["x"]]},
                      hidden=("Lookup",))
    names = [(s.name, s.visible) for s in read_workbook(path).sheets]
    assert names == [("Sheet1", True), ("Other", True), ("Lookup", False)]


def test_merged_value_in_top_left_only(write_xlsx):
    path = write_xlsx([["h1", "h2", "h3"], ["Area", None, None]], merged=["A2:C2"])
    sheet = read_workbook(path).sheets[0]
    assert sheet.rows[1] == ["Area", "", ""]
    assert sheet.merged


def test_missing_and_corrupt_files_are_rejected(tmp_path):
    with pytest.raises(FileRejected, match="not found"):
        read_workbook(tmp_path / "nope.xlsx")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(FileRejected, match="Cannot open"):
        read_workbook(broken)


def test_a_semicolon_file_whose_row_has_one_field_more_than_its_header_is_still_split(tmp_path):
    """Redmine's import files: ';'-separated, a quoted header cell, and a data row with a
    trailing field the header does not name (redmine/redmine test/fixtures/files)."""
    from loaders.grid import read_text_table

    path = tmp_path / "import.csv"
    path.write_text('priority;Subject;start_date;"target version";status\n'
                    'High;First;2015-07-08;;new;"Column with empty header"\n', encoding="utf-8")
    sheet = read_text_table(path)
    assert sheet.rows[0][:5] == ["priority", "Subject", "start_date", "target version", "status"]
    assert sheet.rows[1][:5] == ["High", "First", "2015-07-08", "", "new"]

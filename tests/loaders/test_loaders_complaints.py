"""The Code of Conduct complaints register (loaders/complaints.py): a register with title rows
loads and is detected on its own; a column that could identify someone is never read; a bad
row is named by its sheet, Excel row and column with how to fix it, and the file is
rejected whole; the template and the shipped sample load; an uploaded register replaces the
folder's."""
from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest

from assembly.bundle import load_bundle
from exports.templates import template_xlsx
from loaders import load_file
from loaders.report import FileRejected

from conftest import SAMPLE

TITLE = ["Code of Conduct complaints register 2024/25"]
HEADER = ["Ref", "Date received", "Subject", "Category", "Outcome"]


def register(rows, header=HEADER):
    return [TITLE, [], header, *rows]


def test_a_register_with_title_rows_loads_and_is_detected(write_xlsx):
    path = write_xlsx(register([
        ["CoC-1", dt.datetime(2024, 4, 9), "Member", "Respect", "NFA"],
        ["CoC-2", "21/05/2024", "Councillor", "Bullying", "Upheld"],
        ["CoC-3", dt.datetime(2024, 7, 2), "Officer", "Disclosure of interests", "Ongoing"],
        [None, None, None, None, None],
    ]), sheet="Register")
    result = load_file(path)                       # no kind given: detected
    assert (result.kind, result.format, result.records) == ("complaints", "complaints-register-xlsx", 3)
    frame = result.frame
    assert list(frame["subject"]) == ["member", "member", "officer"]
    assert list(frame["category"]) == ["Failure to treat others with respect", "Bullying or harassment",
                                       "Disclosure of interests"]
    assert list(frame["outcome"]) == ["No further action", "Breach found", "Ongoing"]
    assert list(frame["date_received"]) == [pd.Timestamp("2024-04-09"), pd.Timestamp("2024-05-21"),
                                            pd.Timestamp("2024-07-02")]
    assert result.warnings == []


def test_a_column_that_could_identify_someone_is_never_read(write_xlsx):
    header = ["Ref", "Date received", "Member name", "Subject", "Complainant", "Category", "Outcome", "Notes"]
    path = write_xlsx(register([["CoC-1", dt.datetime(2024, 4, 9), "Cllr A. Person", "Member", "B. Resident",
                                 "Respect", "Breach found", "Shouted at officer"]], header))
    result = load_file(path, kind="complaints")
    values = set(result.frame.astype(str).stack())
    assert not values & {"Cllr A. Person", "B. Resident", "Shouted at officer"}
    assert list(result.frame.columns) == ["reference", "date_received", "subject", "category", "outcome"]
    said = " ".join(w.message for w in result.warnings)
    assert "Member name, Complainant, Notes could identify a person" in said and "never people" in said
    assert result.warnings[0].row == 3                 # the header's Excel row, below the title rows


def test_every_bad_row_is_named_by_excel_row_and_column_and_the_file_rejected(write_xlsx):
    path = write_xlsx(register([
        ["CoC-1", dt.datetime(2024, 4, 9), "Member", "Respect", "NFA"],              # row 4: good
        ["CoC-2", "next Tuesday", "Member", "Respect", "NFA"],                       # row 5: date
        ["CoC-3", dt.datetime(2024, 5, 1), "Cllr Smith", "Respect", "NFA"],          # row 6: subject
        ["CoC-4", dt.datetime(2024, 5, 2), "Officer", "Parking", "Sanctioned twice"],  # row 7: category, outcome
        ["CoC-5", None, "Officer", "Respect", "NFA"],                                # row 8: no date
    ]), sheet="Register")
    with pytest.raises(FileRejected) as caught:
        load_file(path, kind="complaints")
    found = {(f.sheet, f.row, f.column): f.message for f in caught.value.findings}
    assert set(found) == {("Register", 5, "Date received"), ("Register", 6, "Subject"), ("Register", 7, "Category"),
                          ("Register", 7, "Outcome"), ("Register", 8, "Date received")}
    assert "'next Tuesday' is not a date" in found[("Register", 5, "Date received")]
    assert "never their name" in found[("Register", 6, "Subject")]
    assert "use one of Failure to treat others with respect" in found[("Register", 7, "Category")]
    assert "Ongoing" in found[("Register", 7, "Outcome")]
    assert "is empty" in found[("Register", 8, "Date received")]
    assert caught.value.kind == "complaints"


def test_a_blank_outcome_is_ongoing_and_says_so(write_xlsx):
    path = write_xlsx(register([["CoC-1", dt.datetime(2024, 11, 9), "Member", "", None]]))
    result = load_file(path, kind="complaints")
    assert list(result.frame["outcome"]) == ["Ongoing"] and list(result.frame["category"]) == ["Other"]
    assert {(w.row, w.column) for w in result.warnings} == {(4, "Outcome"), (4, "Category")}


def test_a_sheet_without_an_outcome_column_is_told_what_it_lacks(write_xlsx):
    path = write_xlsx(register([["CoC-1", dt.datetime(2024, 4, 9), "Member", "Respect"]], HEADER[:4]))
    with pytest.raises(FileRejected) as caught:
        load_file(path, kind="complaints")
    assert "looks like a complaints register but has no 'outcome' column" in caught.value.findings[0].message


def test_the_template_loads_as_a_register(tmp_path):
    path = tmp_path / "complaints_template.xlsx"
    path.write_bytes(template_xlsx("complaints"))
    result = load_file(path)
    assert (result.kind, result.records) == ("complaints", 2)
    book = openpyxl.load_workbook(io.BytesIO(template_xlsx("complaints")))
    assert book.sheetnames == ["Data", "Instructions"]
    rules = {str(v.sqref): v.formula1 for v in book["Data"].data_validations.dataValidation}
    assert rules["C2:C500"] == '"Member,Officer"'
    assert "Breach found" in rules["E2:E500"]


def test_the_sample_register_loads_in_the_bundle():
    bundle = load_bundle(SAMPLE)
    source = bundle.sources[bundle.sources["file"] == "registers/code_of_conduct_complaints.xlsx"].iloc[0]
    assert source["kind"] == "complaints" and source["error"] is None
    assert len(bundle.complaints) == source["records"] > 40
    assert set(bundle.complaints["subject"]) == {"member", "officer"}

"""Every template loads through load_file with its example rows; dropdowns come from config."""
import openpyxl
import pytest

from exports.templates import KINDS, rag_statuses, template_xlsx
from loaders import load_file

METADATA = {"survey": {"audience": "staff", "wave": "2024-04", "wave_date": "2024-04-15"},
            "actions": {"snapshot_date": "2024-06-11"}, "scrutiny": {}, "complaints": {}}
RECORDS = {"survey": 2, "actions": 2, "scrutiny": 2, "complaints": 2}


@pytest.mark.parametrize("kind", KINDS)
def test_filled_template_loads(kind, tmp_path):
    path = tmp_path / f"{kind}_template.xlsx"
    path.write_bytes(template_xlsx(kind))
    result = load_file(path, kind=kind, **METADATA[kind])
    assert result.kind == kind
    assert result.records == RECORDS[kind]


@pytest.mark.parametrize("kind", KINDS)
def test_template_has_instructions_and_dropdowns(kind, tmp_path):
    path = tmp_path / "t.xlsx"
    path.write_bytes(template_xlsx(kind))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Data", "Instructions"]
    rules = book["Data"].data_validations.dataValidation
    assert rules and all(r.type == "list" for r in rules)
    if kind == "actions":
        assert rules[0].formula1.strip('"').split(",") == rag_statuses()
        assert {"Red", "Amber", "Green", "Complete"} <= set(rag_statuses())
    assert book["Data"].max_row == 3

"""The Governance downloads: formatted xlsx and CSV, both safe against formula injection."""
import csv
import io

import openpyxl
import pandas as pd

from charts.palette import STATUS_COLOURS
from exports.tracker_xlsx import tracker_csv, tracker_xlsx

NASTY = ["=HYPERLINK(\"http://x\",\"y\")", "+SUM(A1)", "-1+2", "@cmd", "\tTab", "\rCR"]


def table():
    return pd.DataFrame({
        "Ref": ["A1", "A2", "A3", "A4", "A5", "A6"],
        "Action": NASTY,
        "Due": pd.to_datetime(["2024-01-31", None, "2024-03-31", None, None, None]),
        "Status": pd.Categorical(["Red", "Amber", "Green", "Complete", None, "Red"]),
        "Days": [1, -2, 3, 4, 5, 6],
    })


def test_exports_tracker_xlsx_formula_injection_neutralised():
    sheet = openpyxl.load_workbook(io.BytesIO(tracker_xlsx(table()))).active
    values = [sheet.cell(row=r, column=2).value for r in range(2, 8)]
    assert values[:5] == ["'" + v for v in NASTY[:5]]
    assert values[5] in ("'\rCR", "'\nCR")                # XML stores a lone CR as a line break
    assert all(sheet.cell(row=r, column=2).data_type == "s" for r in range(2, 8))
    assert sheet.cell(row=3, column=5).value == -2          # numbers stay numbers


def test_exports_tracker_xlsx_formatting():
    sheet = openpyxl.load_workbook(io.BytesIO(tracker_xlsx(table()))).active
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:E7"
    assert sheet["A1"].font.bold
    red = sheet["D2"]
    assert red.value == "Red"                                 # labelled ...
    assert red.fill.start_color.rgb.endswith(STATUS_COLOURS["Red"].lstrip("#").upper())   # ... and coloured
    assert sheet["D6"].value is None and sheet["D6"].fill.fill_type is None
    assert sheet.column_dimensions["B"].width >= len(NASTY[0])
    assert sheet["C2"].value.date().isoformat() == "2024-01-31"


def test_exports_tracker_csv_formula_injection_neutralised():
    text = tracker_csv(table()).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["Ref", "Action", "Due", "Status", "Days"]
    assert [r[1] for r in rows[1:]] == ["'" + v for v in NASTY]
    assert rows[2][4] == "-2"
    assert rows[1][2] == "2024-01-31"


def test_an_overdue_status_has_the_overdue_colour_not_its_rag():
    from charts.palette import OVERDUE

    frame = pd.DataFrame({"Ref": ["A1", "A2"], "Status": ["Green, 16 days overdue", "Green"]})
    sheet = openpyxl.load_workbook(io.BytesIO(tracker_xlsx(frame))).active
    fills = [sheet.cell(row=r, column=2).fill.start_color.rgb[-6:] for r in (2, 3)]
    assert fills == [OVERDUE.lstrip("#"), STATUS_COLOURS["Green"].lstrip("#")]
    assert sheet.cell(row=2, column=2).value == "Green, 16 days overdue"

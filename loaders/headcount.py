"""People invited per survey wave (headcount.csv: ``audience,wave,headcount``), so that
response rates can be shown. Optional: without the file there are no response rates.

A row whose headcount is not a positive whole number is a warning naming its row."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from model.text import one_line
from .events import reference_header
from .grid import Sheet, read_text_table
from model.frames import HEADCOUNT, conform, empty
from .report import Finding, LoadResult

REQUIRED = ("audience", "wave", "headcount")


def headcount_from_sheet(sheet: Sheet) -> LoadResult:
    """A headcount sheet -> the HEADCOUNT LoadResult."""
    header = reference_header(sheet, REQUIRED, "headcount", "audience,wave,headcount")
    records, warnings = [], []
    for index, values in enumerate(sheet.rows[1:], start=1):
        row = {k: one_line(v) for k, v in zip(header, values)}
        if not row.get("wave"):
            continue
        count = row.get("headcount", "").replace(",", "")
        if not count.isdigit() or int(count) == 0:
            warnings.append(Finding(f"Headcount {count!r} is not a positive whole number; row skipped.",
                                    sheet=sheet.name, row=Sheet.excel_row(index), column="headcount"))
            continue
        records.append({"audience": row.get("audience") or "staff", "wave": row["wave"], "headcount": int(count)})
    frame = conform(pd.DataFrame(records), HEADCOUNT) if records else empty(HEADCOUNT)
    return LoadResult(kind="headcount", format=f"headcount-{sheet.container}", frame=frame,
                      records=len(frame), warnings=warnings)


def load_headcount(path: str | Path) -> pd.DataFrame:
    """Read headcount.csv into the HEADCOUNT frame."""
    return headcount_from_sheet(read_text_table(path)).frame

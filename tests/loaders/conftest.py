"""Fixtures for the loader tests: small files written on the fly with openpyxl and csv.

``write_xlsx(rows, sheet=..., merged=[...])`` and ``write_text(rows, encoding=..., delimiter=...)``
return a path in the test's tmp folder, so each test builds exactly the layout it checks
(reordered columns, synonym headers, extra title rows) instead of relying on the sample.
"""
from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import openpyxl
import pytest

ROOT = Path(__file__).resolve().parents[2]
for folder in (ROOT, Path(__file__).resolve().parent):  # the repo; loader_builders.py
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

SAMPLE = ROOT / "data" / "sample"


@pytest.fixture
def write_xlsx(tmp_path):
    """Write rows (lists of cell values) to an xlsx; returns its path."""
    counter = iter(range(1000))

    def write(rows, sheet="Sheet1", merged=(), name=None, extra_sheets=None, hidden=()):
        book = openpyxl.Workbook()
        first = book.active
        first.title = sheet
        for row in rows:
            first.append(list(row))
        for cell_range in merged:
            first.merge_cells(cell_range)
        for title, extra_rows in (extra_sheets or {}).items():
            extra = book.create_sheet(title)
            for row in extra_rows:
                extra.append(list(row))
            if title in hidden:
                extra.sheet_state = "hidden"
        path = tmp_path / (name or f"file{next(counter)}.xlsx")
        book.save(path)
        return path

    return write


@pytest.fixture
def write_text(tmp_path):
    """Write rows to a csv/tsv in the given encoding; returns its path."""
    counter = iter(range(1000))

    def write(rows, encoding="utf-8", delimiter=",", name=None):
        buffer = io.StringIO()
        csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
        path = tmp_path / (name or f"file{next(counter)}.csv")
        path.write_bytes(buffer.getvalue().encode(encoding))
        return path

    return write


@pytest.fixture
def codebook():
    """A small CODEBOOK frame with a reworded question."""
    import pandas as pd

    from model.frames import CODEBOOK, conform

    return conform(pd.DataFrame([
        {"question_id": "Q-PROUD", "wording": "I am proud to work here", "waves": "", "theme": "culture", "negative": False},
        {"question_id": "Q-VOICE", "wording": "My opinions count", "waves": "2023-01", "theme": "culture", "negative": False},
        {"question_id": "Q-VOICE", "wording": "I feel my opinions count.", "waves": "2024-01", "theme": "culture", "negative": False},
        {"question_id": "Q-BULLY", "wording": "I have experienced bullying", "waves": "", "theme": "culture", "negative": True},
    ]), CODEBOOK)

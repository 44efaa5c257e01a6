"""A one-sheet workbook read as Arrow text columns: fastexcel (Rust calamine) straight to Arrow.

The cell-grid reader (grid.py) makes a Python object of every cell, which for 20,000
respondents x 60 columns costs as much again as reading the file (issue 8). A layout of one
header row and one column per question can instead be loaded from text columns, each
classified in Arrow (column_profile.profile_arrow): its ``Layout.columnar`` loader. The
columns are read only where they cannot differ from the grid:

- an .xlsx or .xlsm with one worksheet (so it is visible) whose first cell is A1 (fastexcel drops
  leading empty rows and columns, and findings must name the row a user sees in Excel);
- detection looks at ``head``, the first rows as the grid gives them, through the same
  registry as the grid path, so a layout of higher precedence still claims its file.

A file it cannot read, for whatever reason, simply goes the grid way (``read_columns`` is None).
"""
from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass

import fastexcel
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from settings.file_formats import workbook_suffixes
from .grid import Sheet, rectangular
from .guards import Upload, sheet_parts

HEAD_ROWS = 20                         # rows offered to detection
FIRST_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]+[0-9]+)"[^>]*?(/>|>.*?</(?:\w+:)?c>)', re.S)
#: How fastexcel writes a cell that was not text (true/false, a date or time, a number in
#: exponent form): the grid path words these as Excel shows them, so such a file goes that way.
NOT_TEXT = re.compile(r"(?i:true|false)|\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)?|-?\d+(?:\.\d+)?[eE][+-]?\d+")
PROLOGUE_BYTES = 256 * 1024


@dataclass(frozen=True)
class Columns:
    """The one sheet of a workbook: every cell as text (``table``, row 0 = Excel row 1), and
    its first rows as a grid ``Sheet`` for detection."""
    table: pa.RecordBatch
    head: Sheet


def read_columns(upload: Upload) -> Columns | None:
    """The sheet of ``upload`` as text columns, or None when the grid reader must read it."""
    if upload.suffix not in workbook_suffixes() or not _starts_at_a1(upload):
        return None
    try:
        reader = fastexcel.read_excel(str(upload.path))
        table = reader.load_sheet(0, header_row=None, dtypes="string", eager=True)   # eager: a third faster
    except Exception:  # noqa: BLE001 - anything odd: the grid reader will say what is wrong
        return None
    return Columns(table, Sheet(name=reader.sheet_names[0], rows=_rows(table.slice(0, HEAD_ROWS)), container="xlsx"))


def _starts_at_a1(upload: Upload) -> bool:
    """One worksheet, whose first written cell is A1 and holds a value (read from the start of
    its XML): fastexcel starts at the first cell with a value, the grid at row 1."""
    if not upload.zipped:
        return False
    try:
        with zipfile.ZipFile(upload.path) as archive:
            parts = list(sheet_parts(archive).values())
            if len(parts) != 1:
                return False
            with archive.open(parts[0]) as xml:
                found = FIRST_CELL.search(xml.read(PROLOGUE_BYTES))
    except (zipfile.BadZipFile, OSError, KeyError):
        return False
    return found is not None and found.group(1) == b"A1" and (b"<v>" in found.group(2) or b"<is>" in found.group(2))


def _rows(table: pa.RecordBatch) -> list[list[object]]:
    """A few rows as the grid reader gives them (empty cells '')."""
    return rectangular([list(row) for row in zip(*(c.to_pylist() for c in table.columns))])


def not_text(texts) -> bool:
    """Whether any of these cell texts is how fastexcel writes a cell that was not text."""
    return any(NOT_TEXT.fullmatch(text) for text in texts)


def _filled(column: pa.Array) -> np.ndarray:
    text = pc.utf8_trim_whitespace(column.cast(pa.string()))
    return pc.fill_null(pc.greater(pc.utf8_length(text), 0), False).to_numpy(zero_copy_only=False)


def non_blank_rows(data: pa.RecordBatch, id_column: int) -> np.ndarray:
    """Positions of the rows with at least one non-blank cell (a row with an ID has one:
    the other columns are looked at only for rows without)."""
    filled = _filled(data.column(id_column))
    if not filled.all():
        for column in data.columns:
            filled |= _filled(column)
    return np.flatnonzero(filled)

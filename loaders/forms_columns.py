"""Microsoft Forms exports read column by column: fastexcel (Rust calamine) straight to Arrow.

The cell-grid reader (grid.py) makes a Python object of every cell, which for 20,000
respondents x 60 columns costs as much again as reading the file (issue 8). A Forms
export is one header row and one column per question, so it can be read as text columns
and each column classified in Arrow (column_profile.profile_arrow). This path is taken
only where it cannot differ from the grid path, and returns None otherwise:

- an .xlsx or .xlsm with one worksheet (so it is visible) whose first cell is A1 (fastexcel drops
  leading empty rows and columns, and findings must name the row a user sees in Excel);
- the head rows are detected as Microsoft Forms by the same registry as the grid path,
  so a layout registered earlier would still claim its file.

A file it cannot read, for whatever reason, simply goes the grid way.
"""
from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Callable

import fastexcel
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from . import forms
from model.text import PLAIN
from .dates import parse_date
from settings.file_formats import workbook_suffixes
from .grid import ZIP_MAGIC, Sheet, rectangular
from .guards import sheet_parts
from .report import LoadResult
from .survey_common import Column, SurveyRows, build_survey, respondent_id

HEAD_ROWS = 20                         # rows offered to detection
FIRST_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]+[0-9]+)"[^>]*?(/>|>.*?</(?:\w+:)?c>)', re.S)
#: How fastexcel writes a cell that was not text (true/false, a date or time, a number in
#: exponent form): the grid path words these as Excel shows them, so such a file goes that way.
NOT_TEXT = re.compile(r"(?i:true|false)|\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)?|-?\d+(?:\.\d+)?[eE][+-]?\d+")
PROLOGUE_BYTES = 256 * 1024


def load_forms_columns(path: Path, kind: str | None, detect: Callable, options: Callable[[object], dict]
                       ) -> LoadResult | None:
    """The Forms export at ``path`` loaded from Arrow columns, or None when the grid path must
    read it. ``detect(sheets, kind)`` is the registry's; ``options(layout)`` the load options."""
    if kind not in (None, "survey") or path.suffix.lower() not in workbook_suffixes() or not _starts_at_a1(path):
        return None
    try:
        reader = fastexcel.read_excel(str(path))
        table = reader.load_sheet(0, header_row=None, dtypes="string", eager=True)   # eager: a third faster
    except Exception:  # noqa: BLE001 - anything odd: the grid reader will say what is wrong
        return None
    head = Sheet(name=reader.sheet_names[0], rows=_rows(table.slice(0, HEAD_ROWS)), container="xlsx")
    found = detect([head], kind)
    if found is None or found[0].name != forms.FORMAT:
        return None
    try:
        return _load(table, head, **options(found[0]))
    except Exception:  # noqa: BLE001 - refused or odd: the grid path decides, in its own words
        return None


def _starts_at_a1(path: Path) -> bool:
    """One worksheet, whose first written cell is A1 and holds a value (read from the start of
    its XML): fastexcel starts at the first cell with a value, the grid at row 1."""
    with path.open("rb") as handle:
        if not handle.read(4).startswith(ZIP_MAGIC):
            return False
    try:
        with zipfile.ZipFile(path) as archive:
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


def _load(table: pa.RecordBatch, head: Sheet, *, codebook=None, audience=None, wave=None, wave_date=None) -> LoadResult:
    """forms.load_forms_export, from columns: the same rows, respondents and Column objects.
    Raises _NotPlainText when a question column holds a cell that was not text in Excel."""
    top = forms.find_forms_header(head)
    header = forms.forms_header(head.rows[top])
    data = table.slice(top + 1)
    kept = _non_blank_rows(data, header.id_column)
    if len(kept) < data.num_rows:
        data = data.take(pa.array(kept))
    excel_rows = (kept + top + 1 + 1).tolist()            # table row 0 is Excel row 1
    columns = [Column(index=c, header=h, wording=h, cells=data.column(c), rows=excel_rows) for c, h in header.questions]
    if any(NOT_TEXT.fullmatch(text) for column in columns for text in column.profile.texts):
        raise _NotPlainText()
    rows = SurveyRows(respondents=_respondents(data.column(header.id_column), excel_rows),
                      completed=_completed(data.column(header.completed_column), wave_date), sheet=head.name)
    return build_survey(rows, columns, format=f"{forms.FORMAT}-xlsx", audience=audience or "staff",
                        wave=wave, wave_date=wave_date, codebook=codebook)


class _NotPlainText(Exception):
    """A true/false, date, time or exponent number read as text: the grid path words it as Excel shows it."""


def _filled(column: pa.Array) -> np.ndarray:
    text = pc.utf8_trim_whitespace(column.cast(pa.string()))
    return pc.fill_null(pc.greater(pc.utf8_length(text), 0), False).to_numpy(zero_copy_only=False)


def _non_blank_rows(data: pa.RecordBatch, id_column: int) -> np.ndarray:
    """Positions of the rows with at least one non-blank cell (a row with an ID has one:
    the other columns are looked at only for rows without)."""
    filled = _filled(data.column(id_column))
    if not filled.all():
        for column in data.columns:
            filled |= _filled(column)
    return np.flatnonzero(filled)


def _respondents(ids: pa.Array, excel_rows: list[int]) -> list[str]:
    """respondent_id of each row: the ID as one line, else ``row-<n>``. An ID that is plain
    text already (cells.PLAIN, nearly all) is its own one-line form and is kept as read."""
    return [v if v and PLAIN.match(v) else respondent_id(v, n) for v, n in zip(ids.to_pylist(), excel_rows)]


def _completed(column: pa.ChunkedArray | pa.Array, wave_date: object) -> list:
    """Completion times, needed only when no wave date is given (parsed once per distinct text)."""
    if wave_date not in (None, "") and parse_date(wave_date) is not None:
        return []
    encoded = pc.dictionary_encode(column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column)
    parsed = [parse_date(v, dayfirst=False, keep_time=True) for v in encoded.dictionary.to_pylist()]
    return [None if code is None else parsed[code] for code in encoded.indices.to_pylist()]

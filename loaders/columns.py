"""A one-sheet workbook or a text table read as Arrow text columns (Rust readers straight to Arrow).

The cell-grid reader (grid.py) makes a Python object of every cell, which for 20,000
respondents x 60 columns costs as much again as reading the file (issue 8). A layout of one
header row and one column per question can instead be loaded from text columns, each
classified in Arrow (column_profile.profile_arrow): its ``Layout.columnar`` loader. The
columns are read only where they cannot differ from the grid:

- an .xlsx or .xlsm with one worksheet (so it is visible) whose first cell is A1 (fastexcel drops
  leading empty rows and columns, and findings must name the row a user sees in Excel);
- a UTF-8 text table (CSV/TSV, with or without a BOM) that Arrow's CSV reader parses into
  as many columns on every record as its first rows have (pyarrow.csv: each record is the
  row the grid would number; a ragged row, a blank line or another encoding goes the grid way);
- detection looks at ``head``, the first rows as the grid gives them, through the same
  registry as the grid path, so a layout of higher precedence still claims its file.

A file it cannot read, for whatever reason, simply goes the grid way (``read_columns`` is None).
"""
from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from dataclasses import dataclass

import fastexcel
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from pyarrow import csv as arrow_csv

from settings.file_formats import workbook_suffixes
from model.text import HTML_TAGS, INVISIBLE
from .dates import parse_date
from .grid import SNIFF_BYTES, Sheet, rectangular, sniff_delimiter
from .guards import Upload, sheet_parts
from .survey_common import respondent_id

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
    if upload.container == "text":
        return _read_text_columns(upload)
    if upload.suffix not in workbook_suffixes() or not _starts_at_a1(upload):
        return None
    try:
        reader = fastexcel.read_excel(str(upload.path))
        table = reader.load_sheet(0, header_row=None, dtypes="string", eager=True)   # eager: a third faster
    except Exception:  # noqa: BLE001 - anything odd: the grid reader will say what is wrong
        return None
    return Columns(table, Sheet(name=reader.sheet_names[0], rows=_rows(table.slice(0, HEAD_ROWS)), container="xlsx"))


def _read_text_columns(upload: Upload) -> Columns | None:
    """A UTF-8 text table as string columns, every record as wide as its first rows' widest."""
    with upload.path.open("rb") as handle:
        prefix = handle.read(SNIFF_BYTES)
    if prefix.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or prefix.count(b"\x00") > len(prefix) // 4:
        return None
    sample = prefix.removeprefix(codecs.BOM_UTF8).decode("utf-8", errors="replace")
    delimiter = sniff_delimiter(sample, upload.suffix)
    lines = sample.splitlines()[:HEAD_ROWS]
    width = max((len(r) for r in csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)), default=0)
    if width == 0:
        return None
    names = [f"c{i}" for i in range(width)]
    try:
        table = arrow_csv.read_csv(
            upload.path,
            read_options=arrow_csv.ReadOptions(column_names=names),
            parse_options=arrow_csv.ParseOptions(delimiter=delimiter, newlines_in_values=True, ignore_empty_lines=False),
            convert_options=arrow_csv.ConvertOptions(column_types=dict.fromkeys(names, pa.string()),
                                                     strings_can_be_null=False, quoted_strings_can_be_null=False))
    except (pa.ArrowInvalid, OSError):   # ragged, a blank line, not UTF-8: the grid reads it, in its words
        return None
    batch = table.combine_chunks().to_batches()[0] if table.num_rows else None
    if batch is None:
        return None
    container = "tsv" if delimiter == "\t" else "csv"
    return Columns(batch, Sheet(name=upload.path.stem, rows=_rows(batch.slice(0, HEAD_ROWS)), container=container))


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


class NotPlainText(Exception):
    """A true/false, date, time or exponent number read as text: the grid words it as Excel shows it."""


def not_text(texts) -> bool:
    """Whether any of these cell texts is how fastexcel writes a cell that was not text."""
    return any(NOT_TEXT.fullmatch(text) for text in texts)


#: What one_line takes out of a cell before asking whether it is blank (model.text).
_UNSEEN = "(?i)[" + "".join(INVISIBLE).replace("\x00", "\\x00") + "\u00a0\u202f\u2007]|" + HTML_TAGS.pattern


def _filled(column: pa.Array) -> np.ndarray:
    """Whether each cell holds text a reader can see (as ``one_line(cell) != ''``)."""
    text = pc.utf8_trim_whitespace(pc.replace_substring_regex(column.cast(pa.string()), _UNSEEN, ""))
    return pc.fill_null(pc.greater(pc.utf8_length(text), 0), False).to_numpy(zero_copy_only=False)


def non_blank_rows(data: pa.RecordBatch, id_column: int) -> np.ndarray:
    """Positions of the rows with at least one non-blank cell (a row with an ID has one:
    the other columns are looked at only for rows without)."""
    filled = _filled(data.column(id_column))
    if not filled.all():
        for column in data.columns:
            filled |= _filled(column)
    return np.flatnonzero(filled)


#: model.text.PLAIN in RE2 (Arrow's regex engine has no lookahead): the same texts.
PLAIN_ARROW = r"^(?:[!-;=?-~]+(?: [!-;=?-~]+)*)$"


def column_respondents(ids: pa.Array | None, excel_rows: list[int]) -> pa.Array:
    """survey_common.respondent_id of each row, as an Arrow string array: the ID as one line,
    else ``row-<n>`` (every row's, when there is no ID column). An ID that is plain text
    already (model.text.PLAIN, nearly all) is its own one-line form: only the others are
    worked out one by one."""
    if ids is None:
        return pc.binary_join_element_wise("row-", pa.array(excel_rows).cast(pa.string()), "")
    ids = ids.combine_chunks() if isinstance(ids, pa.ChunkedArray) else ids
    plain = pc.fill_null(pc.match_substring_regex(ids, PLAIN_ARROW), False).to_numpy(zero_copy_only=False)
    if plain.all():
        return ids.cast(pa.string())
    texts = ids.to_pylist()
    for i in np.flatnonzero(~plain):
        texts[i] = respondent_id(texts[i], excel_rows[i])
    return pa.array(texts, type=pa.string())


def column_completed(column: pa.Array | None, wave_date: object, *, dayfirst: bool = True) -> list:
    """Completion times, needed only when no wave date is given (parsed once per distinct text)."""
    if column is None or (wave_date not in (None, "") and parse_date(wave_date) is not None):
        return []
    encoded = pc.dictionary_encode(column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column)
    parsed = [parse_date(v, dayfirst=dayfirst, keep_time=True) for v in encoded.dictionary.to_pylist()]
    return [None if code is None else parsed[code] for code in encoded.indices.to_pylist()]

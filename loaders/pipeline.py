"""Load one file: a pipeline read top to bottom, each stage taking the previous one's output.

1. guard the file: a hostile, broken or unaccepted file is refused before any parsing
   (guards.check_file); what passes is an ``Upload`` carrying its warnings;
2. read it: as Arrow columns where a layout of the wanted kind has a columnar loader and
   the file allows it (columns.read_columns), else as sheets (grid.read_workbook);
3. detect the layout and its sheet (registry.detect, in the order config/layouts.toml gives);
4. load it with that layout into its canonical frame: a ``LoadResult``, and the warnings
   about sheets that were not read. A columnar loader that cannot be sure answers None, and
   the file is then read, detected and loaded as sheets;
5. guard the result (dates in the future), the file's warnings put first; a survey's
   comments get their ids from the file's hash and their place in it (loaders/free_text.py).

A file no layout claims is refused with the layouts that were expected. A caller may pass
``progress``, told each step as it starts with what was found so far ("Found a Microsoft
Forms export on sheet 'Sheet1'"), so a page can show long work as it happens.
"""
from __future__ import annotations

import gc
import hashlib
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, NamedTuple

from . import guards
from .codebook import load_codebook
from .columns import read_columns
from .free_text import stamp_ids
from .grid import Workbook, read_workbook
from .guards import Upload
from .layout import KINDS, Layout
from .registry import Found, detect, layouts, not_recognised
from .report import FileRejected, Finding, LoadResult, canonical_dates
from settings.config import load_settings

CODEBOOK_NAME = "codebook.csv"


class Loaded(NamedTuple):
    result: LoadResult
    ignored: list[Finding]                     # sheets with data that were not read


Progress = Callable[[str], None]


def load_file(path: str | Path, kind: str | None = None, progress: Progress | None = None,
              **metadata) -> LoadResult:
    """Detect the file's kind and layout and load it into its canonical frame.

    ``metadata`` carries what the user or manifest says: audience, wave, wave_date,
    snapshot_date, codebook (a CODEBOOK frame). Unknown keys are ignored.
    """
    step = progress or (lambda said: None)
    with _gc_paused():
        step("Checking the file is a safe, readable spreadsheet")
        upload = guard_file(path, kind)                                  # 1. guard the file
        with ThreadPoolExecutor(max_workers=1) as pool:                   #    formulas without values: a warning,
            formulas = pool.submit(guards.workbook_formulas, upload)      #    looked for while the file is read
            step("Reading its rows")
            loaded = load_columns(upload, kind, metadata, step)           # 2-4. as Arrow columns, where that is sure
            if loaded is None:
                book = read_sheets(upload)                                # 2. read
                step(f"Read {len(book.sheets)} sheet{'s' if len(book.sheets) != 1 else ''}; finding its layout")
                found = detect_sheet(book, kind, upload)                  # 3. detect
                step(f"Found a {found.layout.description} on sheet '{found.sheet.name}' "
                     f"({len(found.sheet.rows):,} rows); counting")
                loaded = load_sheet(found, book, options(found.layout, upload, metadata))   # 4. load
            step(f"Counted {loaded.result.records:,} records; checking the result")
            return guard_result(loaded, upload, formulas.result())        # 5. guard the result


def guard_file(path: str | Path, kind: str | None) -> Upload:
    """A known kind, and a file that is neither hostile nor broken."""
    if kind is not None and kind not in KINDS:
        raise FileRejected([Finding(f"Unknown kind {kind!r}; expected one of {', '.join(KINDS)}.")])
    return guards.check_file(path)


def load_columns(upload: Upload, kind: str | None, metadata: dict,
                 step: Progress = lambda said: None) -> Loaded | None:
    """Read, detect and load as Arrow columns; None when the sheets must decide."""
    if not any(l.columnar for l in layouts() if kind in (None, l.kind)):
        return None
    columns = read_columns(upload)
    found = columns and detect([columns.head], kind)
    if not found or found.layout.columnar is None:
        return None
    step(f"Found a {found.layout.description} on sheet '{columns.head.name}' "
         f"({columns.table.num_rows:,} rows); counting")
    result = found.layout.columnar(columns, **options(found.layout, upload, metadata))
    return None if result is None else Loaded(result, [])


def read_sheets(upload: Upload) -> Workbook:
    """Every sheet, visible ones first; a file whose every sheet is blank is refused."""
    book = read_workbook(upload.path)
    guards.check_not_empty(book.sheets)
    return book


def detect_sheet(book: Workbook, kind: str | None, upload: Upload) -> Found:
    """The layout and the sheet it claims; a file no layout claims is refused, with what the
    file guard already noticed (a text file with a workbook's name)."""
    found = detect(book.sheets, kind)
    if found is None:
        raise FileRejected([Finding(not_recognised(book.sheets, kind)), *upload.warnings], kind=kind)
    return found


def load_sheet(found: Found, book: Workbook, options: dict) -> Loaded:
    """The layout's load of its sheet (or of every sheet it matches), and the sheets left unread."""
    layout, sheet = found
    target = [s for s in book.sheets if s.rows and layout.matches(s)] if layout.every_sheet else sheet
    try:
        result = layout.load(target, **options)
    except FileRejected:
        raise
    except Exception as exc:  # a layout that matched but could not be read: say so plainly
        raise FileRejected([Finding(f"Could not read this {layout.description}: "
                                    f"{type(exc).__name__}: {exc}", sheet=sheet.name)],
                           kind=layout.kind, format=layout.name) from exc
    used = {s.name for s in (target if isinstance(target, list) else [target])}
    return Loaded(result, guards.check_workbook(book.sheets, used))


def guard_result(loaded: Loaded, upload: Upload, formulas: list[Finding]) -> LoadResult:
    """The result with every warning, the file's first, and the dates in the future."""
    result = loaded.result
    result.warnings = (upload.warnings + formulas + loaded.ignored + result.warnings
                       + guards.check_result(canonical_dates(result)))
    if result.comments is not None:
        result.comments = stamp_ids(result.comments, file_hash(upload.path))
    return result


def file_hash(path: Path) -> str:
    """The file's sha256, as the store names its upload (store.entry.content_hash)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def options(layout: Layout, upload: Upload, metadata: dict) -> dict:
    """What the layout's loader is given: the metadata it accepts, and a codebook."""
    given = {k: v for k, v in metadata.items() if k in layout.options and not _blank(v)}
    if "codebook" in layout.options and given.get("codebook") is None:
        given["codebook"] = default_codebook(upload.path)
    return given


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def default_codebook(path: Path):
    """codebook.csv beside the file or up to two folders above it, else in the data folder."""
    folders = [path.resolve().parent, *list(path.resolve().parents)[1:3], load_settings().data_dir]
    for folder in folders:
        candidate = folder / CODEBOOK_NAME
        if candidate.is_file():
            return load_codebook(candidate)
    return None


@contextmanager
def _gc_paused():
    """Pause the cyclic garbage collector while a sheet is read: a 100,000-row export is
    millions of cell objects with no cycles, and each collection would walk them all
    (measured: a third of the load time). Reference counting still frees everything."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

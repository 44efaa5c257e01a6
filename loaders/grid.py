"""Read any uploaded file as sheets of raw cell values, with Excel row numbers.

Every loader works on a ``Sheet``: a rectangular grid of cell values whose row 0 is
Excel row 1, so findings can name the row a user sees. Workbooks (xlsx, xlsm, xls, ods)
are read with python-calamine, which is fast and gives a merged range's value in its
top-left cell only (an OpenDocument sheet's repeated rows and columns come out one by one,
so its row numbers are the ones LibreOffice shows). Text tables (csv, tsv) are read with
the csv module after sniffing the encoding (BOM, UTF-16, UTF-8, else cp1252) and the
delimiter. The container is recognised from the file's first bytes and, for a zip, its
directory (``zip_container``), so a workbook renamed ``.csv`` or an OpenDocument
spreadsheet named ``.xlsx`` still opens.
"""
from __future__ import annotations

import codecs
import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import python_calamine as calamine

from settings.file_formats import container as container_of, opendocument_mimes
from .report import Finding, FileRejected

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
SNIFF_BYTES = 64 * 1024
MIMETYPE_PART, MIMETYPE_BYTES = "mimetype", 256     # an OpenDocument zip says what it holds here
#: The container of a zip (config/file_formats.toml) -> the container a Sheet says it was read from.
SHEET_CONTAINERS = {"workbook": "xlsx", "opendocument": "ods"}


@dataclass
class Sheet:
    """One sheet (or a whole text file) as a grid of cell values."""

    name: str
    rows: list[list[object]]          # rows[0] is Excel row 1; all rows the same width
    container: str = "xlsx"           # xlsx | xls | ods | csv | tsv
    visible: bool = True
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0

    def row(self, index: int) -> list[object]:
        """Row by 0-based index, empty cells when past the end."""
        return self.rows[index] if 0 <= index < len(self.rows) else [""] * self.width

    @staticmethod
    def excel_row(index: int) -> int:
        """The Excel row number (1-based) of 0-based row ``index``."""
        return index + 1


@dataclass
class Workbook:
    """All sheets of a file, visible sheets first."""

    path: Path
    container: str
    sheets: list[Sheet]


def read_workbook(path: str | Path) -> Workbook:
    """Read ``path`` as sheets; raises FileRejected when it cannot be opened at all."""
    path = Path(path)
    if not path.is_file():
        raise FileRejected([Finding(f"File not found: {path}")])
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(OLE_MAGIC):
        container, sheets = "xls", _read_calamine(path, "xls")
    elif head.startswith(ZIP_MAGIC):
        found = _zip_container(path)
        container = SHEET_CONTAINERS.get(found, "xlsx")
        sheets = _read_calamine(path, container, by_name=container_of(path.suffix) == found)
    else:
        sheet = read_text_table(path)
        container, sheets = sheet.container, [sheet]
    sheets.sort(key=lambda s: not s.visible)
    return Workbook(path=path, container=container, sheets=sheets)


def zip_container(archive: zipfile.ZipFile) -> str | None:
    """What a zip holds, from its directory and at most MIMETYPE_BYTES of its mimetype part:
    "workbook" (Office Open XML: [Content_Types].xml and xl/workbook), "opendocument" (an
    accepted OpenDocument type, config/file_formats.toml), or None (any other zip)."""
    names = archive.NameToInfo
    if "[Content_Types].xml" in names and any(n.startswith("xl/workbook") for n in names):
        return "workbook"
    return "opendocument" if opendocument_mime(archive) in opendocument_mimes() else None


def opendocument_mime(archive: zipfile.ZipFile) -> str | None:
    """The type an OpenDocument zip says it holds ("application/vnd.oasis.opendocument.text"),
    or None for a zip without a mimetype part."""
    if MIMETYPE_PART not in archive.NameToInfo:
        return None
    try:
        with archive.open(MIMETYPE_PART) as part:
            return part.read(MIMETYPE_BYTES).decode("ascii", errors="replace").strip()
    except Exception:  # noqa: BLE001 - an encrypted or damaged part: not an OpenDocument file we read
        return None


def _zip_container(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as archive:
            return zip_container(archive)
    except (zipfile.BadZipFile, OSError):
        return None       # calamine says what is wrong with it


def _read_calamine(path: Path, container: str, by_name: bool = True) -> list[Sheet]:
    """Every worksheet; ``by_name`` False (a workbook named as another type) lets calamine
    tell the format from the bytes instead of the file name."""
    try:
        if by_name:
            book = calamine.CalamineWorkbook.from_path(str(path))
        else:
            with path.open("rb") as handle:
                book = calamine.CalamineWorkbook.from_filelike(handle)
    except Exception as exc:  # corrupt zip, password-protected, not a workbook
        raise FileRejected([Finding(f"Cannot open the workbook: {exc}. Save it again from Excel as .xlsx.")])
    sheets = []
    try:
        for meta in book.sheets_metadata:
            if str(meta.typ) != "SheetTypeEnum.WorkSheet":
                continue
            raw = book.get_sheet_by_name(meta.name)
            rows = raw.to_python(skip_empty_area=False)
            sheets.append(Sheet(
                name=meta.name,
                rows=rectangular(rows),
                container=container,
                visible=str(meta.visible) == "SheetVisibleEnum.Visible",
                merged=list(raw.merged_cell_ranges or []),
            ))
    finally:
        book.close()
    return sheets


def rectangular(rows: list[list[object]]) -> list[list[object]]:
    width = max((len(r) for r in rows), default=0)
    if all(len(r) == width and None not in r for r in rows):
        return rows        # already rectangular with no None (a calamine range): no copy
    return [[("" if v is None else v) for v in r] + [""] * (width - len(r)) for r in rows]


def read_text_table(path: str | Path) -> Sheet:
    """Read a csv/tsv file as one sheet of strings, sniffing encoding and delimiter."""
    path = Path(path)
    data = path.read_bytes()
    text = decode_text(data)
    delimiter = sniff_delimiter(text[:SNIFF_BYTES], path.suffix.lower())
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    container = "tsv" if delimiter == "\t" else "csv"
    return Sheet(name=path.stem, rows=rectangular(rows), container=container)


def decode_text(data: bytes) -> str:
    """Decode bytes from a UK council export: BOMs, UTF-16, UTF-8, else cp1252."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    sample = data[:SNIFF_BYTES]
    if sample and sample.count(b"\x00") > len(sample) // 4:
        encoding = "utf-16-le" if sample[1:2] == b"\x00" else "utf-16-be"
        return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def sniff_delimiter(sample: str, suffix: str = "") -> str:
    """The delimiter of a text table: the candidate giving the most columns, consistently.

    Each candidate (tab , ; |) parses the first lines with the csv module; a candidate
    whose rows mostly share one width above 1, give or take one (a row with a trailing extra
    field, as Redmine's import files have), scores that width. Ties go to the extension's
    own delimiter (tab for .tsv), then to the comma.
    """
    lines = sample.splitlines()[:30]
    if len(lines) > 1 and len(sample) >= SNIFF_BYTES:
        lines = lines[:-1]  # the last line may be cut mid-record
    preferred = "\t" if suffix in (".tsv", ".tab") else ","
    best, best_score = preferred, 1
    for delimiter in (preferred, ",", "\t", ";", "|"):
        widths = [len(r) for r in csv.reader(lines, delimiter=delimiter) if any(c.strip() for c in r)]
        if not widths:
            continue
        common = max(set(widths), key=widths.count)
        near = sum(abs(w - common) <= 1 for w in widths)
        if near >= 0.8 * len(widths) and common > best_score:
            best, best_score = delimiter, common
    return best

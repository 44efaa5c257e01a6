"""Hostile and broken files, refused before any parsing, with a message saying how to fix it.

``check_file(path)`` looks only at bytes and at the zip directory, never unpacking a
workbook: empty or oversized files, zip bombs (entry count, total uncompressed size,
compression ratio, as the zip directory declares them), XML entity declarations
(<!DOCTYPE / <!ENTITY, the billion-laughs and external-entity attacks), password-protected
workbooks (an OLE container holding ``EncryptedPackage``, an OpenDocument manifest listing
``encryption-data``, a zip whose parts are encrypted), legacy .xls, binaries that are not
spreadsheets, and a content that does not match the extension. An Excel workbook and an
OpenDocument spreadsheet (.ods) are both zips and pass the same zip checks; which one a
zip is comes from its directory (``grid.zip_container``), never from its name. It raises
``FileRejected`` or returns the ``Upload`` the later stages take, with its warnings (and
what its type always says: the macros of an .xlsm).
``workbook_formulas`` (formulas with no saved value: the one check that reads whole
sheets, run while the file is read), ``check_workbook`` and ``check_result`` add warnings
(hidden sheets, dates in the future).
Limits are data: ``[upload]`` in config/settings.toml.
"""
from __future__ import annotations

import re
import tomllib
import zipfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path, PurePosixPath

import pandas as pd
from defusedxml import ElementTree as SafeET

from settings.file_formats import ZIPPED, container, container_suffix, type_warning, words, zipped_suffixes
from .grid import decode_text, opendocument_mime, zip_container
from .report import FileRejected, Finding
from settings.config import CONFIG_DIR

ZIP_MAGIC, OLE_MAGIC = b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
XML_HEAD = 4096            # a DOCTYPE must come before the root element
BINARY_SIGNATURES = {b"%PDF": "a PDF", b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image",
                     b"GIF8": "a GIF image", b"\x1f\x8b": "a gzip archive", b"Rar!": "a RAR archive",
                     b"7z\xbc\xaf": "a 7-Zip archive", b"{\\rtf": "an RTF document"}
FIX_SAVE = "Open it in Excel and use File > Save As > Excel Workbook (.xlsx), then upload that."
ODF_MANIFEST, ODF_ENCRYPTED = "META-INF/manifest.xml", b"encryption-data"   # an encrypted part's manifest entry
OTHER_ZIPS = {"word/document.xml": "a Word document", "ppt/presentation.xml": "a PowerPoint file"}


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_entries: int
    max_uncompressed: int
    max_ratio: float
    future_grace_days: int


def load_limits(path: Path = CONFIG_DIR / "settings.toml") -> Limits:
    raw = tomllib.loads(path.read_text(encoding="utf-8")).get("upload", {})
    mb = 1024 * 1024
    return Limits(int(float(raw.get("max_file_mb", 25)) * mb), int(raw.get("max_zip_entries", 2000)),
                  int(float(raw.get("max_uncompressed_mb", 300)) * mb),
                  float(raw.get("max_compression_ratio", 200)), int(raw.get("future_grace_days", 1)))


def reject(message: str, **where) -> FileRejected:
    return FileRejected([Finding(message, **where)])


@dataclass(frozen=True)
class Upload:
    """A file the guards let through, as the later stages take it: where it is, its container
    whatever its name ("workbook", "opendocument" or "text", config/file_formats.toml), and
    what the guards warn about it."""
    path: Path
    container: str
    warnings: list[Finding]

    @property
    def suffix(self) -> str:
        return self.path.suffix.lower()

    @property
    def zipped(self) -> bool:
        return self.container in ZIPPED


def check_file(path: str | Path, limits: Limits | None = None) -> Upload:
    """Refuse a file that is empty, too big, hostile or not a spreadsheet; its Upload otherwise."""
    path, limits = Path(path), limits or load_limits()
    if not path.is_file():
        raise reject(f"File not found: {path.name}.")
    size = path.stat().st_size
    if size == 0:
        raise reject("The file is empty (0 bytes). Export the spreadsheet again and upload the new file.")
    if size > limits.max_bytes:
        raise reject(f"The file is {size / 2**20:.1f} MB; the limit is {limits.max_bytes / 2**20:.0f} MB. "
                     "Remove unused sheets or columns, or split it, and upload again.")
    with path.open("rb") as handle:
        head = handle.read(8)
    suffix = path.suffix.lower()
    if head.startswith(ZIP_MAGIC):
        found = check_zip(path, limits)
        return Upload(path, found, zip_warnings(path, found))
    if head.startswith(OLE_MAGIC[:4]):
        raise reject(_ole_message(path))
    for signature, what in BINARY_SIGNATURES.items():
        if head.startswith(signature):
            raise reject(f"This file is {what}, not a spreadsheet. Upload the .xlsx or .csv export instead.")
    return Upload(path, "text", check_text(path, suffix))


def _ole_message(path: Path) -> str:
    data = path.read_bytes()
    if ENCRYPTED in data:
        return ("This workbook is password-protected, so it cannot be read. In Excel open it, choose File > Info > "
                "Protect Workbook > Encrypt with Password, clear the password, save, and upload again.")
    return "This is a legacy Excel 97-2003 (.xls) file, which is not accepted. " + FIX_SAVE


def check_zip(path: Path, limits: Limits) -> str:
    """The zip directory's promises, what it holds, whether it is encrypted, then the XML
    prologues; nothing is decompressed in bulk. Its container: "workbook" or "opendocument"."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise reject(f"The workbook is damaged and cannot be opened ({exc}). " + FIX_SAVE)
    with archive:
        entries = archive.infolist()
        if len(entries) > limits.max_entries:
            raise reject(f"The workbook holds {len(entries)} parts (limit {limits.max_entries}); it looks like a "
                         "zip bomb, not a spreadsheet, and was not opened. " + FIX_SAVE)
        total = sum(e.file_size for e in entries)
        packed = sum(e.compress_size for e in entries) or 1
        worst = max((e.file_size / max(e.compress_size, 1) for e in entries), default=0)
        if total > limits.max_uncompressed:
            raise reject(f"The workbook would expand to {total / 2**20:,.0f} MB (limit "
                         f"{limits.max_uncompressed / 2**20:,.0f} MB); it was refused before opening, as a "
                         "possible zip bomb. Remove unused rows and sheets and save again.")
        if total > 1024 * 1024 and max(worst, total / packed) > limits.max_ratio:
            raise reject(f"The workbook compresses {max(worst, total / packed):,.0f} to 1 (limit "
                         f"{limits.max_ratio:,.0f}); it was refused before opening, as a possible zip bomb. "
                         + FIX_SAVE)
        if any(entry.flag_bits & 0x1 for entry in entries):
            raise reject("This file is password-protected (its zipped parts are encrypted), so it cannot be read. "
                         "Save it again without a password and upload that.")
        found = zip_container(archive)
        if found is None:
            raise reject(f"This file is {_what_zip(archive)}, not a spreadsheet. Upload the .xlsx, .ods or .csv "
                         "export instead.")
        if found == "opendocument":
            check_opendocument_password(archive)
        for entry in entries:
            if entry.filename.endswith((".xml", ".rels", ".vml")):
                with archive.open(entry) as part:
                    prologue = part.read(XML_HEAD)
                if b"<!DOCTYPE" in prologue.upper() or b"<!ENTITY" in prologue.upper():
                    raise reject(f"The workbook part '{entry.filename}' declares XML entities (<!DOCTYPE>/"
                                 "<!ENTITY>), which Excel never writes and attacks use; it was refused. " + FIX_SAVE)
        return found


def _what_zip(archive: zipfile.ZipFile) -> str:
    """What a zip that is not a spreadsheet holds, for the refusal."""
    names = archive.NameToInfo
    mimetype = opendocument_mime(archive) or ""
    if mimetype.startswith("application/vnd.oasis.opendocument."):
        return f"an OpenDocument {mimetype.rsplit('.', 1)[-1]} document"
    return next((what for part, what in OTHER_ZIPS.items() if part in names), "a zip archive")


def check_opendocument_password(archive: zipfile.ZipFile) -> None:
    """Refuse an OpenDocument spreadsheet saved with a password: its manifest lists the
    encryption-data of its parts (which are then not XML at all)."""
    if ODF_MANIFEST in archive.NameToInfo and _part_mentions(archive, ODF_MANIFEST, ODF_ENCRYPTED):
        raise reject("This spreadsheet is password-protected, so it cannot be read. In LibreOffice Calc open it, "
                     "choose File > Save As, untick 'Save with password', save, and upload again.")


def zip_warnings(path: Path, found: str) -> list[Finding]:
    """A zip spreadsheet named as another type (read as what it is), and what its type always
    says (config/file_formats.toml: the macros of an .xlsm)."""
    warnings = []
    if container(path.suffix) != found:
        right = container_suffix(found)
        warnings.append(Finding(f"This file is {words(right)} but is named '{path.name}'; it was read as "
                                f"a workbook. Rename it to end in {right}."))
    if said := type_warning(path.suffix):
        warnings.append(Finding(said))
    return warnings


def workbook_formulas(upload: Upload) -> list[Finding]:
    """formula_warnings of a workbook that check_file accepted; [] for a text file."""
    if not upload.zipped:
        return []
    with zipfile.ZipFile(upload.path) as archive:
        return formula_warnings(archive)


CELL = re.compile(rb'<c r="([A-Z]+)(\d+)"[^>]*?(?:/>|>(.*?)</c>)', re.S)


def formula_warnings(archive: zipfile.ZipFile, most: int = 20) -> list[Finding]:
    """Formula cells saved without a value (made by a script, never recalculated in Excel)."""
    findings: list[Finding] = []
    for name, sheet in sheet_parts(archive).items():
        if not _part_mentions(archive, sheet, b"<f"):
            continue
        for match in CELL.finditer(archive.read(sheet)):
            body = match.group(3) or b""
            if b"<f" in body and not re.search(rb"<v>[^<]", body):
                findings.append(Finding(
                    "This cell holds a formula with no saved result, so it reads as blank. Open the file in "
                    "Excel, let it recalculate, save, and upload again (or paste the values).",
                    sheet=name, row=int(match.group(2)), column=match.group(1).decode()))
                if len(findings) >= most:
                    return findings
    return findings


def _part_mentions(archive: zipfile.ZipFile, part: str, needle: bytes, chunk: int = 4 * 1024 * 1024) -> bool:
    """Whether a part holds ``needle`` at all (a sheet's ``<f`` tag), streamed in chunks (a
    100,000-row sheet is hundreds of MB of XML: only a sheet with formulas is read whole and
    searched cell by cell)."""
    tail = b""
    with archive.open(part) as handle:
        while block := handle.read(chunk):
            if needle in tail + block[:len(needle)] or needle in block:
                return True
            tail = block[-(len(needle) - 1):] if len(needle) > 1 else b""
    return False


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its XML part, from workbook.xml and its relationships (defusedxml)."""
    try:
        book = SafeET.fromstring(archive.read("xl/workbook.xml"))
        rels = SafeET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except Exception:  # noqa: BLE001 - an odd workbook: leave it to the reader to complain
        return {}
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    out = {}
    for sheet in book.iter():
        if sheet.tag.endswith("}sheet"):
            rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
            target = targets.get(rid, "")
            part = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
            if part in archive.NameToInfo:
                out[sheet.get("name", part)] = part
    return out


def check_text(path: Path, suffix: str) -> list[Finding]:
    """A text table: not binary, not blank; a workbook-named text file is read as text."""
    with path.open("rb") as handle:
        sample = handle.read(64 * 1024)
    utf16 = sample.startswith((b"\xff\xfe", b"\xfe\xff")) or sample.count(b"\x00") > len(sample) // 4
    control = sum(sample.count(bytes([b])) for b in (*range(0, 9), *range(14, 32)))
    if not utf16 and control > max(8, len(sample) // 20):
        raise reject("This file is not a spreadsheet or a text table (it holds binary data). "
                     "Upload the .xlsx or .csv export instead.")
    if not decode_text(sample).strip(" \t\r\n,;\ufeff"):
        raise reject("The file has no data (only blank lines or separators). Export it again with its rows.")
    if suffix in zipped_suffixes():
        return [Finding(f"'{path.name}' is a text (CSV) file, not {words(suffix)}; it was read as CSV. "
                        "Rename it to end in .csv.")]
    return []


def check_not_empty(sheets) -> None:
    """After reading, before detection: refuse a file whose every sheet is blank."""
    if not any(any(str(c).strip() for c in r) for s in sheets for r in s.rows):
        raise reject("Every sheet of this file is empty. Check you exported the sheet with the data.")


def check_workbook(sheets, used: set[str]) -> list[Finding]:
    """After loading: warn about hidden sheets with data that were not the one read."""
    return [Finding("This sheet is hidden and was ignored. Unhide it in Excel (right-click a sheet tab > Unhide) "
                    "if it holds the data.", sheet=s.name)
            for s in sheets if not s.visible and s.name not in used and any(any(str(c).strip() for c in r) for r in s.rows)]


DATE_COLUMNS = {"wave_date": "wave date", "snapshot_date": "snapshot date", "meeting_date": "meeting date"}


def check_result(frame: pd.DataFrame, limits: Limits | None = None, today: date | None = None) -> list[Finding]:
    """Dates later than today in the loaded frame (a typo in the year, usually)."""
    limits = limits or load_limits()
    cutoff = pd.Timestamp(today or date.today()) + timedelta(days=limits.future_grace_days)
    findings = []
    for column, label in DATE_COLUMNS.items():
        if column in frame and pd.api.types.is_datetime64_any_dtype(frame[column]):
            late = frame.loc[frame[column] > cutoff, column].drop_duplicates()
            findings += [Finding(f"The {label} {d:%d %b %Y} is in the future. Check the year; correct it and "
                                 "upload again if it is a typo.", column=label) for d in late]
    return findings

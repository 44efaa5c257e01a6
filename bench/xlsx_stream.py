"""A fast xlsx writer for large synthetic exports: raw sheet XML, shared strings, one pass.

openpyxl builds a cell object per value and takes minutes for 100,000 rows x 60 columns.
The benchmark only needs what Excel and Microsoft Forms write for a plain table: one
sheet, a shared-string table, real dates (Excel serial numbers with a date number format)
and numbers. Every cell carries its ``r`` reference, as Excel writes it. Entries are
stored with fixed dates, so the same rows always give the same bytes.
"""
from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
EXCEL_EPOCH = dt.datetime(1899, 12, 30)
DATETIME_STYLE, DATE_STYLE = 1, 2   # cellXfs indexes below: m/d/yy h:mm:ss and dd/mm/yyyy

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" \
ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" \
ContentType="application/xml"/><Override PartName="/xl/workbook.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override \
PartName="/xl/worksheets/sheet1.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override \
PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
<Override PartName="/xl/sharedStrings.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
Target="xl/workbook.xml"/></Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="{name}" \
sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
Target="worksheets/sheet1.xml"/><Relationship Id="rId2" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" \
Target="sharedStrings.xml"/></Relationships>"""
STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt \
numFmtId="164" formatCode="m/d/yy h:mm:ss"/><numFmt numFmtId="165" formatCode="dd/mm/yyyy"/></numFmts><fonts \
count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill \
patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" \
fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" \
borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf \
numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>"""
SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet '
              'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
SHEET_TAIL = "</sheetData></worksheet>"


def column_letters(count: int) -> list[str]:
    """Excel column letters A, B, ... for ``count`` columns."""
    out = []
    for index in range(count):
        letters, n = "", index + 1
        while n:
            n, rem = divmod(n - 1, 26)
            letters = chr(65 + rem) + letters
        out.append(letters)
    return out


def excel_serial(value: dt.datetime | dt.date) -> float:
    """An Excel serial date number (days since 1899-12-30, time as the fraction)."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    return (value - EXCEL_EPOCH).total_seconds() / 86400


class SharedStrings:
    """The workbook's shared-string table: each distinct text once, cells refer by index."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        found = self.index.get(text)
        if found is None:
            found = self.index[text] = len(self.index)
        return found

    def xml(self) -> bytes:
        items = "".join(f'<si><t xml:space="preserve">{escape(t)}</t></si>' for t in self.index)
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats'
                f'.org/spreadsheetml/2006/main" count="{len(self.index)}" uniqueCount="{len(self.index)}">'
                f"{items}</sst>").encode("utf-8")


def _cell(ref: str, value: object, strings: SharedStrings) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        return f'<c r="{ref}" t="s"><v>{strings(value)}</v></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, dt.datetime):
        return f'<c r="{ref}" s="{DATETIME_STYLE}"><v>{excel_serial(value):.8f}</v></c>'
    if isinstance(value, dt.date):
        return f'<c r="{ref}" s="{DATE_STYLE}"><v>{excel_serial(value):.0f}</v></c>'
    return f'<c r="{ref}"><v>{value}</v></c>'


def write_xlsx(path: str | Path, rows, sheet_name: str = "Sheet1", width: int | None = None) -> Path:
    """Write ``rows`` (an iterable of lists; None = empty cell) as a one-sheet xlsx at ``path``.

    The sheet XML is streamed into the zip row by row, so memory stays flat however many
    rows there are. ``width`` (default: the first row's length) sizes the column letters.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    strings = SharedStrings()
    rows = iter(rows)
    first = next(rows, [])
    letters = column_letters(max(width or 0, len(first), 1) + 64)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, text in (("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS),
                           ("xl/workbook.xml", WORKBOOK.format(name=escape(sheet_name))),
                           ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS), ("xl/styles.xml", STYLES)):
            archive.writestr(zipfile.ZipInfo(name, FIXED_ZIP_TIME), text, zipfile.ZIP_DEFLATED)
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml", FIXED_ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as sheet:
            sheet.write(SHEET_HEAD.encode())
            buffer: list[str] = []
            for number, row in enumerate(_chain(first, rows), start=1):
                cells = "".join(_cell(f"{letters[c]}{number}", v, strings) for c, v in enumerate(row))
                buffer.append(f'<row r="{number}">{cells}</row>')
                if len(buffer) >= 2000:
                    sheet.write("".join(buffer).encode("utf-8"))
                    buffer.clear()
            sheet.write(("".join(buffer) + SHEET_TAIL).encode("utf-8"))
        archive.writestr(zipfile.ZipInfo("xl/sharedStrings.xml", FIXED_ZIP_TIME), strings.xml(),
                         zipfile.ZIP_DEFLATED)
    return path


def _chain(first, rest):
    if first:
        yield first
    yield from rest

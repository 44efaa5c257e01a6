"""Reproducible xlsx bytes from an openpyxl workbook.

openpyxl stamps ``docProps/core.xml`` with the current time and every zip entry with the
time of writing. Here the document properties are fixed, the workbook is written through
openpyxl's ``ExcelWriter`` into memory, and the zip is rewritten with one fixed date, the
same entry order and the same compression, so the bytes depend only on the content.
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile

from openpyxl.workbook import Workbook
from openpyxl.writer.excel import ExcelWriter

FIXED_PROPERTY_TIME = dt.datetime(2024, 11, 1, 9, 0, 0)
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
AUTHOR = "Cambridgeshire and Peterborough Combined Authority"


def workbook_bytes(wb: Workbook) -> bytes:
    """Serialise ``wb`` to xlsx bytes that are identical on every run."""
    wb.properties.creator = AUTHOR
    wb.properties.lastModifiedBy = AUTHOR
    wb.properties.created = FIXED_PROPERTY_TIME
    wb.properties.modified = FIXED_PROPERTY_TIME
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()
    return normalise_zip(raw.getvalue())


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed entry dates and attributes, keeping entry order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0o600 << 16
            target.writestr(entry, source.read(info.filename), compresslevel=6)
    return out.getvalue()

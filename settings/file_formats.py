"""The files the dashboard reads, from config/file_formats.toml: the one table the upload
box, the file guards, the data folder scan, the readers and the downloads use, so that a
new file type is one entry there and nowhere else.

A type's ``container`` says how its bytes are laid out: an Office Open XML zip
(``workbook``), an OpenDocument zip (``opendocument``), a delimited ``text`` table or a
``legacy`` binary. Its ``original`` says who may download an uploaded original of it
(``everyone`` unless the table says ``officers``)."""
from __future__ import annotations

import tomllib
from functools import lru_cache

from settings.config import CONFIG_DIR

#: The containers that are zips of XML parts, and so pass the zip guards.
ZIPPED = ("workbook", "opendocument")


@lru_cache(maxsize=1)
def _formats() -> dict[str, dict]:
    return tomllib.loads((CONFIG_DIR / "file_formats.toml").read_text(encoding="utf-8"))


def _spec(suffix: str) -> dict:
    """The table's entry for ``suffix`` (".ods" or "ods", any case); {} for an unknown type."""
    return _formats().get(suffix.lstrip(".").lower(), {})


def accepted_suffixes() -> tuple[str, ...]:
    """".xlsx", ".xlsm", ".ods", ".csv", ".tsv": what an upload or the data folder may be."""
    return tuple(f".{ext}" for ext, spec in _formats().items() if spec["accepted"])


def folder_suffixes() -> tuple[str, ...]:
    """The accepted suffixes and those recognised only to be refused with the reason (.xls)."""
    return tuple(f".{ext}" for ext in _formats())


def workbook_suffixes() -> tuple[str, ...]:
    """The accepted suffixes of Office Open XML workbooks (.xlsx, .xlsm)."""
    return tuple(f".{ext}" for ext, spec in _formats().items() if spec["accepted"] and spec["container"] == "workbook")


def zipped_suffixes() -> tuple[str, ...]:
    """The accepted suffixes of every zip spreadsheet (.xlsx, .xlsm, .ods): the names a text
    file should not have, and a zip may have."""
    return tuple(f".{ext}" for ext, spec in _formats().items() if spec["accepted"] and spec["container"] in ZIPPED)


def container(suffix: str) -> str | None:
    """The container of a type (".ods" -> "opendocument"); None for a type the table lacks."""
    return _spec(suffix).get("container")


def container_suffix(name: str) -> str:
    """The first accepted suffix of a container ("opendocument" -> ".ods"): what a file of that
    container should be renamed to end in."""
    return next(f".{ext}" for ext, spec in _formats().items() if spec["accepted"] and spec["container"] == name)


def words(suffix: str) -> str:
    """What a file of this type is called in a message: ".ods" -> "an OpenDocument spreadsheet"."""
    return _spec(suffix).get("words", f"a {suffix.lstrip('.')} file")


def type_warning(suffix: str) -> str | None:
    """What is said about every workbook of this type (the macros of an .xlsm), or None."""
    return _spec(suffix).get("warning")


def opendocument_mimes() -> dict[str, str]:
    """The mimetype part of each accepted OpenDocument type -> its suffix: how an OpenDocument
    zip says what it holds ("application/vnd.oasis.opendocument.spreadsheet" -> ".ods")."""
    return {spec["mime"]: f".{ext}" for ext, spec in _formats().items()
            if spec["accepted"] and spec["container"] == "opendocument"}


def upload_types() -> list[str]:
    """The accepted types as the upload box takes them: "xlsx", "xlsm", "ods", "csv", "tsv"."""
    return [suffix[1:] for suffix in accepted_suffixes()]


def accepted_words() -> str:
    """".xlsx, .xlsm, .ods, .csv or .tsv", for a sentence."""
    suffixes = accepted_suffixes()
    return ", ".join(suffixes[:-1]) + f" or {suffixes[-1]}" if len(suffixes) > 1 else suffixes[0]


def mime(ext: str) -> str:
    """The MIME type a download of ``ext`` ("xlsx") is served as."""
    return _formats()[ext.lstrip(".")]["mime"]

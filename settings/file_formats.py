"""The files the dashboard reads, from config/file_formats.toml: the one table the upload
box, the file guards, the data folder scan, the columnar reader and the downloads use, so
that a new file type is one entry there and nowhere else."""
from __future__ import annotations

import tomllib
from functools import lru_cache

from settings.config import CONFIG_DIR


@lru_cache(maxsize=1)
def _formats() -> dict[str, dict]:
    return tomllib.loads((CONFIG_DIR / "file_formats.toml").read_text(encoding="utf-8"))


def accepted_suffixes() -> tuple[str, ...]:
    """".xlsx", ".xlsm", ".csv", ".tsv": what an upload or the data folder may be."""
    return tuple(f".{ext}" for ext, spec in _formats().items() if spec["accepted"])


def folder_suffixes() -> tuple[str, ...]:
    """The accepted suffixes and those recognised only to be refused with the reason (.xls)."""
    return tuple(f".{ext}" for ext in _formats())


def workbook_suffixes() -> tuple[str, ...]:
    """The accepted suffixes of Office Open XML workbooks (.xlsx, .xlsm)."""
    return tuple(f".{ext}" for ext, spec in _formats().items() if spec["accepted"] and spec["container"] == "workbook")


def upload_types() -> list[str]:
    """The accepted types as the upload box takes them: "xlsx", "xlsm", "csv", "tsv"."""
    return [suffix[1:] for suffix in accepted_suffixes()]


def accepted_words() -> str:
    """".xlsx, .xlsm, .csv or .tsv", for a sentence."""
    suffixes = accepted_suffixes()
    return ", ".join(suffixes[:-1]) + f" or {suffixes[-1]}" if len(suffixes) > 1 else suffixes[0]


def mime(ext: str) -> str:
    """The MIME type a download of ``ext`` ("xlsx") is served as."""
    return _formats()[ext.lstrip(".")]["mime"]

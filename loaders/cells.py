"""Spreadsheet cell machinery the loaders share: column letters, provisional id slugs and
finding columns by their header synonyms (the text normalisation is ``model.text``)."""
from __future__ import annotations

import re

from model.text import match_key, one_line


def column_letter(index: int) -> str:
    """Excel column letter of 0-based column ``index`` (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def slug(text: str, max_len: int = 32) -> str:
    """A short lower-case ascii slug of ``text`` for provisional ids."""
    words = re.findall(r"[a-z0-9]+", one_line(text).casefold())
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > max_len:
            break
        out = candidate
    return out or "blank"


def find_columns(header: list[object], synonyms: dict[str, list[str]]) -> dict[str, int]:
    """Map each field to the column whose header is one of its synonyms (earliest synonym wins).

    ``synonyms`` is field -> header spellings in priority order; a column is used once.
    """
    keys = [_header_key(h) for h in header]
    found: dict[str, int] = {}
    used: set[int] = set()
    for field, names in synonyms.items():
        for name in names:
            wanted = _header_key(name)
            hits = [i for i, k in enumerate(keys) if k == wanted and i not in used]
            if hits:
                found[field] = hits[0]
                used.add(hits[0])
                break
    return found


def _header_key(text: object) -> str:
    """A header's matching key, with ``_`` read as a space: exports written by programs
    name their columns ``due_date``, ``Task_Name``."""
    return match_key(str(text).replace("_", " ") if text is not None else text)

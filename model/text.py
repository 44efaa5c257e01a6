"""Cell values as text, and the text normalisation every package shares.

Exports carry NBSP, stray NULs, ``<br>`` in labels, curly quotes, numbers read as floats
(``7.0``) and headers that differ only in case, spacing or a trailing full stop. These
functions turn a raw cell into clean display text (``cell_text``) and into a matching key
(``match_key``), so loaders, vocabularies and the codebook compare like with like.
"""
from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from functools import lru_cache

import pandas as pd

_BR = re.compile(r"<\s*br\s*/?\s*>", re.IGNORECASE)
_TAGS = re.compile(r"</?(?:p|span|div|strong|b|i|em)\b[^>]*>", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
# Text needing no cleaning: printable ascii, single spaces, no tags, trimmed.
PLAIN = re.compile(r"^(?:[!-;=?-~](?: (?=[!-~]))?)*$")
_TRAILING = re.compile(r"[\s.?!:;,*]+$")
#: Invisible characters people and tools leave in cells: zero-width spaces and joiners,
#: the word joiner, soft hyphens, left-to-right / right-to-left marks and embeddings, the
#: byte-order mark, NUL. "Fin\u200bance" is the group "Finance".
INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\u200e", "\u200f", "\u061c",
             *(chr(c) for c in range(0x202A, 0x202F)), *(chr(c) for c in range(0x2066, 0x206A)), "\ufeff", "\x00")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                         "\u2013": "-", "\u2014": "-", "\u00a0": " ", "\u202f": " ", "\u2007": " ",
                         **dict.fromkeys(INVISIBLE, "")})

#: What ``clean_text`` removes or replaces that a reader cannot see: the invisible
#: characters, the no-break spaces, and HTML tags pasted in with the text.
_UNSEEN = frozenset(INVISIBLE) | {"\u00a0", "\u202f", "\u2007"}
HTML_TAGS = re.compile(r"<\s*/?\s*(?:br|p|span|div|strong|b|i|em)\b[^>]*>", re.IGNORECASE)


def hidden_marks(text: object) -> list[str]:
    """The names of what cleaning takes out of ``text`` that cannot be seen ("zero width
    space", "no-break space", "HTML tags"), for a warning; [] for text with none."""
    if not isinstance(text, str) or PLAIN.match(text):
        return []
    names = sorted({unicodedata.name(ch, "NUL").lower() for ch in set(text) & _UNSEEN})
    return names + (["HTML tags"] if HTML_TAGS.search(text) else [])


def cell_text(value: object) -> str:
    """A cell as clean one-line-per-paragraph text; '' for empty cells."""
    if value is None or value == "":
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ") if value.time() != dt.time() else value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return clean_text(str(value))


@lru_cache(maxsize=65536)
def clean_text(text: str) -> str:
    """Remove NUL/NBSP/zero-width characters and <br>; trim each line; keep line breaks."""
    if PLAIN.match(text):
        return text
    text = _TAGS.sub("", _BR.sub("\n", text.translate(_QUOTES)))
    lines = [_SPACE.sub(" ", line).strip() for line in text.replace("\r", "\n").split("\n")]
    return "\n".join(line for line in lines if line)


def one_line(value: object) -> str:
    """Cell text with all whitespace (line breaks too) collapsed to single spaces."""
    text = cell_text(value)
    return _one_line(text) if "\n" in text else text


@lru_cache(maxsize=65536)
def _one_line(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def match_key(value: object) -> str:
    """Case-, space- and trailing-punctuation-insensitive key for comparing labels."""
    return _key(one_line(value))


@lru_cache(maxsize=65536)
def _key(text: str) -> str:
    return _TRAILING.sub("", text).casefold()


def split_list(text: object) -> list[str]:
    """``"a; b;"`` -> ``["a", "b"]``: a ";"-separated list, as the expectations
    file writes its lists (a missing value is an empty list)."""
    if text is None or (not isinstance(text, str) and pd.isna(text)):
        return []
    return [part.strip() for part in str(text).split(";") if part.strip()]


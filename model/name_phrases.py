"""People's names as phrases to find in free text, and the spans where they are.

Shared by the two places that take names out of comments: the loaders, which mask the
names an export itself carries (its Name and Email columns) before a comment is kept, and
the redactor (metrics/redaction.py), which finds every other identifier before display.
A known person gives phrases by ``known_name_phrases``: the full name and each of its
words, or the name in an email address's local part; a job title gives none.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

#: A word: letters, joined by an apostrophe or hyphen (O'Brien, Smith-Jones, Zoë).
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
SPLIT_NAMES = re.compile(r"\s*(?:[/,;&+|()\[\]]|\band\b)\s*", re.IGNORECASE)


class Span(NamedTuple):
    """Characters text[start:end] are an identifier of this kind."""

    start: int
    end: int
    kind: str


def known_name_phrases(known: Iterable[str], ordinary: frozenset[str]) -> set[str]:
    """The phrases to redact for the known people: each full name and each of its words of
    two letters or more that is not an ordinary word (so "Sarah Lee" gives "Sarah Lee",
    "Sarah" and "Lee"; "Director of Resources" gives nothing). An email address gives the
    name in its local part ("sarah.lee@..." gives "Sarah Lee")."""
    out: set[str] = set()
    for entry in known:
        if not isinstance(entry, str):
            continue
        entry = entry.replace("\u00a0", " ")
        if "@" in entry:
            entry = " ".join(re.split(r"[._-]+", entry.split("@")[0]))
        for part in SPLIT_NAMES.split(entry):
            words = [w for w in WORD.findall(part) if w.casefold() not in ordinary and len(w) >= 2]
            if not words or len(words) != len(WORD.findall(part)):
                continue  # a job title or a word of the council's: not a person
            out.add(" ".join(words))
            out.update(words)
    return out


def phrase_pattern(phrases: Iterable[str], ignore_case: bool = True) -> re.Pattern | None:
    """One whole-word pattern for the phrases, longest first (case-insensitive unless
    ``ignore_case`` is False); any run of spaces (NBSP included) in a phrase matches any run
    in the text."""
    words = sorted({" ".join(p.split()) for p in phrases if p and p.strip()}, key=len, reverse=True)
    if not words:
        return None
    alternatives = [r"[\s\u00a0]+".join(re.escape(w) for w in phrase.split(" ")) for phrase in words]
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE if ignore_case else 0)


def phrases(text: str, pattern: re.Pattern | None, kind: str) -> list[Span]:
    """Every occurrence of the compiled phrases, as spans of this kind."""
    return [] if pattern is None else [Span(m.start(), m.end(), kind) for m in pattern.finditer(text)]


def _person_words(entry: str) -> list[list[str]]:
    """The words of each name in an entry ("Sarah Lee / Tom Brown"; an email: its local part)."""
    entry = entry.replace("\u00a0", " ")
    if "@" in entry:
        entry = " ".join(re.split(r"[._-]+", entry.split("@")[0]))
    return [words for part in SPLIT_NAMES.split(entry) if (words := WORD.findall(part))]


def name_masker(people: Iterable[str], ordinary: frozenset[str]) -> list[re.Pattern]:
    """The patterns that mask an export's own people (its Name and Email columns: people,
    never job titles) in its comments: a full name in any case, even "Amy Green"; a single
    word of a name that is not an ordinary word, only as a name is written (capitalised), so
    a respondent called Will Hope does not take "will" or "hope" out of every comment."""
    names = [words for entry in people if isinstance(entry, str) for words in _person_words(entry)]
    full = phrase_pattern(" ".join(words) for words in names if len(words) > 1)
    single = phrase_pattern({w[:1].upper() + w[1:] for words in names for w in words
                             if len(w) >= 2 and w.casefold() not in ordinary}, ignore_case=False)
    return [p for p in (full, single) if p is not None]

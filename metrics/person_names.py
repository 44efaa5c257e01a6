"""The person-name recogniser: finds people's names in a comment without a language model.

No model can be downloaded at run time here (the spaCy pipelines that presidio needs are not
on the package registry), so names are recognised from data: the first-name and surname
lists of the US census that the ``names`` package ships, the people the dashboard already
knows (action owners, an export's Name/Email columns, config/redaction.toml's list), and
context: a title ("Cllr Smith") or a cue ("my manager Tom"). Ordinary capitalised words
(config/redaction.toml ``ordinary_words``: Council, Monday, Teams, HR...) are never a name
alone. Returns spans; metrics/redaction.py merges and replaces them.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable
from functools import cache

import names as census_names

from .redaction_patterns import Span, phrase_pattern, phrases

#: A word: letters, joined by an apostrophe or hyphen (O'Brien, Smith-Jones, Zoë).
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
POSSESSIVE = re.compile(r"['’]s$")
SPLIT_NAMES = re.compile(r"\s*(?:[/,;&+|()\[\]]|\band\b)\s*", re.IGNORECASE)


@cache
def census_lists() -> tuple[frozenset[str], dict[str, float]]:
    """(first names, {surname: per cent of people}) from the ``names`` package, casefolded."""
    folder = os.path.dirname(census_names.__file__)

    def read(name: str) -> dict[str, float]:
        with open(os.path.join(folder, name), encoding="utf-8") as handle:
            return {parts[0].casefold(): float(parts[1]) for line in handle if (parts := line.split())}

    first = frozenset(read("dist.male.first")) | frozenset(read("dist.female.first"))
    return first, read("dist.all.last")


def capitalised(word: str) -> bool:
    """Starts with a capital and is not all capitals past two letters (HR, ICT stay out)."""
    return word[:1].isupper() and not (len(word) > 3 and word.isupper())


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


class PersonRecogniser:
    """Finds people's names: known people anywhere, and unknown ones from the census name
    lists and the context around a capitalised word."""

    def __init__(self, known: Iterable[str], titles: Iterable[str], cues: Iterable[str],
                 ordinary_words: frozenset[str], min_surname_share: float):
        self.ordinary = ordinary_words
        self.known = phrase_pattern(known_name_phrases(known, ordinary_words))
        self.first, surnames = census_lists()
        self.surnames = {s for s, share in surnames.items() if share >= min_surname_share} - ordinary_words
        self.all_surnames = frozenset(surnames)
        self.titles = {t.casefold() for t in titles}
        self.cues = [c.casefold().split() for c in cues]

    def find(self, text: str) -> list[Span]:
        """Spans of the names in ``text``."""
        return phrases(text, self.known, "name") + self._recognised(text)

    def _recognised(self, text: str) -> list[Span]:
        words = [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]
        found: list[Span] = []
        i = 0
        while i < len(words):
            start, end, word = words[i]
            base = POSSESSIVE.sub("", word)
            name_like = capitalised(word) and base.casefold() not in self.ordinary
            after_context = self._after_title_or_cue(words, i, text)
            if capitalised(word) and (after_context and (name_like or base.casefold() in self.first)
                                      or name_like and self._is_name_word(base)):
                j = i
                # a following capitalised word is the surname: "Priya Ramaswamy"
                while j + 1 < len(words) and j - i < 2 and self._joins(text, words[j], words[j + 1]):
                    j += 1
                last_end = words[j][1] - (len(words[j][2]) - len(POSSESSIVE.sub("", words[j][2])))
                found.append(Span(start, last_end if j > i else start + len(base), "name"))
                i = j + 1
                continue
            i += 1
        return found

    def _is_name_word(self, word: str) -> bool:
        folded = word.casefold()
        return folded in self.first or folded in self.surnames

    def _joins(self, text: str, left: tuple, right: tuple) -> bool:
        gap = text[left[1]:right[0]]
        word = right[2]
        return (gap.strip(" \u00a0") == "" and "\n" not in gap and capitalised(word)
                and POSSESSIVE.sub("", left[2]) == left[2]
                and (POSSESSIVE.sub("", word).casefold() not in self.ordinary
                     or POSSESSIVE.sub("", word).casefold() in self.all_surnames - self.ordinary))

    def _after_title_or_cue(self, words: list[tuple], i: int, text: str) -> bool:
        if i == 0:
            return False
        before = words[i - 1][2].casefold()
        gap = text[words[i - 1][1]:words[i][0]]
        if before in self.titles and gap.strip(" .\u00a0") == "":
            return True
        if gap.strip(" ,:\u00a0") != "":
            return False
        previous = [w[2].casefold() for w in words[max(0, i - 4):i]]
        return any(previous[-len(cue):] == cue for cue in self.cues)

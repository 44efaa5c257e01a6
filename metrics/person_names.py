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
from gender_guesser.detector import Detector as GenderDetector

from model.name_phrases import WORD, Span, known_name_phrases, phrase_pattern, phrases

POSSESSIVE = re.compile(r"['’]s$")


@cache
def name_lists() -> tuple[frozenset[str], dict[str, float]]:
    """(first names, {surname: per cent of people}), casefolded: the US census lists of the
    ``names`` package and the first names of ``gender-guesser``."""
    folder = os.path.dirname(census_names.__file__)

    def read(name: str) -> dict[str, float]:
        with open(os.path.join(folder, name), encoding="utf-8") as handle:
            return {parts[0].casefold(): float(parts[1]) for line in handle if (parts := line.split())}

    first = frozenset(read("dist.male.first")) | frozenset(read("dist.female.first"))
    # gender-guesser's dictionary: first names of Europe and beyond (Siobhan, Aoife, Nisha)
    world = frozenset(n for n in GenderDetector(case_sensitive=False).names if len(n) >= 3)
    return first | world, read("dist.all.last")


def capitalised(word: str) -> bool:
    """Starts with a capital and is not all capitals past two letters (HR, ICT stay out)."""
    return word[:1].isupper() and not (len(word) > 3 and word.isupper())


class PersonRecogniser:
    """Finds people's names: known people anywhere, and unknown ones from the census name
    lists and the context around a capitalised word."""

    def __init__(self, known: Iterable[str], titles: Iterable[str], cues: Iterable[str],
                 ordinary_words: frozenset[str], min_surname_share: float,
                 verbs: Iterable[str] = (), possessed: Iterable[str] = ()):
        self.ordinary = ordinary_words
        self.known = phrase_pattern(known_name_phrases(known, ordinary_words))
        self.first, surnames = name_lists()
        self.surnames = {s for s, share in surnames.items() if share >= min_surname_share} - ordinary_words
        self.all_surnames = frozenset(surnames)
        self.titles = {t.casefold() for t in titles}
        self.cues = [c.casefold().split() for c in cues]
        self.verbs = {v.casefold() for v in verbs}
        self.possessed = {p.casefold() for p in possessed}

    def find(self, text: str) -> list[Span]:
        """Spans of the names in ``text``."""
        return phrases(text, self.known, "name") + self._recognised(text)

    def _recognised(self, text: str) -> list[Span]:
        """Names from the lists or the context, then widened over the capitalised words
        beside them ("Sian Norman") and the names joined to them by "and" ("Lipika and Joe")."""
        words = [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]
        bases = [POSSESSIVE.sub("", w[2]) for w in words]
        candidate = [capitalised(b) and b.casefold() not in self.ordinary for b in bases]
        name = [False] * len(words)
        for i, base in enumerate(bases):
            folded = base.casefold()
            if not capitalised(base):
                continue
            if self._after_title_or_cue(words, i, text):
                name[i] = candidate[i] or folded in self.first
            elif candidate[i]:
                name[i] = (folded in self.first or folded in self.surnames
                           or self._before_verb(words, bases, i, text))
        changed = True
        while changed:  # widen to neighbours until nothing more joins
            changed = False
            for i in range(len(words)):
                if name[i] or not capitalised(bases[i]) or bases[i].casefold() in self.titles:
                    continue
                left = i > 0 and name[i - 1] and self._adjacent(text, words[i - 1], words[i])
                right = i + 1 < len(words) and name[i + 1] and self._adjacent(text, words[i], words[i + 1])
                joinable = candidate[i] or (bases[i].casefold() in self.all_surnames and left)
                joinable = joinable or (bases[i].casefold() in self.first and right)
                coordinated = candidate[i] and self._coordinated(words, name, i, text)
                if (joinable and (left or right)) or coordinated:
                    name[i] = changed = True
        found = []
        for i, is_name in enumerate(name):
            if is_name:
                end = words[i][0] + len(bases[i])
                if found and self._adjacent(text, words[i - 1], words[i]) and name[i - 1] and found[-1].end == words[i - 1][0] + len(bases[i - 1]):
                    found[-1] = Span(found[-1].start, end, "name")
                else:
                    found.append(Span(words[i][0], end, "name"))
        return found

    def _adjacent(self, text: str, left: tuple, right: tuple) -> bool:
        """Two words with only spaces between them, the first not possessive."""
        gap = text[left[1]:right[0]]
        return gap != "" and gap.strip(" \u00a0") == "" and POSSESSIVE.sub("", left[2]) == left[2]

    def _coordinated(self, words: list[tuple], name: list[bool], i: int, text: str) -> bool:
        """Joined to a name by "and" or "&": "Fearghal and Joe"."""
        for j, k in ((i - 2, i - 1), (i + 2, i + 1)):
            if 0 <= j < len(words) and name[j] and words[k][2].casefold() in ("and", "or"):
                return True
        return False

    def _before_verb(self, words: list[tuple], bases: list[str], i: int, text: str) -> bool:
        """Followed by a verb people do ("Chaman said"), or possessive before a team word."""
        if bases[i] != words[i][2]:
            return i + 1 < len(words) and words[i + 1][2].casefold() in self.possessed
        return i + 1 < len(words) and words[i + 1][2].casefold() in self.verbs and \
            text[words[i][1]:words[i + 1][0]].strip(" \u00a0") == ""

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

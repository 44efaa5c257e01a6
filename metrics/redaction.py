"""Redaction before display (issue 18): people's names, email addresses, phone numbers,
staff or payroll numbers and the names of groups too small to show are replaced in a
comment by their kind's marker ("[name]"), from config/redaction.toml.

``Redactor.from_sources(known_names, hidden_groups, config)`` is built once per page run
from what the dashboard knows (the trackers' owners, an export's Name/Email columns, the
configured list; the groups under the disclosure threshold); ``redact(text)`` returns the
redacted text with the spans it replaced, and ``redact_comments`` a COMMENTS frame with
every text redacted. Findings that overlap or touch merge into one span, so a name is never
left in part, and redacting redacted text changes nothing.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from model.frames import COMMENTS, conform
from model.name_phrases import Span, phrase_pattern, phrases
from settings.redaction import RedactionConfig

from .person_names import PersonRecogniser
from .redaction_patterns import compiled_staff_patterns, emails, phones, staff_numbers


@dataclass(frozen=True)
class Redacted:
    """The redacted text and the spans of the original text that were replaced."""

    text: str
    spans: tuple[Span, ...]


def merged(spans: Iterable[Span], priority: tuple[str, ...]) -> list[Span]:
    """Overlapping or touching spans as one, in text order; a merged span takes the kind
    that comes first in ``priority``."""
    rank = {kind: i for i, kind in enumerate(priority)}
    out: list[Span] = []
    for span in sorted(s for s in spans if s.end > s.start):
        if out and span.start <= out[-1].end:
            last = out[-1]
            kind = min(last.kind, span.kind, key=lambda k: rank.get(k, len(rank)))
            out[-1] = Span(last.start, max(last.end, span.end), kind)
        else:
            out.append(span)
    return out


class Redactor:
    """Finds and replaces the identifiers of a comment (see the module docstring)."""

    def __init__(self, persons: PersonRecogniser, hidden_groups: Iterable[str], config: RedactionConfig):
        self.config = config
        self.persons = persons
        self.groups = phrase_pattern(g for g in hidden_groups if isinstance(g, str))
        self.staff_patterns = compiled_staff_patterns(config.staff_number_patterns)

    @classmethod
    def from_sources(cls, known_names: Iterable[str], hidden_groups: Iterable[str],
                     config: RedactionConfig) -> Redactor:
        """A redactor for these known people (owners, Name/Email columns; the configured
        list is added) and these hidden groups."""
        known = [n for n in known_names if isinstance(n, str)] + list(config.known_names)
        persons = PersonRecogniser(known, config.titles, config.cues, config.ordinary_words,
                                   config.min_surname_share, config.verbs, config.possessed)
        return cls(persons, hidden_groups, config)

    def spans(self, text: str) -> list[Span]:
        """The merged spans of every identifier in ``text``."""
        found = (emails(text) + phones(text) + staff_numbers(text, self.staff_patterns)
                 + self.persons.find(text) + phrases(text, self.groups, "group"))
        return merged(found, self.config.priority)

    def redact(self, text: str) -> Redacted:
        """``text`` with each identifier replaced by its kind's marker."""
        if not isinstance(text, str) or not text:
            return Redacted(text if isinstance(text, str) else "", ())
        spans = self.spans(text)
        pieces, at = [], 0
        for span in spans:
            pieces += [text[at:span.start], self.config.markers[span.kind]]
            at = span.end
        pieces.append(text[at:])
        return Redacted("".join(pieces), tuple(spans))


def redact_comments(frame: pd.DataFrame, redactor: Redactor) -> pd.DataFrame:
    """The COMMENTS frame with every text redacted; the other columns unchanged."""
    out = frame.copy()
    out["text"] = [redactor.redact(t).text if isinstance(t, str) else t for t in frame["text"].astype(object).where(frame["text"].notna(), None)]
    return conform(out, COMMENTS)

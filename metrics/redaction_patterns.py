"""The identifiers a pattern finds in a comment: email addresses, UK phone numbers, staff or
payroll numbers (patterns from config/redaction.toml) and the names of groups too small
to show (model.name_phrases: ``phrase_pattern``, ``phrases``). Each finder returns spans (start, end, kind) of the text as given; the redactor
(metrics/redaction.py) merges them with the person names and replaces them."""
from __future__ import annotations

import re
from collections.abc import Iterable

from model.name_phrases import Span, phrase_pattern, phrases


EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
#: A UK number: +44 (0)..., or a leading 0 (perhaps in brackets), digits with spaces or dashes.
PHONE = re.compile(r"(?<![\w+])(?:\+44[\s\u00a0]?(?:\(0\)[\s\u00a0]?)?\(?|\(?0)\d(?:[\s\u00a0-]?\)?[\s\u00a0-]?\d){7,10}(?!\d)")


def emails(text: str) -> list[Span]:
    """Every email address."""
    return [Span(m.start(), m.end(), "email") for m in EMAIL.finditer(text)]


def phones(text: str) -> list[Span]:
    """UK phone numbers: 10 or 11 digits from a leading 0, or 9-10 after +44."""
    found = []
    for m in PHONE.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        national = digits[2:] if m.group().startswith("+44") else digits[1:]
        if m.group().startswith("+44") and national.startswith("0"):
            national = national[1:]  # +44 (0)1733 ...
        if 9 <= len(national) <= 10:
            found.append(Span(m.start(), m.end(), "phone"))
    return found


def compiled_staff_patterns(patterns: Iterable[str]) -> tuple[re.Pattern, ...]:
    """The configured staff/payroll patterns, compiled once, case-insensitive."""
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


def staff_numbers(text: str, patterns: Iterable[re.Pattern]) -> list[Span]:
    """Staff or payroll numbers: the "value" group of each pattern, else its whole match."""
    found = []
    for pattern in patterns:
        for m in pattern.finditer(text):
            part = "value" if "value" in pattern.groupindex else 0
            found.append(Span(m.start(part), m.end(part), "staff_number"))
    return found

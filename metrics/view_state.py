"""A page's view in its URL (query parameters): declared, validated, and written short.

A link in a board paper opens the same view when each choice on the page (a wave, a theme, a
group, a filter, an action, a reporting date) is kept in the address. Each is a ``Param``:
its URL name, the values the page offers for it right now, and its default. Reading a URL
keeps only a text that is exactly the URL form of an offered value: anything else (a value
the data does not have, a group the page does not offer, a hostile string) is ignored and the
default is used, never an error, and never echoed. Writing leaves defaults out, so a plain
link stays plain. A value's URL form is its text, a date as YYYY-MM-DD, so links survive a
change of display labels. Pure: no Streamlit here (ui/view_link.py binds widgets to it).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

#: A URL value longer than this is never an offered value's text: it is not even compared.
MAX_TEXT = 500


def value_text(value: object) -> str:
    """The URL form of one offered value: a date as YYYY-MM-DD (with its time only when it
    has one), None as "", anything else as its text."""
    if value is None:
        return ""
    if isinstance(value, (pd.Timestamp, dt.date, np.datetime64)):
        stamp = pd.Timestamp(value)
        return stamp.strftime("%Y-%m-%d") if stamp == stamp.normalize() else stamp.isoformat()
    return str(value)


def _texts(raw: str | Sequence[str] | None) -> list[str]:
    """A query parameter's values as a list of texts (one, several, or none)."""
    if raw is None:
        return []
    values = [raw] if isinstance(raw, str) else list(raw)
    return [v for v in values if isinstance(v, str) and len(v) <= MAX_TEXT]


@dataclass(frozen=True)
class Param:
    """One shareable choice: ``name`` in the URL, the ``choices`` the page offers (in order),
    the ``default`` when the URL says nothing, and ``many`` for a choice of several
    (a multiselect: one URL value per chosen item, default none)."""
    name: str
    choices: tuple
    default: object = None
    many: bool = False

    def _by_text(self) -> dict[str, object]:
        return {value_text(c): c for c in self.choices}

    def parse(self, raw: str | Sequence[str] | None):
        """The value the URL asks for, if the page offers it; else the default. For ``many``:
        the offered values asked for, in the page's order (none valid: the default)."""
        offered, asked = self._by_text(), _texts(raw)
        if self.many:
            wanted = {t for t in asked if t in offered}
            chosen = [c for t, c in offered.items() if t in wanted]
            return chosen if chosen else list(self.default or [])
        return offered[asked[-1]] if asked and asked[-1] in offered else self.default

    def texts(self, value) -> list[str]:
        """The URL values for ``value``: none when it is the default (or not offered)."""
        offered = self._by_text()
        if self.many:
            chosen = [value_text(v) for v in (value or [])]
            default = [value_text(v) for v in (self.default or [])]
            return [] if chosen == default else [t for t in chosen if t in offered]
        text = value_text(value)
        return [] if text == value_text(self.default) or text not in offered else [text]


def parse_view(params: Mapping[str, str | Sequence[str]], declared: Sequence[Param]) -> dict[str, object]:
    """{name: value} for every declared parameter (its default where the URL has no valid
    value); parameters the page does not declare are never read."""
    return {p.name: p.parse(params.get(p.name)) for p in declared}


def view_params(values: Mapping[str, object], declared: Sequence[Param]) -> dict[str, str | list[str]]:
    """The query parameters for a view: one text per single choice, a list for ``many``;
    defaults, and anything not declared, left out."""
    out: dict[str, str | list[str]] = {}
    for p in declared:
        texts = p.texts(values.get(p.name, p.default))
        if texts:
            out[p.name] = texts if p.many else texts[0]
    return out

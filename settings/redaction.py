"""The redaction settings (config/redaction.toml): each kind's marker, which kind wins an
overlap, the staff-number patterns, the extra names and the person recogniser's words.
Read once; metrics/redaction.py applies them to comments before anything shows one."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .config import CONFIG_DIR

KINDS: tuple[str, ...] = ("name", "email", "phone", "staff_number", "group")


@dataclass(frozen=True)
class RedactionConfig:
    """What config/redaction.toml says, as plain values."""

    markers: dict[str, str]
    priority: tuple[str, ...]
    known_names: tuple[str, ...]
    staff_number_patterns: tuple[str, ...]
    titles: tuple[str, ...]
    cues: tuple[str, ...]
    ordinary_words: frozenset[str]
    min_surname_share: float
    verbs: tuple[str, ...] = ()
    possessed: tuple[str, ...] = ()


def parse(raw: dict) -> RedactionConfig:
    """The config from the parsed TOML; every kind must have a marker."""
    markers = dict(raw["markers"])
    priority = tuple(markers.pop("priority", KINDS))
    missing = [kind for kind in KINDS if kind not in markers]
    if missing:
        raise ValueError(f"config/redaction.toml: no marker for {', '.join(missing)}")
    persons = raw.get("persons", {})
    return RedactionConfig(
        markers=markers,
        priority=priority + tuple(k for k in KINDS if k not in priority),
        known_names=tuple(raw.get("names", {}).get("known", ())),
        staff_number_patterns=tuple(raw.get("staff_numbers", {}).get("patterns", ())),
        titles=tuple(persons.get("titles", ())),
        cues=tuple(persons.get("cues", ())),
        ordinary_words=frozenset(w.casefold() for w in persons.get("ordinary_words", ())),
        min_surname_share=float(persons.get("min_surname_share", 0.0)),
        verbs=tuple(persons.get("verbs", ())),
        possessed=tuple(persons.get("possessed", ())),
    )


@cache
def redaction_config(path: Path | None = None) -> RedactionConfig:
    """config/redaction.toml, read once."""
    source = path or CONFIG_DIR / "redaction.toml"
    return parse(tomllib.loads(source.read_text(encoding="utf-8")))

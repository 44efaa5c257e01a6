"""The complaints register's vocabulary, read once from config/complaints.toml: its header
spellings, the columns never read because they could identify someone, and the subjects,
categories, outcomes and quarters. Data, so another council's register words are a config
line, never code."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from model.text import match_key
from settings.config import CONFIG_DIR


@dataclass(frozen=True)
class ComplaintsVocabulary:
    header_within: int
    columns: dict[str, tuple[str, ...]]     # canonical column -> header keys
    identifying: frozenset[str]             # header keys never read
    subjects: dict[str, str]                # key -> member | officer
    categories: dict[str, str]              # key -> display name
    outcomes: dict[str, str]                # key -> display name
    subject_order: tuple[str, ...]
    category_order: tuple[str, ...]
    outcome_order: tuple[str, ...]
    year_starts_month: int

    def column_of(self, header: object) -> str | None:
        key = match_key(header)
        return next((c for c, keys in self.columns.items() if key in keys), None)


def _keys(table: dict[str, list[str]]) -> dict[str, str]:
    out = {}
    for name, spellings in table.items():
        for spelling in [name, *spellings]:
            out[match_key(spelling)] = name
    return out


@cache
def complaints_vocabulary() -> ComplaintsVocabulary:
    raw = tomllib.loads((CONFIG_DIR / "complaints.toml").read_text(encoding="utf-8"))
    return ComplaintsVocabulary(
        header_within=int(raw["header_within"]),
        columns={c: tuple(match_key(s) for s in spellings) for c, spellings in raw["columns"].items()},
        identifying=frozenset(match_key(s) for s in raw["identifying"]),
        subjects=_keys(raw["subjects"]), categories=_keys(raw["categories"]), outcomes=_keys(raw["outcomes"]),
        subject_order=tuple(raw["subjects"]), category_order=tuple(raw["categories"]),
        outcome_order=tuple(raw["outcomes"]), year_starts_month=int(raw["quarters"]["year_starts_month"]))

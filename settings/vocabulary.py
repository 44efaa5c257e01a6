"""The declarative vocabularies the loaders read from config/, each parsed once.

- ``rag_vocabulary.csv``: RAG / status text -> one of model.ACTION_STATUSES
- ``agreement_vocabulary.csv``: answer text -> one of model.AGREEMENT_SCALE ('' = non-answer)
- ``improvement_areas.csv``: improvement area -> theme
- ``tracker_headers.toml`` / ``survey_headers.toml``: header spellings of known columns
- ``scrutiny_schemes/*.toml``: topic-scoring schemes (criteria, scale, cut-off)

Keys are compared with ``cells.match_key`` (case, spacing, trailing punctuation ignored).
"""
from __future__ import annotations

import csv
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from model.text import match_key
from model.frames import ACTION_STATUSES, AGREEMENT_SCALE
from settings.config import CONFIG_DIR

_SEPARATORS = re.compile(r"\s*([/\-])\s*")


def _rows(name: str) -> list[dict[str, str]]:
    with (CONFIG_DIR / name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def rag_key(text: object) -> str:
    """RAG matching key: also ignores spacing around '/' and '-' ('Amber / Green')."""
    return _SEPARATORS.sub(r"\1", match_key(text))


@cache
def rag_vocabulary() -> dict[str, str]:
    """RAG text key -> status; validated against model.ACTION_STATUSES."""
    mapping = {}
    for row in _rows("rag_vocabulary.csv"):
        status = row["status"].strip()
        if status not in ACTION_STATUSES:
            raise ValueError(f"config/rag_vocabulary.csv: unknown status {status!r}")
        mapping[rag_key(row["text"])] = status
    return mapping


def rag_status(text: object) -> str | None:
    """The status for a RAG text, or None when the text is not in the vocabulary."""
    return rag_vocabulary().get(rag_key(text))


@cache
def agreement_vocabulary() -> dict[str, str]:
    """Answer text key -> scale label, or '' for a recognised non-answer (Don't know)."""
    mapping = {}
    for row in _rows("agreement_vocabulary.csv"):
        answer = row["answer"].strip()
        if answer and answer not in AGREEMENT_SCALE:
            raise ValueError(f"config/agreement_vocabulary.csv: unknown answer {answer!r}")
        mapping[match_key(row["text"])] = answer
    return mapping


@cache
def improvement_areas() -> dict[str, tuple[str, str]]:
    """Area key -> (area as configured, theme)."""
    return {match_key(r["area"]): (r["area"].strip(), r["theme"].strip())
            for r in _rows("improvement_areas.csv")}


@cache
def header_config(name: str) -> dict:
    """A parsed ``config/<name>.toml`` header file (tracker_headers, survey_headers)."""
    return tomllib.loads((CONFIG_DIR / f"{name}.toml").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Scheme:
    id: str
    name: str
    scale_min: int
    scale_max: int
    labels: dict[str, int]       # label key ('high') -> score
    cutoff: int | None
    total_name: str
    criteria: tuple[str, ...]
    score_labels: tuple[tuple[int, str], ...] = ()   # (score, label as written), for display

    def label_for(self) -> dict[int, str]:
        """Score -> its label as the scheme writes it (1 -> 'Low')."""
        return dict(self.score_labels)


@cache
def scrutiny_schemes() -> dict[str, Scheme]:
    """Scheme id -> Scheme, from every config/scrutiny_schemes/*.toml."""
    schemes = {}
    for path in sorted(Path(CONFIG_DIR, "scrutiny_schemes").glob("*.toml")):
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        schemes[raw["id"]] = Scheme(
            id=raw["id"], name=raw.get("name", raw["id"]),
            scale_min=int(raw["scale_min"]), scale_max=int(raw["scale_max"]),
            labels={match_key(v): int(k) for k, v in raw.get("labels", {}).items()},
            cutoff=raw.get("cutoff"), total_name=raw.get("total_name", "Total"),
            criteria=tuple(raw["criteria"]),
            score_labels=tuple((int(k), str(v)) for k, v in raw.get("labels", {}).items()),
        )
    return schemes


DEFAULT_SCHEME = "cpca-8"

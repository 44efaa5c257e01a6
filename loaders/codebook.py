"""The survey codebook: each wave's statement wording -> one stable question id.

Wording changes between waves, so the codebook (``question_id,wording,waves,theme,
negative``, optionally ``positive_means``: what a positive answer to a negatively worded
statement says, "have not experienced it", and ``kind``: ``free_text`` for a comment question,
any other word for a column that is never one, blank to let its content decide,
loaders/free_text.py) lists every wording an id has had. ``QuestionMap`` looks a wording up after
normalising it (whitespace, NBSP, ``<br>``, case, trailing punctuation); a wording the
codebook does not know gets a provisional ``UNMAPPED-<slug>`` id and is reported, never
dropped. Two wordings that differ only in spacing or "&"/"and" (``variant_key``) are the
same statement retyped: a loader can ask for the codebook's wording of it (``variant_of``)
so that it is read under one id, not as two trends.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from model.text import match_key, one_line

from .cells import slug
from .grid import Sheet, read_text_table
from .layout import Layout
from model.frames import CODEBOOK, conform, empty
from .report import FileRejected, Finding, LoadResult

TRUE_WORDS = {"true", "yes", "y", "1", "negative"}
_AMPERSAND = re.compile(r"\s*&\s*")
_SPACES = re.compile(r"\s+")


def variant_key(wording: object) -> str:
    """``match_key`` with "&" read as "and" and no spaces at all: "Health & safety" and
    "Health and  safety" share a key, "wellbeing" and "well being" too."""
    return _SPACES.sub("", _AMPERSAND.sub(" and ", match_key(wording)))


def is_codebook_table(sheet: Sheet) -> bool:
    return bool(sheet.rows) and {"question_id", "wording"} <= {match_key(v) for v in sheet.rows[0]}


def codebook_from_sheet(sheet: Sheet) -> LoadResult:
    """A codebook sheet -> the CODEBOOK LoadResult; FileRejected if columns are missing."""
    header = [match_key(h) for h in sheet.rows[0]] if sheet.rows else []
    missing = [c for c in ("question_id", "wording") if c not in header]
    if missing:
        raise FileRejected([Finding(f"The codebook has no {', '.join(missing)} column "
                                    f"(expected {', '.join(CODEBOOK)}).", sheet=sheet.name, row=1)],
                           kind="codebook")
    records = [dict(zip(header, (one_line(v) for v in row))) for row in sheet.rows[1:]]
    frame = pd.DataFrame([r for r in records if r.get("question_id") and r.get("wording")],
                         columns=header)
    if "negative" in frame:
        frame["negative"] = frame["negative"].str.casefold().isin(TRUE_WORDS)
    frame = conform(frame, CODEBOOK) if not frame.empty else empty(CODEBOOK)
    return LoadResult(kind="codebook", format=f"codebook-{sheet.container}", frame=frame,
                      records=len(frame), questions=int(frame["question_id"].nunique()))


def load_codebook(path: str | Path) -> pd.DataFrame:
    """Read codebook.csv (question_id,wording,waves,theme,negative[,positive_means][,kind]) into the CODEBOOK frame."""
    return codebook_from_sheet(read_text_table(path)).frame


class QuestionMap:
    """Wording -> question id, preferring the codebook entry whose waves include the wave."""

    def __init__(self, codebook: pd.DataFrame | None, wave: str | None = None):
        self.wave = wave
        self._ids: dict[str, str] = {}
        self._unmapped: dict[str, str] = {}  # wording key -> provisional id
        self._variants: dict[str, str] = {}  # variant_key -> the codebook's wording
        self._kinds: dict[str, str] = {}     # wording key -> its kind ("free_text", ...), when given
        self.unmapped_wordings: dict[str, str] = {}  # provisional id -> wording
        if codebook is not None and not codebook.empty:
            self._index(codebook)

    def _index(self, codebook: pd.DataFrame) -> None:
        for row in codebook.itertuples(index=False):
            key = match_key(row.wording)
            waves = [w.strip() for w in str(row.waves or "").split(";") if w.strip()]
            in_wave = self.wave is not None and self.wave in waves
            if key not in self._ids or in_wave:
                self._ids[key] = str(row.question_id)
            if variant_key(row.wording) not in self._variants or in_wave:
                self._variants[variant_key(row.wording)] = one_line(row.wording)
            kind = match_key(getattr(row, "kind", "") if not pd.isna(getattr(row, "kind", "")) else "")
            if kind and (key not in self._kinds or in_wave):
                self._kinds[key] = kind.replace(" ", "_").replace("-", "_")

    def knows(self, wording: str) -> bool:
        """True when the codebook has a question with this wording."""
        return match_key(wording) in self._ids

    def kind(self, wording: str) -> str | None:
        """The codebook's ``kind`` of this wording ("free_text": a comment question), None when it gives none."""
        return self._kinds.get(match_key(wording))

    def variant_of(self, wording: str) -> str | None:
        """The codebook's wording of this statement: ``wording`` itself or one that differs
        from it only in spacing or "&"/"and" (``variant_key``); None when it has none."""
        return self._variants.get(variant_key(wording))

    def question_id(self, wording: str) -> str:
        """The stable id for ``wording``; a provisional UNMAPPED id when unknown."""
        key = match_key(wording)
        if key in self._ids:
            return self._ids[key]
        if key not in self._unmapped:
            base = f"UNMAPPED-{slug(wording)}"
            provisional, n = base, 2
            while provisional in self.unmapped_wordings:
                provisional, n = f"{base}-{n}", n + 1
            self._unmapped[key] = provisional
            self.unmapped_wordings[provisional] = one_line(wording)
        return self._unmapped[key]

    def unmapped(self) -> list[dict[str, str]]:
        """The wordings given provisional ids: [{question_id, wording}]."""
        return [{"question_id": q, "wording": w} for q, w in self.unmapped_wordings.items()]


LAYOUT = Layout("codebook", "codebook", "codebook (question_id,wording,waves,theme,negative)",
                is_codebook_table, codebook_from_sheet)

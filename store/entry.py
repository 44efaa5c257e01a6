"""What the store records about one upload, whichever backend keeps it.

One ``Entry`` per distinct content (sha256): the name it was uploaded under, what it was
understood to be, its metadata, who stored it and when, whether it is removed, and its
``history`` (every change made to it: added, removed, restored, reinstated, and each download
of its original, each with its time and who made it). A corrected file for the same survey wave (kind, audience, wave),
the same tracker snapshot (kind, snapshot_date) or the same scrutiny meeting (kind,
meeting) supersedes the older one: of the entries sharing a key, the one most recently
made active is current (``derive``). Supersession is worked out on reading, never stored,
so every backend gets it from the same rule here. An entry written before ``history``
existed gets its history from its stamps (``changes``), so old manifests still read.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

import pandas as pd

from settings.details import PAGE

ORIGINALS, NORMALISED = "originals", "normalised"
METADATA_KEYS = ("audience", "wave", "wave_date", "snapshot_date", "meeting")
#: What a corrected file must share with a stored one to supersede it; () = any newer file of that
#: kind supersedes (there is one set of expectations, and one complaints register, at a time).
SUPERSEDE_KEYS = {"survey": ("audience", "wave"), "actions": ("snapshot_date",), "scrutiny": ("meeting",),
                  "expectations": (), "complaints": ()}
ADDED, REMOVED, RESTORED, REINSTATED = "added", "removed", "restored", "reinstated"
#: An officer took the original (store/originals.py): a line of history that changes nothing else.
DOWNLOADED = "original downloaded"


@dataclass
class Entry:
    sha256: str
    file: str                    # the name it was uploaded under
    ext: str                     # .xlsx | .xlsm | .ods | .csv | .tsv
    kind: str
    format: str
    records: int
    stored_at: str               # ISO timestamp, UTC
    active_since: str            # when it was stored or last reinstated
    questions: int | None = None
    metadata: dict = field(default_factory=dict)
    by: str | None = None
    removed: bool = False
    removed_at: str | None = None
    warnings: list[dict] = field(default_factory=list)
    unmapped: list[dict] = field(default_factory=list)
    history: list[dict] = field(default_factory=list)   # {"action", "at", "by"}; [] in old manifests
    superseded_by: str | None = None   # derived on reading, not stored

    @property
    def original(self) -> str:
        """Where the file store keeps the uploaded bytes (relative to its folder)."""
        return f"{ORIGINALS}/{self.sha256}{self.ext}"

    @property
    def normalised(self) -> str:
        """Where the file store keeps the normalised frame."""
        return f"{NORMALISED}/{self.sha256}.parquet"

    @property
    def reach(self) -> str:
        """A survey's reach table (model.survey_counts); its normalised parquet holds the answer counts."""
        return f"{NORMALISED}/{self.sha256}.reach.parquet"

    @property
    def pairs(self) -> str:
        """A survey's whole-wave joint answers of each pair of statements (model.survey_counts PAIR_COUNTS)."""
        return f"{NORMALISED}/{self.sha256}.pairs.parquet"

    @property
    def comments(self) -> str:
        """A survey's free-text answers (model.frames COMMENTS); uploads kept before comments have none."""
        return f"{NORMALISED}/{self.sha256}.comments.parquet"

    @property
    def key(self) -> tuple | None:
        """What a corrected file must share with this one to supersede it."""
        names = SUPERSEDE_KEYS.get(self.kind)
        if names is None:
            return None
        values = tuple(self.metadata.get(n) for n in names)
        return (self.kind, *values) if all(values) else None

    @property
    def active(self) -> bool:
        return not self.removed and self.superseded_by is None


@dataclass
class Saved:
    status: str                  # "stored" | "duplicate"
    entry: Entry
    superseded: list[Entry] = field(default_factory=list)


@dataclass(frozen=True)
class Change:
    """One line of the audit trail: what happened to which upload, when, and by whom."""

    at: str                      # ISO timestamp, UTC
    action: str                  # ADDED | REMOVED | RESTORED | REINSTATED | DOWNLOADED | THEME_CORRECTED
    sha256: str
    file: str
    by: str | None = None
    detail: str | None = None    # what changed, for a change that is not the upload's own (a comment's theme)


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def clean_metadata(metadata: dict) -> dict:
    """The known metadata as plain strings (dates as ISO), blanks dropped."""
    out = {}
    for key in METADATA_KEYS:
        value = metadata.get(key)
        if isinstance(value, (datetime, pd.Timestamp)):
            value = value.date().isoformat() if not pd.isna(value) else None
        elif isinstance(value, date):
            value = value.isoformat()
        if value is not None and str(value).strip():
            out[key] = str(value).strip()
    return out


def new_entry(data: bytes, filename: str, result, metadata: dict | None, by: str | None) -> Entry:
    """The entry for ``data`` loaded as ``result`` (a LoadResult), stamped now; raises on a
    result that cannot be recorded, before anything is written."""
    meta = clean_metadata({**{k: v for k, v in (result.metadata or {}).items() if k in METADATA_KEYS},
                           **(metadata or {})})
    stamp = now()
    return Entry(sha256=content_hash(data), file=Path(filename).name, ext=Path(filename).suffix.lower() or ".bin",
                 kind=result.kind, format=result.format, records=int(result.records), stored_at=stamp,
                 active_since=stamp, questions=result.questions, metadata=meta, by=by,
                 warnings=[f.as_dict(PAGE) for f in result.warnings],
                 unmapped=[_plain(u) for u in (result.metadata or {}).get("unmapped", [])],
                 history=[_line(ADDED, stamp, by)])


def changed(raw: dict, action: str, by: str | None) -> dict:
    """A stored entry (as its dict) after ``action`` now: the stamps ``derive`` reads, and one
    more line of history (an entry from an old manifest first gets its history from its stamps)."""
    stamp = now()
    stamps = {REMOVED: {"removed": True, "removed_at": stamp},
              RESTORED: {"removed": False, "removed_at": None},
              REINSTATED: {"removed": False, "removed_at": None, "active_since": stamp},
              DOWNLOADED: {}}[action]
    history = [{"action": c.action, "at": c.at, "by": c.by} for c in changes(Entry(**raw))]
    return {**raw, **stamps, "history": history + [_line(action, stamp, by)]}


def changes(entry: Entry) -> list[Change]:
    """Every change made to ``entry``, oldest first. An entry from a manifest written before
    history was kept: added at ``stored_at``, reinstated at ``active_since`` if later,
    removed at ``removed_at`` if removed (what its stamps still say)."""
    lines = entry.history or _from_stamps(entry)
    return [Change(line["at"], line["action"], entry.sha256, entry.file, line.get("by")) for line in lines]


def audit_trail(entries: list[Entry]) -> list[Change]:
    """Every change to every entry, oldest first."""
    return sorted((c for e in entries for c in changes(e)), key=lambda c: c.at)


def stored(entry: Entry) -> dict:
    """The entry as it is kept (``superseded_by`` is derived, never kept)."""
    out = asdict(entry)
    out.pop("superseded_by")
    return out


def derive(entries: list[Entry]) -> list[Entry]:
    """Newest first; within a key, every entry but the most recently activated live one is superseded."""
    entries = sorted(entries, key=lambda e: e.stored_at, reverse=True)
    current: dict[tuple, Entry] = {}
    for entry in sorted(entries, key=lambda e: e.active_since, reverse=True):
        entry.superseded_by = None
        if entry.key is None or entry.removed:
            continue
        if entry.key in current:
            entry.superseded_by = current[entry.key].sha256
        else:
            current[entry.key] = entry
    return entries


def _from_stamps(entry: Entry) -> list[dict]:
    lines = [_line(ADDED, entry.stored_at, entry.by)]
    if entry.active_since != entry.stored_at:
        lines.append(_line(REINSTATED, entry.active_since, None))
    if entry.removed and entry.removed_at:
        lines.append(_line(REMOVED, entry.removed_at, None))
    return sorted(lines, key=lambda line: line["at"])


def _line(action: str, at: str, by: str | None) -> dict:
    return {"action": action, "at": at, "by": by}


def _plain(item: dict) -> dict:
    return {k: (None if v is None else str(v)) for k, v in item.items()}

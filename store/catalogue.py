"""The store's manifest (``store.json``): what was uploaded, when, by whom, and which is current.

One ``Entry`` per distinct content (sha256). The same bytes uploaded twice are recognised
and not stored again. A corrected file for the same survey wave (kind, audience, wave), the
same tracker snapshot (kind, snapshot_date) or the same scrutiny meeting (kind, meeting)
supersedes the older one: of the entries sharing a key, the one most recently made active
is current, the others stay stored and can be reinstated. Removal is a flag, undone by
``restore``. Order of writes in ``add``: original bytes, parquet, then the manifest, each
atomic, so a crash leaves at worst an unlisted file, never a listed file that is missing.
"""
from __future__ import annotations

import hashlib
import io
import json
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

import pandas as pd

from model.frames import conform
from model.survey_counts import ANSWER_COUNTS, SurveyCounts, count_responses

from .atomic import atomic_write, locked

STORE_FILE, LOCK_FILE = "store.json", ".store.lock"
ORIGINALS, NORMALISED = "originals", "normalised"
STORE_FOLDERS = (ORIGINALS, NORMALISED)
#: Uploads live in this sub-folder of the data folder, apart from the shipped sample files
#: (git ignores it), so an upload never changes a file the project ships.
UPLOADS = "uploads"
METADATA_KEYS = ("audience", "wave", "wave_date", "snapshot_date", "meeting")
#: What a corrected file must share with a stored one to supersede it; () = any newer file of that
#: kind supersedes (there is one set of expectations at a time).
SUPERSEDE_KEYS = {"survey": ("audience", "wave"), "actions": ("snapshot_date",), "scrutiny": ("meeting",),
                  "expectations": ()}


@dataclass
class Entry:
    sha256: str
    file: str                    # the name it was uploaded under
    ext: str                     # .xlsx | .xlsm | .csv | .tsv
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
    superseded_by: str | None = None   # derived on reading, not stored

    @property
    def original(self) -> str:
        return f"{ORIGINALS}/{self.sha256}{self.ext}"

    @property
    def normalised(self) -> str:
        return f"{NORMALISED}/{self.sha256}.parquet"

    @property
    def reach(self) -> str:
        """A survey's reach table (model.survey_counts); its normalised parquet holds the answer counts."""
        return f"{NORMALISED}/{self.sha256}.reach.parquet"

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


def uploads_folder(data_dir: str | Path) -> Path:
    """The store of uploads that belongs to a data folder."""
    return Path(data_dir) / UPLOADS


class Store:
    """A store folder. Reading needs no lock; every change goes through ``_change``."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    # reading ---------------------------------------------------------------
    def entries(self) -> list[Entry]:
        """Every entry, newest first, with ``superseded_by`` worked out."""
        return _derive([Entry(**raw) for raw in self._read_raw()])

    def active(self) -> list[Entry]:
        return [e for e in self.entries() if e.active]

    def find(self, sha256: str) -> Entry | None:
        return next((e for e in self.entries() if e.sha256 == sha256), None)

    def frame(self, entry: Entry) -> pd.DataFrame:
        """The normalised frame (for a survey: its answer counts)."""
        return pd.read_parquet(self.folder / entry.normalised)

    def counts(self, entry: Entry) -> SurveyCounts:
        """A survey upload's counts; an upload kept as respondent rows (before counts) is counted now."""
        if not (self.folder / entry.reach).is_file():
            return count_responses(self.frame(entry))
        return SurveyCounts(conform(self.frame(entry), ANSWER_COUNTS), pd.read_parquet(self.folder / entry.reach))

    def original_bytes(self, entry: Entry) -> bytes:
        return (self.folder / entry.original).read_bytes()

    def _read_raw(self) -> list[dict]:
        path = self.folder / STORE_FILE
        if not path.is_file():
            return []
        raw = json.loads(path.read_text(encoding="utf-8"))
        fields = set(Entry.__dataclass_fields__) - {"superseded_by"}
        return [{k: v for k, v in item.items() if k in fields} for item in raw.get("entries", [])]

    # changing --------------------------------------------------------------
    def add(self, data: bytes, filename: str, result, metadata: dict | None = None,
            by: str | None = None) -> Saved:
        """Keep ``data`` (the uploaded bytes) and ``result`` (its LoadResult) unless already kept."""
        sha = content_hash(data)
        ext = Path(filename).suffix.lower() or ".bin"
        meta = clean_metadata({**{k: v for k, v in (result.metadata or {}).items() if k in METADATA_KEYS},
                               **(metadata or {})})
        with locked(self.folder / LOCK_FILE):
            raw = self._read_raw()
            existing = next((e for e in raw if e["sha256"] == sha), None)
            if existing is not None:
                return Saved("duplicate", Entry(**existing))
            before = {e.sha256 for e in _derive([Entry(**r) for r in raw]) if e.active}
            stamp = now()
            entry = Entry(sha256=sha, file=Path(filename).name, ext=ext, kind=result.kind,
                          format=result.format, records=int(result.records), stored_at=stamp,
                          active_since=stamp, questions=result.questions, metadata=meta, by=by,
                          warnings=[f.as_dict() for f in result.warnings],
                          unmapped=[_plain(u) for u in (result.metadata or {}).get("unmapped", [])])
            target = self.folder / entry.original
            if not target.is_file():
                atomic_write(target, data)
            for path, frame in _normalised(entry, result).items():
                atomic_write(self.folder / path, _parquet(frame))
            raw.append(_stored(entry))
            self._write_raw(raw)
        after = {e.sha256: e for e in self.entries()}
        superseded = [after[s] for s in before if s in after and not after[s].active]
        return Saved("stored", after[sha], superseded)

    def remove(self, sha256: str) -> Entry:
        """Flag an entry removed (undo with ``restore``); nothing is deleted."""
        return self._change(sha256, removed=True, removed_at=now())

    def restore(self, sha256: str) -> Entry:
        """Undo a removal."""
        return self._change(sha256, removed=False, removed_at=None)

    def reinstate(self, sha256: str) -> Entry:
        """Make a superseded (or removed) version the current one for its wave/snapshot again."""
        return self._change(sha256, removed=False, removed_at=None, active_since=now())

    def _change(self, sha256: str, **changes) -> Entry:
        with locked(self.folder / LOCK_FILE):
            raw = self._read_raw()
            item = next((e for e in raw if e["sha256"] == sha256), None)
            if item is None:
                raise KeyError(f"No stored file with hash {sha256}")
            item.update(changes)
            self._write_raw(raw)
        return self.find(sha256)

    def _write_raw(self, raw: list[dict]) -> None:
        text = json.dumps({"version": 1, "entries": raw}, indent=1, ensure_ascii=False)
        atomic_write(self.folder / STORE_FILE, text.encode("utf-8"))


def active_entries(folder: str | Path) -> list[Entry]:
    """The current uploads of a store folder (what the pages show)."""
    return Store(folder).active()


def _normalised(entry: Entry, result) -> dict[str, pd.DataFrame]:
    """What is kept beside the original: the canonical frame, or for a survey its counts
    (the reach table first, so the listed parquet never lacks its partner)."""
    if entry.kind != "survey":
        return {entry.normalised: result.frame}
    counts = result.counts if result.counts is not None else count_responses(result.frame)
    return {entry.reach: counts.reach, entry.normalised: counts.answers}


def _parquet(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()


def _stored(entry: Entry) -> dict:
    out = asdict(entry)
    out.pop("superseded_by")
    return out


def _plain(item: dict) -> dict:
    return {k: (None if v is None else str(v)) for k, v in item.items()}


def _derive(entries: list[Entry]) -> list[Entry]:
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

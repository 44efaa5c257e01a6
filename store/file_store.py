"""The embedded store: a folder of files and a locked, atomically written manifest.

``FileStore`` is the backend ``open_store`` gives today (store/interface.py says the
contract it keeps). The folder holds ``store.json`` (the manifest: one ``Entry`` per
distinct content, see store/entry.py), ``originals/<sha256>.<ext>`` (the uploaded bytes)
and ``normalised/<sha256>.parquet`` (the canonical frame; for a survey its answer counts,
with ``<sha256>.reach.parquet``, ``<sha256>.pairs.parquet`` and ``<sha256>.comments.parquet``,
its free-text answers, beside it), and ``theme_corrections.json``, the officers' corrections of
comment themes (store/theme_corrections.py). Reading needs no lock; every change is a
read-modify-write of the manifest under a file lock (``store.atomic.locked``).

Order of writes in ``add``: everything is worked out in memory first (the entry, the
parquet bytes), then the original bytes, the parquet, and last the manifest, each written
atomically. An upload that fails before the manifest is written leaves it untouched and
the files it wrote are removed again; a process killed mid-save leaves at worst an
unlisted file, never a listed file that is missing. Opening the store removes the
temporary files such a save left (``stale_removed`` says how many), once they are older
than ``[store] stale_temp_minutes`` in config/settings.toml.
"""
from __future__ import annotations

import hashlib

import contextlib
import json
import logging
from collections.abc import Collection
from pathlib import Path

import pandas as pd

from model.survey_counts import SurveyCounts
from settings.config import load_settings

from .normalised import COMMENTS_PART, FRAME, PAIRS, REACH, kept_parts, parquet, survey_comments, survey_counts
from .atomic import atomic_write, locked, remove_stale_temps
from .theme_corrections import ThemeCorrection, ThemeCorrections
from .entry import (NORMALISED, ORIGINALS, Change, Entry, Saved,
                    audit_trail, changed, content_hash, derive, new_entry, stored)
from .entry_changes import EntryChanges

STORE_FILE, LOCK_FILE = "store.json", ".store.lock"
STORE_FOLDERS = (ORIGINALS, NORMALISED)
#: Uploads live in this sub-folder of the data folder, apart from the shipped sample files
#: (git ignores it), so an upload never changes a file the project ships.
UPLOADS = "uploads"
log = logging.getLogger(__name__)


class FileStore(EntryChanges):
    """A store folder (module docstring)."""

    def __init__(self, folder: str | Path, stale_temp_minutes: float | None = None):
        self.folder = Path(folder)
        self.stale_removed = self._remove_stale_temps(stale_temp_minutes)

    def _remove_stale_temps(self, minutes: float | None) -> int:
        """The temporary files of saves killed mid-write, in the folders this store writes to."""
        minutes = load_settings().stale_temp_minutes if minutes is None else minutes
        removed = sum(remove_stale_temps(self.folder / sub, minutes * 60) for sub in ("", *STORE_FOLDERS))
        if removed:
            log.info("Removed %d temporary file(s) of killed saves from %s", removed, self.folder)
        return removed

    # reading ---------------------------------------------------------------
    def entries(self) -> list[Entry]:
        """Every entry, newest first, with ``superseded_by`` worked out."""
        return derive([Entry(**raw) for raw in self._read_raw()])

    def find(self, sha256: str) -> Entry | None:
        return next((e for e in self.entries() if e.sha256 == sha256), None)

    def frame(self, entry: Entry) -> pd.DataFrame:
        """The normalised frame (for a survey: its answer counts)."""
        return pd.read_parquet(self.folder / entry.normalised)

    def counts(self, entry: Entry) -> SurveyCounts:
        """A survey upload's counts (store/normalised.py: an upload kept before counts is counted now)."""
        reach, pairs = (self._part(entry, path) for path in (entry.reach, entry.pairs))
        return survey_counts(self.frame(entry), reach, pairs)

    def comments(self, entry: Entry) -> pd.DataFrame:
        """A survey upload's free-text answers (COMMENTS); empty for any other upload or one kept before comments."""
        return survey_comments(entry.kind, self._part(entry, entry.comments) if entry.kind == "survey" else None)

    def _part(self, entry: Entry, path: str) -> pd.DataFrame | None:
        file = self.folder / path
        return pd.read_parquet(file) if file.is_file() else None

    def original_bytes(self, entry: Entry) -> bytes:
        return (self.folder / entry.original).read_bytes()

    def original_place(self, entry: Entry) -> str:
        """Where the file is: in a data folder's uploads (``open_store``), or this store's own folder."""
        if self.folder.name == UPLOADS:
            return f"from the data folder on the server, at {UPLOADS}/{entry.original}"
        return f"from the store folder {self.folder} on the server, at {entry.original}"

    def audit_trail(self) -> list[Change]:
        return sorted(audit_trail(self.entries()) + self._corrections.changes(self.entries()), key=lambda c: c.at)

    def state(self) -> str:
        """The size and modification time of each file the store rewrites on a change (the
        manifest, the corrections' log): every change writes one of them, atomically."""
        files = sorted(p for p in self.folder.glob("*") if p.is_file() and not p.name.startswith("."))
        return hashlib.sha256("|".join(f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}"
                                       for p in files).encode()).hexdigest()[:16]

    # comment themes ----------------------------------------------------------
    @property
    def _corrections(self) -> ThemeCorrections:
        return ThemeCorrections(self.folder, self.comments)

    def correct_theme(self, comment_id: str, theme: str, who: str, folder_ids: Collection[str] = ()) -> ThemeCorrection:
        """Record that ``who`` says comment ``comment_id`` is about ``theme`` (store/theme_corrections.py)."""
        return self._corrections.correct(self.entries(), comment_id, theme, who, folder_ids)

    def theme_corrections(self, history: bool = False) -> pd.DataFrame:
        """THEME_CORRECTIONS: the latest correction of each comment (``history``: every one, oldest first)."""
        return self._corrections.read(history)

    # changing --------------------------------------------------------------
    def add(self, data: bytes, filename: str, result, metadata: dict | None = None,
            by: str | None = None) -> Saved:
        """Keep ``data`` (the uploaded bytes) and ``result`` (its LoadResult) unless already kept."""
        sha = content_hash(data)
        with locked(self.folder / LOCK_FILE):
            raw = self._read_raw()
            existing = next((e for e in raw if e["sha256"] == sha), None)
            if existing is not None:
                return Saved("duplicate", Entry(**existing))
            before = {e.sha256 for e in derive([Entry(**r) for r in raw]) if e.active}
            entry = new_entry(data, filename, result, metadata, by)
            files = {entry.original: data, **{_path(entry, part): parquet(f)
                                               for part, f in kept_parts(entry.kind, result).items()}}
            self._write_files(files, raw + [stored(entry)])
        after = {e.sha256: e for e in self.entries()}
        superseded = [after[s] for s in before if s in after and not after[s].active]
        return Saved("stored", after[sha], superseded)

    # the manifest and the files ---------------------------------------------
    def _read_raw(self) -> list[dict]:
        path = self.folder / STORE_FILE
        if not path.is_file():
            return []
        raw = json.loads(path.read_text(encoding="utf-8"))
        fields = set(Entry.__dataclass_fields__) - {"superseded_by"}
        return [{k: v for k, v in item.items() if k in fields} for item in raw.get("entries", [])]

    def _change(self, sha256: str, action: str, by: str | None) -> Entry:
        with locked(self.folder / LOCK_FILE):
            raw = self._read_raw()
            index = next((i for i, e in enumerate(raw) if e["sha256"] == sha256), None)
            if index is None:
                raise KeyError(f"No stored file with hash {sha256}")
            raw[index] = changed(raw[index], action, by)
            self._write_raw(raw)
        return self.find(sha256)

    def _write_files(self, files: dict[str, bytes], raw: list[dict]) -> None:
        """Write the files an upload needs (an original already there is kept), then the
        manifest; if anything fails, remove again the files this call created."""
        created = []
        try:
            for name, data in files.items():
                path = self.folder / name
                if name.startswith(ORIGINALS) and path.is_file():
                    continue
                if not path.is_file():
                    created.append(path)
                atomic_write(path, data)
            self._write_raw(raw)
        except BaseException:
            for path in created:
                with contextlib.suppress(OSError):
                    path.unlink()
            raise

    def _write_raw(self, raw: list[dict]) -> None:
        text = json.dumps({"version": 1, "entries": raw}, indent=1, ensure_ascii=False)
        atomic_write(self.folder / STORE_FILE, text.encode("utf-8"))


def _path(entry: Entry, part: str) -> str:
    """Where the file store keeps one normalised part (store/normalised.py) of ``entry``."""
    return {FRAME: entry.normalised, REACH: entry.reach, PAIRS: entry.pairs, COMMENTS_PART: entry.comments}[part]

"""The database store: ``UploadStore`` on PostgreSQL, for a shared service of many authorities.

``PgStore`` keeps the same things as the file store (store/file_store.py), as rows: ``entries``
(every Entry field but its history), ``originals`` (the uploaded bytes, bytea, or with an
originals folder their file's path and size: store/pg_originals.py), ``normalised``
(each part of store/normalised.py as parquet bytes), ``changes`` (the audit trail, from which each
entry's ``history`` is read) and ``theme_corrections``. The rules are the file store's own:
store/entry.py makes, changes and derives entries, store/normalised.py the parts,
store/theme_corrections.py what a correction may be; only where the bytes go differs.

Each operation is one transaction (store/pg_schema.py), as the store's authority: row-level
security shows it that authority's rows only. No query here names the authority in a WHERE
clause: the database's policy is the only filter, so the contract tests (each test a new
authority of one database) prove the isolation as well as the behaviour. A change takes the authority's advisory lock
first, so changes made at once queue (as the file store's lock makes them) and an ``add`` knows
exactly what it superseded; an exception anywhere rolls the whole change back.
"""
from __future__ import annotations

import threading
from collections.abc import Collection
from datetime import datetime
from pathlib import Path

import pandas as pd
from psycopg.types.json import Jsonb

from model.survey_counts import SurveyCounts

from .entry import (Change, Entry, Saved, audit_trail, changed,
                    content_hash, derive, new_entry, stored)
from .entry_changes import EntryChanges
from .normalised import COMMENTS_PART, FRAME, PAIRS, REACH, from_parquet, kept_parts, parquet, survey_comments, \
    survey_counts
from .pg_originals import OnDisk, OriginalDamaged, where_words
from .pg_schema import Database, prepare, transaction
from .theme_corrections import ThemeCorrection, correction_changes, corrections_frame, new_correction

_LOCK_SPACE = 1912           # the first key of the store's advisory locks; the second is the authority's
_TIMES = ("stored_at", "active_since", "removed_at")
_ENTRY_COLUMNS = ("sha256", "file", "ext", "kind", "format", "records", "stored_at", "active_since", "questions",
                  "metadata", "who", "removed", "removed_at", "warnings", "unmapped")


class PgStore(EntryChanges):
    """One authority's store in a PostgreSQL database (module docstring)."""

    def __init__(self, database: Database, originals_dir: Path | None = None, stale_temp_minutes: float = 10.0):
        """``originals_dir``: keep new originals on disk there (None: in the database)."""
        self.database = database
        self.on_disk = None if originals_dir is None else OnDisk(Path(originals_dir))
        prepare(database)
        self._blobs: dict[tuple[str, str], bytes] = {}     # (sha256, part): parquet bytes read (``_parts``)
        self._read_parts: set[str] = set()                 # the parts read for every entry
        self._blobs_lock = threading.Lock()
        if self.on_disk is not None:
            self.on_disk.remove_stale_temps(self.authority, stale_temp_minutes)

    @property
    def authority(self) -> str:
        return self.database.authority

    # reading ---------------------------------------------------------------
    def entries(self) -> list[Entry]:
        """Every entry, newest first, with ``superseded_by`` worked out (store/entry.py ``derive``)."""
        with transaction(self.database) as conn:
            return self._entries(conn)

    def find(self, sha256: str) -> Entry | None:
        return next((e for e in self.entries() if e.sha256 == sha256), None)

    def original_bytes(self, entry: Entry) -> bytes:
        """The bytes of the authority's own row of that hash: kept in it, or in the file it names."""
        data, path, size = self._original_row(entry.sha256)
        if path is None:
            return bytes(data)
        if self.on_disk is None:
            raise OriginalDamaged(f"The original {entry.sha256} is kept on disk ({path}), but this server names no "
                                  "originals folder: set [store] originals_dir (or IMPROVEMENT_ORIGINALS_DIR).")
        return self.on_disk.read(self.authority, path, entry.sha256, size)

    def original_place(self, entry: Entry) -> str:
        return where_words(self.authority, entry.sha256, self._original_row(entry.sha256)[1])

    def _original_row(self, sha256: str) -> tuple:
        with transaction(self.database) as conn:
            row = conn.execute("SELECT data, path, size FROM originals WHERE sha256 = %s", (sha256,)).fetchone()
        if row is None:
            raise KeyError(f"No stored file with hash {sha256}")
        return row

    def frame(self, entry: Entry) -> pd.DataFrame:
        """The normalised frame (for a survey: its answer counts)."""
        frame = self._parts(entry, FRAME).get(FRAME)
        if frame is None:
            raise KeyError(f"No stored file with hash {entry.sha256}")
        return frame

    def counts(self, entry: Entry) -> SurveyCounts:
        parts = self._parts(entry, FRAME, REACH, PAIRS)
        return survey_counts(parts[FRAME], parts.get(REACH), parts.get(PAIRS))

    def comments(self, entry: Entry) -> pd.DataFrame:
        kept = self._parts(entry, COMMENTS_PART).get(COMMENTS_PART) if entry.kind == "survey" else None
        return survey_comments(entry.kind, kept)

    def audit_trail(self) -> list[Change]:
        with transaction(self.database) as conn:
            entries, lines = self._entries(conn), self._corrections(conn)
        return sorted(audit_trail(entries) + correction_changes(lines, entries), key=lambda c: c.at)

    def state(self) -> str:
        """The authority's last change and correction (ids only grow) and its numbers of rows: every
        change adds a row of ``changes`` or of ``theme_corrections``."""
        with transaction(self.database) as conn:
            row = conn.execute("SELECT (SELECT count(*) FROM entries), (SELECT coalesce(max(id), 0) FROM changes), "
                               "(SELECT count(*) FROM changes), (SELECT coalesce(max(id), 0) FROM theme_corrections), "
                               "(SELECT count(*) FROM theme_corrections)").fetchone()
        return "-".join(str(v) for v in row)

    # comment themes ----------------------------------------------------------
    def correct_theme(self, comment_id: str, theme: str, who: str, folder_ids: Collection[str] = ()) -> ThemeCorrection:
        """Append a correction (store/theme_corrections.py ``new_correction`` says what is refused)."""
        line = new_correction(self.entries(), self.comments, comment_id, theme, who, folder_ids)
        with transaction(self.database) as conn:
            conn.execute("INSERT INTO theme_corrections (authority, comment_id, theme, who, at, sha256, file) "
                         "VALUES (%s, %s, %s, %s, %s, %s, %s)",
                         (self.authority, line.comment_id, line.theme, line.who, _time(line.when), line.sha256,
                          line.file))
        return line

    def theme_corrections(self, history: bool = False) -> pd.DataFrame:
        with transaction(self.database) as conn:
            return corrections_frame(self._corrections(conn), history)

    # changing --------------------------------------------------------------
    def add(self, data: bytes, filename: str, result, metadata: dict | None = None,
            by: str | None = None) -> Saved:
        """Keep ``data`` and ``result`` (its LoadResult) unless the same bytes are already kept."""
        sha, written = content_hash(data), []
        try:
            with transaction(self.database) as conn:
                self._lock(conn)
                before = {e.sha256: e for e in self._entries(conn)}
                if sha in before:
                    return Saved("duplicate", before[sha])
                entry = new_entry(data, filename, result, metadata, by)
                parts = {part: parquet(frame) for part, frame in kept_parts(entry.kind, result).items()}
                self._insert(conn, entry, data, parts, written)
                after = {e.sha256: e for e in self._entries(conn)}
        except BaseException:
            for relative in written:     # the rows were rolled back: so goes the file this add wrote
                self.on_disk.forget(relative)
            raise
        superseded = [after[s] for s, e in before.items() if e.active and not after[s].active]
        return Saved("stored", after[sha], superseded)

    # the rows --------------------------------------------------------------
    def _lock(self, conn) -> None:
        conn.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))", (_LOCK_SPACE, self.authority))

    def _entries(self, conn) -> list[Entry]:
        rows = conn.execute(f"SELECT {', '.join(_ENTRY_COLUMNS)} FROM entries").fetchall()
        history: dict[str, list[dict]] = {}
        for sha, action, at, who in conn.execute("SELECT sha256, action, at, who FROM changes ORDER BY at, id"):
            history.setdefault(sha, []).append({"action": action, "at": _iso(at), "by": who})
        return derive([_entry(dict(zip(_ENTRY_COLUMNS, row)), history.get(row[0], [])) for row in rows])

    def _insert(self, conn, entry: Entry, data: bytes, parts: dict[str, bytes], written: list[str]) -> None:
        raw = stored(entry)
        values = {**{k: raw[k] for k in _ENTRY_COLUMNS if k != "who"}, "who": entry.by}
        values.update({k: _time(values[k]) for k in _TIMES})
        values.update({k: Jsonb(values[k]) for k in ("metadata", "warnings", "unmapped")})
        names = ", ".join(values)
        conn.execute(f"INSERT INTO entries (authority, {names}) VALUES (%s, {', '.join(['%s'] * len(values))})",
                     (self.authority, *values.values()))
        self._keep_original(conn, entry, data, written)
        with conn.cursor() as cur:
            cur.executemany("INSERT INTO normalised (authority, sha256, part, parquet) VALUES (%s, %s, %s, %s)",
                            [(self.authority, entry.sha256, part, blob) for part, blob in parts.items()])
        self._record(conn, entry.sha256, entry.history[-1])

    def _keep_original(self, conn, entry: Entry, data: bytes, written: list[str]) -> None:
        """The original's row: its bytes, or (on disk) the file written first and its path and size."""
        if self.on_disk is None:
            conn.execute("INSERT INTO originals (authority, sha256, data) VALUES (%s, %s, %s)",
                         (self.authority, entry.sha256, data))
            return
        relative, wrote = self.on_disk.keep(self.authority, entry.sha256, entry.ext, data)
        if wrote:
            written.append(relative)
        conn.execute("INSERT INTO originals (authority, sha256, path, size) VALUES (%s, %s, %s, %s)",
                     (self.authority, entry.sha256, relative, len(data)))

    def _change(self, sha256: str, action: str, by: str | None) -> Entry:
        with transaction(self.database) as conn:
            self._lock(conn)
            entry = next((e for e in self._entries(conn) if e.sha256 == sha256), None)
            if entry is None:
                raise KeyError(f"No stored file with hash {sha256}")
            after = changed(stored(entry), action, by)
            conn.execute("UPDATE entries SET removed = %s, removed_at = %s, active_since = %s WHERE sha256 = %s",
                         (after["removed"], _time(after["removed_at"]), _time(after["active_since"]), sha256))
            self._record(conn, sha256, after["history"][-1])
            return next(e for e in self._entries(conn) if e.sha256 == sha256)

    def _record(self, conn, sha256: str, line: dict) -> None:
        """One line of the audit trail (the table is append-only: the app may not update or delete it)."""
        conn.execute("INSERT INTO changes (authority, sha256, action, at, who) VALUES (%s, %s, %s, %s, %s)",
                     (self.authority, sha256, line["action"], _time(line["at"]), line["by"]))

    def _parts(self, entry: Entry, *parts: str) -> dict[str, pd.DataFrame]:
        """The entry's kept parts. The first read of a part reads it for every entry of the authority in
        one query (a page reads every current wave's, and their earlier versions'); the bytes are kept
        on this store, which is always right: an entry's parts are written with it and never change."""
        with self._blobs_lock:
            wanted = [p for p in parts if p not in self._read_parts]
            if wanted:
                with transaction(self.database) as conn:
                    rows = conn.execute("SELECT sha256, part, parquet FROM normalised WHERE part = ANY(%s)",
                                        (wanted,)).fetchall()
                self._blobs.update({(sha, part): bytes(blob) for sha, part, blob in rows})
                self._read_parts.update(wanted)
            kept = {p: self._blobs[(entry.sha256, p)] for p in parts if (entry.sha256, p) in self._blobs}
        if len(kept) < len(parts):      # an entry added since the parts were read: read its own
            with transaction(self.database) as conn:
                rows = conn.execute("SELECT part, parquet FROM normalised WHERE sha256 = %s AND part = ANY(%s)",
                                    (entry.sha256, list(parts))).fetchall()
            kept = {part: bytes(blob) for part, blob in rows}
            with self._blobs_lock:
                self._blobs.update({(entry.sha256, part): blob for part, blob in kept.items()})
        return {part: from_parquet(blob) for part, blob in kept.items()}

    def _corrections(self, conn) -> list[ThemeCorrection]:
        rows = conn.execute("SELECT comment_id, theme, who, at, sha256, file FROM theme_corrections ORDER BY id")
        return [ThemeCorrection(c, t, w, _iso(at), s, f) for c, t, w, at, s, f in rows]


def _entry(row: dict, history: list[dict]) -> Entry:
    fields = {("by" if k == "who" else k): (_iso(v) if k in _TIMES else v) for k, v in row.items()}
    return Entry(**fields, history=history)


def _time(iso: str | None) -> datetime | None:
    return None if iso is None else datetime.fromisoformat(iso)


def _iso(moment: datetime | None) -> str | None:
    """A time read back, written as store/entry.py ``now`` writes it (UTC, microseconds)."""
    return None if moment is None else moment.isoformat(timespec="microseconds")

"""The store as an interface: what every backend keeping uploads must do, and which one is used.

``UploadStore`` names the operations (add, remove, restore, reinstate, list the versions,
find one, read its original bytes, its normalised frame, survey counts or comments, correct a
comment's theme, record a download of an original, the audit trail, the store's state)
and the promises each makes. ``store.revisions``, ``store.intake`` and ``assembly`` use a
store only through it, and get one only from ``open_store``. Two backends implement it and
pass the same contract tests (tests/store/test_store_contract.py): the embedded file store
(store/file_store.py), the default, and the PostgreSQL store of a shared service
(store/pg_store.py), chosen in ``open_store`` by ``IMPROVEMENT_DATABASE_URL``.

The promises, for every backend:

- Originals are kept byte for byte: ``original_bytes`` gives back exactly what was added,
  for as long as the entry exists, whatever happened to it since.
- Nothing stored is lost: a correction supersedes, it does not replace; ``remove`` is a
  flag (the bytes and the frame stay readable) undone by ``restore``; any version can be
  made current again with ``reinstate``. The store has no delete.
- Each change is atomic: ``add``, ``remove``, ``restore`` and ``reinstate`` either happen
  whole or not at all, and changes made at once by two sessions both land.
- An upload that fails (an exception while it is kept, or a result that cannot be
  recorded) raises and leaves the store as it was: the same entries, the same audit trail.
- The audit trail lists every change (added, removed, restored, reinstated, a comment's theme
  corrected) and every download of an original (``record_download``), oldest first, each with
  its time and who made it (``by``, None when not known).
- A survey's comments (COMMENTS) are kept with its counts at ``add`` and read back as kept.
- A theme correction is appended, never overwritten: the latest for a comment wins, every one
  stays in the history, each is atomic and needs a ``who``. Supersession is not a
  change of its own: it follows from an ``add`` or a ``reinstate`` (store/entry.py).
"""
from __future__ import annotations

from pathlib import Path
from collections.abc import Collection
from typing import Protocol, runtime_checkable

import pandas as pd

from loaders.report import LoadResult
from settings.config import load_settings
from model.survey_counts import SurveyCounts

from .entry import Change, Entry, Saved
from .theme_corrections import ThemeCorrection
from .file_store import STORE_FOLDERS, UPLOADS, FileStore
from .pg_schema import from_environment
from .pg_store import PgStore

#: Sub-folders of a data folder that hold a store, never data files: where ``open_store``
#: keeps uploads, and the folders of a store kept at the top of a data folder.
STORE_SUBFOLDERS = (*STORE_FOLDERS, UPLOADS)


@runtime_checkable
class UploadStore(Protocol):
    """Where uploads are kept: every version of every file, with its provenance (module docstring)."""

    def add(self, data: bytes, filename: str, result: LoadResult, metadata: dict | None = None,
            by: str | None = None) -> Saved:
        """Keep ``data`` (the uploaded bytes) and ``result`` (what ``load_file`` made of them),
        with ``metadata`` (audience, wave, wave_date, snapshot_date, meeting) over what the
        file says. Bytes already kept give ``Saved("duplicate", <the kept entry>)`` and
        change nothing; otherwise ``Saved("stored", entry, <the entries it superseded>)``.
        Atomic; on failure raises and changes nothing."""
        ...

    def remove(self, sha256: str, by: str | None = None) -> Entry:
        """Flag the entry removed: it stops being current (an older version of its wave may
        become current again); its bytes and frame stay. KeyError for an unknown hash."""
        ...

    def restore(self, sha256: str, by: str | None = None) -> Entry:
        """Undo a removal. KeyError for an unknown hash."""
        ...

    def reinstate(self, sha256: str, by: str | None = None) -> Entry:
        """Make this version (superseded or removed) the current one of its wave, snapshot or
        meeting again. KeyError for an unknown hash."""
        ...

    def entries(self) -> list[Entry]:
        """Every version ever stored, newest first, with ``superseded_by`` worked out
        (``Entry.active``: neither removed nor superseded)."""
        ...

    def find(self, sha256: str) -> Entry | None:
        """The entry of that content, or None."""
        ...

    def original_bytes(self, entry: Entry) -> bytes:
        """The uploaded bytes, exactly as they were added."""
        ...

    def original_place(self, entry: Entry) -> str:
        """Where an officer on the server finds the original, in words ("from the data folder on the
        server, at uploads/originals/…"): the Data page says it where the original is not offered.
        KeyError for an unknown hash."""
        ...

    def frame(self, entry: Entry) -> pd.DataFrame:
        """The normalised frame kept at ``add`` (for a survey: its answer counts)."""
        ...

    def counts(self, entry: Entry) -> SurveyCounts:
        """A survey upload's answer counts and reach table, as kept at ``add``."""
        ...

    def comments(self, entry: Entry) -> pd.DataFrame:
        """A survey upload's free-text answers (model.frames COMMENTS) as kept at ``add``; an empty
        frame for any other upload, or a survey kept before comments were."""
        ...

    def correct_theme(self, comment_id: str, theme: str, who: str, folder_ids: Collection[str] = ()) -> ThemeCorrection:
        """Record that ``who`` (required: the signed-in officer, or with no sign-in the name the page asks for) says the
        comment is about ``theme``, now; appended to the log, one line of the audit trail. ValueError
        for a blank ``who`` or theme, KeyError for a comment neither a stored upload nor
        ``folder_ids`` (the data folder's own files' comments) has. Atomic."""
        ...

    def theme_corrections(self, history: bool = False) -> pd.DataFrame:
        """THEME_CORRECTIONS: the latest correction of each comment; with ``history``, every
        correction, oldest first."""
        ...

    def record_download(self, sha256: str, by: str) -> Entry:
        """Record that ``by`` (required: a signed-in officer) downloaded the entry's original, now:
        one line of the audit trail (action ``store.entry.DOWNLOADED``), nothing else changes.
        ValueError for a blank ``by``, KeyError for an unknown hash. Atomic."""
        ...

    def audit_trail(self) -> list[Change]:
        """Every change to the store, oldest first, each with its time and who made it."""
        ...

    def state(self) -> str:
        """A short key that changes whenever the store changes (an add, a removal, a restoration, a
        reinstatement, a theme correction, a download recorded) and stays the same while nothing
        does, whichever session reads it; cheap, as the app reads it on every page run to know
        whether its cached data is still the store's (ui/context.py)."""
        ...


def open_store(data_dir: str | Path, authority: str | None = None) -> UploadStore:
    """The store of uploads that belongs to a data folder: the embedded file store in its
    ``uploads`` sub-folder, unless ``IMPROVEMENT_DATABASE_URL`` is set: then the PostgreSQL store
    (store/pg_store.py) of ``authority`` (default ``IMPROVEMENT_AUTHORITY``, else "default"), keeping its
    originals where ``[store] originals`` says (config/settings.toml; ``IMPROVEMENT_ORIGINALS_DIR``)."""
    database = from_environment(authority)
    if database is None:
        return FileStore(Path(data_dir) / UPLOADS)
    settings = load_settings()
    return PgStore(database, settings.originals_dir, settings.stale_temp_minutes)

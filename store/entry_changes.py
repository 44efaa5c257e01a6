"""The changes a user makes to a kept upload, the same on every store backend.

Remove, restore, reinstate and the record of an original's download are each one line of
the entry's history; a backend says only how it writes that line (its ``_change(sha256,
action, by)``: the file store's manifest, the PostgreSQL store's ``changes`` rows), so the
rules of each change are written once here.
"""
from __future__ import annotations

from .entry import DOWNLOADED, REINSTATED, REMOVED, RESTORED, Entry


class EntryChanges:
    """Mixed into a store backend that has ``_change(sha256, action, by) -> Entry``."""

    def remove(self, sha256: str, by: str | None = None) -> Entry:
        """Flag an entry removed (undo with ``restore``); nothing is deleted."""
        return self._change(sha256, REMOVED, by)

    def restore(self, sha256: str, by: str | None = None) -> Entry:
        """Undo a removal."""
        return self._change(sha256, RESTORED, by)

    def reinstate(self, sha256: str, by: str | None = None) -> Entry:
        """Make a superseded (or removed) version the current one for its wave/snapshot again."""
        return self._change(sha256, REINSTATED, by)

    def record_download(self, sha256: str, by: str) -> Entry:
        """One line of the entry's history: ``by`` took its original, now (store/originals.py)."""
        if not str(by or "").strip():
            raise ValueError("A download of an original is recorded with who took it.")
        return self._change(sha256, DOWNLOADED, str(by).strip())

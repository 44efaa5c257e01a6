"""The audit trail as the Data page shows it to officers: every upload, supersession, removal,
restoration, reinstatement, comment theme correction and download of an original, newest first,
with when, what, which file and who (the signed-in person's email or name; a change made with no
sign-in names nobody, and says so). Reads only the store's ``audit_trail()``.
"""
from __future__ import annotations

import pandas as pd

from .entry import ADDED
from .interface import UploadStore

COLUMNS = ["at", "action", "file", "by", "detail"]
NOBODY = "not known (no sign-in)"


def audit_table(store: UploadStore) -> pd.DataFrame:
    """One row per line of the audit trail, newest first; the upload of a version now superseded says
    by which (supersession is not a change of its own: it follows from a later upload or reinstatement)."""
    trail = store.audit_trail()
    if not trail:
        return pd.DataFrame(columns=COLUMNS)
    entries = store.entries()
    files = {e.sha256: e.file for e in entries}
    superseded = {e.sha256: files.get(e.superseded_by, e.superseded_by) for e in entries if e.superseded_by}
    rows = []
    for change in trail:
        detail = change.detail or ""
        if change.action == ADDED and change.sha256 in superseded:      # supersession follows from a later change
            detail = f"now superseded by {superseded[change.sha256]}"
        rows.append({"at": _when(change.at), "action": change.action.capitalize(), "file": change.file,
                     "by": change.by or NOBODY, "detail": detail})
    return pd.DataFrame(rows, columns=COLUMNS).iloc[::-1].reset_index(drop=True)


def _when(at: str) -> str:
    stamp = pd.Timestamp(at)
    return (stamp.tz_convert("UTC") if stamp.tzinfo else stamp).strftime("%Y-%m-%d %H:%M:%S UTC")

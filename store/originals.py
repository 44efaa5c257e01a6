"""Serving an uploaded original back: the one door every download of an original goes through.

Who may download an original is data, per file type: ``original`` in
config/file_formats.toml ("everyone", or "officers" for an .xlsm, which can hold macros).
There is no sign-in yet, so no viewer is known to be an officer and an officers-only
original is never served by the dashboard: it stays kept byte for byte in the data
folder, where an officer takes it on the server. The issue that adds roles passes the
viewer's role to ``original_download``; nothing else changes.
"""
from __future__ import annotations

from dataclasses import dataclass

from settings.file_formats import EVERYONE, folder_suffixes, mime, original_audience, words

from .entry import Entry
from .file_store import UPLOADS
from .interface import UploadStore

DEFAULT_MIME = "application/octet-stream"


@dataclass(frozen=True)
class Original:
    """An original as a download offers it, or the reason it is withheld (``data`` None)."""
    file_name: str
    mime: str
    data: bytes | None
    withheld: str = ""

    @property
    def served(self) -> bool:
        return self.data is not None


def may_serve(entry: Entry, role: str | None = None) -> bool:
    """Whether a viewer with ``role`` (None: not signed in, today everyone) may download it."""
    audience = original_audience(entry.ext)
    return audience == EVERYONE or role == audience


def original_download(store: UploadStore, entry: Entry, role: str | None = None) -> Original:
    """The original's bytes, name and MIME type when ``role`` may have it; else why not and
    how an officer gets it."""
    kind = mime(entry.ext) if entry.ext in folder_suffixes() else DEFAULT_MIME
    if not may_serve(entry, role):
        return Original(entry.file, kind, None, withheld_words(entry))
    return Original(entry.file, kind, store.original_bytes(entry))


def withheld_words(entry: Entry) -> str:
    """Why the original is not offered, and where an officer finds it."""
    return (f"The original of '{entry.file}' is not offered for download: it is {words(entry.ext)} "
            f"({entry.ext}), whose originals only officers may have, and with no sign-in yet the dashboard cannot "
            f"tell who is an officer. It is kept exactly as uploaded; an officer can take it from the data folder "
            f"on the server, at {UPLOADS}/{entry.original}. What was read from it is used as usual.")

"""Serving an uploaded original back: the one door every download of an original goes through.

An original holds what the dashboard never shows whole: a survey's respondent-level answers and
comments, a tracker's owners. So it is served to a signed-in viewer whose roles may
the ``originals`` downloads (config/roles.toml [downloads]: officers) and to nobody else, whatever its type; an
.xlsm (macros) is no exception either way. A viewer who has not signed in (sign-in not required)
is never served one: each download is recorded in the audit trail with who took it
(``record_download``, called when the button is pressed), and nobody is named. A withheld original
says why, and that it stays kept byte for byte where the store keeps it (``original_place``: the
data folder, the PostgreSQL database or its originals folder), where an officer takes it on the
server.
"""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from settings.file_formats import folder_suffixes, mime, words
from settings.roles import may_download

from .entry import Entry
from .interface import UploadStore

DEFAULT_MIME = "application/octet-stream"
KIND = "originals"      # config/roles.toml [downloads.originals]


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


def may_serve(entry: Entry, roles: Collection[str] = (), who: str | None = None) -> bool:
    """Whether a viewer with ``roles``, signed in as ``who`` (None: nobody signed in), may download it."""
    return bool(str(who or "").strip()) and may_download(KIND, roles)


def original_download(store: UploadStore, entry: Entry, roles: Collection[str] = (),
                      who: str | None = None) -> Original:
    """The original's bytes, name and MIME type when the viewer may have it; else why not and how an
    officer gets it. Offering is not downloading: the page records a download when it happens
    (``record_download``)."""
    kind = mime(entry.ext) if entry.ext in folder_suffixes() else DEFAULT_MIME
    if not may_serve(entry, roles, who):
        return Original(entry.file, kind, None, withheld_words(entry, store.original_place(entry), signed_in=bool(who)))
    return Original(entry.file, kind, store.original_bytes(entry))


def record_download(store: UploadStore, entry: Entry, who: str) -> None:
    """The audit trail's line for a download of ``entry``'s original by ``who``."""
    store.record_download(entry.sha256, by=who)


def withheld_words(entry: Entry, place: str, signed_in: bool = False) -> str:
    """Why the original is not offered, and where an officer finds it."""
    why = ("your account is not an officer's" if signed_in else
           "nobody has signed in, and each download is recorded with who took it")
    return (f"The original of '{entry.file}' ({words(entry.ext)}, {entry.ext}) is not offered for download: "
            f"originals hold respondents' answers, comments and names, so only a signed-in officer may have them, "
            f"and {why}. It is kept exactly as uploaded; an officer can take it {place}. "
            "What was read from it is used as usual.")

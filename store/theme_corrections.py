"""Officers' corrections of comment themes: an append-only log kept beside the uploads.

A comment's theme is worked out by ``metrics.comment_themes``; an officer who reads it
otherwise corrects it, and the correction is used from then on. The log
(``theme_corrections.json`` in the store's folder) keeps every correction ever made, oldest
first, each with the comment, the theme, who made it and when (UTC), and the upload the
comment came from; nothing is ever taken out of it. The latest correction of a comment wins.
Each correction is a read-modify-write of the log under its lock, written atomically
(store/atomic.py): two officers correcting at once both land, and a write that fails leaves
the log as it was. Each correction is also a line of the store's audit trail
(``THEME_CORRECTED``, with the upload's hash and name). What is refused, the table of
corrections and their audit lines are the functions below (``new_correction``,
``corrections_frame``, ``correction_changes``), which the database store uses as well.

There is no sign-in yet: ``who`` is what the officer types in the page's name field, and is
required (a correction nobody owns is refused). The roles issue will pass the signed-in user.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from collections.abc import Collection
from typing import Callable

import pandas as pd

from model.frames import THEME_CORRECTIONS, conform, empty
from model.text import one_line

from .atomic import atomic_write, locked
from .entry import Change, Entry, now

LOG_FILE, LOG_LOCK = "theme_corrections.json", ".theme_corrections.lock"
THEME_CORRECTED = "theme corrected"
MAX_THEME = 100              # characters: a theme's name, not a note
FOLDER_FILE = "a file of the data folder"   # a comment read from the folder, not an upload


@dataclass(frozen=True)
class ThemeCorrection:
    """One line of the log."""

    comment_id: str
    theme: str
    who: str
    when: str                    # ISO timestamp, UTC
    sha256: str                  # the upload the comment came from ("" for a data folder file)
    file: str


class ThemeCorrections:
    """The log of one store folder; ``comments(entry)`` reads an upload's COMMENTS."""

    def __init__(self, folder: Path, comments: Callable[[Entry], pd.DataFrame]):
        self.path, self.lock, self._comments = Path(folder) / LOG_FILE, Path(folder) / LOG_LOCK, comments

    def lines(self) -> list[ThemeCorrection]:
        if not self.path.is_file():
            return []
        raw = json.loads(self.path.read_text(encoding="utf-8"))
        return [ThemeCorrection(**line) for line in raw.get("corrections", [])]

    def correct(self, entries: list[Entry], comment_id: str, theme: str, who: str,
                folder_ids: Collection[str] = ()) -> ThemeCorrection:
        """Append a correction (``new_correction`` says what is refused)."""
        with locked(self.lock):
            lines = self.lines()
            line = new_correction(entries, self._comments, comment_id, theme, who, folder_ids)
            text = json.dumps({"version": 1, "corrections": [asdict(x) for x in [*lines, line]]}, indent=1,
                              ensure_ascii=False)
            atomic_write(self.path, text.encode("utf-8"))
        return line

    def read(self, history: bool = False) -> pd.DataFrame:
        """THEME_CORRECTIONS: every line oldest first (``history``), else the latest of each comment."""
        return corrections_frame(self.lines(), history)

    def changes(self, entries: list[Entry]) -> list[Change]:
        return correction_changes(self.lines(), entries)


def new_correction(entries: list[Entry], comments: Callable[[Entry], pd.DataFrame], comment_id: str, theme: str,
                   who: str, folder_ids: Collection[str] = ()) -> ThemeCorrection:
    """The line of a correction made now, for any backend to append; ValueError for a blank theme
    or who, KeyError for a comment no stored upload has (``comments(entry)`` reads an upload's
    COMMENTS) and ``folder_ids`` (the comments of the data folder's own files, which are not
    uploads: the line names no upload) does not hold."""
    theme, who, comment_id = one_line(theme), one_line(who), one_line(comment_id)
    if not who:
        raise ValueError("Say who is correcting the theme: type your name in the name field, then save again.")
    if not theme or len(theme) > MAX_THEME:
        raise ValueError(f"Choose the comment's theme (a name of at most {MAX_THEME} characters), then save again.")
    entry = next((e for e in entries if e.kind == "survey" and comment_id in set(comments(e)["comment_id"])), None)
    if entry is None and comment_id not in set(folder_ids):
        raise KeyError(f"No stored comment with id {comment_id!r}")
    sha256, file = (entry.sha256, entry.file) if entry is not None else ("", FOLDER_FILE)
    return ThemeCorrection(comment_id, theme, who, now(), sha256, file)


def corrections_frame(lines: list[ThemeCorrection], history: bool = False) -> pd.DataFrame:
    """THEME_CORRECTIONS of the log's ``lines`` (oldest first): every one (``history``), else the
    latest of each comment."""
    if not lines:
        return empty(THEME_CORRECTIONS)
    frame = pd.DataFrame([asdict(x) for x in lines])
    frame["when"] = pd.to_datetime(frame["when"], utc=True).dt.tz_localize(None)
    if not history:
        frame = frame.drop_duplicates("comment_id", keep="last")
    return conform(frame, THEME_CORRECTIONS)


def correction_changes(lines: list[ThemeCorrection], entries: list[Entry]) -> list[Change]:
    """The audit trail's lines for the corrections (the upload named as it is now listed)."""
    names = {e.sha256: e.file for e in entries}
    return [Change(x.when, THEME_CORRECTED, x.sha256, names.get(x.sha256, x.file), x.who,
                   f"comment {x.comment_id}: theme “{x.theme}”") for x in lines]

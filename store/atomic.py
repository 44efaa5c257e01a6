"""Crash-safe file writes and the store's lock.

``atomic_write`` writes a temporary file in the target's own folder, flushes and fsyncs
it, then ``os.replace``s it over the target: a reader sees the old file or the new one,
never half of one, whatever moment the process is killed at. ``write_once`` does the same
for a file that must never be overwritten (a content-addressed original): the temporary file is
hard-linked to its name, which fails if the name exists. ``locked`` holds an
exclusive ``fcntl.flock`` on a lock file for a manifest's read-modify-write, so two
sessions saving at once queue instead of losing each other's entry. A process killed
between the write and the rename leaves its temporary file behind: ``remove_stale_temps``
removes those (the ``TEMP_PREFIX`` files of a folder older than a given age, never another
file, never a younger one that a save in progress may still be writing).
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
import time
from pathlib import Path
from typing import Iterator

TEMP_PREFIX = ".tmp-"


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (temp file in the same folder, fsync, rename)."""
    path = Path(path)
    temp = _synced_temp(path.parent, data)
    try:
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    _fsync_folder(path.parent)


def write_once(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` atomically unless ``path`` already exists (then nothing is written and
    the file there is left as it is). True when this call wrote it."""
    path = Path(path)
    temp = _synced_temp(path.parent, data)
    try:
        os.link(temp, path)
    except FileExistsError:
        return False
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
    _fsync_folder(path.parent)
    return True


def _synced_temp(folder: Path, data: bytes) -> str:
    """A new temporary file in ``folder`` (made if missing) holding ``data``, flushed to disk."""
    folder.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    return temp


def remove_stale_temps(folder: Path, older_than: float, now: float | None = None) -> int:
    """Remove the temporary files a killed ``atomic_write`` left in ``folder`` (not its
    sub-folders): regular files named ``TEMP_PREFIX``* last written more than ``older_than``
    seconds ago. How many were removed; 0 for a folder that does not exist."""
    cutoff = (time.time() if now is None else now) - older_than
    removed = 0
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        with os.scandir(folder) as entries:
            for entry in entries:
                if _stale_temp(entry, cutoff):
                    with contextlib.suppress(FileNotFoundError):    # another process got there first
                        os.unlink(entry.path)
                        removed += 1
    return removed


def _stale_temp(entry: os.DirEntry, cutoff: float) -> bool:
    if not entry.name.startswith(TEMP_PREFIX) or not entry.is_file(follow_symlinks=False):
        return False
    with contextlib.suppress(FileNotFoundError):
        return entry.stat(follow_symlinks=False).st_mtime < cutoff
    return False


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def locked(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``lock_path`` (created if missing) for the block."""
    lock_path = Path(lock_path)
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

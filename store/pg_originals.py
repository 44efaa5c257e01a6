"""Where the PostgreSQL store keeps an original (the uploaded bytes): in its database, or on disk.

``[store] originals`` in config/settings.toml (or ``IMPROVEMENT_ORIGINALS_DIR``) chooses. In the
database an original is a row of ``originals`` with its bytes (``data``). On disk it is a file in
the originals folder, in its authority's own sub-folder, named by its content hash
(``<authority>/<sha256><ext>``), written atomically and never overwritten (store/atomic.py
``write_once``); its row keeps the path, the hash (the row's key) and the size instead of the bytes.

The row is the only way to the file: a read asks the database for the row of that hash, which
row-level security shows only to the file's own authority, and then checks that the path lies in
that authority's sub-folder and that the bytes read have the row's size and hash. So an authority
never reads another's original, even knowing its hash and folder, and a file changed on disk is
refused in words rather than served.
"""
from __future__ import annotations

import contextlib
import hashlib
from dataclasses import dataclass
from pathlib import Path

from .atomic import remove_stale_temps, write_once


class OriginalDamaged(RuntimeError):
    """A kept original cannot be given back byte for byte: what is wrong and where."""


@dataclass(frozen=True)
class OnDisk:
    """The originals folder: one sub-folder per authority (module docstring)."""
    folder: Path

    def relative(self, authority: str, sha256: str, ext: str) -> str:
        return f"{authority}/{sha256}{ext}"

    def keep(self, authority: str, sha256: str, ext: str, data: bytes) -> tuple[str, bool]:
        """Write the file unless it is there already with these very bytes (a save whose rows were
        not kept left it); its relative path and whether this call wrote it. A file of that name
        holding other bytes is never overwritten: OriginalDamaged."""
        relative = self.relative(authority, sha256, ext)
        path = self.folder / relative
        if write_once(path, data):
            return relative, True
        if hashlib.sha256(path.read_bytes()).hexdigest() != sha256:
            raise OriginalDamaged(f"{path} is named by a hash its bytes do not have; it is left as it is. "
                                  "Move it aside (it is not what its name says) and upload the file again.")
        return relative, False

    def forget(self, relative: str) -> None:
        """Remove a file this store wrote for a change that was then rolled back."""
        with contextlib.suppress(FileNotFoundError):
            (self.folder / relative).unlink()

    def read(self, authority: str, relative: str, sha256: str, size: int) -> bytes:
        """The bytes of an authority's row's file, checked against the row (module docstring)."""
        own = (self.folder / authority).resolve()
        path = (self.folder / relative).resolve()
        if path.parent != own or path.name[:64] != sha256:
            raise OriginalDamaged(f"The row of original {sha256} names {relative}, outside its authority's folder.")
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise OriginalDamaged(f"The original {sha256} is missing from {path}: restore the originals folder "
                                  "from its backup.") from None
        if len(data) != size or hashlib.sha256(data).hexdigest() != sha256:
            raise OriginalDamaged(f"{path} is not the original kept ({size} bytes, hash {sha256}): it has been "
                                  "changed on disk. Restore it from the originals folder's backup.")
        return data

    def remove_stale_temps(self, authority: str, minutes: float) -> int:
        return remove_stale_temps(self.folder / authority, minutes * 60)


def where_words(authority: str, sha256: str, relative: str | None) -> str:
    """Where an officer on the server finds the original of a row (the Data page says it)."""
    if relative is None:
        return (f"from the service's PostgreSQL database: table originals, authority {authority}, "
                f"sha256 {sha256} (its bytes are the data column)")
    return f"from the originals folder on the server ([store] originals_dir), at {relative}"

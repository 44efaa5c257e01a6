"""The file store under failure: a save that fails before its manifest is written leaves
every file as it was; a save killed between write and rename leaves the store readable and
consistent, and its temporary file is removed once stale; two processes saving at once both
land (the manifest's file lock)."""
import logging
import os
import subprocess
import sys
import textwrap
import time

import pytest

from settings.config import load_settings
from store.entry import NORMALISED, ORIGINALS
from store.file_store import STORE_FILE, UPLOADS, FileStore
from store.interface import open_store
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TRACKERS = ROOT / "data" / "sample" / "trackers"


def _snapshot(folder):
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_failed_rename_leaves_the_store_as_it_was(tmp_path, trackers, monkeypatch):
    (p1, r1), (p2, r2) = trackers[:2]
    store = FileStore(tmp_path)
    store.add(p1.read_bytes(), p1.name, r1)
    before = _snapshot(tmp_path)
    real = os.replace

    def failing(src, dst):
        if str(dst).endswith(STORE_FILE):
            raise OSError("disk full")
        return real(src, dst)

    monkeypatch.setattr("store.atomic.os.replace", failing)
    with pytest.raises(OSError):
        store.add(p2.read_bytes(), p2.name, r2)
    monkeypatch.undo()
    assert _snapshot(tmp_path) == before          # the manifest, and no unlisted original or parquet
    assert [e.file for e in FileStore(tmp_path).entries()] == [p1.name]
    assert not [p for p in tmp_path.rglob(".tmp-*")]


KILLED = textwrap.dedent("""
    import os, sys
    sys.path.insert(0, {root!r})
    from pathlib import Path
    import store.atomic
    from loaders import load_file
    from store.file_store import FileStore
    real = os.replace
    def kill(src, dst):
        if str(dst).endswith({target!r}):
            os._exit(9)          # killed after the temp file is written, before the rename
        return real(src, dst)
    store.atomic.os.replace = kill
    path = Path({path!r})
    result = load_file(path, kind="actions", snapshot_date="2024-02-02")
    FileStore({folder!r}).add(path.read_bytes(), path.name, result)
""")


@pytest.mark.parametrize("target", [STORE_FILE, ".parquet", ".xlsx"])
def test_process_killed_mid_save_then_store_reopens_consistent(tmp_path, trackers, target):
    p1, r1 = trackers[0]
    FileStore(tmp_path).add(p1.read_bytes(), p1.name, r1)
    before = FileStore(tmp_path).entries()
    other = sorted(TRACKERS.glob("*.xlsx"))[-1]
    code = KILLED.format(root=str(ROOT), target=target, path=str(other), folder=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120)
    assert done.returncode == 9, done.stderr.decode()[-2000:]
    store = FileStore(tmp_path)
    after = store.entries()
    assert [e.sha256 for e in after] == [e.sha256 for e in before]
    for entry in after:     # everything listed is there and readable
        assert len(store.frame(entry)) == entry.records
        assert store.original_bytes(entry)
    retry = store.add(other.read_bytes(), other.name, __import__("loaders").load_file(
        other, kind="actions", snapshot_date="2024-02-02"))
    assert retry.status == "stored" and len(store.entries()) == 2


UPLOADER = textwrap.dedent("""
    import sys
    sys.path.insert(0, {root!r})
    from pathlib import Path
    from loaders import load_file
    from store.file_store import FileStore
    for name in {paths!r}:
        path = Path(name)
        result = load_file(path, kind="actions", snapshot_date=path.stem.split("_")[-1])
        print(FileStore({folder!r}).add(path.read_bytes(), path.name, result).status)
""")


def test_two_concurrent_uploads_both_land(tmp_path):
    """Two separate processes saving two files each at the same time: all four land. Plain
    subprocesses, not a pool of this test process's children: a worker that dies in a pool
    hangs ``Pool.map`` for ever, and this process carries the threads of every earlier test."""
    paths = [str(p) for p in sorted(TRACKERS.glob("*.xlsx"))[:4]]
    uploaders = [subprocess.Popen([sys.executable, "-c", UPLOADER.format(
        root=str(ROOT), paths=half, folder=str(tmp_path))], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for half in (paths[:2], paths[2:])]
    outputs = [u.communicate(timeout=300) for u in uploaders]
    for uploader, (out, err) in zip(uploaders, outputs):
        assert uploader.returncode == 0, err.decode()[-2000:]
        assert out.decode().split() == ["stored", "stored"]
    assert sorted(e.file for e in FileStore(tmp_path).entries()) == sorted(Path(p).name for p in paths)


def _aged(path, minutes):
    """Set a file's last write ``minutes`` ago (a symlink's own time, not its target's)."""
    when = time.time() - minutes * 60
    os.utime(path, (when, when), follow_symlinks=False)
    return path


def test_a_killed_saves_temp_file_is_removed_once_stale(tmp_path, trackers, caplog):
    """A real kill between write and rename: its .tmp- file survives a reopen while it may still
    be a save in progress, and is removed by the first reopen after [store] stale_temp_minutes."""
    p1, r1 = trackers[0]
    FileStore(tmp_path).add(p1.read_bytes(), p1.name, r1)
    other = sorted(TRACKERS.glob("*.xlsx"))[-1]
    code = KILLED.format(root=str(ROOT), target=".xlsx", path=str(other), folder=str(tmp_path))
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120).returncode == 9
    [left] = list(tmp_path.rglob(".tmp-*"))
    assert FileStore(tmp_path).stale_removed == 0 and left.exists()
    _aged(left, load_settings().stale_temp_minutes + 1)
    with caplog.at_level(logging.INFO, logger="store.file_store"):
        store = FileStore(tmp_path)
    assert store.stale_removed == 1 and not left.exists()
    assert "Removed 1 temporary file" in caplog.text
    assert [e.file for e in store.entries()] == [p1.name] and store.original_bytes(store.entries()[0])


def test_only_old_temp_files_of_the_stores_folders_are_removed(tmp_path):
    """Old .tmp- files in the store folder and its originals/ and normalised/ go; a young one,
    any other name, a deeper folder, the data folder itself, a symlink and a folder stay."""
    data = tmp_path / "data"
    folder = data / UPLOADS
    (folder / ORIGINALS / "nested").mkdir(parents=True)
    (folder / NORMALISED).mkdir()
    outside = tmp_path / "kept.txt"
    stale = [folder / sub / ".tmp-k1ll3d" for sub in ("", ORIGINALS, NORMALISED)]
    kept = [folder / STORE_FILE, folder / "tmp-no-dot", folder / ".tmpx", folder / "note.tmp-",
            folder / ORIGINALS / "nested" / ".tmp-deeper", data / ".tmp-in-the-data-folder", outside]
    for path in [*stale, *kept, folder / ".tmp-writing-now"]:
        path.write_bytes(b"x")
    (folder / ".tmp-link").symlink_to(outside)
    (folder / ".tmp-folder").mkdir()
    for path in [*stale, *kept, folder / ".tmp-link", folder / ".tmp-folder"]:
        _aged(path, 60)
    store = open_store(data)
    assert store.stale_removed == 3
    assert not any(p.exists() for p in stale)
    assert all(p.exists() for p in [*kept, folder / ".tmp-writing-now"]) and outside.read_bytes() == b"x"
    assert (folder / ".tmp-link").is_symlink() and (folder / ".tmp-folder").is_dir()


def test_the_age_is_a_setting(tmp_path):
    assert load_settings().stale_temp_minutes == 10      # config/settings.toml [store]
    young, old = tmp_path / ".tmp-young", tmp_path / ".tmp-old"
    for path, minutes in ((young, 9), (old, 11)):
        path.write_bytes(b"x")
        _aged(path, minutes)
    assert FileStore(tmp_path).stale_removed == 1 and young.exists() and not old.exists()
    assert FileStore(tmp_path, stale_temp_minutes=5).stale_removed == 1 and not young.exists()

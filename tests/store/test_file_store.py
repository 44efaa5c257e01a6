"""The embedded file store (store/file_store.py) on disk: the manifest's format, the bytes and
parquet where the manifest says, one original per content, old manifests still read, and
the bundle reading the uploads folder. The behaviour every backend shares is
tests/store/test_store_contract.py; crashes and locking are test_store_crash.py."""
import json

import pandas as pd

from assembly.bundle import load_bundle
from store.file_store import STORE_FILE, FileStore
from store.interface import open_store


def test_add_keeps_bytes_parquet_and_manifest(tmp_path, trackers):
    path, result = trackers[0]
    entry = FileStore(tmp_path).add(path.read_bytes(), path.name, result, by="officer").entry
    assert (tmp_path / entry.original).read_bytes() == path.read_bytes()
    assert len(pd.read_parquet(tmp_path / entry.normalised)) == len(result.frame)
    manifest = json.loads((tmp_path / STORE_FILE).read_text())
    assert manifest["version"] == 1 and [e["sha256"] for e in manifest["entries"]] == [entry.sha256]
    assert "superseded_by" not in manifest["entries"][0]
    assert manifest["entries"][0]["history"] == [{"action": "added", "at": entry.stored_at, "by": "officer"}]


def test_same_bytes_twice_keep_one_original(tmp_path, trackers):
    path, result = trackers[0]
    store = FileStore(tmp_path)
    store.add(path.read_bytes(), path.name, result)
    store.add(path.read_bytes(), "renamed copy.xlsx", result)
    assert len(list((tmp_path / "originals").iterdir())) == 1


def test_removal_is_a_flag_in_the_manifest_and_deletes_no_file(tmp_path, trackers):
    path, result = trackers[0]
    store = FileStore(tmp_path)
    entry = store.add(path.read_bytes(), path.name, result).entry
    files = sorted(p.name for p in tmp_path.rglob("*") if p.is_file())
    store.remove(entry.sha256)
    assert json.loads((tmp_path / STORE_FILE).read_text())["entries"][0]["removed"] is True
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == files


def test_a_manifest_written_before_history_still_reads(tmp_path, trackers):
    """Entries without ``history`` (and with a field no longer known): their audit trail is
    what their stamps say, and a change to one keeps that history and adds to it."""
    path, result = trackers[0]
    store = FileStore(tmp_path)
    sha = store.add(path.read_bytes(), path.name, result, by="officer").entry.sha256
    manifest = json.loads((tmp_path / STORE_FILE).read_text())
    old = manifest["entries"][0]
    del old["history"]
    old.update(active_since="2024-03-01T00:00:00.000000+00:00", stored_at="2024-02-01T00:00:00.000000+00:00",
               removed=True, removed_at="2024-04-01T00:00:00.000000+00:00", retired_field="ignored")
    (tmp_path / STORE_FILE).write_text(json.dumps(manifest))
    assert [(c.action, c.at[:10], c.by) for c in store.audit_trail()] == [
        ("added", "2024-02-01", "officer"), ("reinstated", "2024-03-01", None), ("removed", "2024-04-01", None)]
    store.restore(sha, by="clerk")
    assert [(c.action, c.by) for c in store.audit_trail()] == [
        ("added", "officer"), ("reinstated", None), ("removed", None), ("restored", "clerk")]
    assert len(json.loads((tmp_path / STORE_FILE).read_text())["entries"][0]["history"]) == 4


def test_open_store_keeps_uploads_in_the_data_folders_uploads(tmp_path):
    store = open_store(tmp_path)
    assert isinstance(store, FileStore) and store.folder == tmp_path / "uploads"


def test_older_snapshot_after_a_newer_one_is_kept_in_order(tmp_path, trackers):
    store = open_store(tmp_path)
    for path, result in reversed(trackers):
        store.add(path.read_bytes(), path.name, result)
    bundle = load_bundle(tmp_path)
    dates = sorted(bundle.actions["snapshot_date"].unique())
    assert len(dates) == 3 and dates == sorted(pd.to_datetime([p.stem.split("_")[-1] for p, _ in trackers]))


def test_bundle_reads_uploads_beside_a_manifest_without_reading_store_folders(tmp_path, trackers):
    path, result = trackers[0]
    open_store(tmp_path).add(path.read_bytes(), path.name, result)
    bundle = load_bundle(tmp_path)   # no manifest.csv: the store's folders must not be read as data
    assert list(bundle.sources["file"]) == [path.name]
    assert len(bundle.actions) == result.records

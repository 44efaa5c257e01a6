"""The store keeps every version: dedupe by content, supersede, undoable removal, bundle reads it."""
import json

import pandas as pd

from assembly.bundle import load_bundle
from store import Store
from store.catalogue import STORE_FILE, uploads_folder


def test_add_keeps_bytes_parquet_and_manifest(tmp_path, trackers):
    path, result = trackers[0]
    saved = Store(tmp_path).add(path.read_bytes(), path.name, result, by="officer")
    assert saved.status == "stored"
    entry = saved.entry
    assert (tmp_path / entry.original).read_bytes() == path.read_bytes()
    assert entry.kind == "actions" and entry.records == result.records and entry.by == "officer"
    assert entry.metadata["snapshot_date"] == path.stem.split("_")[-1]
    frame = Store(tmp_path).frame(entry)
    assert len(frame) == len(result.frame)
    assert json.loads((tmp_path / STORE_FILE).read_text())["entries"][0]["sha256"] == entry.sha256


def test_same_bytes_twice_is_recognised_not_duplicated(tmp_path, trackers):
    path, result = trackers[0]
    store = Store(tmp_path)
    first = store.add(path.read_bytes(), path.name, result)
    second = store.add(path.read_bytes(), "renamed copy.xlsx", result)
    assert second.status == "duplicate" and second.entry.sha256 == first.entry.sha256
    assert len(store.entries()) == 1 and len(list((tmp_path / "originals").iterdir())) == 1


def test_corrected_file_supersedes_and_old_stays_recoverable(tmp_path, trackers):
    (old_path, old), (new_path, new) = trackers[:2]
    store = Store(tmp_path)
    first = store.add(old_path.read_bytes(), old_path.name, old, {"snapshot_date": "2024-01-01"})
    second = store.add(new_path.read_bytes(), new_path.name, new, {"snapshot_date": "2024-01-01"})
    assert [e.sha256 for e in second.superseded] == [first.entry.sha256]
    assert [e.sha256 for e in store.active()] == [second.entry.sha256]
    assert store.find(first.entry.sha256).superseded_by == second.entry.sha256
    store.reinstate(first.entry.sha256)
    assert [e.sha256 for e in store.active()] == [first.entry.sha256]
    assert store.original_bytes(store.find(second.entry.sha256)) == new_path.read_bytes()


def test_remove_is_undoable_and_brings_back_the_previous_version(tmp_path, trackers):
    (old_path, old), (new_path, new) = trackers[:2]
    store = Store(tmp_path)
    a = store.add(old_path.read_bytes(), old_path.name, old, {"snapshot_date": "2024-01-01"}).entry
    b = store.add(new_path.read_bytes(), new_path.name, new, {"snapshot_date": "2024-01-01"}).entry
    store.remove(b.sha256)
    assert [e.sha256 for e in store.active()] == [a.sha256]
    store.restore(b.sha256)
    assert [e.sha256 for e in store.active()] == [b.sha256]
    assert len(store.entries()) == 2


def test_older_snapshot_after_a_newer_one_is_kept_in_order(tmp_path, trackers):
    store = Store(uploads_folder(tmp_path))
    for path, result in reversed(trackers):
        store.add(path.read_bytes(), path.name, result)
    bundle = load_bundle(tmp_path)
    dates = sorted(bundle.actions["snapshot_date"].unique())
    assert len(dates) == 3 and dates == sorted(pd.to_datetime([p.stem.split("_")[-1] for p, _ in trackers]))


def test_bundle_reads_uploads_beside_a_manifest_without_reading_store_folders(tmp_path, trackers):
    path, result = trackers[0]
    Store(uploads_folder(tmp_path)).add(path.read_bytes(), path.name, result)
    bundle = load_bundle(tmp_path)   # no manifest.csv: the store's folders must not be read as data
    assert list(bundle.sources["file"]) == [path.name]
    assert len(bundle.actions) == result.records

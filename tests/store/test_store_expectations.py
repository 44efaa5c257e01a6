"""An authority loads its own expectations through the upload path: the peer-challenge
example is detected, stored and replaces the notice's expectations on every page; a newer
upload supersedes it (the old one stays recoverable); a bad one is refused and changes
nothing that is stored."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assembly.bundle import load_bundle
from store.interface import open_store
from store.intake import check_upload, keep

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
PEER = SAMPLE / "examples" / "expectations_peer_challenge.csv"


@pytest.fixture
def data_dir(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns("uploads"))
    return folder


def _snapshot(folder):
    return sorted((p.relative_to(folder).as_posix(), p.read_bytes()) for p in folder.rglob("*") if p.is_file())


def test_an_uploaded_expectations_file_is_detected_and_replaces_the_notice(data_dir):
    checked = check_upload(PEER.read_bytes(), PEER.name, data_dir)
    assert checked.ok and checked.kind == "expectations" and checked.result.records == 6
    keep(open_store(data_dir), checked)
    assert list(load_bundle(data_dir).expectations["id"]) == [f"CPC-{i}" for i in range(1, 7)]


def test_a_newer_upload_supersedes_and_the_old_one_can_be_reinstated(data_dir):
    store = open_store(data_dir)
    first = keep(store, check_upload(PEER.read_bytes(), PEER.name, data_dir))
    notice = (data_dir / "expectations.csv").read_bytes().replace(b"BVN-1", b"BVN-1a")
    second = keep(store, check_upload(notice, "expectations.csv", data_dir))
    assert [e.file for e in second.superseded] == [PEER.name]
    assert load_bundle(data_dir).expectations["id"].iloc[0] == "BVN-1a"
    store.reinstate(first.entry.sha256)
    assert load_bundle(data_dir).expectations["id"].iloc[0] == "CPC-1"


def test_a_bad_expectations_upload_is_refused_and_nothing_changes(data_dir):
    keep(open_store(data_dir), check_upload(PEER.read_bytes(), PEER.name, data_dir))
    before = _snapshot(data_dir)
    bad = PEER.read_bytes().replace(b",partnership,", b",housing,", 1)
    checked = check_upload(bad, "expectations.csv", data_dir)
    assert not checked.ok and checked.kind == "expectations"
    row = checked.findings.iloc[0]
    assert "housing" in row["message"] and row["column"] == "front" and row["row"] > 1
    assert _snapshot(data_dir) == before
    assert load_bundle(data_dir).expectations["id"].iloc[0] == "CPC-1"

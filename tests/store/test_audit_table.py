"""The audit trail as the Data page shows it (store/audit.py): newest first, who or "not known",
a download's line, and the upload of a version now superseded saying by which."""
from __future__ import annotations

from store.audit import NOBODY, audit_table
from store.file_store import FileStore

SAME_SNAPSHOT = {"snapshot_date": "2024-01-31"}


def test_the_table_reads_the_trail_newest_first(tmp_path, trackers):
    store = FileStore(tmp_path)
    first = store.add(trackers[0][0].read_bytes(), trackers[0][0].name, trackers[0][1], SAME_SNAPSHOT).entry
    second = store.add(trackers[1][0].read_bytes(), trackers[1][0].name, trackers[1][1], SAME_SNAPSHOT,
                       by="olive@example.gov.uk").entry
    store.record_download(second.sha256, by="olive@example.gov.uk")
    table = audit_table(store)
    assert list(table.columns) == ["at", "action", "file", "by", "detail"]
    assert list(table["action"]) == ["Original downloaded", "Added", "Added"]
    assert list(table["by"]) == ["olive@example.gov.uk", "olive@example.gov.uk", NOBODY]
    assert table["detail"].iloc[-1] == f"now superseded by {second.file}" and table["detail"].iloc[1] == ""
    assert table["at"].str.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC").all()
    assert first.file == table["file"].iloc[-1]


def test_an_empty_store_has_an_empty_table(tmp_path):
    assert audit_table(FileStore(tmp_path)).empty

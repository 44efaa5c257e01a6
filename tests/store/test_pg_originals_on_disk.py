"""The PostgreSQL store with its originals on disk (store/pg_originals.py, ``[store] originals``), on a
real PostgreSQL server: each original is a file in its authority's own folder named by its hash, its
row keeps path, hash and size and no bytes; the bytes come back exactly, and a changed or missing file
is refused in words; a file is written once and never overwritten; an add that fails takes back the
file it wrote; an authority never reads another's original by its hash, and the database refuses a
row naming another authority's folder; rows kept in the database before the switch still read; the
setting and the environment choose the placement; the words saying where an original is are true for
each backend. The behaviour both placements share is tests/store/test_store_contract.py."""
from __future__ import annotations

import hashlib
from pathlib import Path

import psycopg
import pytest

from settings.config import CONFIG_DIR, load_settings
from store.file_store import FileStore
from store.interface import open_store
from store.originals import original_download
from store.pg_originals import OnDisk, OriginalDamaged
from store.pg_schema import transaction
from store.pg_store import PgStore


def on_disk(cluster, authority: str, folder: Path) -> PgStore:
    return PgStore(cluster.database(authority), originals_dir=folder)


def added(store, tracker):
    path, result = tracker
    return store.add(path.read_bytes(), path.name, result, by="an officer").entry


def rows(store) -> list[tuple]:
    with transaction(store.database) as conn:
        return conn.execute("SELECT sha256, data IS NULL, path, size FROM originals ORDER BY sha256").fetchall()


def test_an_original_is_a_file_named_by_its_hash_in_its_authority_folder(pg_cluster, tmp_path, trackers):
    store = on_disk(pg_cluster, "disk-a", tmp_path)
    entries = [added(store, t) for t in trackers[:2]]
    expected = sorted((e.sha256, True, f"disk-a/{e.sha256}{e.ext}", len(p.read_bytes()))
                      for e, (p, _) in zip(entries, trackers))
    assert rows(store) == expected, "the row keeps path, hash and size, not the bytes"
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == \
        [path for _, _, path, _ in expected], "nothing else is written, nowhere else"
    for entry, (path, _) in zip(entries, trackers):
        assert store.original_bytes(entry) == path.read_bytes()
        assert hashlib.sha256((tmp_path / "disk-a" / f"{entry.sha256}{entry.ext}").read_bytes()).hexdigest() == \
            entry.sha256


def test_an_authority_never_reads_another_original_even_by_its_hash(pg_cluster, tmp_path, trackers):
    a, b = on_disk(pg_cluster, "disk-own-a", tmp_path), on_disk(pg_cluster, "disk-own-b", tmp_path)
    theirs = added(b, trackers[0])
    assert (tmp_path / "disk-own-b" / f"{theirs.sha256}{theirs.ext}").is_file(), "B's file is right there"
    with pytest.raises(KeyError):
        a.original_bytes(theirs)
    with pytest.raises(KeyError):
        a.original_place(theirs)
    mine = added(a, trackers[0])                                   # the same bytes, A's own copy
    assert mine.sha256 == theirs.sha256 and a.original_bytes(mine) == b.original_bytes(theirs)
    assert (tmp_path / "disk-own-a" / f"{mine.sha256}{mine.ext}").is_file()
    with pytest.raises(OriginalDamaged, match="outside its authority"):
        OnDisk(tmp_path).read("disk-own-a", f"disk-own-b/{theirs.sha256}{theirs.ext}", theirs.sha256, 1)


@pytest.mark.parametrize("path", ["{b}/{sha}.xlsx", "{a}/../{b}/{sha}.xlsx", "{a}/other.xlsx"])
def test_the_database_refuses_a_row_naming_a_file_outside_its_authority_folder(pg_cluster, tmp_path, trackers, path):
    a, b = on_disk(pg_cluster, "disk-chk-a", tmp_path), on_disk(pg_cluster, "disk-chk-b", tmp_path)
    mine, theirs = added(a, trackers[0]), added(b, trackers[1])
    bad = path.format(a="disk-chk-a", b="disk-chk-b", sha=theirs.sha256 if "{b}" in path else mine.sha256)
    with pytest.raises(psycopg.errors.CheckViolation):            # as the owner, who may update
        with psycopg.connect(pg_cluster.owner_url) as conn, conn.transaction():
            conn.execute("SELECT set_config('app.authority', 'disk-chk-a', true)")
            conn.execute("UPDATE originals SET path = %s WHERE sha256 = %s", (bad, mine.sha256))


def test_a_file_changed_or_missing_on_disk_is_refused_not_served(pg_cluster, tmp_path, trackers):
    store = on_disk(pg_cluster, "disk-changed", tmp_path)
    first, second = added(store, trackers[0]), added(store, trackers[1])
    (tmp_path / "disk-changed" / f"{first.sha256}{first.ext}").write_bytes(b"not the original")
    with pytest.raises(OriginalDamaged, match="changed on disk"):
        store.original_bytes(first)
    (tmp_path / "disk-changed" / f"{second.sha256}{second.ext}").unlink()
    with pytest.raises(OriginalDamaged, match="missing"):
        store.original_bytes(second)


def test_a_file_is_never_overwritten(pg_cluster, tmp_path, trackers):
    store = on_disk(pg_cluster, "disk-once", tmp_path)
    (p1, r1), (p2, r2) = trackers[:2]
    sha1, sha2 = (hashlib.sha256(p.read_bytes()).hexdigest() for p in (p1, p2))
    left = tmp_path / "disk-once" / f"{sha1}{p1.suffix}"           # a killed save's file: the same bytes
    left.parent.mkdir(parents=True)
    left.write_bytes(p1.read_bytes())
    assert store.original_bytes(store.add(p1.read_bytes(), p1.name, r1).entry) == p1.read_bytes()
    squatter = tmp_path / "disk-once" / f"{sha2}{p2.suffix}"       # other bytes under the hash's name
    squatter.write_bytes(b"something else")
    with pytest.raises(OriginalDamaged, match="never|left as it is"):
        store.add(p2.read_bytes(), p2.name, r2)
    assert squatter.read_bytes() == b"something else" and [e.sha256 for e in store.entries()] == [sha1]


def test_an_add_that_fails_takes_back_the_file_it_wrote(pg_cluster, tmp_path, trackers, monkeypatch):
    store = on_disk(pg_cluster, "disk-failed", tmp_path)
    kept = added(store, trackers[0])
    before = sorted(tmp_path.rglob("*")), rows(store), store.audit_trail()

    def failing(self, conn, sha256, line):
        raise OSError("injected: the connection drops before the audit line")

    monkeypatch.setattr(PgStore, "_record", failing)
    with pytest.raises(OSError):
        added(store, trackers[1])
    monkeypatch.undo()
    assert (sorted(tmp_path.rglob("*")), rows(store), store.audit_trail()) == before
    assert store.original_bytes(kept) == trackers[0][0].read_bytes()
    assert added(store, trackers[1]) and len(rows(store)) == 2


def test_originals_kept_in_the_database_still_read_after_the_switch(pg_cluster, tmp_path, trackers):
    in_database = PgStore(pg_cluster.database("disk-switch"))
    old = added(in_database, trackers[0])
    switched = on_disk(pg_cluster, "disk-switch", tmp_path)
    new = added(switched, trackers[1])
    assert switched.original_bytes(old) == trackers[0][0].read_bytes()
    assert switched.original_bytes(new) == trackers[1][0].read_bytes()
    with pytest.raises(OriginalDamaged, match="originals_dir"):
        in_database.original_bytes(new)


def test_the_words_say_where_each_backend_keeps_an_original(pg_cluster, tmp_path, trackers):
    in_database, disk = PgStore(pg_cluster.database("disk-words-db")), on_disk(pg_cluster, "disk-words", tmp_path)
    files = FileStore(tmp_path / "uploads")
    db_entry, disk_entry, file_entry = (added(s, trackers[0]) for s in (in_database, disk, files))
    sha = file_entry.sha256
    assert in_database.original_place(db_entry) == ("from the service's PostgreSQL database: table originals, "
                                                    f"authority disk-words-db, sha256 {sha} (its bytes are the data column)")
    assert disk.original_place(disk_entry) == ("from the originals folder on the server ([store] originals_dir), "
                                               f"at disk-words/{sha}{disk_entry.ext}")
    assert files.original_place(file_entry) == f"from the data folder on the server, at uploads/originals/{sha}.xlsx"
    assert "data folder" not in in_database.original_place(db_entry) + disk.original_place(disk_entry)
    for store, entry in ((in_database, db_entry), (disk, disk_entry), (files, file_entry)):
        withheld = original_download(store, entry, {"platform_admin"}, "pat@example.gov.uk").withheld
        assert f"an officer can take it {store.original_place(entry)}." in withheld, "the Data page's words"


def settings_file(tmp_path: Path, store_lines: str) -> Path:
    """A copy of config/settings.toml with other [store] originals lines (a new file each: read once)."""
    text = (CONFIG_DIR / "settings.toml").read_text(encoding="utf-8")
    text = text.replace('originals = "database"\noriginals_dir = "originals"\n', store_lines)
    assert text != (CONFIG_DIR / "settings.toml").read_text(encoding="utf-8")
    (path := tmp_path / f"settings-{hashlib.sha256(store_lines.encode()).hexdigest()[:8]}.toml").write_text(text, encoding="utf-8")
    return path


def test_the_setting_and_the_environment_choose_where_originals_go(pg_cluster, tmp_path, monkeypatch, trackers):
    monkeypatch.delenv("IMPROVEMENT_ORIGINALS_DIR", raising=False)
    assert load_settings().originals_dir is None, "the shipped setting: in the database"
    disk = settings_file(tmp_path, 'originals = "disk"\noriginals_dir = "/srv/originals"\n')
    assert load_settings(disk).originals_dir == Path("/srv/originals")
    with pytest.raises(ValueError, match="originals"):
        load_settings(settings_file(tmp_path, 'originals = "cloud"\n'))
    monkeypatch.setenv("IMPROVEMENT_ORIGINALS_DIR", str(tmp_path / "kept"))
    assert load_settings().originals_dir == tmp_path / "kept"
    monkeypatch.setenv("IMPROVEMENT_DATABASE_URL", pg_cluster.app_url)
    monkeypatch.setenv("IMPROVEMENT_DATABASE_OWNER_URL", pg_cluster.owner_url)
    entry = added(open_store(tmp_path, "disk-env"), trackers[0])
    assert (tmp_path / "kept" / "disk-env" / f"{entry.sha256}{entry.ext}").read_bytes() == trackers[0][0].read_bytes()

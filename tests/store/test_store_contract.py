"""The store's contract (store/interface.py), run against every backend: add, duplicates,
supersede, remove and restore, reinstate, versions in order, originals byte for byte, the
normalised frame, counts and comments as stored, theme corrections (appended, the latest
wins, each with who and when, in the audit trail), the audit trail, and a failed add that
changes nothing. Every test runs on every backend (BACKENDS: the file store, and the PostgreSQL
store with its originals in the database and on disk). Only protocol operations are used here; what a backend keeps on disk (or in its database)
is tested in that backend's own file (tests/store/test_file_store.py, test_pg_store.py)."""
from __future__ import annotations

import dataclasses
import hashlib
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pandas as pd
import pytest

from loaders.codebook import load_codebook
from loaders.pipeline import load_file
from model.survey_counts import count_responses
from store.file_store import FileStore
from store.interface import UploadStore
from store.pg_store import PgStore

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
WAVE = SAMPLE / "surveys" / "staff_survey_2022-09.xlsx"
WAVE_META = {"audience": "staff", "wave": "2022-09", "wave_date": "2022-09-15"}
SAME_SNAPSHOT = {"snapshot_date": "2024-01-01"}

#: One factory per backend: (an empty folder it may use (tmp_path), the test's request) -> an empty
#: store; called twice with the same folder, two sessions of the same store. Every backend must pass
#: every test in this file. The database store of each test is a new authority of one database on
#: the session's PostgreSQL server (tests/postgres.py), named after the test's folder.
BACKENDS = {
    "file": lambda folder, request: FileStore(folder / "store"),
    "postgres": lambda folder, request: PgStore(request.getfixturevalue("pg_cluster").database(
        "t-" + hashlib.sha256(str(folder).encode()).hexdigest()[:16])),
    "postgres-disk": lambda folder, request: PgStore(request.getfixturevalue("pg_cluster").database(
        "t-" + hashlib.sha256(str(folder).encode()).hexdigest()[:16]), originals_dir=folder / "originals"),
}


@pytest.fixture(params=list(BACKENDS))
def store(request, tmp_path) -> UploadStore:
    return BACKENDS[request.param](tmp_path, request)


@pytest.fixture(scope="module")
def wave():
    return load_file(WAVE, kind="survey", codebook=load_codebook(SAMPLE / "codebook.csv"), **WAVE_META)


def add(store, tracker, metadata=None, by=None):
    path, result = tracker
    return store.add(path.read_bytes(), path.name, result, metadata, by=by)


def active(store) -> list[str]:
    return [e.sha256 for e in store.entries() if e.active]


def state(store) -> tuple:
    """Everything the protocol can read back: entries, their bytes and frames, the trail."""
    return ([(e, store.original_bytes(e), store.frame(e).to_csv(), store.comments(e).to_csv())
             for e in store.entries()], store.audit_trail(), store.theme_corrections(history=True).to_csv())


class Broken:
    """A LoadResult whose frame cannot be read: an exception part way through ``add``."""

    def __init__(self, result):
        self._result = result

    def __getattr__(self, name):
        return getattr(self._result, name)

    @property
    def frame(self):
        raise RuntimeError("injected: the frame cannot be read")


def test_every_backend_is_an_upload_store(store):
    assert isinstance(store, UploadStore)
    assert not isinstance(object(), UploadStore)


def test_an_empty_store_has_nothing(store):
    assert store.entries() == [] and store.audit_trail() == [] and store.find("0" * 64) is None


def test_add_returns_the_entry_it_stored(store, trackers):
    path, result = trackers[0]
    saved = add(store, trackers[0], by="officer")
    assert saved.status == "stored" and saved.superseded == []
    entry = saved.entry
    assert entry.file == path.name and entry.kind == "actions" and entry.format == result.format
    assert entry.records == result.records and entry.by == "officer" and entry.active
    assert entry.metadata["snapshot_date"] == path.stem.split("_")[-1]
    assert store.entries() == [entry] and store.find(entry.sha256) == entry
    assert store.original_bytes(entry) == path.read_bytes()


def test_metadata_given_overrides_what_the_file_says(store, trackers):
    entry = add(store, trackers[0], SAME_SNAPSHOT).entry
    assert entry.metadata["snapshot_date"] == "2024-01-01"


def test_same_bytes_twice_is_a_duplicate_and_changes_nothing(store, trackers):
    path, result = trackers[0]
    first = add(store, trackers[0])
    before = state(store)
    second = store.add(path.read_bytes(), "renamed copy.xlsx", result, by="someone else")
    assert second.status == "duplicate" and second.entry.sha256 == first.entry.sha256
    assert second.entry.file == path.name
    assert state(store) == before and len(store.entries()) == 1


def test_a_corrected_file_supersedes_and_the_old_one_stays_readable(store, trackers):
    (old_path, old), (new_path, new) = trackers[:2]
    first = add(store, trackers[0], SAME_SNAPSHOT).entry
    second = add(store, trackers[1], SAME_SNAPSHOT)
    assert [e.sha256 for e in second.superseded] == [first.sha256]
    assert active(store) == [second.entry.sha256]
    kept = store.find(first.sha256)
    assert kept.superseded_by == second.entry.sha256 and not kept.active
    assert store.original_bytes(kept) == old_path.read_bytes()
    pd.testing.assert_frame_equal(store.frame(kept), old.frame)


def test_different_snapshots_do_not_supersede_each_other(store, trackers):
    for tracker in trackers:
        assert add(store, tracker).superseded == []
    assert len(active(store)) == len(trackers) == 3


def test_remove_keeps_the_bytes_and_restore_undoes_it(store, trackers):
    (old_path, old), (new_path, new) = trackers[:2]
    a = add(store, trackers[0], SAME_SNAPSHOT).entry
    b = add(store, trackers[1], SAME_SNAPSHOT).entry
    removed = store.remove(b.sha256)
    assert removed.removed and not removed.active and active(store) == [a.sha256]
    assert store.original_bytes(removed) == new_path.read_bytes()
    pd.testing.assert_frame_equal(store.frame(removed), new.frame)
    restored = store.restore(b.sha256)
    assert not restored.removed and active(store) == [b.sha256] and len(store.entries()) == 2


def test_reinstate_makes_an_older_version_current_again(store, trackers):
    a = add(store, trackers[0], SAME_SNAPSHOT).entry
    b = add(store, trackers[1], SAME_SNAPSHOT).entry
    back = store.reinstate(a.sha256)
    assert back.active and active(store) == [a.sha256]
    assert store.find(b.sha256).superseded_by == a.sha256
    store.remove(a.sha256)
    assert active(store) == [b.sha256]
    assert store.reinstate(a.sha256).active and active(store) == [a.sha256]


def test_versions_are_listed_newest_first(store, trackers):
    added = [add(store, tracker).entry for tracker in reversed(trackers)]
    listed = store.entries()
    assert [e.sha256 for e in listed] == [e.sha256 for e in reversed(added)]
    assert [e.stored_at for e in listed] == sorted((e.stored_at for e in listed), reverse=True)
    assert len({e.stored_at for e in listed}) == 3


def test_the_normalised_frame_is_what_was_stored(store, trackers):
    for tracker in trackers:
        entry = add(store, tracker).entry
        pd.testing.assert_frame_equal(store.frame(entry), tracker[1].frame)


def test_a_survey_is_kept_as_the_counts_it_gives(store, wave):
    entry = store.add(WAVE.read_bytes(), WAVE.name, wave, WAVE_META).entry
    expected = count_responses(wave.frame)
    kept = store.counts(entry)
    pd.testing.assert_frame_equal(kept.answers, expected.answers)
    pd.testing.assert_frame_equal(kept.reach, expected.reach)
    pd.testing.assert_frame_equal(store.frame(entry), expected.answers)
    assert len(store.frame(entry)) < len(wave.frame)
    assert entry.key == ("survey", "staff", "2022-09") and entry.questions == wave.questions


def test_the_audit_trail_lists_every_change_in_order(store, trackers):
    start = datetime.now(timezone.utc)
    a = add(store, trackers[0], SAME_SNAPSHOT, by="ann").entry.sha256
    b = add(store, trackers[1], SAME_SNAPSHOT, by="bob").entry.sha256
    store.remove(b, by="cat")
    store.restore(b)
    store.reinstate(a, by="dan")
    add(store, trackers[0], by="eve")                           # a duplicate: not a change
    trail = store.audit_trail()
    assert [(c.action, c.sha256, c.by) for c in trail] == [
        ("added", a, "ann"), ("added", b, "bob"), ("removed", b, "cat"), ("restored", b, None),
        ("reinstated", a, "dan")]
    assert [c.file for c in trail] == [trackers[0][0].name, trackers[1][0].name, *[trackers[1][0].name] * 2,
                                       trackers[0][0].name]
    times = [datetime.fromisoformat(c.at) for c in trail]
    assert times == sorted(times) and len(set(times)) == 5
    assert start <= times[0] and times[-1] <= datetime.now(timezone.utc)


def test_a_download_of_an_original_is_a_line_of_the_audit_trail_and_changes_nothing_else(store, trackers):
    """Issue 19: each download of an original is kept with who took it and when; the entry's state,
    its bytes and which version is current stay as they were."""
    a = add(store, trackers[0], SAME_SNAPSHOT, by="ann").entry
    before = [(e.sha256, e.active, e.removed, e.active_since) for e in store.entries()]
    store.record_download(a.sha256, by="olive.officer@example.gov.uk")
    trail = store.audit_trail()
    assert [(c.action, c.by, c.file) for c in trail] == [
        ("added", "ann", trackers[0][0].name), ("original downloaded", "olive.officer@example.gov.uk",
                                                 trackers[0][0].name)]
    assert [(e.sha256, e.active, e.removed, e.active_since) for e in store.entries()] == before
    assert store.original_bytes(store.find(a.sha256)) == trackers[0][0].read_bytes()
    with pytest.raises(ValueError):
        store.record_download(a.sha256, by="  ")
    with pytest.raises(KeyError):
        store.record_download("0" * 64, by="olive")
    assert len(store.audit_trail()) == 2


FAILURES = {
    "exception part way": lambda result: Broken(result),
    "records not a number": lambda result: dataclasses.replace(result, records="many"),
    "frame that cannot be kept": lambda result: dataclasses.replace(
        result, frame=result.frame.assign(unkeepable=[object()] * len(result.frame))),
}


@pytest.mark.parametrize("failure", list(FAILURES))
def test_a_failed_add_changes_nothing(store, trackers, failure):
    add(store, trackers[0], by="ann")
    before = state(store)
    path, result = trackers[1]
    with pytest.raises(Exception):
        store.add(path.read_bytes(), path.name, FAILURES[failure](result), by="bob")
    assert state(store) == before
    assert add(store, trackers[1]).status == "stored"          # nothing half-kept stands in the way


@pytest.mark.parametrize("change", ["remove", "restore", "reinstate"])
def test_changing_an_unknown_hash_raises_and_changes_nothing(store, trackers, change):
    add(store, trackers[0])
    before = state(store)
    with pytest.raises(KeyError):
        getattr(store, change)("0" * 64)
    assert state(store) == before


# Comments and their theme corrections -------------------------------------------------------

def test_a_surveys_comments_are_kept_as_loaded_and_other_uploads_have_none(store, wave, trackers):
    assert len(wave.comments) > 0, "the sample wave has comments"
    entry = store.add(WAVE.read_bytes(), WAVE.name, wave, WAVE_META).entry
    pd.testing.assert_frame_equal(store.comments(entry), wave.comments)
    assert store.comments(add(store, trackers[0]).entry).empty


def test_a_theme_correction_is_kept_with_who_and_when_and_the_latest_wins(store, wave):
    entry = store.add(WAVE.read_bytes(), WAVE.name, wave, WAVE_META, by="ann").entry
    first, second = list(store.comments(entry)["comment_id"][:2])
    start = datetime.now(timezone.utc)
    made = store.correct_theme(first, "Workload", who="Priya Shah")
    assert (made.comment_id, made.theme, made.who, made.sha256) == (first, "Workload", "Priya Shah", entry.sha256)
    store.correct_theme(second, "Leadership", who="Tom")
    store.correct_theme(first, "Training and development", who="Ann")       # a second opinion: it wins
    latest = store.theme_corrections()
    assert dict(zip(latest["comment_id"], latest["theme"])) == {first: "Training and development", second: "Leadership"}
    assert dict(zip(latest["comment_id"], latest["who"])) == {first: "Ann", second: "Tom"}
    history = store.theme_corrections(history=True)
    assert list(history["theme"]) == ["Workload", "Leadership", "Training and development"], "nothing is lost"
    when = [t.tz_localize("UTC").to_pydatetime() for t in history["when"]]
    assert when == sorted(when) and start - timedelta(seconds=1) <= when[0] <= datetime.now(timezone.utc)
    corrected = [c for c in store.audit_trail() if c.action == "theme corrected"]
    assert [(c.by, c.sha256, c.file) for c in corrected] == [("Priya Shah", entry.sha256, WAVE.name),
                                                              ("Tom", entry.sha256, WAVE.name),
                                                              ("Ann", entry.sha256, WAVE.name)]
    assert first in corrected[0].detail and "Workload" in corrected[0].detail


def test_a_comment_of_the_data_folders_own_files_is_corrected_when_the_caller_names_it(store):
    """The sample files are read from the folder, not uploaded: their comments are corrected too,
    the line naming no upload; an id the caller does not name is still refused."""
    from store.theme_corrections import FOLDER_FILE

    made = store.correct_theme("f" * 24, "workload", who="Ann", folder_ids={"f" * 24, "e" * 24})
    assert (made.sha256, made.file) == ("", FOLDER_FILE)
    assert list(store.theme_corrections()["theme"]) == ["workload"]
    with pytest.raises(KeyError):
        store.correct_theme("d" * 24, "workload", who="Ann", folder_ids={"f" * 24})
    assert [c.file for c in store.audit_trail() if c.action == "theme corrected"] == [FOLDER_FILE]


@pytest.mark.parametrize("comment,theme,who,error", [
    ("known", "Workload", "", ValueError), ("known", "Workload", "   ", ValueError),
    ("known", " ", "Ann", ValueError), ("0" * 24, "Workload", "Ann", KeyError)],
    ids=["no who", "blank who", "blank theme", "unknown comment"])
def test_a_refused_theme_correction_changes_nothing(store, wave, comment, theme, who, error):
    entry = store.add(WAVE.read_bytes(), WAVE.name, wave, WAVE_META).entry
    store.correct_theme(store.comments(entry)["comment_id"][0], "Leadership", who="Tom")
    before = state(store)
    comment = store.comments(entry)["comment_id"][1] if comment == "known" else comment
    with pytest.raises(error):
        store.correct_theme(comment, theme, who=who)
    assert state(store) == before


@pytest.mark.parametrize("backend", list(BACKENDS))
def test_theme_corrections_made_at_once_by_two_sessions_both_land(backend, tmp_path, wave, request):
    from concurrent.futures import ThreadPoolExecutor

    one = BACKENDS[backend](tmp_path, request)
    entry = one.add(WAVE.read_bytes(), WAVE.name, wave, WAVE_META).entry
    ids = list(one.comments(entry)["comment_id"][:8])
    sessions = [one, BACKENDS[backend](tmp_path, request)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(lambda n: sessions[n % 2].correct_theme(ids[n], f"Theme {n}", who=f"officer {n}"), range(8)))
    latest = sessions[1].theme_corrections()
    assert dict(zip(latest["comment_id"], latest["theme"])) == {ids[n]: f"Theme {n}" for n in range(8)}


def test_the_state_changes_with_every_change_and_only_then(store, trackers, wave):
    """``state``: the same while nothing changes; a new key after each kind of change."""
    keys = [store.state()]
    assert store.state() == keys[0]
    saved = add(store, trackers[0], SAME_SNAPSHOT)
    entry = store.add(WAVE.read_bytes(), WAVE.name, wave, WAVE_META).entry
    keys.append(store.state())
    add(store, trackers[0], SAME_SNAPSHOT)                                          # a duplicate: nothing changes
    store.entries(), store.audit_trail()
    assert store.state() == keys[-1]
    for change in (lambda: store.remove(saved.entry.sha256), lambda: store.restore(saved.entry.sha256),
                   lambda: add(store, trackers[1], SAME_SNAPSHOT),                 # supersedes it
                   lambda: store.reinstate(saved.entry.sha256),
                   lambda: store.correct_theme(store.comments(entry)["comment_id"][0], "Workload", who="Ann"),
                   lambda: store.record_download(saved.entry.sha256, by="olive.officer@example.gov.uk")):
        change()
        keys.append(store.state())
    assert len(set(keys)) == len(keys), keys

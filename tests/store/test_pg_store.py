"""The PostgreSQL store (store/pg_store.py) in its database: one authority never reads or writes
another's rows, even by a query with no WHERE (row-level security, forced on every table the app
can read); the audit trail and theme corrections are append-only for the app; an upload that
fails, or whose server is killed, part way through its writes leaves nothing behind; a role that would
bypass isolation, or a database without the store's tables, is refused in words; the setting
chooses the backend; two servers (separate processes) uploading at once to one database both land
and each reads the other's; the pages' data path (assembly's bundle) reads a database store.
The behaviour both backends share is tests/store/test_store_contract.py."""
from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path

import psycopg
import pytest

from assembly.bundle import load_bundle
from loaders.codebook import load_codebook
from loaders.pipeline import load_file
from store.file_store import FileStore
from store.interface import open_store
from store.pg_schema import APP_ROLE, Database, DatabaseNotReady, migrate, transaction
from store.pg_store import PgStore

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"
WAVE = SAMPLE / "surveys" / "staff_survey_2022-09.xlsx"
WAVE_META = {"audience": "staff", "wave": "2022-09", "wave_date": "2022-09-15"}
#: The store's tables (store/migrations/): a table added there must be added here, with its policy.
TABLES = ("entries", "originals", "normalised", "changes", "theme_corrections")


@pytest.fixture(scope="module")
def wave():
    return load_file(WAVE, kind="survey", codebook=load_codebook(SAMPLE / "codebook.csv"), **WAVE_META)


def filled(cluster, authority: str, trackers, wave) -> PgStore:
    """An authority's store with something in every table: uploads, a removal, a theme correction."""
    store = PgStore(cluster.database(authority))
    path, result = trackers[0]
    tracker = store.add(path.read_bytes(), path.name, result, by=f"{authority} officer").entry
    store.remove(tracker.sha256, by=f"{authority} officer")
    survey = store.add(WAVE.read_bytes(), WAVE.name, wave, WAVE_META).entry
    store.correct_theme(store.comments(survey)["comment_id"][0], "Workload", who=f"{authority} officer")
    return store


@pytest.fixture(scope="module")
def kept(pg_cluster, trackers, wave) -> PgStore:
    return filled(pg_cluster, "append-only", trackers, wave)


def rows_by_authority(database: Database, table: str) -> dict[str, int]:
    """What a raw ``SELECT *`` with no WHERE clause returns, as that database's authority: rows per authority."""
    with transaction(database) as conn:
        cursor = conn.execute(f"SELECT * FROM {table}")
        column = [c.name for c in cursor.description].index("authority")
        return dict(Counter(row[column] for row in cursor.fetchall()))


def readable_tables(cluster) -> list[str]:
    """Every table of the store's schema the app's role may SELECT from (whatever it is called)."""
    with psycopg.connect(cluster.app_url) as conn:
        rows = conn.execute("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm') "
                            "AND has_table_privilege(c.oid, 'SELECT') ORDER BY 1").fetchall()
    return [name for (name,) in rows]


def test_an_authority_reads_no_row_of_another_even_without_a_where_clause(pg_cluster, trackers, wave):
    a, b = (filled(pg_cluster, name, trackers, wave) for name in ("rls-a", "rls-b"))
    tables = readable_tables(pg_cluster)
    assert sorted(tables) == sorted(TABLES), "the app reads the store's tables and nothing else"
    for table in tables:
        assert rows_by_authority(a.database, table).keys() == {"rls-a"}, table
        assert rows_by_authority(b.database, table).keys() == {"rls-b"}, table
        assert rows_by_authority(b.database, table)["rls-b"] > 0, f"{table}: B has rows to hide"
    assert [e.file for e in a.entries()] == [e.file for e in b.entries()] and len(a.entries()) == 2
    assert {c.by for c in a.audit_trail()} == {"rls-a officer", None}


def test_a_connection_that_sets_no_authority_reads_nothing(pg_cluster, trackers, wave):
    filled(pg_cluster, "rls-unset", trackers, wave)
    with psycopg.connect(pg_cluster.app_url) as conn:
        assert [conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES] == [0] * len(TABLES)


def test_every_table_the_app_reads_forces_row_level_security_by_authority(pg_cluster, trackers, wave):
    PgStore(pg_cluster.database("rls-check"))                      # the migrations applied
    with psycopg.connect(pg_cluster.owner_url) as conn:
        rows = conn.execute("SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity, p.qual, p.with_check "
                            "FROM pg_class c JOIN pg_policies p ON p.tablename = c.relname "
                            "WHERE c.relname = ANY(%s)", (list(readable_tables(pg_cluster)),)).fetchall()
    assert sorted(r[0] for r in rows) == sorted(TABLES)
    for table, enabled, forced, using, check in rows:
        assert enabled and forced, table
        assert "current_setting('app.authority'" in using and using == check, table


def test_writing_a_row_of_another_authority_is_refused(pg_cluster, trackers, wave):
    a = filled(pg_cluster, "write-a", trackers, wave)
    b = filled(pg_cluster, "write-b", trackers, wave)
    sha = b.entries()[0].sha256
    with pytest.raises(psycopg.errors.InsufficientPrivilege):     # the policy's WITH CHECK
        with transaction(a.database) as conn:
            conn.execute("INSERT INTO changes (authority, sha256, action, at) VALUES ('write-b', %s, 'removed', now())",
                         (sha,))
    with transaction(a.database) as conn:
        assert conn.execute("UPDATE entries SET removed = true WHERE authority = 'write-b'").rowcount == 0
    assert [e.removed for e in b.entries()] == [False, True]


@pytest.mark.parametrize("statement", [
    "UPDATE changes SET who = 'someone else'", "DELETE FROM changes", "UPDATE theme_corrections SET theme = 'x'",
    "DELETE FROM theme_corrections", "DELETE FROM entries", "UPDATE entries SET file = 'renamed.xlsx'",
    "DELETE FROM originals", "UPDATE originals SET data = ''", "UPDATE originals SET path = NULL, size = NULL",
    "DELETE FROM normalised"])
def test_the_app_can_neither_rewrite_nor_delete_what_is_kept(kept, statement):
    store = kept
    before = (store.entries(), store.audit_trail(), store.theme_corrections(history=True).to_csv())
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with transaction(store.database) as conn:
            conn.execute(statement)
    assert (store.entries(), store.audit_trail(), store.theme_corrections(history=True).to_csv()) == before


def test_a_role_that_would_bypass_isolation_is_refused_in_words(pg_cluster):
    PgStore(pg_cluster.database("roles"))                          # the tables exist
    pg_cluster.sql("CREATE ROLE owner_member LOGIN IN ROLE improvement_owner")
    for role, why in (("improvement_owner", "the tables' owner"), ("owner_member", "a member of its role"),
                      ("postgres", "a superuser")):
        with pytest.raises(DatabaseNotReady, match=why) as refused:
            PgStore(Database(pg_cluster.url(role), "roles"))
        assert APP_ROLE in str(refused.value) and "IMPROVEMENT_DATABASE_OWNER_URL" in str(refused.value)
    pg_cluster.sql("CREATE ROLE stranger LOGIN")
    with pytest.raises(DatabaseNotReady, match=f"may not read or add uploads.*GRANT {APP_ROLE} TO stranger"):
        PgStore(Database(pg_cluster.url("stranger"), "roles"))


def test_a_database_without_the_store_and_no_owner_url_is_refused_in_words(pg_cluster):
    pg_cluster.sql("CREATE DATABASE bare OWNER improvement_owner")
    with pytest.raises(DatabaseNotReady, match="no store tables yet.*IMPROVEMENT_DATABASE_OWNER_URL"):
        PgStore(Database(pg_cluster.url("improvement_app", "bare"), "default"))
    PgStore(Database(pg_cluster.url("improvement_app", "bare"), "default", pg_cluster.url("improvement_owner", "bare")))
    migrate(pg_cluster.url("improvement_owner", "bare"))          # again: nothing left to apply, nothing changes
    assert PgStore(Database(pg_cluster.url("improvement_app", "bare"), "default")).entries() == []


def test_the_setting_chooses_the_backend_and_the_authority(pg_cluster, tmp_path, monkeypatch):
    assert isinstance(open_store(tmp_path), FileStore), "without the setting: the embedded file store"
    monkeypatch.setenv("IMPROVEMENT_DATABASE_URL", pg_cluster.app_url)
    monkeypatch.setenv("IMPROVEMENT_DATABASE_OWNER_URL", pg_cluster.owner_url)
    monkeypatch.delenv("IMPROVEMENT_AUTHORITY", raising=False)
    assert isinstance(open_store(tmp_path), PgStore) and open_store(tmp_path).authority == "default"
    monkeypatch.setenv("IMPROVEMENT_AUTHORITY", "north-county")
    assert open_store(tmp_path).authority == "north-county" and open_store(tmp_path, "south").authority == "south"
    with pytest.raises(ValueError, match="IMPROVEMENT_AUTHORITY"):
        open_store(tmp_path, authority="north county; DROP TABLE entries")
    assert not (tmp_path / "uploads").exists()


def everything_kept(database: Database) -> dict[str, int]:
    """Rows per table of the authority: what a half-made change would leave behind."""
    return {table: sum(rows_by_authority(database, table).values()) for table in TABLES}


def test_an_add_failing_after_its_rows_are_written_leaves_the_database_as_it_was(pg_cluster, trackers, monkeypatch):
    """The entry, its original and its parts are written, then the audit line fails: all roll back."""
    store = PgStore(pg_cluster.database("half-add"))
    (p1, r1), (p2, r2) = trackers[:2]
    store.add(p1.read_bytes(), p1.name, r1)
    before = everything_kept(store.database), store.entries(), store.audit_trail()

    def failing(self, conn, sha256, line):
        raise OSError("injected: the connection drops before the audit line")

    monkeypatch.setattr(PgStore, "_record", failing)
    with pytest.raises(OSError):
        store.add(p2.read_bytes(), p2.name, r2)
    monkeypatch.undo()
    assert (everything_kept(store.database), store.entries(), store.audit_trail()) == before
    assert store.add(p2.read_bytes(), p2.name, r2).status == "stored"


KILLED = textwrap.dedent("""
    import os, sys
    sys.path.insert(0, {root!r})
    from pathlib import Path
    from loaders import load_file
    from store.interface import open_store
    from store.pg_store import PgStore
    def kill(self, conn, sha256, line):
        os._exit(9)              # killed with the entry, original and parts written, uncommitted
    PgStore._record = kill
    path = Path({path!r})
    open_store({folder!r}).add(path.read_bytes(), path.name, load_file(path, kind="actions", snapshot_date="2024-02-02"))
""")


def test_a_server_killed_mid_upload_leaves_nothing_half_kept(pg_cluster, tmp_path, trackers):
    store = PgStore(pg_cluster.database("killed"))
    p1, r1 = trackers[0]
    store.add(p1.read_bytes(), p1.name, r1)
    before = everything_kept(store.database), store.entries()
    other = sorted((SAMPLE / "trackers").glob("*.xlsx"))[-1]
    env = {**__import__("os").environ, **pg_cluster.environment("killed")}
    done = subprocess.run([sys.executable, "-c", KILLED.format(root=str(ROOT), path=str(other), folder=str(tmp_path))],
                          capture_output=True, timeout=120, env=env)
    assert done.returncode == 9, done.stderr.decode()[-2000:]
    assert (everything_kept(store.database), store.entries()) == before
    result = load_file(other, kind="actions", snapshot_date="2024-02-02")
    assert store.add(other.read_bytes(), other.name, result).status == "stored" and len(store.entries()) == 2


SERVER = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {root!r})
    from pathlib import Path
    from loaders import load_file
    from store.interface import open_store
    go = Path({go!r})
    while not go.exists():
        time.sleep(0.01)
    for name in {paths!r}:
        path = Path(name)
        result = load_file(path, kind="actions", snapshot_date=path.stem.split("_")[-1])
        print(open_store({folder!r}).add(path.read_bytes(), path.name, result).status, flush=True)
    deadline = time.time() + 60
    while len(seen := open_store({folder!r}).entries()) < {total} and time.time() < deadline:
        time.sleep(0.05)
    print(" ".join(sorted(e.file for e in seen)))
""")


def test_two_servers_uploading_at_once_to_one_database_both_land(pg_cluster, tmp_path):
    """Two separate processes (plain subprocesses, as tests/store/test_store_crash.py says why), each
    a server of the same authority, upload two files each at the same moment: all four land, and
    each server reads the other's uploads on its next read."""
    paths = [str(p) for p in sorted((SAMPLE / "trackers").glob("*.xlsx"))[:4]]
    go = tmp_path / "go"
    env = {**__import__("os").environ, **pg_cluster.environment("two-servers")}
    servers = [subprocess.Popen([sys.executable, "-c", SERVER.format(
        root=str(ROOT), go=str(go), paths=half, folder=str(tmp_path / f"server{n}"), total=len(paths))],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) for n, half in enumerate((paths[:2], paths[2:]))]
    time.sleep(1)
    go.touch()
    outputs = [s.communicate(timeout=300) for s in servers]
    everything = " ".join(sorted(Path(p).name for p in paths))
    for server, (out, err) in zip(servers, outputs):
        assert server.returncode == 0, err.decode()[-2000:]
        assert out.decode().splitlines() == ["stored", "stored", everything]
    store = PgStore(pg_cluster.database("two-servers"))
    assert len(store.entries()) == 4 and [c.action for c in store.audit_trail()] == ["added"] * 4


def test_the_pages_bundle_reads_a_database_store(pg_cluster, tmp_path, monkeypatch, trackers, wave):
    """assembly's bundle on a store chosen by the setting: the uploads come from the database (no
    uploads folder is made), the survey's counts and comments too; another authority's bundle has none."""
    for name, value in pg_cluster.environment("bundle").items():
        monkeypatch.setenv(name, value)
    store = open_store(tmp_path)
    for path, result in trackers:
        store.add(path.read_bytes(), path.name, result)
    survey = store.add(WAVE.read_bytes(), WAVE.name, wave, WAVE_META).entry
    bundle = load_bundle(tmp_path, edition="full")
    assert sorted(bundle.sources["file"]) == sorted([p.name for p, _ in trackers] + [WAVE.name])
    assert len(bundle.actions) + len(bundle.after_closedown) == sum(r.records for _, r in trackers)
    assert set(bundle.surveys.answers["wave"].astype(str)) == {"2022-09"}
    assert set(bundle.comments["comment_id"]) == set(store.comments(survey)["comment_id"])
    assert not (tmp_path / "uploads").exists()
    monkeypatch.setenv("IMPROVEMENT_AUTHORITY", "bundle-other")
    other = load_bundle(tmp_path, edition="full")
    assert other.actions.empty and other.surveys.answers.empty and other.sources.empty


def test_a_kept_connection_the_server_closed_is_replaced_and_a_failed_one_is_not_kept(pg_cluster, trackers):
    """Connections are kept between transactions (store/pg_schema.py): one the server has since ended is
    replaced before use, and one whose transaction failed is closed, not lent to the next."""
    store = PgStore(pg_cluster.database("kept-connections"))
    path, result = trackers[0]
    sha = store.add(path.read_bytes(), path.name, result).entry.sha256
    with transaction(store.database) as conn:
        pid = conn.info.backend_pid
    with psycopg.connect(pg_cluster.url("postgres"), autocommit=True) as admin:
        assert admin.execute("SELECT pg_terminate_backend(%s)", (pid,)).fetchone()[0]
    assert [e.sha256 for e in store.entries()] == [sha]
    with pytest.raises(ZeroDivisionError), transaction(store.database) as conn:
        failed = conn
        raise ZeroDivisionError
    assert failed.closed
    with transaction(store.database) as conn:
        assert conn is not failed and conn.execute("SELECT current_setting('app.authority')").fetchone() == (
            "kept-connections",)

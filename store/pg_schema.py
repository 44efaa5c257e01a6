"""The PostgreSQL store's database: where it is, its schema, and the connection each change runs in.

Chosen by one setting: ``IMPROVEMENT_DATABASE_URL`` (a libpq URL, how the app connects) turns the
database store on; ``IMPROVEMENT_AUTHORITY`` names the authority whose rows the app sees
(``DEFAULT_AUTHORITY`` when unset); ``IMPROVEMENT_DATABASE_OWNER_URL``, when set, is the schema
owner's connection, with which the migrations in store/migrations/ (yoyo-migrations, SQL files)
are applied on open, once per process. The app itself must connect as a role that owns nothing
and does not bypass row-level security (the migrations grant it ``APP_ROLE``): ``check_role``
refuses a superuser, a BYPASSRLS role or the tables' owner (or a member of it), so isolation rests on the database.

``transaction`` runs each change or read in a transaction of its own, on a connection of its own
for as long as it lasts (thread-safe); it sets ``app.authority`` for that transaction only
(``set_config(..., true)``, which is ``SET LOCAL``), and commits at the end or rolls everything
back on an exception. A connection whose transaction ended cleanly is kept idle for the next one
(at most ``IDLE_CONNECTIONS`` per database URL and process): opening one cost 5-15 ms, a page run
makes one to a dozen, and nothing of an authority outlives its transaction, so the next transaction
on it, whichever authority's, starts clean. A kept connection the server has since closed is
noticed before it is used and replaced.
"""
from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
from yoyo import get_backend, read_migrations

from settings.roles import AUTHORITY_NAME

URL_VARIABLE, OWNER_URL_VARIABLE, AUTHORITY_VARIABLE = (
    "IMPROVEMENT_DATABASE_URL", "IMPROVEMENT_DATABASE_OWNER_URL", "IMPROVEMENT_AUTHORITY")
DEFAULT_AUTHORITY = "default"
APP_ROLE = "improvement_app"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
IDLE_CONNECTIONS = 4          # kept per database URL and process (module docstring)
_ready: set[tuple[str, str]] = set()
_ready_lock = threading.Lock()
_idle: dict[str, list[psycopg.Connection]] = {}
_idle_lock = threading.Lock()


class DatabaseNotReady(RuntimeError):
    """The database cannot hold the store safely: what is wrong and how to put it right."""


@dataclass(frozen=True)
class Database:
    url: str                     # the app's connection (a role that owns nothing)
    authority: str
    owner_url: str | None = None  # the schema owner's, for the migrations

    def __post_init__(self):
        if not AUTHORITY_NAME.fullmatch(self.authority or ""):
            raise ValueError(f"The authority name {self.authority!r} (IMPROVEMENT_AUTHORITY) is not usable: give 1 to "
                             "64 letters, digits, '.', '_' or '-', starting with a letter or digit, e.g. 'default'.")


def from_environment(authority: str | None = None) -> Database | None:
    """The database the environment names (module docstring), or None: the file store is used."""
    url = os.environ.get(URL_VARIABLE, "").strip()
    if not url:
        return None
    authority = authority or os.environ.get(AUTHORITY_VARIABLE, "").strip() or DEFAULT_AUTHORITY
    return Database(url, authority, os.environ.get(OWNER_URL_VARIABLE, "").strip() or None)


def prepare(database: Database) -> None:
    """Apply the pending migrations (with the owner's URL, if given) and check the app's role; once
    per process for each database and role."""
    key = (database.url, database.owner_url or "")
    with _ready_lock:
        if key in _ready:
            return
        if database.owner_url:
            migrate(database.owner_url)
        check_role(database.url)
        _ready.add(key)


def migrate(owner_url: str) -> None:
    """Apply store/migrations/ not yet applied, as the schema owner (yoyo holds its own lock, so two
    servers starting at once apply each migration once)."""
    backend = get_backend(_yoyo_url(owner_url))
    try:
        with backend.lock():
            backend.apply_migrations(backend.to_apply(read_migrations(str(MIGRATIONS))))
    finally:
        backend.connection.close()


def check_role(url: str) -> None:
    """Refuse a connection on which row-level security would not hold, or that finds no store."""
    with psycopg.connect(url) as conn:
        user, superuser, bypass = conn.execute(
            "SELECT current_user, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user").fetchone()
        owns = conn.execute("SELECT pg_has_role(current_user, tableowner, 'MEMBER'), "
                            "has_table_privilege('entries', 'SELECT, INSERT') FROM pg_tables "
                            "WHERE schemaname = current_schema() AND tablename = 'entries'").fetchone()
    if owns is None:
        raise DatabaseNotReady(
            f"The database of {URL_VARIABLE} has no store tables yet. Set {OWNER_URL_VARIABLE} to the schema "
            "owner's connection, and the app applies its migrations (store/migrations/) when it opens the store.")
    if superuser or bypass or owns[0]:
        why = ("a superuser" if superuser else "allowed to bypass row-level security" if bypass
               else "the tables' owner (or a member of its role)")
        raise DatabaseNotReady(
            f"{URL_VARIABLE} connects as role '{user}', which is {why}: one authority could read another's "
            f"uploads. Connect as a role that owns nothing and has been granted {APP_ROLE} "
            f"(GRANT {APP_ROLE} TO <login role>), and give the owner's connection as {OWNER_URL_VARIABLE}.")
    if not owns[1]:
        raise DatabaseNotReady(f"{URL_VARIABLE} connects as role '{user}', which may not read or add uploads: grant "
                               f"it the app's role (GRANT {APP_ROLE} TO {user}) as the database's administrator.")


@contextlib.contextmanager
def transaction(database: Database) -> Iterator[psycopg.Connection]:
    """One transaction as ``database.authority`` (module docstring); times read back in UTC."""
    conn = _connection(database.url)
    try:
        with conn.transaction():
            conn.execute("SELECT set_config('app.authority', %s, true), set_config('TimeZone', 'UTC', true)",
                         (database.authority,))
            yield conn
    except BaseException:
        conn.close()            # a transaction that failed does not lend its connection to the next
        raise
    _keep(database.url, conn)


def _connection(url: str) -> psycopg.Connection:
    """An idle kept connection that still answers, else a new one."""
    while True:
        with _idle_lock:
            conn = _idle.get(url, []).pop() if _idle.get(url) else None
        if conn is None:
            return psycopg.connect(url, autocommit=True)     # transactions are begun by `transaction`
        try:
            conn.execute("SELECT 1")
            return conn
        except psycopg.Error:
            conn.close()


def _keep(url: str, conn: psycopg.Connection) -> None:
    with _idle_lock:
        kept = _idle.setdefault(url, [])
        if conn.info.transaction_status == psycopg.pq.TransactionStatus.IDLE and len(kept) < IDLE_CONNECTIONS:
            kept.append(conn)
            return
    conn.close()


def _yoyo_url(url: str) -> str:
    """yoyo names the psycopg 3 driver in the scheme; the rest of a libpq URL is passed on."""
    scheme, rest = url.split("://", 1)
    if scheme not in ("postgresql", "postgres", "postgresql+psycopg"):
        raise ValueError(f"{OWNER_URL_VARIABLE} must be a postgresql:// URL, not {scheme}://")
    return f"postgresql+psycopg://{rest}"

"""A real PostgreSQL server for the tests, started by them in a temporary folder.

``Cluster.start`` runs Debian's (or any) ``initdb`` and ``pg_ctl`` (found on PATH, else under
/usr/lib/postgresql/*/bin): a cluster listening on a Unix socket in its own folder only (no TCP
port to clash with), trust authentication. It is set up as a DBA would set up the shared
service: a schema owner (``improvement_owner``, owning the database) and the app's role
(``improvement_app``, owning nothing). ``Cluster.database(authority)`` is what the app is given
(store/pg_schema.py ``Database``); ``Cluster.environment`` the environment variables that choose
it. initdb refuses to run as root, so as root the server runs as the ``postgres`` user.
Without PostgreSQL the tests skip, unless REQUIRE_POSTGRES=1 (CI), where that is a failure.
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

OWNER, APP, DATABASE = "improvement_owner", "improvement_app", "improvement"
SUPERUSER = "postgres"


def binaries() -> Path | None:
    """The folder holding initdb and pg_ctl, or None."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    folders = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda f: int(Path(f).parent.name), reverse=True)
    return next((Path(f) for f in folders if (Path(f) / "initdb").is_file()), None)


def missing_message() -> str:
    return ("PostgreSQL not found (initdb and pg_ctl, on PATH or under /usr/lib/postgresql/*/bin): install "
            "Debian's 'postgresql' package to run the database store's tests")


@dataclass
class Cluster:
    bin: Path
    folder: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="pg-")))

    @property
    def socket(self) -> Path:
        return self.folder / "socket"

    def url(self, role: str, database: str = DATABASE) -> str:
        return f"postgresql://{role}@/{database}?host={self.socket}&port=5432"

    @property
    def owner_url(self) -> str:
        return self.url(OWNER)

    @property
    def app_url(self) -> str:
        return self.url(APP)

    def environment(self, authority: str) -> dict[str, str]:
        return {"IMPROVEMENT_DATABASE_URL": self.app_url, "IMPROVEMENT_DATABASE_OWNER_URL": self.owner_url,
                "IMPROVEMENT_AUTHORITY": authority}

    def database(self, authority: str):
        from store.pg_schema import Database
        return Database(self.app_url, authority, self.owner_url)

    def start(self) -> "Cluster":
        self.socket.mkdir(parents=True)
        if os.geteuid() == 0:
            try:
                pwd.getpwnam(SUPERUSER)
            except KeyError:
                raise RuntimeError(f"initdb refuses to run as root and there is no '{SUPERUSER}' user to run it as: "
                                   "install Debian's 'postgresql' package (it creates one), or run the tests as "
                                   "another user") from None
            shutil.chown(self.folder, SUPERUSER, SUPERUSER)
            shutil.chown(self.socket, SUPERUSER, SUPERUSER)
        self._run("initdb", "-D", str(self.folder / "data"), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
                  "--no-sync")
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-l", str(self.folder / "server.log"), "-w", "-o",
                  f"-c listen_addresses='' -k {self.socket} -p 5432 -c fsync=off", "start")
        self.sql(f"CREATE ROLE {OWNER} LOGIN", f"CREATE ROLE {APP} LOGIN", f"CREATE DATABASE {DATABASE} OWNER {OWNER}")
        return self

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "stop", check=False)
        shutil.rmtree(self.folder, ignore_errors=True)

    def sql(self, *statements: str, role: str = SUPERUSER, database: str = "postgres") -> None:
        import psycopg
        with psycopg.connect(self.url(role, database), autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement)

    def _run(self, program: str, *args: str, check: bool = True) -> None:
        command = [str(self.bin / program), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", SUPERUSER, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if check and done.returncode != 0:
            log = self.folder / "server.log"
            raise RuntimeError(f"{program} failed ({done.returncode}): {done.stderr[-2000:]}"
                               + (log.read_text()[-2000:] if log.is_file() else ""))

"""The benchmark's PostgreSQL section: many authorities in one database, one authority's user measured.

``load`` fills a temporary cluster (tests/postgres.py ``Cluster``: initdb in /tmp, a socket of its
own) with ``authorities`` authorities, each holding the same uploads as a file-store size of the
benchmark (6 staff waves of ``respondents``, 12 tracker snapshots, the scrutiny matrix, the sample's
partner waves). The first authority's uploads go through the Data page's real upload path
(``bench.worker ingest``: ``check_upload`` then ``keep`` into ``PgStore``, as that authority, each
staff wave in its own process). The other authorities' rows are copied from it by the superuser,
table by table in one ``INSERT ... SELECT`` each (the same bytes under another authority's name):
every row is really there, in the same tables, under row-level security, at a fraction of the
time 49 more ingests would take. ``measure`` then times app start to first page (median of 3,
fresh processes) and the warm reruns of every page for the first authority's user, exactly as
the file store's rows are timed (bench/__main__.py ``app_figures``).
"""
from __future__ import annotations

import json
import time
from pathlib import Path

from tests.postgres import SUPERUSER, Cluster, binaries

from .inputs import Spec, make_inputs
from .steps import app_figures, data_folder, run, small_files

#: The tables of store/migrations/, with the columns copied to another authority (ids are the database's).
TABLES = {
    "entries": ("sha256", "file", "ext", "kind", "format", "records", "stored_at", "active_since", "questions",
                "metadata", "who", "removed", "removed_at", "warnings", "unmapped"),
    "originals": ("sha256", "data"),
    "normalised": ("sha256", "part", "parquet"),
    "changes": ("sha256", "action", "at", "who"),
    "theme_corrections": ("comment_id", "theme", "who", "at", "sha256", "file"),
}


def authority_names(count: int) -> list[str]:
    return [f"authority-{i + 1:02d}" for i in range(count)]


def parse(spec: str) -> tuple[int, int] | None:
    """``AUTHORITIESxRESPONDENTS`` (e.g. 50x5000), or None for "off"/empty."""
    if spec.strip().lower() in ("", "off", "0", "no"):
        return None
    authorities, respondents = spec.lower().split("x")
    return int(authorities), int(respondents)


def start_cluster(log) -> Cluster | None:
    """A fresh cluster, or None (with a printed line saying why) when PostgreSQL is not installed."""
    found = binaries()
    if found is None:
        log("PostgreSQL section skipped: no PostgreSQL server binaries (initdb and pg_ctl on PATH or under "
            "/usr/lib/postgresql/*/bin); install Debian's 'postgresql' package to measure it")
        return None
    return Cluster(found).start()


def load(cluster: Cluster, spec: Spec, authorities: int, root: Path, log) -> tuple[Path, str]:
    """Fill the database (module docstring); the data folder and the measured authority."""
    names = authority_names(authorities)
    inputs = make_inputs(spec, root)
    folder = data_folder(inputs, spec, root, name=f"data-pg-{spec.respondents}")
    env = cluster.environment(names[0])
    begin = time.perf_counter()
    for path, meta in inputs.surveys:
        run("ingest", str(path), str(folder), json.dumps(meta), env=env)
    listing = root / f"small-pg-{spec.respondents}.json"
    listing.write_text(json.dumps(small_files(inputs, folder)), encoding="utf-8")
    run("ingest_many", str(listing), env=env)
    log(f"  {names[0]}: every upload through the upload path in {time.perf_counter() - begin:.0f} s")
    begin = time.perf_counter()
    copy_authority(cluster, names[0], names[1:])
    log(f"  {len(names) - 1} more authorities copied in {time.perf_counter() - begin:.0f} s")
    return folder, names[0]


def copy_authority(cluster: Cluster, source: str, targets: list[str]) -> None:
    """Every row of ``source`` again under each name of ``targets`` (superuser: row-level security is
    the app's rule, not the loader's), then ANALYZE so the planner knows the tables' real sizes."""
    statements = []
    for table, columns in TABLES.items():
        names = ", ".join(columns)
        statements.append(f"INSERT INTO {table} (authority, {names}) SELECT t.name, {names} FROM {table} "
                          f"CROSS JOIN unnest(%(targets)s::text[]) AS t(name) WHERE authority = %(source)s")
    import psycopg
    with psycopg.connect(cluster.url(SUPERUSER), autocommit=True) as conn:
        with conn.transaction():
            for statement in statements:
                conn.execute(statement, {"targets": targets, "source": source})
        conn.execute("ANALYZE")


def counts(cluster: Cluster) -> dict[str, dict]:
    """Per authority: its entries by kind, its staff waves and their respondents (the superuser's view)."""
    import psycopg
    with psycopg.connect(cluster.url(SUPERUSER)) as conn:
        rows = conn.execute(
            "SELECT authority, kind, count(*), count(DISTINCT metadata->>'wave') FILTER "
            "(WHERE metadata->>'audience' = 'staff'), coalesce(sum(records) FILTER "
            "(WHERE metadata->>'audience' = 'staff'), 0) FROM entries GROUP BY authority, kind").fetchall()
    out: dict[str, dict] = {}
    for authority, kind, n, waves, respondents in rows:
        out.setdefault(authority, {"entries": {}, "staff_waves": 0, "staff_respondents": 0})
        out[authority]["entries"][kind] = n
        out[authority]["staff_waves"] += waves
        out[authority]["staff_respondents"] += respondents
    return out


def measure(authorities: int, respondents: int, root: Path, reruns: int, log) -> dict | None:
    """The PostgreSQL section's figures (module docstring), or None without PostgreSQL."""
    cluster = start_cluster(log)
    if cluster is None:
        return None
    try:
        spec = Spec(respondents=respondents)
        folder, authority = load(cluster, spec, authorities, root, log)
        held = counts(cluster)
        size = database_mb(cluster)
        log(f"  database: {len(held)} authorities, {size:.0f} MB")
        env = {"IMPROVEMENT_DATA_DIR": str(folder), "IMPROVEMENT_DATABASE_URL": cluster.app_url,
               "IMPROVEMENT_AUTHORITY": authority}      # the app's role only: the schema is in place
        figures = app_figures(folder, reruns, env, log)
        return {"authorities": len(held), "respondents": respondents, "waves": spec.waves, "database_mb": size,
                "held": held[authority], **figures}
    finally:
        cluster.stop()


def database_mb(cluster: Cluster) -> float:
    import psycopg
    with psycopg.connect(cluster.url(SUPERUSER)) as conn:
        return conn.execute("SELECT pg_database_size(current_database())").fetchone()[0] / 2**20

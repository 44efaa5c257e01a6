"""The benchmark's PostgreSQL loader (bench/postgres.py ``load``) at a tiny size, on a real cluster:
every authority holds the staff waves and respondents asked for, the trackers and the scrutiny
matrix, and each authority's own store (the app's role, row-level security) sees its own rows only.
Skips without PostgreSQL, fails instead when REQUIRE_POSTGRES=1."""
from __future__ import annotations

from bench import postgres
from bench.inputs import Spec
from store.pg_store import PgStore
from tests.app.authorities import cluster_or_skip

SPEC = Spec(respondents=40, waves=2, actions=20, snapshots=2, topics=10)
AUTHORITIES = 3


def test_the_loader_fills_every_authority_with_its_waves_and_respondents(tmp_path):
    cluster = cluster_or_skip()
    try:
        folder, measured = postgres.load(cluster, SPEC, AUTHORITIES, tmp_path, log=lambda message: None)
        held = postgres.counts(cluster)
        assert measured == "authority-01" and (folder / "codebook.csv").is_file()
        assert sorted(held) == postgres.authority_names(AUTHORITIES)
        for name, rows in held.items():
            assert (rows["staff_waves"], rows["staff_respondents"]) == (SPEC.waves, SPEC.waves * SPEC.respondents), name
            assert (rows["entries"]["actions"], rows["entries"]["scrutiny"]) == (SPEC.snapshots, 1), name
        own = PgStore(cluster.database("authority-02"))
        staff = [e for e in own.entries() if e.kind == "survey" and e.metadata.get("audience") == "staff"]
        assert sorted(e.records for e in staff) == [SPEC.respondents] * SPEC.waves
        assert len(own.entries()) == sum(held["authority-02"]["entries"].values())   # its own rows, no other's
        assert int(own.counts(staff[0]).reach["respondents"].sum()) == SPEC.respondents
    finally:
        cluster.stop()

"""Store test set-up: the repository on sys.path and loaded sample trackers to store."""
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TRACKERS = ROOT / "data" / "sample" / "trackers"


@pytest.fixture(scope="session")
def trackers():
    """(path, LoadResult) of three sample tracker snapshots."""
    from loaders import load_file
    paths = sorted(TRACKERS.glob("*.xlsx"))[:3]
    return [(p, load_file(p, kind="actions", snapshot_date=p.stem.split("_")[-1])) for p in paths]


@pytest.fixture(scope="session")
def pg_cluster():
    """A real PostgreSQL server for the whole session (tests/postgres.py); skips without PostgreSQL,
    fails instead when REQUIRE_POSTGRES=1 (CI)."""
    import os

    from tests.postgres import Cluster, binaries, missing_message
    found = binaries()
    if found is None:
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail(missing_message() + " (REQUIRE_POSTGRES=1: the database store's tests must run)")
        pytest.skip(missing_message())
    cluster = Cluster(found).start()
    yield cluster
    cluster.stop()

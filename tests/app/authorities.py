"""Two authorities on one PostgreSQL store, for the app tests of issue 19 (isolation and roles).

``two_authorities(cluster, folder)`` makes the shared data folder (the sample data without one
tracker snapshot and one staff-survey wave) and gives each authority its own uploads of them, kept
in its own store: the tracker with the authority's marker before every action's title, the survey
wave with it before every comment. A signed-in user is an ``AppTest`` with ``user`` set as
``st.user`` says after a sign-in (an Entra app role and the ``authorities`` claim).
"""
from __future__ import annotations

import io
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import streamlit as st
from openpyxl import load_workbook

from loaders.pipeline import load_file
from store.pg_store import PgStore
from tests.disclosure.page_sweep import pointed_at, through_the_router

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"
TRACKER, WAVE = "trackers/improvement_plan_2024-10-16.xlsx", "surveys/staff_survey_2024-10.xlsx"
TRACKER_META = {"snapshot_date": "2024-10-16"}
WAVE_META = {"audience": "staff", "wave": "2024-10", "wave_date": "2024-10-07"}
COMMENT_HEADER = "Is there anything else you would like to tell us?"
A, B = "north-county", "south-borough"
# letters and digits only: no escaping (markdown, HTML, JSON) changes them, so a plain scan finds every copy
MARKER_A, MARKER_B = "QZXNORTH2286", "QZXSOUTH4417"
CLAIMS = {"officer": "Dashboard.Officer", "staff": "Dashboard.Staff", "improvement_board": "Dashboard.ImprovementBoard",
          "scrutiny_committee": "Dashboard.ScrutinyCommittee", "platform_admin": "Dashboard.PlatformAdmin"}


@dataclass
class Authority:
    name: str
    marker: str
    originals: dict[str, bytes]        # file name -> the bytes kept (the tracker, the survey wave)


def cluster_or_skip():
    """A started tests/postgres.py cluster; skips without PostgreSQL unless REQUIRE_POSTGRES=1."""
    from tests.postgres import Cluster, binaries, missing_message
    found = binaries()
    if found is None:
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail(missing_message() + " (REQUIRE_POSTGRES=1)")
        pytest.skip(missing_message())
    return Cluster(found).start()


def planted_tracker(marker: str) -> bytes:
    """The tracker snapshot with ``marker`` before each action's title and progress note."""
    book = load_workbook(SAMPLE / TRACKER)
    sheet = book.active
    header = next(r for r in sheet.iter_rows(min_row=1, max_row=20) if [c.value for c in r][:2] == ["Ref", "Action"])
    columns = [c.column for c in header if c.value in ("Action", "Progress Update")]
    for row in sheet.iter_rows(min_row=header[0].row + 1):
        if row[1].value:
            for cell in row:
                if cell.column in columns and isinstance(cell.value, str):
                    cell.value = f"{marker} {cell.value}"
    return _saved(book)


def planted_wave(marker: str) -> bytes:
    """The staff-survey wave with ``marker`` before each comment (answers untouched)."""
    book = load_workbook(SAMPLE / WAVE)
    sheet = book.active
    column = next(c.column for c in sheet[1] if c.value == COMMENT_HEADER)
    for number, (cell,) in enumerate(sheet.iter_rows(min_row=2, min_col=column, max_col=column)):
        if cell.value:
            cell.value = f"{marker} {number}: {cell.value}"
    return _saved(book)


def _saved(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def shared_folder(folder: Path) -> Path:
    """The sample data without the tracker snapshot and the wave each authority uploads instead."""
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns("uploads"))
    manifest = folder / "manifest.csv"
    lines = manifest.read_text(encoding="utf-8").splitlines()
    manifest.write_text("\n".join(l for l in lines if TRACKER not in l and WAVE not in l) + "\n", encoding="utf-8")
    (folder / TRACKER).unlink()
    (folder / WAVE).unlink()
    return folder


def upload(cluster, folder: Path, name: str, marker: str) -> Authority:
    """``name``'s own store gets the planted tracker and wave, kept by one of its officers."""
    store = PgStore(cluster.database(name))
    originals = {}
    for relative, data, kind, meta in ((TRACKER, planted_tracker(marker), "actions", TRACKER_META),
                                       (WAVE, planted_wave(marker), "survey", WAVE_META)):
        path = folder.parent / f"{name}-{Path(relative).name}"
        path.write_bytes(data)
        store.add(data, Path(relative).name, load_file(path, kind=kind, **meta), meta, by=f"officer@{name}.gov.uk")
        originals[Path(relative).name] = data
    return Authority(name, marker, originals)


def user(role: str, authorities: list[str], email: str = "someone@example.gov.uk") -> dict:
    """What ``st.user`` says after a sign-in with ``role`` (an Entra app role) and ``authorities``."""
    return {"is_logged_in": True, "email": email, "name": email.split("@")[0], "roles": [CLAIMS[role]],
            "authorities": authorities}


@pytest.fixture(scope="module")
def cluster():
    started = cluster_or_skip()
    yield started
    started.stop()


@pytest.fixture(scope="module")
def service(cluster, tmp_path_factory):
    """The shared folder and the two authorities' stores."""
    folder = shared_folder(tmp_path_factory.mktemp("shared") / "data")
    return folder, upload(cluster, folder, A, MARKER_A), upload(cluster, folder, B, MARKER_B)


@pytest.fixture
def signed_in(service, cluster, monkeypatch):
    """Sign-in required, the full edition, the database named, and the server's authority B's."""
    for name, value in {**cluster.environment(B), "IMPROVEMENT_AUTH_REQUIRED": "true"}.items():
        monkeypatch.setenv(name, value)
    st.cache_resource.clear()
    with pointed_at(service[0], "full"), through_the_router():
        yield service
    st.cache_resource.clear()

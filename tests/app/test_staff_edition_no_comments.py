"""The staff edition cannot reach a free-text comment by any page, address or download (issue 18).

Over the sample data with a planted marker in its comments (one wave's comments in a folder
file, another wave's in an upload kept by the store), the staff edition is opened in AppTest
through the router, as a server runs it: every page it publishes, each with hostile query
parameters (``?comments=1``, ``?page=comments``, ``?theme=workload``, a real comment's id ...);
every other address it answers (ui/routes: the home page, the notice at each full-edition
page's path, the notice at an address no edition has, ``/comments``); and every file its pages
offer to download, made as a click makes it (a zipped file, the xlsx, read member by member).
No element of any run, no query string it leaves, no download holds the marker or any comment's
text. The full edition's data does hold them all, and the scanner finds a planted text in each
kind of element it reads, so the test can fail. The full edition runs first, in the same
process, so a Bundle cached for it (with comments) would be found by the staff edition if the
cache did not tell editions apart.
"""
from __future__ import annotations

import html
import io
import shutil
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from openpyxl import load_workbook
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from assembly.bundle import load_bundle
from loaders.pipeline import load_file
from store.interface import open_store
from tests.disclosure.page_sweep import APP, TIMEOUT, open_expanders, pointed_at, published_pages, through_the_router

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"
MARKER = "QZX-PLANTED-7731"
COMMENT_HEADER = "Is there anything else you would like to tell us?"
FOLDER_WAVE, STORE_WAVE = "staff_survey_2024-04.xlsx", "staff_survey_2024-10.xlsx"
HOSTILE = [{}, {"comments": "1"}, {"page": "comments"}, {"theme": "workload"}, {"edition": "full", "show": "all"},
           {"comment_id": "<a real id>", "download": "comments"}]


def planted_workbook(path: Path, where: str) -> bytes:
    """The staff wave with each of its comments prefixed by the marker (answers untouched)."""
    book = load_workbook(path)
    sheet = book.active
    column = next(c.column for c in sheet[1] if c.value == COMMENT_HEADER)
    for number, (cell,) in enumerate(sheet.iter_rows(min_row=2, min_col=column, max_col=column)):
        if cell.value:
            cell.value = f"{MARKER} {where} {number}: {cell.value}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """The sample data, one staff wave planted in the folder, another kept by the store instead."""
    folder = tmp_path_factory.mktemp("planted") / "data"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns("uploads"))
    target = folder / "surveys" / FOLDER_WAVE
    target.write_bytes(planted_workbook(SAMPLE / "surveys" / FOLDER_WAVE, "folder"))
    manifest = folder / "manifest.csv"
    lines = manifest.read_text(encoding="utf-8").splitlines()
    manifest.write_text("\n".join(l for l in lines if STORE_WAVE not in l) + "\n", encoding="utf-8")
    (folder / "surveys" / STORE_WAVE).unlink()
    data = planted_workbook(SAMPLE / "surveys" / STORE_WAVE, "store")
    upload = folder.parent / STORE_WAVE
    upload.write_bytes(data)
    meta = {"audience": "staff", "wave": "2024-10", "wave_date": "2024-10-07"}
    open_store(folder).add(data, STORE_WAVE, load_file(upload, kind="survey", **meta), meta, by="test")
    return folder


@pytest.fixture(scope="module")
def comment_texts(folder) -> list[str]:
    """Every comment the full edition reads: the texts that must appear nowhere in the staff one."""
    full = load_bundle(folder, edition="full")
    return sorted(set(full.comments["text"]))


def scanned(node) -> list[bytes]:
    """Every element and block of an AppTest run, as the bytes of its message (a table's Arrow
    data, a chart's JSON, a markdown body, a widget's label and options ...)."""
    proto = getattr(node, "proto", None)
    found = [proto.SerializeToString()] if proto is not None else []
    for child in getattr(node, "children", {}).values():
        found += scanned(child)
    return found


def unzipped(data: bytes) -> list[bytes]:
    """A download's bytes, and each member's if it is a zip (an xlsx)."""
    if not data.startswith(b"PK"):
        return [data]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [data, *(archive.read(name) for name in archive.namelist())]


def leaks(blobs: list[bytes], texts: list[str]) -> list[str]:
    """The marker and comment texts found in ``blobs`` (as UTF-8, or HTML-escaped)."""
    wanted = {MARKER, *texts}
    needles = {t: {t.encode("utf-8"), html.escape(t).encode("utf-8")} for t in wanted}
    return sorted(t for t, forms in needles.items() if any(f in blob for blob in blobs for f in forms))


@contextmanager
def downloads_made():
    """Every file a run offers (deferred or given at once), made as a click makes it."""
    made, deferred, direct = [], MediaFileManager.add_deferred, MediaFileManager.add

    def record_deferred(self, data_callable, *args, **kwargs):
        made.append(("deferred", data_callable))
        return deferred(self, data_callable, *args, **kwargs)

    def record_direct(self, path_or_data, *args, **kwargs):
        made.append(("given", path_or_data))
        return direct(self, path_or_data, *args, **kwargs)

    MediaFileManager.add_deferred, MediaFileManager.add = record_deferred, record_direct
    files: list[bytes] = []
    try:
        yield files
    finally:
        MediaFileManager.add_deferred, MediaFileManager.add = deferred, direct
        for how, item in made:
            data = item() if how == "deferred" else item
            data = data.encode("utf-8") if isinstance(data, str) else (data.read() if hasattr(data, "read") else data)
            files += unzipped(bytes(data)) if isinstance(data, (bytes, bytearray)) else []


def run(at: AppTest, params: dict, page_hash: str | None = None) -> tuple[list[bytes], list[bytes]]:
    """One run with ``params`` in the address: (what it shows and leaves in its address, its downloads)."""
    at.query_params.clear()
    at.query_params.update(params)
    if page_hash is not None:
        at._page_hash = page_hash          # the route the address asks for (AppTest has no public way)
    with downloads_made() as files:
        at.run()
        if not at.exception and open_expanders(at):   # every chart's table drawn, as opened by a reader
            at.run()
    assert not at.exception, [e.value for e in at.exception]
    address = repr(sorted(at.query_params.items())).encode("utf-8")
    return scanned(at._tree) + [address], files


def test_the_full_edition_reads_every_planted_comment(folder, comment_texts):
    full = load_bundle(folder, edition="full")
    planted = full.comments[full.comments["text"].str.startswith(MARKER)]
    assert set(planted["wave"]) == {"2024-04", "2024-10"}, "the folder's comments and the store's"
    assert len(planted) >= 20 and len(comment_texts) > len(planted)
    assert {"staff", "partner"} <= set(full.comments["audience"])


def test_the_staff_editions_data_has_no_comment_at_all(folder):
    staff = load_bundle(folder, edition="staff")
    assert staff.comments.empty and staff.theme_corrections.empty
    assert not any(MARKER in str(v) for v in vars(staff).values())


def test_the_scanner_finds_a_comment_wherever_a_page_could_put_it():
    """A page that shows the marker in a table, a chart, a sentence, a selectbox and a download:
    every one is found, so an empty finding below means the staff edition showed none."""
    def leaky():
        import io

        import pandas as pd
        import plotly.graph_objects as go
        import streamlit as st

        kind = st.query_params.get("kind", "")
        text = "QZX-PLANTED-7731 a comment"
        if kind == "table":
            st.dataframe(pd.DataFrame({"comment": [text]}))
        elif kind == "chart":
            st.plotly_chart(go.Figure(go.Bar(x=[text], y=[1])))
        elif kind == "words":
            st.markdown(text)
        elif kind == "select":
            st.selectbox("Theme", [text])
        elif kind == "download":
            st.download_button("Get", lambda: pd.DataFrame({"c": [text]}).to_csv().encode(), "c.csv")
        elif kind == "xlsx":
            buffer = io.BytesIO()
            pd.DataFrame({"c": [text]}).to_excel(buffer)
            st.download_button("Get", buffer.getvalue(), "c.xlsx")

    for kind in ("table", "chart", "words", "select", "download", "xlsx"):
        shown, files = run(AppTest.from_function(leaky, default_timeout=TIMEOUT), {"kind": kind})
        assert leaks(shown + files, []) == [MARKER], kind


def test_the_full_editions_comments_page_shows_the_planted_comments(folder):
    """The positive control through the pages: the full edition's Comments page shows the
    marker (it is no identifier, so redaction leaves it), so the same scan finding nothing in
    the staff edition means its pages show no comment."""
    with pointed_at(folder, "full"), through_the_router():
        at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
        at.switch_page("pages/comments.py")
        shown, _ = run(at, {})
    assert leaks(shown, []) == [MARKER]


def test_no_staff_page_address_or_download_reaches_a_comment(folder, comment_texts, monkeypatch):
    import ui.context
    import ui.routes

    with pointed_at(folder, "full"), through_the_router():           # the full edition first, same process
        full = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
        run(full, {})
    some_id = load_bundle(folder, edition="full").comments["comment_id"].iloc[0]
    hostile = [{k: (some_id if v == "<a real id>" else v) for k, v in params.items()} for params in HOSTILE]
    monkeypatch.setattr(ui.routes, "requested_path", lambda: "comments")   # an address no edition has
    given, bundle = [], ui.context.bundle
    monkeypatch.setattr(ui.context, "bundle", lambda: given.append(bundle()) or given[-1])   # what the pages read
    seen, offered, opened = [], [], set()
    with pointed_at(folder, "staff"), through_the_router():
        at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
        shown, files = run(at, {})
        seen, offered = seen + shown, offered + files
        routes = {info["url_pathname"]: page_hash for page_hash, info in at._registered_pages.items()}
        published = {path for path, _ in published_pages("staff")}
        assert "comments" in routes and published <= set(routes), sorted(routes)
        for path, page_hash in sorted(routes.items()):
            for params in (hostile if path in published or path == "" else hostile[:2]):
                shown, files = run(at, params, page_hash)
                seen, offered = seen + shown, offered + files
                opened.add(path)
    assert opened == set(routes) and len(opened) >= 9, "every route answered"
    assert given and all(b.comments.empty and b.theme_corrections.empty for b in given), \
        "a staff page was given a Bundle with comments (the full edition's, cached?)"
    assert offered, "the staff pages offer a download (the board summary), and it was made"
    assert leaks(seen, comment_texts) == [], "a staff page or address shows a comment"
    assert leaks(offered, comment_texts) == [], "a staff download holds a comment"

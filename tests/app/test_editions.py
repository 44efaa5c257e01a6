"""Editions: the staff edition registers only its pages (no URL of the full edition runs in
it), its Overview names no action owner and offers nothing to upload; an unknown edition
name publishes the staff edition, never more."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assembly.bundle import load_bundle
from settings.config import chosen_edition, edition_pages, editions, page_registry
from tests.disclosure.page_sweep import open_expanders

ROOT = Path(__file__).resolve().parents[2]
STAFF_PAGES = {"staff-results", "overview", "accessibility"}


def app(monkeypatch, edition: str) -> AppTest:
    monkeypatch.setenv("IMPROVEMENT_EDITION", edition)
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


def published(edition: str) -> set[str]:
    return {path for paths in edition_pages(edition).values() for path in paths}


def test_editions_are_declared_with_known_pages():
    assert set(editions()) == {"full", "staff"}
    assert published("full") == set(page_registry())
    assert published("staff") == STAFF_PAGES


@pytest.mark.parametrize("name", ["", "Full ", "public", "admin"])
def test_an_unknown_edition_name_fails_closed(name):
    assert chosen_edition(name) == ("full" if name.strip().casefold() == "full" else "staff")


def test_staff_edition_registers_no_page_of_the_full_edition(monkeypatch):
    at = app(monkeypatch, "staff").run()
    assert not at.exception and at.title[0].value == "Staff results"
    for path in sorted(published("full") - STAFF_PAGES):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(page_registry()[path]["script"])


def test_staff_overview_names_no_owner_and_has_no_upload(monkeypatch):
    at = app(monkeypatch, "staff")
    at.switch_page("pages/overview.py")
    at.run()
    open_expanders(at)                  # each expectation's evidence, as a reader opens it
    at.run()
    assert not at.exception and not at.error
    frames = [getattr(frame.value, "data", frame.value) for frame in at.dataframe]
    assert frames and not [f for f in frames if "Owner" in f.columns or "owner" in f.columns]
    owners = set(load_bundle(ROOT / "data" / "sample").actions["owner"].dropna())
    action_tables = [f for f in frames if "Action" in f.columns]
    wrapped = [e.proto.body for e in at.get("html") if "wrapped-table" in e.proto.body]   # ui/wrapped_table.py
    assert action_tables or [w for w in wrapped if ">Action<" in w], "the staff overview shows its actions"
    assert all(not set(f.astype(str).stack()) & owners for f in action_tables)
    cells = {html.unescape(re.sub(r"<[^>]+>", "", c)).strip()
             for w in wrapped for c in re.findall(r'<td[^>]*>(.*?)</td>', w, re.S)}
    cells |= {re.sub(r"^[^:]+:\s*", "", c) for c in cells}       # a restacked cell reads "Column: value"
    assert cells and not cells & owners, "an owner named in a wrapped table"
    assert not at.get("file_uploader")
    assert any("Read-only" in c.value for c in at.caption)


def test_full_overview_shows_owners_to_officers(monkeypatch):
    at = app(monkeypatch, "full")
    at.switch_page("pages/overview.py")
    at.run()
    open_expanders(at)                  # each expectation's evidence, as a reader opens it
    at.run()
    assert not at.exception
    columns = [list(getattr(frame.value, "data", frame.value).columns) for frame in at.dataframe]
    wrapped = [e.proto.body for e in at.get("html") if "wrapped-table" in e.proto.body]   # ui/wrapped_table.py
    assert any("Owner" in c for c in columns) or any(">Owner<" in w for w in wrapped)


def test_another_editions_pages_are_the_ones_answered_with_a_notice():
    from settings.config import unpublished_paths

    assert set(unpublished_paths("staff")) == published("full") - STAFF_PAGES
    assert unpublished_paths("full") == []


def test_the_first_page_opens_at_the_root_and_at_its_own_path(monkeypatch):
    """Issue 16: /staff-results showed Streamlit's "Page not found" dialog in the staff edition."""
    at = app(monkeypatch, "staff").run()
    assert not at.exception and at.title[0].value == "Staff results"
    at.switch_page("pages/staff_results.py").run()
    assert not at.exception and at.title[0].value == "Staff results"

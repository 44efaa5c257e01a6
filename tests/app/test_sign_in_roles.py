"""Sign-in and roles through the router (issue 19), with AppTest's ``user`` as what ``st.user``
says after a sign-in: each role gets only its pages registered, an address it may not open gets a
notice (never the page), a signed-out viewer gets the sign-in page and the accessibility statement,
and sign-in required without [auth] in the secrets says how to set it up. The Data page offers the
upload, the original's download and the audit trail by role; a download is recorded by the store."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from exports.templates import template_xlsx
from settings.config import edition_pages
from store.intake import check_upload, keep
from store.interface import open_store
from store.originals import record_download
from tests.disclosure.page_sweep import open_expanders, registered, through_the_router
from tests.settings.test_roles import EXPECTED

ROOT = Path(__file__).resolve().parents[2]
CLAIMS = {"officer": "Dashboard.Officer", "staff": "Dashboard.Staff", "improvement_board": "Dashboard.ImprovementBoard",
          "scrutiny_committee": "Dashboard.ScrutinyCommittee", "platform_admin": "Dashboard.PlatformAdmin"}
AUTH = {"redirect_uri": "http://127.0.0.1:8501/oauth2callback", "cookie_secret": "test-only-secret",
        "client_id": "dashboard", "client_secret": "x",
        "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration"}


@pytest.fixture
def required(tmp_path, monkeypatch):
    """Sign-in required, on a copy of the sample data (uploads go into the copy)."""
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "sample", folder)
    monkeypatch.setenv("IMPROVEMENT_DATA_DIR", str(folder))
    monkeypatch.setenv("IMPROVEMENT_AUTH_REQUIRED", "true")
    st.cache_resource.clear()
    with through_the_router():      # as a server runs pages: only through app.py (server.py)
        yield folder
    st.cache_resource.clear()


def app(role: str | None = None, email: str = "someone@example.gov.uk", path: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.user = ({"is_logged_in": True, "email": email, "name": email.split("@")[0], "roles": [CLAIMS[role]]}
               if role else {"is_logged_in": True, "email": email} if role == "" else {"is_logged_in": False})
    if path:
        at.run()
        if path.endswith(".py"):
            at.switch_page(path)
        else:       # an address: the route registered at it (AppTest has no public way to ask for one)
            at._page_hash = next(h for h, info in at._registered_pages.items() if info.get("url_pathname") == path)
    at.run()
    if path and open_expanders(at):     # what a reader sees on opening every expander (its tables)
        at.run()
    return at


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_each_role_gets_only_its_pages(required, role):
    at = app(role)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Overview"
    full = [p for paths in edition_pages("full").values() for p in paths]
    assert {p for p in full if registered(at, p)} == EXPECTED[role]


def test_a_staff_member_asking_for_an_officer_page_gets_the_notice_not_the_page(required):
    for path in ("data", "comments", "governance"):
        at = app("staff", path=path)
        assert not at.exception
        assert [t.value for t in at.title] == ["This page is not open to your account"]
        assert not at.get("file_uploader") and not at.get("download_button")


def test_signed_out_gets_the_sign_in_page_and_the_statement_only(required):
    at = app()
    assert not at.exception
    assert at.title[0].value == "Sign in"
    assert "not set up yet" in at.warning[0].value and "docs/sign-in.md" in at.warning[0].value   # no [auth] here
    full = [p for paths in edition_pages("full").values() for p in paths]
    assert {p for p in full if registered(at, p)} == {"accessibility"}
    at = app(path="data")
    assert [t.value for t in at.title] == ["Sign in to see this page"] and not at.dataframe


def test_with_the_provider_configured_the_sign_in_page_offers_the_button(required):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": False}
    at.run()
    assert not at.exception and at.title[0].value == "Sign in"
    assert [b.label for b in at.button] == ["Sign in with your organisation account"] and not at.warning


def test_an_account_with_no_role_is_told_so(required):
    at = app("")
    assert not at.exception
    assert at.title[0].value == "Your account"
    assert "no role on this dashboard" in at.warning[0].value
    assert [b.label for b in at.button] == ["Sign out"]


def test_the_data_page_by_role(required):
    checked = check_upload(template_xlsx("actions"), "tracker_2025-01-10.xlsx", required, kind="actions",
                           metadata={"snapshot_date": "2025-01-10"})
    store = open_store(required)
    entry = keep(store, checked, by="olive.officer@example.gov.uk").entry
    officer = app("officer", "olive.officer@example.gov.uk", path="pages/data.py")
    assert not officer.exception, [e.value for e in officer.exception]
    assert officer.get("file_uploader") and officer.button(key="stored_remove")
    [download] = [b for b in officer.get("download_button") if b.proto.label == "Download the original"]
    assert "Audit trail" in [h.value for h in officer.header]
    admin = app("platform_admin", "pat.admin@example.gov.uk", path="pages/data.py")
    assert not admin.exception and not admin.get("file_uploader")
    assert not [b for b in admin.get("download_button") if b.proto.label == "Download the original"]
    assert any("not offered for download" in i.value for i in admin.info)
    assert "Audit trail" in [h.value for h in admin.header]
    record_download(store, entry, "olive.officer@example.gov.uk")     # what the button's click calls
    assert [(c.action, c.by) for c in store.audit_trail()] == [
        ("added", "olive.officer@example.gov.uk"), ("original downloaded", "olive.officer@example.gov.uk")]
    officer = app("officer", "olive.officer@example.gov.uk", path="pages/data.py")
    trail = "".join(e.proto.body for e in officer.get("html") if "Original downloaded" in e.proto.body)
    assert "olive.officer@example.gov.uk" in trail and "tracker_2025-01-10.xlsx" in trail


def test_a_removal_is_kept_with_the_officers_name(required):
    checked = check_upload(template_xlsx("actions"), "tracker_2025-01-10.xlsx", required, kind="actions",
                           metadata={"snapshot_date": "2025-01-10"})
    keep(open_store(required), checked, by="olive.officer@example.gov.uk")
    at = app("officer", "olive.officer@example.gov.uk", path="pages/data.py")
    at.button(key="stored_remove").click().run()
    assert not at.exception
    assert [(c.action, c.by) for c in open_store(required).audit_trail()][-1] == ("removed", "olive.officer@example.gov.uk")


def test_staff_in_the_full_edition_read_no_owner_names(required):
    at = app("staff", path="pages/overview.py")
    assert not at.exception
    frames = [getattr(f.value, "data", f.value) for f in at.dataframe]
    assert not [f for f in frames if "Owner" in f.columns]
    assert not [e for e in at.get("html") if ">Owner<" in e.proto.body]
    board = app("improvement_board", path="pages/overview.py")
    assert [e for e in board.get("html") if ">Owner<" in e.proto.body] or \
        [f for f in (getattr(f.value, "data", f.value) for f in board.dataframe) if "Owner" in f.columns]


@pytest.mark.parametrize("role, path", [("staff", "account"), (None, "sign-in")])
def test_the_account_and_sign_in_pages_open_at_their_own_address(required, monkeypatch, role, path):
    """A browser asking for /account or /sign-in (not in the page registry) gets that page, not a
    second route at the same address (which Streamlit refuses)."""
    import ui.routes

    monkeypatch.setattr(ui.routes, "requested_path", lambda: path)
    at = app(role, "sam.staff@example.gov.uk", path=path)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == ("Your account" if role else "Sign in")


def test_only_an_officer_corrects_a_comment_and_under_their_sign_in_name(required):
    board = app("improvement_board", "bea.board@example.gov.uk", path="pages/comments.py")
    assert not board.exception and "Correct a comment's theme" not in [h.value for h in board.header]
    officer = app("officer", "olive.officer@example.gov.uk", path="pages/comments.py")
    assert not officer.exception and "Correct a comment's theme" in [h.value for h in officer.header]
    assert not [t for t in officer.text_input if "Your name" in t.label]     # the sign-in names them


def test_an_officers_correction_is_kept_with_their_email(required):
    officer = app("officer", "olive.officer@example.gov.uk", path="pages/comments.py")
    [save] = [b for b in officer.button if b.label == "Save the correction"]
    save.click().run()
    assert not officer.exception, [e.value for e in officer.exception]
    [line] = [c for c in open_store(required).audit_trail() if c.action == "theme corrected"]
    assert line.by == "olive.officer@example.gov.uk"

"""Each role reaches exactly its pages and its downloads, and staff no respondent-level data (issue 19).

On the shared service (a real PostgreSQL cluster; tests/app/authorities.py), signed in as each role
of config/roles.toml in authority A, through the router: the pages registered for the role are
exactly the full edition's pages whose ``roles`` in config/pages.toml name it (settings/roles.py
``may_see``), and each other page's address gets the notice, never the page. Every page the role
has is run and every download it offers made as a click makes it: the kinds of the download buttons
found across its pages (ui/downloads.py ``kind_of`` their keys; every button is one) are exactly the
kinds config/roles.toml [downloads] gives the role (a kind shown only ``after_upload`` is for roles
that may upload, and is tested with the upload in tests/app/test_data_upload.py); an uploaded original
(its bytes exactly) is among them only for a role that may have ``originals`` (officers), and only a
role that sees the Comments page has a comment on any page. A staff user reaches no Comments page, no
original and no comment's text in any element, address or download. Counts printed with ``-s``.
"""
from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from assembly.bundle import load_bundle
from settings.config import edition_pages, page_registry
from settings.roles import download_kinds, may, may_download, may_see, roles_config
from tests.app.authorities import A, MARKER_A, cluster, service, signed_in, user  # noqa: F401 (fixtures)
from tests.app.test_staff_edition_no_comments import leaks, run
from tests.disclosure.page_sweep import APP, TIMEOUT, registered
from ui.downloads import kind_of

NOTICE = "This page is not open to your account"
COUNTS: dict[str, dict[str, int]] = {}
A_COMMENT = re.compile(MARKER_A.encode() + rb" \d+\\?:")     # the planted wave's comments, not the titles


def configured_pages(role: str) -> set[str]:
    """The full edition's pages whose config/pages.toml ``roles`` let ``role`` see them."""
    registry = page_registry()
    return {p for paths in edition_pages("full").values() for p in paths if may_see(registry[p], {role})}


def configured_downloads(role: str) -> set[str]:
    """The download kinds config/roles.toml gives ``role`` that a page shows without an upload."""
    return {k for k, kind in download_kinds().items() if role in kind["roles"] and not kind.get("after_upload")}


def test_a_download_shown_after_an_upload_is_for_roles_that_may_upload():
    uploaders = {r for r in roles_config()["roles"] if may("manage_data", {r})}
    for name, kind in download_kinds().items():
        assert not kind.get("after_upload") or set(kind["roles"]) <= uploaders, name


def routes(at: AppTest) -> dict[str, str]:
    return {info["url_pathname"]: page_hash for page_hash, info in at._registered_pages.items()}


@pytest.mark.parametrize("role", sorted(roles_config()["roles"]))
def test_each_role_reaches_exactly_its_pages_and_downloads(signed_in, role):
    north = signed_in[1]
    comment_texts = sorted(set(load_bundle(signed_in[0], edition="full", authority=A).comments["text"]))
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
    at.user = user(role, [A], f"{role}@north-county.gov.uk")
    seen, offered = run(at, {})
    full = [p for paths in edition_pages("full").values() for p in paths]
    mine = {p for p in full if registered(at, p)}
    assert mine == configured_pages(role) and mine, role
    known, kinds, runs = routes(at), [], 1
    for path in sorted(full):
        shown, files = run(at, {}, known[path])
        runs += 1
        titles = [t.value for t in at.title]
        if path in mine:
            assert titles and titles[0] != NOTICE, (role, path)
            seen, offered = seen + shown, offered + files
            kinds += [(kind_of(b.key), b.proto.label) for b in at.get("download_button")]
            # a press reruns the page only where something must happen (the original's audit line)
            assert all(b.proto.ignore_rerun == (kind_of(b.key) != "originals")
                       for b in at.get("download_button")), (role, path)
        else:
            assert titles == [NOTICE], (role, path)
            assert not at.get("download_button") and not at.dataframe and not at.get("file_uploader"), (role, path)
            assert not A_COMMENT.search(b"".join(shown)), (role, path)
    assert all(kind for kind, _ in kinds), f"{role}: a download button not made by ui/downloads.py offer: {kinds}"
    assert {kind for kind, _ in kinds} == configured_downloads(role), (role, kinds)
    originals = [name for name, data in north.originals.items() if data in offered]
    assert bool(originals) == may_download("originals", {role}) == ("originals" in dict(kinds)), (role, originals)
    commented = [blob for blob in seen + offered if A_COMMENT.search(blob)]
    assert bool(commented) == ("comments" in mine), role
    if role == "staff":
        assert "comments" not in mine and not originals and {k for k, _ in kinds} == {"board_summary"}
        assert leaks(seen + offered, comment_texts) == [], "a staff page or download holds a comment's text"
    COUNTS[role] = {"pages": len(mine), "runs": runs, "downloads": len(offered), "originals": len(originals),
                    "comment_elements": len(commented), "kinds": len({k for k, _ in kinds})}
    print(f"\n{role}: {len(mine)} pages registered (as configured), {runs} runs, {len(offered)} downloaded files "
          f"of {len({k for k, _ in kinds})} kinds {sorted({k for k, _ in kinds})} (as configured), "
          f"{len(originals)} originals, {len(commented)} elements or files with a comment")

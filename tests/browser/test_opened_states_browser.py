"""axe-core with menus, option lists, tabs and expanders open (issue 7): for every page, each
opened state of tests/browser/states.py that the page has is scanned, and any finding not
in axe_allowlist.toml fails, whatever its impact."""
from __future__ import annotations

import pytest

from tests.browser.axe_check import scan
from tests.browser.driving import PAGES, open_page
from tests.browser.states import STATES

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", list(PAGES), ids=[p or "overview" for p in PAGES])
def test_no_axe_finding_with_menus_lists_tabs_and_expanders_open(page, server_url, path):
    open_page(page, server_url, path)
    failures, scanned = [], []
    for name, opener, closer in STATES:
        if not opener(page):
            continue
        scanned.append(name)
        failures += scan(page, f"/{path} {name}")
        if closer is not None:
            closer(page)
    assert "top-bar menu open" in scanned and "main menu open" in scanned, scanned
    assert failures == [], "\n".join(failures)

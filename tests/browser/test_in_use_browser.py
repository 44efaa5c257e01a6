"""Each page in use (issue 7), on one page load to keep the suite quick:

1. axe with menus, option lists, tabs and expanders open: each opened state of
   tests/browser/states.py that the page has is scanned, and any finding not in
   axe_allowlist.toml fails, whatever its impact;
2. keyboard only, with every expander open (the last state): pressing Tab from the top
   reaches every visible control (plotly's modebar buttons aside, see keyboard.py), comes
   back round (no keyboard trap), and focus is visible and not obscured at every stop.
Both parts run before either is asserted, so one failure does not hide the other."""
from __future__ import annotations

import pytest

from tests.browser.axe_check import scan
from tests.browser.driving import VIEWS, open_page
from tests.browser.keyboard import tab_round
from tests.browser.states import STATES, every_expander

pytestmark = pytest.mark.browser


def scan_opened_states(page, path: str) -> tuple[list[str], list[str]]:
    failures, scanned = [], []
    for name, opener, closer in STATES:
        if not opener(page):
            continue
        scanned.append(name)
        failures += scan(page, f"/{path} {name}")
        if closer is not None:
            closer(page)
    return failures, scanned


@pytest.mark.parametrize("path", list(VIEWS), ids=[p or "overview" for p in VIEWS])
def test_opened_states_scan_clean_and_tab_reaches_every_control(page, server_url, path):
    open_page(page, server_url, path)
    failures, scanned = scan_opened_states(page, path)
    every_expander(page)
    walk = tab_round(page)
    assert "top-bar menu open" in scanned and "main menu open" in scanned, scanned
    assert failures == [], "axe:\n" + "\n".join(failures)
    assert walk["controls"] >= 5, "the page's controls were found"  # top bar, skip link, main menu...
    assert walk["came_round"], f"focus did not come back round in {walk['stops']} Tab presses"
    assert walk["unreached"] == [], "never reached by Tab:\n" + "\n".join(walk["unreached"])
    assert walk["hidden"] == [], "focus not visible:\n" + "\n".join(walk["hidden"])

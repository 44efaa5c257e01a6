"""Keyboard-only use (issue 7): on every page, with every expander open, pressing Tab from the
top reaches every visible control (plotly's modebar buttons aside, see keyboard.py), comes
back round (no keyboard trap), and focus is visible at every stop."""
from __future__ import annotations

import pytest

from tests.browser.driving import PAGES, open_page
from tests.browser.keyboard import tab_round
from tests.browser.states import every_expander

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", list(PAGES), ids=[p or "overview" for p in PAGES])
def test_tab_reaches_every_control_with_focus_visible(page, server_url, path):
    open_page(page, server_url, path)
    every_expander(page)
    walk = tab_round(page)
    assert walk["controls"] >= 5, "the page's controls were found"  # top bar, skip link, main menu...
    assert walk["came_round"], f"focus did not come back round in {walk['stops']} Tab presses"
    assert walk["unreached"] == [], "never reached by Tab:\n" + "\n".join(walk["unreached"])
    assert walk["hidden"] == [], "focus not visible:\n" + "\n".join(walk["hidden"])

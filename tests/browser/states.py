"""Opened states of a page for the axe scan: a top-bar section menu, the main menu, the first
selectbox's and first multiselect's option lists, every tab of every tab group, and every
expander at once (the "data in this chart, as a table" expanders hold the tables).

Each opener returns False when the page has nothing of that kind, True once the state is
open (it fails if the control is there but does not open), and closers put the page back.
"""
from __future__ import annotations

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.driving import settle

VISIBLE_MS = 6000
ATTEMPTS = 3
#: widget -> its open option list (a bare [role=listbox] would also find hidden ones elsewhere)
DROPDOWNS = {"stSelectbox": '[data-testid="stSelectboxVirtualDropdown"] [role="listbox"]',
             "stMultiSelect": '[data-testid="stMultiSelectDropdown"] [role="listbox"]'}


def _close_popover(page, selector: str) -> None:
    page.keyboard.press("Escape")
    page.locator(selector).first.wait_for(state="hidden", timeout=VISIBLE_MS)


def nav_menu(page) -> bool:
    sections = page.get_by_test_id("stTopNavSection")
    if not sections.count():
        return False
    sections.first.click()
    page.get_by_test_id("stTopNavPopover").first.wait_for(state="visible", timeout=VISIBLE_MS)
    return True


def main_menu(page) -> bool:
    button = page.get_by_test_id("stMainMenu").locator("button")
    if not button.count():
        return False
    button.first.click()
    page.get_by_test_id("stMainMenuList").wait_for(state="visible", timeout=VISIBLE_MS)
    return True


def _open_list(page, widget: str) -> bool:
    widgets = page.get_by_test_id(widget)
    if not widgets.count():
        return False
    dropdown = page.locator(DROPDOWNS[widget]).first
    for _ in range(ATTEMPTS):  # a click just after the page settles is sometimes swallowed
        widgets.first.locator('button[aria-haspopup="listbox"]').click()
        try:
            dropdown.wait_for(state="visible", timeout=VISIBLE_MS / ATTEMPTS)
            return True
        except PlaywrightTimeout:
            continue
    raise AssertionError(f"the first {widget}'s option list did not open")


def first_selectbox(page) -> bool:
    return _open_list(page, "stSelectbox")


def first_multiselect(page) -> bool:
    return _open_list(page, "stMultiSelect")


def every_tab(page) -> bool:
    """Click every tab but the first of each group (the first is the resting state)."""
    tabs = page.locator('[data-testid="stTabs"] [role="tab"]')
    if not tabs.count():
        return False
    for index in range(tabs.count()):
        if tabs.nth(index).get_attribute("aria-selected") != "true":
            tabs.nth(index).click()
    settle(page)
    return True


def every_expander(page) -> bool:
    """Open every collapsed expander on screen; return when their contents are drawn."""
    summaries = page.locator('[data-testid="stExpander"] details:not([open]) > summary:visible')
    if not page.locator('[data-testid="stExpander"]:visible').count():
        return False
    while summaries.count():
        summaries.first.click()
    settle(page)
    summaries.first.wait_for(state="detached", timeout=VISIBLE_MS)
    return True


#: (state name, opener, closer or None when the state is left as it is)
STATES = [
    ("top-bar menu open", nav_menu, lambda page: _close_popover(page, '[data-testid="stTopNavPopover"]')),
    ("main menu open", main_menu, lambda page: _close_popover(page, '[data-testid="stMainMenuList"]')),
    ("first selectbox open", first_selectbox, lambda page: _close_popover(page, DROPDOWNS["stSelectbox"])),
    ("first multiselect open", first_multiselect, lambda page: _close_popover(page, DROPDOWNS["stMultiSelect"])),
    ("every tab shown", every_tab, None),
    ("every expander open", every_expander, None),
]

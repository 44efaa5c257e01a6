"""Real-browser suite: every page opens in headless Chromium, its script finishes without
an exception, its charts are drawn, and axe-core finds no violation at any impact level in
the page's resting state (bar the Streamlit-internal findings of axe_allowlist.toml, which
are printed on every run). Opened states and the keyboard are in their own modules."""
from __future__ import annotations

import pytest

from tests.browser.axe_check import scan
from tests.browser.driving import PAGES, VIEWS, open_page, page_problems, settle

pytestmark = pytest.mark.browser

SECTIONS = {"Overview": "Improvement board", "Culture": "Improvement board", "Partnership": "Improvement board",
            "Governance": "Improvement board", "Scrutiny": "Scrutiny committee", "Staff results": "Staff",
            "Data": "Officers", "Accessibility statement": "About"}
#: Pages of text only (no chart to wait for).
TEXT_PAGES = {"accessibility"}


@pytest.mark.parametrize("path", list(VIEWS), ids=[p or "overview" for p in VIEWS])
def test_page_opens_clean_and_accessible(page, server_url, path):
    open_page(page, server_url, path)
    assert page.locator("h1").first.inner_text().strip() == VIEWS[path]
    assert page_problems(page) == []
    assert path in TEXT_PAGES or page.locator(".js-plotly-plot").count() >= 1, "no chart drawn"
    assert VIEWS[path] in page.title(), f"page title is {page.title()!r}"

    failures = scan(page, f"/{path} at rest")
    assert failures == [], "\n".join(failures)


def test_navigation_reaches_every_page(page, server_url):
    open_page(page, server_url, "")
    assert page.locator("h1").first.inner_text().strip() == "Overview"
    nav = page.get_by_test_id("stTopNav")
    for path, title in list(PAGES.items())[1:]:
        section = SECTIONS[title]
        nav.get_by_test_id("stTopNavSection").filter(has_text=section).click()
        page.get_by_test_id("stTopNavDropdownLink").filter(has_text=title).first.click()
        page.wait_for_url(f"**/{path}", timeout=90_000)
        page.wait_for_function(f"document.querySelector('h1')?.innerText.trim() === {title!r}")
        assert page_problems(page) == []


def test_clicking_a_ranking_bar_opens_that_topic(page, server_url):
    open_page(page, server_url, "scrutiny")
    detail = page.get_by_role("combobox", name="Topic", exact=True)
    before = detail.input_value()
    bars = page.locator(".js-plotly-plot").first.locator("g.trace.bars g.point path")
    bars.nth(5).click(force=True)
    page.wait_for_timeout(500)
    settle(page)
    after = detail.input_value()
    assert after != before, "the topic detail did not follow the clicked bar"
    assert page.get_by_role("heading", name=f"{after}: scores by criterion and scorer").count() or \
        page.get_by_text(f"{after}: scores by criterion and scorer").count()
    assert "topic=" in page.url, "the selected topic is in the shareable URL"
    assert page_problems(page) == []

"""Real-browser suite: every page opens in headless Chromium, its script finishes without
an exception, its charts are drawn, and axe-core finds no serious or critical violation.
Findings of lower impact are printed on every run."""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.driving import AXE_REPORT, PAGES, open_page, page_problems, settle

pytestmark = pytest.mark.browser

AXE = Axe()
SECTIONS = {"Overview": "Improvement board", "Culture": "Improvement board", "Partnership": "Improvement board",
            "Governance": "Improvement board", "Scrutiny": "Scrutiny committee", "Staff results": "Staff",
            "Data": "Officers", "Accessibility statement": "About"}
#: Pages of text only (no chart to wait for).
TEXT_PAGES = {"accessibility"}
BLOCKING = {"serious", "critical"}


def axe_findings(page) -> list[dict]:
    results = AXE.run(page, options={"resultTypes": ["violations"]})
    return results.response["violations"]


def describe(finding: dict) -> str:
    targets = [node["target"] for node in finding["nodes"]][:3]
    return f"[{finding['impact']}] {finding['id']}: {finding['help']} ({len(finding['nodes'])} nodes, e.g. {targets})"


@pytest.mark.parametrize("path", list(PAGES), ids=[p or "overview" for p in PAGES])
def test_page_opens_clean_and_accessible(page, server_url, path):
    open_page(page, server_url, path)
    assert page.locator("h1").first.inner_text().strip() == PAGES[path]
    assert page_problems(page) == []
    assert path in TEXT_PAGES or page.locator(".js-plotly-plot").count() >= 1, "no chart drawn"
    assert PAGES[path] in page.title(), f"page title is {page.title()!r}"

    findings = axe_findings(page)
    AXE_REPORT.extend(f"/{path}: {describe(f)}" for f in findings if f["impact"] not in BLOCKING)
    blocking = [describe(f) for f in findings if f["impact"] in BLOCKING]
    assert blocking == [], "\n".join(blocking)


def test_navigation_reaches_every_page(page, server_url):
    open_page(page, server_url, "")
    assert page.locator("h1").first.inner_text().strip() == "Overview"
    nav = page.get_by_test_id("stTopNav")
    for path, title in list(PAGES.items())[1:]:
        section = SECTIONS[title]
        nav.get_by_test_id("stTopNavSection").filter(has_text=section).click()
        page.get_by_test_id("stTopNavDropdownLink").filter(has_text=title).first.click()
        page.wait_for_url(f"**/{path}")
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

"""Real browser: a page opened by its own address (the link in the all-staff email) connects to
the server at once: one health check, at the app's base, not first at the page's address
(serving/index_page.py); the chart code is fetched before the page's script has finished; the
top bar still moves between pages; an address that is no page still gets its notice."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from ui.routes import UNKNOWN_TITLE
from tests.browser.driving import open_page, page_problems, settle
from tests.browser.test_pages_browser import SECTIONS

pytestmark = pytest.mark.browser

#: Notes each websocket's creation time, before the page's own scripts run.
SOCKETS = """(() => { const Original = window.WebSocket; window.__sockets = [];
  window.WebSocket = function (url, protocols) { window.__sockets.push(performance.now()); return new Original(url, protocols); };
  window.WebSocket.prototype = Original.prototype; Object.assign(window.WebSocket, Original); })();"""


def visit(browser, url: str, path: str):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.add_init_script(SOCKETS)
    health = []
    page.on("request", lambda r: health.append(urlsplit(r.url).path) if r.url.endswith("_stcore/health") else None)
    open_page(page, url, path)
    return context, page, health


@pytest.mark.parametrize("path, title", [("staff-results", "Staff results"), ("culture", "Culture")])
def test_a_deep_link_asks_for_the_servers_health_once_at_its_base(browser, server_url, path, title):
    context, page, health = visit(browser, server_url, path)
    try:
        assert page.locator("h1").first.inner_text() == title
        assert health == ["/_stcore/health"], health
        started = page.evaluate("""() => performance.getEntriesByType('resource')
            .filter(e => /PlotlyChart\\.[^/]*\\.js$/.test(e.name)).map(e => e.startTime)""")
        assert started and started[0] < page.evaluate("() => window.__sockets[0]"), \
            "the chart code is asked for before the page connects"
        assert not page_problems(page)
        page.get_by_test_id("stTopNav").get_by_test_id("stTopNavSection").filter(has_text=SECTIONS["Governance"]).click()
        page.get_by_test_id("stTopNavDropdownLink").filter(has_text="Governance").first.click()
        page.wait_for_url("**/governance", timeout=60_000)
        settle(page)
        assert page.locator("h1").first.inner_text() == "Governance" and not page_problems(page)
    finally:
        context.close()


def test_an_address_that_is_no_page_is_still_answered(browser, server_url):
    context, page, health = visit(browser, server_url, "no-such-page")
    try:
        assert page.locator("h1").first.inner_text() == UNKNOWN_TITLE
        assert health and health[-1] == "/_stcore/health", health    # Streamlit's own probe, as before
    finally:
        context.close()

"""Real browser: a view chosen on a page is in its address, and that address, copied into a
new browser (a board paper's link), opens the same view (ui/view_link.py)."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.driving import open_page, page_problems, settle

pytestmark = pytest.mark.browser
PLACE = "Place and Connectivity"


def choose(page, label: str, option: str) -> None:
    page.get_by_role("combobox", name=label, exact=True).first.click()
    page.get_by_role("option", name=option, exact=True).click()
    page.wait_for_timeout(500)
    settle(page)


def test_a_copied_link_opens_the_same_view(browser, server_url):
    first = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = first.new_page()
    open_page(page, server_url, "culture")
    choose(page, "Show results for", PLACE)
    page.get_by_role("combobox", name="Theme", exact=True).first.scroll_into_view_if_needed()
    choose(page, "Theme", "Governance")
    query = parse_qs(urlsplit(page.url).query)
    assert query.get("group") == [PLACE] and query.get("theme") == ["governance"], page.url
    link = page.url
    first.close()

    second = browser.new_context(viewport={"width": 390, "height": 900})     # another reader, on a phone
    opened = second.new_page()
    opened.goto(link, wait_until="domcontentloaded")
    opened.wait_for_selector("h1", timeout=60_000)
    settle(opened)
    assert opened.get_by_role("combobox", name="Show results for", exact=True).input_value() == PLACE
    assert opened.get_by_role("combobox", name="Theme", exact=True).first.input_value() == "Governance"
    assert opened.get_by_text(f"Showing {PLACE}:").count() >= 1
    assert parse_qs(urlsplit(opened.url).query) == query, "opening the link kept its view in the address"
    assert page_problems(opened) == []
    choose(opened, "Show results for", "All staff")             # the default: it leaves the address
    assert parse_qs(urlsplit(opened.url).query) == {"theme": ["governance"]}, opened.url
    assert opened.get_by_role("combobox", name="Show results for", exact=True).input_value() == "All staff"
    second.close()


def test_a_link_with_a_value_the_page_does_not_offer_opens_the_plain_page(browser, server_url):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(f"{server_url}/culture?group=%3Cscript%3Ealert(1)%3C/script%3E&comments=all", wait_until="domcontentloaded")
    page.wait_for_selector("h1", timeout=60_000)
    settle(page)
    assert page.get_by_role("combobox", name="Show results for", exact=True).input_value() == "All staff"
    assert urlsplit(page.url).query == "", page.url
    assert page_problems(page) == []
    context.close()

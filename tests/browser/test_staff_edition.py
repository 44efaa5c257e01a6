"""The staff edition in a real browser: it publishes only Staff results, a read-only
Overview and the accessibility statement. Every URL of the full edition that is not one
of those shows none of that page; the top bar offers only the staff pages; the pages it
does publish open clean and scan clean with axe."""
from __future__ import annotations

import pytest

from tests.browser.axe_check import scan
from tests.browser.driving import edition_pages, open_page, page_problems, settle

pytestmark = pytest.mark.browser

STAFF = edition_pages("staff")
FULL = edition_pages("full")
HIDDEN = {path: title for path, title in FULL.items() if path and title not in STAFF.values()}


def test_the_staff_edition_hides_every_other_page():
    assert set(HIDDEN.values()) == {"Culture", "Partnership", "Governance", "Comments", "Scrutiny", "Data"}


@pytest.mark.parametrize("path", sorted(HIDDEN))
def test_a_full_edition_url_is_not_reachable(page, staff_server_url, path):
    page.goto(f"{staff_server_url}/{path}", wait_until="domcontentloaded")
    page.wait_for_selector("h1", timeout=60_000)
    settle(page)
    headings = [h.strip() for h in page.locator("h1").all_inner_texts()]
    assert HIDDEN[path] not in headings, f"/{path} showed the {HIDDEN[path]} page in the staff edition"
    assert page.locator('[data-testid="stFileUploader"]').count() == 0
    assert page.get_by_text("Choose actions").count() == 0 and page.get_by_text("what-if", exact=False).count() == 0
    assert page_problems(page) == []


def test_the_top_bar_offers_only_staff_pages(page, staff_server_url):
    open_page(page, staff_server_url, "")
    nav = page.get_by_test_id("stTopNav")
    offered = set()
    for section in nav.get_by_test_id("stTopNavSection").all():
        section.click()
        offered |= {t.strip().splitlines()[-1] for t in page.get_by_test_id("stTopNavDropdownLink").all_inner_texts()}
        page.keyboard.press("Escape")
    assert offered == set(STAFF.values())
    assert not (offered & set(HIDDEN.values()))


@pytest.mark.parametrize("path", list(STAFF), ids=[p or "home" for p in STAFF])
def test_staff_pages_open_clean(page, staff_server_url, path):
    open_page(page, staff_server_url, path)
    assert page.locator("h1").first.inner_text().strip() == STAFF[path]
    assert page_problems(page) == []
    assert "Owner" not in page.locator("body").inner_text()
    failures = scan(page, f"staff edition /{path} at rest")
    assert failures == [], "\n".join(failures)

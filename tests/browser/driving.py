"""Driving the app in a real browser: open a page by its URL, wait for the script to
finish, and report what went wrong on it. Shared by the browser suite and the
screenshot command."""
from __future__ import annotations

import time

#: url path -> the page's title (as in app.py; the default page, Overview, is at /)
PAGES = {
    "": "Overview",
    "culture": "Culture",
    "partnership": "Partnership",
    "governance": "Governance",
    "scrutiny": "Scrutiny",
    "staff-results": "Staff results",
    "data": "Data",
    "accessibility": "Accessibility statement",
}
#: every view a reader can open by its address -> the page's title: each page, and each part of
#: a page shown one at a time (Culture's, chosen at its top and kept in the URL)
VIEWS = {**PAGES, "culture?part=members": "Culture", "culture?part=complaints": "Culture"}


def edition_pages(edition: str) -> dict[str, str]:
    """url path -> title of every page an edition publishes; its first page is also at /."""
    from settings.config import edition_pages as sections, page_registry

    registry = sections(edition)
    paths = [path for section in registry.values() for path in section]
    titles = {path: page_registry()[path]["title"] for path in paths}
    return {"": titles[paths[0]], **{p: t for p, t in titles.items() if p != paths[0]}}


RUNNING = '[data-testid="stStatusWidget"], [data-testid="stSkeleton"]'


def open_page(page, base_url: str, path: str, timeout_s: float = 60) -> None:
    """Go to a page and return when its script has finished and its charts are drawn."""
    page.goto(f"{base_url}/{path}", wait_until="domcontentloaded")
    page.wait_for_selector("h1", timeout=timeout_s * 1000)
    settle(page, timeout_s)


def download_by_button(page, name, to, timeout_s: float = 90):
    """Press the download button called ``name`` (text or regex) and save what it gives to
    ``to``; returns the download (its suggested file name, its path). A file made when the
    button is pressed (the committee paper's xlsx) can take a while on a loaded machine:
    ``timeout_s``, not playwright's 30 s."""
    with page.expect_download(timeout=timeout_s * 1000) as download:
        page.get_by_role("button", name=name).click()
    download.value.save_as(to)
    return download.value


#: True while the page shows a block in the layout for the other side of its width (ui/screen.py
#: layout: a container keyed <key>_<side>-<width>px): the browser has reported its side and the
#: rerun drawing the right one is due.
WRONG_SIDE = """() => [...document.querySelectorAll('[class*="px"]')].some(el => [...el.classList].some(c => {
  const laid = c.match(/^st-key-.+_(wide|narrow)-(\\d+)px$/);
  return laid !== null && laid[1] !== (matchMedia(`(max-width: ${laid[2] - 1}px)`).matches ? 'narrow' : 'wide');
}))"""


def settle(page, timeout_s: float = 60, quiet_s: float = 1.0) -> None:
    """Wait until nothing has been running for ``quiet_s`` seconds and every chart is drawn in
    the layout for the page's width."""
    deadline = time.monotonic() + timeout_s
    quiet_since = None
    while time.monotonic() < deadline:
        busy = page.locator(RUNNING).count() > 0 or page.evaluate(WRONG_SIDE)
        if busy:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since >= quiet_s:
            return
        page.wait_for_timeout(100)
    raise TimeoutError("the page's script did not finish in time")


def page_problems(page) -> list[str]:
    """Exception boxes and the app's own failure message on the page."""
    problems = [f"exception box: {text[:300]}" for text in page.locator('[data-testid="stException"]').all_inner_texts()]
    if page.get_by_text("Something went wrong").count():
        problems.append("the app's failure message is shown")
    return problems

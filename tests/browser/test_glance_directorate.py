"""The directorate filter in a real browser (issue 16), on the sample data: on Culture (full
edition) and on Staff results (both editions) a reader picks a directorate in "Show results
for"; the page then says which directorate is shown and how many responded, the section
headings, the chart's alt text and its data table name it, and a directorate under the
threshold (Legal and Governance: 9 people in October 2024) shows the too-few wording in the
sentence and in every cell of its table, never a number."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.driving import edition_pages, open_page, page_problems, settle

pytestmark = pytest.mark.browser

FILTER = "Show results for"
BIG, SMALL = "Place and Connectivity", "Legal and Governance"
TOO_FEW = "fewer than 10 responses"
SLOW = 180          # seconds: a first choice computes the directorate's tables
ATTEMPTS = 3


def choose(page, option: str) -> None:
    """Pick ``option`` in the filter as a reader does, and wait for the page to redraw."""
    box, wanted = page.get_by_role("combobox", name=FILTER, exact=True), page.get_by_role("option", name=option,
                                                                                           exact=True)
    for _ in range(ATTEMPTS):       # a click just after the page settles is sometimes swallowed (states.py)
        box.scroll_into_view_if_needed()
        box.click()
        try:
            wanted.wait_for(state="visible", timeout=5000)
            break
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    wanted.click()
    page.get_by_text(f"Showing {option}").first.wait_for(timeout=SLOW * 1000)
    settle(page, SLOW)


def headings(page) -> list[str]:
    return [h.strip() for h in page.locator("h2").all_inner_texts()]


def showing(page) -> str:
    return " ".join(page.get_by_text(re.compile(r"^Showing ")).all_inner_texts())


def captions(page) -> str:
    return "\n".join(page.locator('[data-testid="stCaptionContainer"]').all_inner_texts())


def table_with(page, header: str) -> list[list[str]]:
    """The rows of the data table whose columns include ``header`` (its expander opened)."""
    closed = page.locator('[data-testid="stExpander"] details:not([open]) > summary')
    while closed.count():
        closed.first.click()
    settle(page)
    for grid in page.locator('[data-testid="stDataFrame"]').all():
        heads = [h.strip() for h in grid.locator('[role="columnheader"]').all_inner_texts()]
        if header in heads:
            rows = grid.locator('[role="row"]').all()
            cells = [[c.strip() for c in row.locator('[role="gridcell"]').all_inner_texts()] for row in rows]
            return [heads, *[c for c in cells if c]]
    raise AssertionError(f"no table has a column {header!r}")


def column(rows: list[list[str]], header: str) -> list[str]:
    at = rows[0].index(header)
    return [row[at] for row in rows[1:]]


def test_culture_shows_the_chosen_directorate(page, server_url):
    open_page(page, server_url, "culture", timeout_s=SLOW)
    assert "Theme scores over time" in headings(page) and BIG not in showing(page)
    assert "Showing all staff" in showing(page) and "people responded" in showing(page)

    choose(page, BIG)
    assert re.search(rf"Showing {BIG}: \d+ people responded to the survey of October 2024\.", showing(page))
    assert f"Theme scores over time: {BIG}" in headings(page)
    assert f"A theme's questions: {BIG}" in headings(page)
    assert f"{BIG}, most positive:" in captions(page), "the statements chart's alt text names it"
    rows = table_with(page, f"{BIG}: % positive")
    assert all(re.fullmatch(r"\d+(\.\d)?", v) for v in column(rows, f"{BIG}: % positive"))
    assert len(column(rows, "All staff: % positive")) == len(rows) - 1
    assert page_problems(page) == []

    choose(page, SMALL)
    assert f"Showing {SMALL}: its results for October 2024 are not shown ({TOO_FEW})." in showing(page)
    assert f"Theme scores over time: {SMALL}" in headings(page)
    rows = table_with(page, f"{SMALL}: % positive")
    assert set(column(rows, f"{SMALL}: % positive")) == {TOO_FEW}, "no number for a directorate of 9"
    assert f"No results shown for {SMALL}." in captions(page)
    assert page_problems(page) == []


@pytest.mark.parametrize("edition", ["full", "staff"])
def test_staff_results_shows_the_chosen_directorate(page, request, edition):
    url = request.getfixturevalue("server_url" if edition == "full" else "staff_server_url")
    path = next(p for p, title in edition_pages(edition).items() if title == "Staff results")   # "" in staff
    open_page(page, url, path, timeout_s=SLOW)
    assert "How colleagues answered" in headings(page) and "Themes" in headings(page)

    choose(page, BIG)
    assert re.search(rf"Showing {BIG}: \d+ people responded to the survey of October 2024\.", showing(page))
    assert f"Themes: {BIG}" in headings(page) and f"How colleagues answered: {BIG}" in headings(page)
    assert f"{BIG}, most positive:" in captions(page)
    assert "These changes are for all staff" in captions(page)
    rows = table_with(page, f"{BIG}: % positive")
    assert all(re.fullmatch(r"\d+(\.\d)?", v) for v in column(rows, f"{BIG}: % positive"))
    assert page_problems(page) == []

    choose(page, SMALL)
    assert f"Showing {SMALL}: its results for October 2024 are not shown ({TOO_FEW})." in showing(page)
    assert f"How colleagues answered: {SMALL}" in headings(page)
    body = page.locator('[data-testid="stMain"]').inner_text()
    assert f"No figure for October 2024: {TOO_FEW}." in body, "each theme card says too few"
    rows = table_with(page, f"{SMALL}: % positive")
    assert set(column(rows, f"{SMALL}: % positive")) == {TOO_FEW}
    assert page_problems(page) == []
    # the choice is the page's shareable view (config/view_params.toml "staff-group" = "group"): a copied
    # link reopens the small group, still with no figure
    assert "group=Legal" in page.url and "directorate=" not in page.url, page.url
    open_page(page, url, page.url.removeprefix(f"{url}/"), timeout_s=SLOW)
    assert f"Showing {SMALL}: its results for October 2024 are not shown ({TOO_FEW})." in showing(page)

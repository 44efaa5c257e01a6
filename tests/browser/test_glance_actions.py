"""Issue 16 in a real browser, on the sample data: every page answers its reader's question
about the improvement plan's actions at a glance, and nothing on it can mislead.

1. One completion denominator, said once with what it leaves out (Overview, Governance,
   Partnership, the board summary download).
2. The actions measure is named for what it counts, not "Governance".
3. An overdue action says so wherever it is shown (tables, the history chart, its tooltip),
   in words, never a plain "Green" or "On track"/"Behind" beside it.
4. The Overview's first screen answers "on track?" with the overdue count and the
   expectations' judgements.
5. Staff read "You said, we did" in plain English, every action in full.
6. "One action's history" opens on an action with a story.
7. Action tables wrap their text: readable at 390 px with no sideways scrolling.
Text, not pixels."""
from __future__ import annotations

import re

import pytest

from tests.browser.driving import download_by_button, open_page, page_problems, settle
from tests.browser.states import every_expander

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
MEASURE = "% of improvement-plan actions complete"
PAR02 = "Clarify the core partnerships for the future, both in terms of strategy development and delivery"
CCC06 = "Embed cultural change across the organisation"


def main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def table_rows(page) -> list[str]:
    """Each row of the page's wrapping action tables, its cells joined by ' | '."""
    return page.evaluate("""() => [...document.querySelectorAll('.wrapped-table tbody tr')].map(
        tr => [...tr.querySelectorAll('td')].map(td => td.innerText.replace(/^[^:\\n]*: /, '').trim()).join(' | '))""")


def sideways(page) -> bool:
    return page.evaluate("""() => { const m = document.querySelector('[data-testid="stMain"]');
        return m.scrollWidth > m.clientWidth + 1 ||
               document.documentElement.scrollWidth > document.documentElement.clientWidth + 1; }""")


# 1. One denominator, stated once, with what is in and out of scope

def test_the_completion_share_has_one_denominator_on_every_page(page, server_url, tmp_path):
    open_page(page, server_url, "governance")
    text = main_text(page)
    assert "(34 of 43, not counting 1 superseded action)" in text                 # the board's questions
    assert "34 of 43 actions were Complete (79%), not counting 1 superseded action" in text   # the chart's caption
    assert not re.search(r"\b34 of 44\b", text), "a second denominator for the same share"

    open_page(page, server_url, "")
    text = main_text(page)
    assert "79% at Oct 2024 (34 of 43 actions, not counting 1 superseded action)" in text
    assert not re.search(r"\b34 of 44\b", text)

    saved = tmp_path / "summary.html"
    download_by_button(page, re.compile("Download the board summary"), saved)
    summary = saved.read_text(encoding="utf-8")
    assert "34 of 43 actions, not counting 1 superseded action" in summary and "34 of 44" not in summary

    open_page(page, server_url, "partnership")
    assert "4 of 7 actions complete (57%)." in main_text(page)
    assert page_problems(page) == []


# 2. The actions measure is named for what it is

def test_the_actions_measure_is_named_for_what_it_counts(page, server_url):
    open_page(page, server_url, "")
    cards = page.get_by_test_id("stMetricLabel").all_inner_texts()
    assert MEASURE in [c.strip() for c in cards]
    assert not [c for c in cards if c.strip().startswith("Governance")], cards
    legend = page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot .legendtext')]
        .map(t => t.textContent)""")
    assert MEASURE in legend and "Governance" not in legend


# 3. Overdue shown wherever the action is shown, never only by colour

def test_an_overdue_action_says_so_in_every_table(page, server_url):
    open_page(page, server_url, "partnership")
    par02 = [r for r in table_rows(page) if r.startswith("PAR-02")]
    assert par02 and all("Green, 16 days overdue" in r for r in par02), par02

    open_page(page, server_url, "governance")
    rows = [r for r in table_rows(page) if r.startswith("CCC-06")]
    assert rows and all("Green, 16 days overdue" in r for r in rows), rows
    assert not [r for r in rows if "Behind" in r or "On track" in r], rows
    assert any(r.endswith("Overdue") for r in rows), "the expected-progress verdict says Overdue"
    fills = page.evaluate("""() => [...document.querySelectorAll('.wrapped-table td.status')]
        .filter(td => td.innerText.includes('overdue')).map(td => getComputedStyle(td).backgroundColor)""")
    assert fills and "rgb(40, 161, 151)" not in fills, "an overdue cell is not painted Green"

    open_page(page, server_url, "")
    page.get_by_text("BVN-3: the actions and survey results behind it").click()
    settle(page)
    assert any(r.startswith("CCC-06") and "Green, 16 days overdue" in r for r in table_rows(page))


def test_the_history_chart_and_its_tooltip_say_overdue(page, server_url):
    open_page(page, server_url, "governance")
    picker = page.get_by_role("combobox", name="Action", exact=True)
    picker.click()
    picker.fill("CCC-06")
    page.keyboard.press("Enter")
    settle(page)
    chart = page.locator(".st-key-action-history .js-plotly-plot")
    labels = chart.evaluate("c => [...c.querySelectorAll('.textpoint')].map(t => t.textContent)")
    assert labels[-1].replace(",", ", ").replace("  ", " ") == "Green, 16 days overdue", labels   # over two lines
    point = chart.locator(".scatterlayer .point").last
    point.hover(force=True)
    page.wait_for_timeout(500)
    assert "Green, 16 days overdue" in chart.evaluate("c => c.querySelector('.hoverlayer').textContent")


# 4. "On track?" on the Overview's first screen

def test_the_first_screen_answers_on_track(page, server_url):
    page.set_viewport_size({"width": 1366, "height": 768})
    open_page(page, server_url, "")
    answer = page.locator('[data-testid="stAlert"]').filter(has_text="On track?")
    text = answer.inner_text()
    assert "2 actions overdue at 16 Oct 2024: CCC-06 (16 days) and PAR-02 (16 days)." in text
    assert "5 expectations: 3 Green (on track, with evidence) and 2 Amber (progress, not yet assured)" in text
    box = answer.bounding_box()
    assert box and box["y"] + box["height"] <= 768, "the answer is below the first screen"


# 5. "You said, we did" for staff

def you_said(page) -> str:
    return page.evaluate("""() => { const h = [...document.querySelectorAll('h2')].find(
            e => e.innerText.trim() === 'You said, we did');
        let text = '', block = h.closest('[data-testid="stElementContainer"]') || h;
        for (let el = block.nextElementSibling; el; el = el.nextElementSibling) text += el.innerText + '\\n';
        return text; }""")


def test_staff_read_you_said_we_did_in_plain_english(page, staff_server_url):
    for viewport in ({"width": 1366, "height": 1000}, PHONE):
        page.set_viewport_size(viewport)
        open_page(page, staff_server_url, "staff-results")
        text = you_said(page)
        assert "You said: In the October 2024 survey, 62% of answers on culture were positive" in text
        assert "We did: 9 of the 12 actions are done; 1 is running late." in text
        assert CCC06 + "\nRunning late: it was due by 30 September 2024 and is not done yet." in text
        assert ("Develop behaviours that reflect the agreed CIVIL values and embed them across the Combined "
                "Authority\nDone (reported June 2024).") in text
        assert not re.search(r"\b[A-Z]{3}-\d\d\b", text), "an internal reference in the staff text"
        assert "Next step" not in text and "Green" not in text, "tracker notes or RAG words in the staff text"
        every_expander(page)                       # the chart tables drawn (each once its expander opens)
        assert page.locator('[data-testid="stDataFrame"]').count() >= 1
        assert page.locator('[data-testid="stDataFrame"]').filter(has_text=CCC06).count() == 0
        assert not sideways(page)
    open_page(page, staff_server_url, "overview")
    assert page.get_by_role("link", name=re.compile("You said, we did")).count() == 1
    assert page_problems(page) == []


# 6. One action's history opens on an action with a story

def test_the_history_opens_on_the_action_that_changed_most(page, server_url):
    open_page(page, server_url, "governance")
    chosen = page.get_by_role("combobox", name="Action", exact=True).input_value()
    assert chosen.startswith("PPD-05:"), chosen
    caption = page.locator(".st-key-action-history").locator("xpath=following::*[@data-testid='stCaptionContainer']")
    said = caption.first.inner_text()
    assert said.startswith("PPD-05: at 14 Mar 2023") and "Superseded" in said, said


# 7. Action tables wrap their text at 390 px

@pytest.mark.parametrize("path, action", [("governance", CCC06), ("partnership", PAR02), ("", PAR02)],
                         ids=["governance", "partnership", "overview"])
def test_action_tables_wrap_at_390_pixels(page, server_url, path, action):
    page.set_viewport_size(PHONE)
    open_page(page, server_url, path)
    if not path:
        page.get_by_text("BVN-4: the actions and survey results behind it").click()
        settle(page)
    assert not sideways(page), "the page scrolls sideways at 390 px"
    cells = page.locator(".wrapped-table td").filter(has_text=action)
    assert cells.count() >= 1
    for i in range(cells.count()):
        box = cells.nth(i).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], f"cut off: {box}"
        assert cells.nth(i).evaluate("td => td.scrollWidth <= td.clientWidth + 1")
    every_expander(page)
    assert page.locator('[data-testid="stDataFrame"]').filter(has_text=action).count() == 0
    assert page_problems(page) == []

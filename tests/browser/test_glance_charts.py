"""Charts at a glance on a phone and on a laptop (issue 16), in a real browser.

Every chart has two layouts (charts/narrow.py) and is drawn once, in the one that fits the
screen (ui/screen.py): at 390 px the narrow one (title wrapped onto lines, milestones numbered
and listed in the legend), at 1366 px the wide one (milestones named above their lines, their
kinds in the legend); a resized window gets the other; a phone's browser gets the narrow one
from the first drawing. Checked as text the browser renders, not pixels."""
from __future__ import annotations

import pytest

from tests.browser.driving import open_page, settle

pytestmark = pytest.mark.browser

SHOWN = """(which) => [...document.querySelectorAll('[class*="st-key-chart-"]')]
    .filter(el => [...el.classList].some(c => c.startsWith('st-key-chart-') && c.includes('_' + which + '-')))
    .filter(el => el.getBoundingClientRect().height > 0).length"""
CHART_TEXT = """(key) => {
    const box = document.querySelector(`.st-key-${key}`);
    return box ? [...box.querySelectorAll('.js-plotly-plot text')].map(t => t.textContent) : null;
}"""


@pytest.mark.parametrize("width, shown, hidden", [(390, "narrow", "wide"), (1366, "wide", "narrow")])
def test_the_layout_that_fits_the_screen_is_the_one_shown(page, server_url, width, shown, hidden):
    page.set_viewport_size({"width": width, "height": 900})
    open_page(page, server_url, "")
    assert page.evaluate(SHOWN, shown) >= 1
    assert page.evaluate(SHOWN, hidden) == 0


def test_a_resized_window_redraws_each_chart_once_in_the_other_layout(page, server_url):
    page.set_viewport_size({"width": 1366, "height": 900})
    open_page(page, server_url, "culture")
    charts = page.evaluate(SHOWN, "wide")
    assert charts >= 8 and page.evaluate(SHOWN, "narrow") == 0
    assert page.locator(".js-plotly-plot").count() == charts, "each chart drawn once, not once per layout"
    for width, shown, other in [(390, "narrow", "wide"), (1366, "wide", "narrow")]:
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(300)
        settle(page)
        assert (page.evaluate(SHOWN, shown), page.evaluate(SHOWN, other)) == (charts, 0), width
        assert page.locator(".js-plotly-plot").count() == charts


#: Notes whether a chart container of the given layout was ever in the page.
EVER = """(which) => { window.__ever = false; new MutationObserver(() => {
    if (document.querySelector(`[class*="st-key-chart-"][class*="_${which}"]`)) window.__ever = true;
  }).observe(document, {subtree: true, childList: true, attributes: true}); }"""


def test_a_phones_browser_gets_the_narrow_layouts_from_the_first_drawing(browser, server_url):
    iphone = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
              "Version/17.0 Mobile/15E148 Safari/604.1")
    context = browser.new_context(viewport={"width": 390, "height": 844}, user_agent=iphone)
    try:
        page = context.new_page()
        page.add_init_script(f"({EVER})('wide')")
        open_page(page, server_url, "")
        assert page.evaluate(SHOWN, "narrow") >= 1
        assert page.evaluate("() => window.__ever") is False, "a wide chart was drawn first"
    finally:
        context.close()


def test_at_390_px_the_journey_title_wraps_and_milestones_are_numbered_and_listed(page, server_url):
    page.set_viewport_size({"width": 390, "height": 900})
    open_page(page, server_url, "")
    texts = page.evaluate(CHART_TEXT, "chart-journey_narrow-641px")
    assert texts, "no narrow journey chart"
    title = page.evaluate("""() => [...document.querySelectorAll('.st-key-chart-journey_narrow-641px .gtitle tspan.line')]
        .map(t => t.textContent)""")
    assert len(title) > 1 and " ".join(title) == "Culture, partnership and governance over the improvement journey"
    assert "1" in texts and "Milestone 1: Auditor's letter" in texts
    assert any(t.startswith("Milestone 4: Notice issued") for t in texts)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390


def test_at_1366_px_milestones_are_named_and_their_kinds_are_in_the_legend(page, server_url):
    page.set_viewport_size({"width": 1366, "height": 900})
    open_page(page, server_url, "")
    texts = page.evaluate(CHART_TEXT, "chart-journey_wide-641px")
    assert "Notice issued" in texts and "Phase 3 plan" in texts
    assert "Milestone: Best Value Notice" in texts and "Milestone: Improvement plan" in texts
    caption = page.locator('[data-testid="stCaptionContainer"]').first.inner_text()
    assert "legend gives their kinds" in caption and "External auditor's letter" not in caption


def test_the_overview_says_what_moved_since_the_notice_and_marks_real_moves_on_the_lines(page, server_url):
    page.set_viewport_size({"width": 1366, "height": 900})
    open_page(page, server_url, "")
    said = page.get_by_text("Since the notice (Best Value Notice issued, Jan 2023)").all_inner_texts()
    assert len(said) >= 3, "each headline card compares with the notice's baseline"
    assert any("no result before it" in c for c in said), "a series that began after the notice says so"
    texts = page.evaluate(CHART_TEXT, "chart-journey_wide-641px")
    assert "real rise" in texts and "Baseline (compared with)" in texts
    assert "Real change from the previous result" in texts

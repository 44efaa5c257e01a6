"""Reflow (WCAG 1.4.10): at 320 CSS pixels wide (1280px at 400% zoom) every page reads without
scrolling sideways and no text is cut off at the right edge. Charts and data tables may
scroll inside themselves (two-dimensional content is exempt), so they are left out."""
from __future__ import annotations

import pytest

from tests.browser.driving import VIEWS, open_page

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 800}

CUT_OFF = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    const sideways = main.scrollWidth > main.clientWidth + 1 ||
        document.documentElement.scrollWidth > document.documentElement.clientWidth + 1;
    const cut = [...main.querySelectorAll('p, li, h1, h2, h3, h4, label, span, a, button')].filter(el => {
        if (el.closest('.js-plotly-plot, [data-testid="stDataFrame"], [data-testid="stTable"]')) return false;
        const r = el.getBoundingClientRect();
        return r.width > 0 && el.innerText.trim() && (r.right > innerWidth + 1 || el.scrollWidth > el.clientWidth + 1 &&
            getComputedStyle(el).overflowX !== 'visible');
    }).map(el => `${el.tagName.toLowerCase()} "${el.innerText.trim().slice(0, 60)}"`);
    return {sideways, cut: [...new Set(cut)]};
}"""


@pytest.mark.parametrize("path", list(VIEWS), ids=[p or "overview" for p in VIEWS])
def test_page_reflows_at_320_pixels(page, server_url, path):
    page.set_viewport_size(NARROW)
    open_page(page, server_url, path)
    result = page.evaluate(CUT_OFF)
    assert not result["sideways"], "the page scrolls sideways at 320px"
    assert result["cut"] == [], "text cut off at 320px:\n" + "\n".join(result["cut"])

"""The board summary as a board member gets it: downloaded from the Overview page in the
browser, opened, and printed to PDF by Chromium on A4. It must fit on one page and carry
the headline figures, the chart and every expectation."""
from __future__ import annotations

import re

import pytest

from tests.browser.driving import download_by_button, open_page

pytestmark = pytest.mark.browser


def pdf_pages(pdf: bytes) -> int:
    """Pages in a PDF written by Chromium (its page objects are not compressed)."""
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def test_the_downloaded_summary_prints_on_one_a4_page(page, server_url, tmp_path):
    open_page(page, server_url, "")
    saved = tmp_path / "board-summary.html"
    download_by_button(page, "Download the board summary (print-ready HTML)", saved)
    html = saved.read_text(encoding="utf-8")
    assert "<svg" in html and "BVN-5" in html and "Headline figures" in html

    page.goto(saved.as_uri())
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF")
    assert pdf_pages(pdf) == 1, f"the summary printed on {pdf_pages(pdf)} pages"

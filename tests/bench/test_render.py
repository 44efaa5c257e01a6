"""make render, behaviour only: the verdicts are ratios to the reference page of the same run,
its section of docs/performance.md is replaced on a rerun and leaves make load's alone, and a
real visit in headless Chromium waits for the script's end and the first chart drawn. No time
is compared with a target here."""
import os

import pytest

from bench import render
from bench.load import report as load_report
from tests.browser.conftest import chromium_path


def visits(*seconds):
    return [{"seconds": s, "elements": 3, "charts": 1, "grids": 0, "expanders": 0} for s in seconds]


def test_the_verdict_is_the_ratio_to_the_reference_page_of_the_run():
    table = render.rows({render.REFERENCE: visits(2.0, 3.0, 2.0), "Fast (full)": visits(2.5, 2.6, 9.0),
                         "Slow (full)": visits(2.7, 2.7, 2.7)})
    assert table[0][:5] == (render.REFERENCE, "2.00 s", "1.00x", "", "")
    assert table[1][:5] == ("Fast (full)", "2.60 s", "1.30x", "<= 1.3x", "pass")      # the median, not the mean
    assert table[2][:5] == ("Slow (full)", "2.70 s", "1.35x", "<= 1.3x", "FAIL")


def test_its_section_is_replaced_and_make_loads_is_kept(tmp_path):
    doc = tmp_path / "performance.md"
    doc.write_text(f"# Performance\n\n{load_report.BEGIN}\nload figures\n{load_report.END}\n\nnotes\n")
    table = render.rows({render.REFERENCE: visits(2.0)})
    for _ in range(2):
        load_report.write_section(doc, render.markdown(table, "python -m bench.render", 1), render.BEGIN, render.END)
    text = doc.read_text()
    assert text.count(render.BEGIN) == 1 and "load figures" in text and "notes" in text
    assert "| one-chart page (reference) | 2.00 s | 1.00x |" in text


@pytest.mark.browser
def test_a_visit_waits_for_the_script_and_the_first_chart(tmp_path):
    if chromium_path() is None:
        message = "Chromium not found: install Debian's 'chromium' to run the render benchmark"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message + " (REQUIRE_BROWSER=1)")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM_FLAGS

    with render.reference_server(tmp_path / "reference.log") as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        try:
            assert render.has_chart(browser, url + "/", 90)
            seen = render.visit(browser, url + "/", 90, chart=True)
        finally:
            browser.close()
    assert seen["charts"] == 1 and seen["chart"] is not None
    assert seen["seconds"] * 1000 >= max(seen["finished"][-1], seen["chart"]) - 1   # both were waited for

"""Issue 16 in a real browser: every page answers its reader's question at a glance and
nothing on it can mislead. What the reader meets is read as text (or as the figure's data,
never as pixels):

1. the committee paper downloaded with what-if weights names its unweighted and weighted
   totals, the weighted one with its weights;
2. the scrutiny heatmap's words, shades and totals agree;
3. the scrutiny matrix reads at 390 px, as a list of topics, and the ranking's names sit over its bars;
4. the board summary is dated by its data ("as at"), the statement by its configuration;
5. the accessibility statement is written for the public;
6. each edition answers its own paths, another edition's and unknown ones calmly;
7. the Data page says when a file is already kept, and stores nothing twice.
"""
from __future__ import annotations

import csv
import json
import re
import shutil
import tomllib

import openpyxl
import pandas as pd
import pytest

from tests.browser.conftest import ROOT, serve
from tests.browser.driving import download_by_button, open_page, page_problems, settle

pytestmark = pytest.mark.browser

SAMPLE = ROOT / "data" / "sample"
CELL = re.compile(r"^(\d+(?:\.\d)?) (Low|Medium|High)$")
LEVELS = {"Low": 1, "Medium": 2, "High": 3}
#: The heatmap as drawn: each value layer's cell texts and the z it is shaded by; the totals.
HEATMAP = """() => {
    const plot = [...document.querySelectorAll('.js-plotly-plot')]
        .find(p => (p.layout.title.text || '').includes('scoring matrix'));
    const cells = [];
    for (const layer of plot.data.filter(d => d.type === 'heatmap' && d.name.startsWith('values')))
        layer.text.forEach((row, r) => row.forEach((text, c) => {
            if (text) cells.push({topic: layer.y[r], criterion: layer.x[c], text, z: layer.z[r][c]}); }));
    const drawn = [...plot.querySelectorAll('text')].map(t => t.textContent);
    const totals = [...plot.querySelectorAll('.annotation-text')].map(t => t.textContent);
    return {cells, drawn, totals, topics: plot.layout.yaxis.categoryarray};
}"""


def dialog_free(page) -> None:
    """Streamlit's "Page not found" dialog is not over the page."""
    assert page.get_by_role("dialog").count() == 0, page.get_by_role("dialog").all_inner_texts()
    assert page.get_by_text("You have requested page").count() == 0


# 1. The committee paper with what-if weights ------------------------------------------------

def test_the_weighted_committee_paper_names_both_totals(page, server_url, tmp_path):
    open_page(page, server_url, "scrutiny?w=2,1,1,1,1,1,1,1")
    saved = tmp_path / "paper.xlsx"
    download_by_button(page, "Committee paper (xlsx)", saved)
    ws = openpyxl.load_workbook(saved)["Topic scores"]
    header = [c.value for c in ws[4]]
    criteria = header[3:11]
    assert header[11] == "Scrutiny Value Score (unweighted)"
    assert header[12] == "Weighted Scrutiny Value Score (Public Interest × 2; every other criterion × 1)"
    assert "Weighted" not in " ".join(str(h) for h in header[:11])
    assert criteria[0] == "Public Interest"
    for row in ws.iter_rows(min_row=5, values_only=True):
        if row[0] is None:
            break
        scores = [v for v in row[3:11] if v is not None]
        assert row[11] == pytest.approx(sum(scores), abs=0.05 * len(scores)), row   # cells are shown to 1 dp
        assert row[12] == pytest.approx(row[11] + (row[3] or 0), abs=0.05 * len(scores)), row
    assert "Public Interest × 2" in ws["A2"].value


# 2. The heatmap's words, shades and totals --------------------------------------------------

def test_heatmap_words_shades_and_totals_agree(page, server_url):
    open_page(page, server_url, "scrutiny")
    heat = page.evaluate(HEATMAP)
    cells = heat["cells"]
    assert cells and all(CELL.match(c["text"]) for c in cells), [c["text"] for c in cells[:10]]
    assert any("." in c["text"] for c in cells), "the means are shown, not cut to whole numbers"
    for cell in cells:
        number, word = CELL.match(cell["text"]).groups()
        nearest = min(LEVELS.values(), key=lambda level: (abs(level - float(number)), -level))
        assert LEVELS[word] == nearest, cell                       # "2.7 High", not "2 Medium" for 2.67
        assert cell["z"] == LEVELS[word], cell                     # shaded by the word it says
        assert cell["text"] in heat["drawn"]
    by_topic = {}
    for cell in cells:
        by_topic.setdefault(cell["topic"], []).append(float(CELL.match(cell["text"]).group(1)))
    totals = [float(t) for t in heat["totals"] if re.fullmatch(r"\d+(\.\d)?", t)]
    assert len(totals) == len(heat["topics"])
    differs = False
    for topic, total in zip(heat["topics"], totals):
        shown = sum(by_topic[topic])
        assert abs(shown - total) <= 0.05 * len(by_topic[topic]) + 1e-9, (topic, shown, total)
        differs |= round(shown, 1) != total
    note = page.get_by_text("the total adds the unrounded means", exact=False)
    assert note.count() == (1 if differs else 0)
    assert page_problems(page) == []


# 3. The matrix (and the ranking) at 390 px -----------------------------------------------------------------------

def test_the_matrix_is_a_list_of_topics_at_390_pixels(page, server_url):
    page.set_viewport_size({"width": 390, "height": 900})
    open_page(page, server_url, "scrutiny")
    heatmap = page.locator('[class*="st-key-matrix_wide-"]')
    assert not heatmap.is_visible(), "the heatmap's 7 px cells are not shown on a phone"
    narrow = page.locator('[class*="st-key-matrix_narrow-"]')
    assert narrow.is_visible()
    assert "each topic with its Scrutiny Value Score" in narrow.inner_text()
    first = narrow.get_by_test_id("stExpander").first
    label = first.locator("summary").inner_text().strip().splitlines()[-1]   # after the icon's name
    assert re.fullmatch(r".+: \d+(\.\d)?( ✓ reaches the cut-off)?", label), label
    first.locator("summary").click()
    items = first.locator("li").all_inner_texts()
    assert len(items) == 8 and all(re.fullmatch(r".+: \d+(\.\d)? (Low|Medium|High)", i) for i in items), items
    box = first.bounding_box()
    assert box["width"] <= 390 and box["x"] >= 0
    ranking = page.locator('[class*="st-key-chart-ranking_narrow-"] .js-plotly-plot')     # the ranking: names over the bars
    assert page.locator('[class*="st-key-chart-ranking_wide-"]').is_hidden() and ranking.is_visible()
    names = ranking.locator(".annotation-text").all_text_contents()
    assert "Bus franchising assessment" in names and ranking.bounding_box()["width"] <= 390
    page.set_viewport_size({"width": 1366, "height": 900})        # a laptop gets the heatmap again
    page.wait_for_timeout(500)
    settle(page)                                                  # the ranking redrawn in its wide layout
    assert heatmap.is_visible() and not narrow.is_visible()
    assert page.locator('[class*="st-key-chart-ranking_wide-"]').is_visible() and ranking.is_hidden()


# 4. Dates from the data and the configuration --------------------------------------------------

def latest_sample_date() -> str:
    with open(SAMPLE / "manifest.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    # The summary is as at the plan's own latest report: the Directorate Business Plan monitoring
    # reports after the close-down follow the plan (model.plan_reports) and do not date it.
    report = max(pd.Timestamp(r["snapshot_date"]) for r in rows
                 if r.get("snapshot_date") and "dbp_monitoring" not in r["file"])
    wave = max(pd.Timestamp(r["wave_date"]) for r in rows if r.get("wave_date"))
    return f"{report.day} {report:%B %Y}" if report >= wave else f"{wave:%B %Y}"


def test_the_board_summary_is_as_at_its_latest_figures(page, server_url, tmp_path):
    open_page(page, server_url, "")
    saved = tmp_path / "summary.html"
    download = download_by_button(page, "Download the board summary (print-ready HTML)", saved)
    assert latest_sample_date().replace(" ", "-") in download.suggested_filename
    page.goto(saved.as_uri())
    title = f"Improvement summary as at {latest_sample_date()}"
    assert page.title() == title and page.locator("h1").inner_text() == title
    body = page.locator("body").inner_text()
    today = pd.Timestamp.now()
    assert "Produced" not in body and f"{today.day} {today:%B %Y}" not in body


def test_the_statement_is_dated_by_its_configuration(page, server_url):
    config = tomllib.loads((ROOT / "config" / "accessibility.toml").read_text(encoding="utf-8"))
    open_page(page, server_url, "accessibility")
    text = page.locator('[data-testid="stMain"]').inner_text()
    day = lambda value: f"{pd.Timestamp(value).day} {pd.Timestamp(value):%B %Y}"   # noqa: E731
    assert f"This statement was prepared on {day(config['statement']['prepared'])}." in text
    assert f"It was last reviewed on {day(config['statement']['reviewed'])}." in text
    assert f"This website was last tested on {day(config['testing']['date'])} against the WCAG 2.2 AA standard" in text


# 5. The statement, for the public -----------------------------------------------------------

def test_the_statement_is_written_for_the_public(page, server_url, staff_server_url):
    open_page(page, server_url, "accessibility")
    text = page.locator('[data-testid="stMain"]').inner_text()
    for jargon in ("axe rule", "<body>", "popover", "landmark", "Streamlit", "headless", "data-testid"):
        assert jargon not in text, jargon
    for heading in ("How accessible this website is", "Feedback and contact information", "Enforcement procedure",
                    "Technical information about this website's accessibility", "Non-accessible content",
                    "Preparation of this accessibility statement"):
        assert page.get_by_role("heading", name=heading).count() == 1, heading
    assert "Every chart has a sentence under it" in text
    assert "We have not yet tested the website with screen readers" in text
    assert page.get_by_role("link", name="contact the Equality Advisory and Support Service (EASS)").count() == 1
    assert "On the Data page" in text
    open_page(page, staff_server_url, "accessibility")
    staff = page.locator('[data-testid="stMain"]').inner_text()
    assert "its pages Staff results, Overview and Accessibility statement." in staff
    assert "Data page" not in staff


# 6. Every address answered calmly ----------------------------------------------------------

@pytest.mark.parametrize("path", ["staff-results", "overview", ""])
def test_the_staff_editions_own_paths_open_their_pages(page, staff_server_url, path):
    open_page(page, staff_server_url, path)
    dialog_free(page)
    assert page.locator("h1").first.inner_text().strip() == {"overview": "Overview"}.get(path, "Staff results")
    assert page_problems(page) == []


@pytest.mark.parametrize("path", ["culture", "scrutiny", "data"])
def test_a_full_edition_path_gets_a_calm_notice_in_the_staff_edition(page, staff_server_url, path):
    open_page(page, staff_server_url, path)
    dialog_free(page)
    assert page.locator("h1").first.inner_text().strip() == "This page is not published here"
    assert page.get_by_text("This site does not publish that page.").count() == 1
    assert page.locator('[data-testid="stFileUploader"]').count() == 0
    page.get_by_role("link", name="Staff results").last.click()
    page.wait_for_url("**/staff-results", timeout=90_000)
    page.wait_for_function("document.querySelector('h1')?.innerText.trim() === 'Staff results'")
    dialog_free(page)


@pytest.mark.parametrize("edition_path", [("full", "overview"), ("full", "no-such-page"), ("staff", "no-such-page")])
def test_the_full_editions_first_page_and_unknown_paths(page, server_url, staff_server_url, edition_path):
    edition, path = edition_path
    open_page(page, server_url if edition == "full" else staff_server_url, path)
    dialog_free(page)
    heading = page.locator("h1").first.inner_text().strip()
    if path == "overview":
        assert heading == "Overview"
    else:
        assert heading == "There is no page at this address"
        assert page.get_by_text("If you typed the web address, check it is correct.").count() == 1
        assert path not in page.locator('[data-testid="stMain"]').inner_text()   # the address is not repeated
    assert page_problems(page) == []


# 7. A file already kept ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def own_store_url(tmp_path_factory):
    """A full-edition server on a copy of the sample data, so a confirmed upload never lands in
    data/sample/."""
    folder = tmp_path_factory.mktemp("data") / "sample"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns("uploads"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("IMPROVEMENT_DATA_DIR", str(folder))
        with serve(tmp_path_factory.mktemp("store-server") / "streamlit.log") as url:
            yield url, folder


def choose(page, path) -> None:
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(str(path))
    page.get_by_text("already", exact=False).or_(page.get_by_text("was read", exact=False)).first.wait_for()
    settle(page)


def test_a_file_already_kept_is_said_and_not_stored_twice(page, own_store_url, tmp_path):
    url, folder = own_store_url
    open_page(page, url, "data")
    choose(page, folder / "surveys" / "partner_survey_2024-09.csv")        # the data folder's own file
    assert page.get_by_text("This file is already in the data folder as 'surveys/partner_survey_2024-09.csv', and "
                            "the dashboard reads it from there; nothing was changed.").count() == 1
    assert page.get_by_role("button", name="Confirm and store this file").count() == 0

    copy = tmp_path / "partner_survey_2024-09 (corrected).csv"
    copy.write_bytes((folder / "surveys" / "partner_survey_2024-09.csv").read_bytes() + b"\n")
    open_page(page, url, "data")
    choose(page, copy)
    page.get_by_role("button", name="Confirm and store this file").click()
    page.get_by_text("Stored 'partner_survey_2024-09 (corrected).csv'", exact=False).first.wait_for()
    settle(page)

    open_page(page, url, "data")                                            # later, the same file again
    choose(page, copy)
    said = page.get_by_text("This file is already stored as 'partner_survey_2024-09 (corrected).csv', uploaded on",
                            exact=False)
    assert said.count() == 1 and said.inner_text().endswith("UTC; nothing was changed.")
    assert page.get_by_role("button", name="Confirm and store this file").count() == 0
    entries = json.loads((folder / "uploads" / "store.json").read_text(encoding="utf-8"))["entries"]
    assert len(entries) == 1
    assert page_problems(page) == []

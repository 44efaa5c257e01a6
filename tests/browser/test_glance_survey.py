"""Issue 16 in a real browser, on the survey pages (Overview, Culture, Partnership, Staff
results): every page answers its reader's question at a glance, and nothing on it can
mislead. Text only, read as a reader (or a screen reader) gets it: headings, captions (the
charts' alt text), metric cards, the charts' axis and legend text, and the tables' cells.

1. A negatively worded statement ("I have experienced bullying") says what positive means
   for it wherever it is named: bar label, caption, table, alt text.
2. A survey measure is named for what it is ("Staff survey, governance theme: % positive"),
   never a bare "Governance" that means something else on another page.
3. A change within the noise has one look on every card: its words, and grey.
4. A shown interval never contradicts its verdict (never [.., 0.0] beside "within the noise").
5. The heading over the questions that moved says what the section shows.
6. Coded values (themes, audiences) and headers are capitalised.

Each page is opened once, with every expander open (the tables), and read into a snapshot."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest

from tests.browser.driving import open_page, page_problems
from tests.browser.states import every_expander

pytestmark = pytest.mark.browser

SURVEY_PAGES = {"": "Overview", "culture": "Culture", "partnership": "Partnership", "staff-results": "Staff results"}
BULLYING = "In the past 12 months I have experienced bullying or harassment at work"
MEANS = "positive = disagree, i.e. have not experienced it"

#: Each table as the accessible grid Streamlit's dataframe renders; each chart's axis, legend
#: and annotation text, a wrapped label's lines joined by spaces; each metric with its colour.
READ = """() => {
  const lines = el => [...el.querySelectorAll('tspan.line')].map(t => t.textContent).join(' ') || el.textContent;
  const grids = [...document.querySelectorAll('[data-testid="stDataFrame"] table[role="grid"]')].map(t => ({
    headers: [...t.querySelectorAll('[role="columnheader"]')].map(h => h.textContent.trim()),
    rows: [...t.querySelectorAll('tbody tr')].map(r => [...r.querySelectorAll('[role="gridcell"]')]
                                                        .map(c => c.textContent.trim()))}));
  const charts = [...document.querySelectorAll('.js-plotly-plot')].map(c => ({
    ticks: [...c.querySelectorAll('.ytick text, .xtick text')].map(lines),
    legend: [...c.querySelectorAll('.legendtext')].map(t => t.textContent),
    notes: [...c.querySelectorAll('.annotation-text')].map(lines)}));
  const metrics = [...document.querySelectorAll('[data-testid="stMetric"]')].map(m => {
    const delta = m.querySelector('[data-testid="stMetricDelta"]');
    return {label: m.querySelector('[data-testid="stMetricLabel"]')?.innerText.trim() ?? '',
            delta: delta ? delta.innerText.trim() : null, colour: delta ? getComputedStyle(delta).color : null};
  });
  return {grids, charts, metrics};
}"""


@dataclass
class Snapshot:
    """What one page shows, as text."""
    path: str
    body: str
    headings: list[str]
    captions: list[str]
    grids: list[dict] = field(default_factory=list)
    charts: list[dict] = field(default_factory=list)
    metrics: list[dict] = field(default_factory=list)

    def tables(self, header: str) -> list[dict[str, str]]:
        """Every row of every table with a column ``header``, as header -> cell."""
        return [dict(zip(g["headers"], row)) for g in self.grids if header in g["headers"] for row in g["rows"]]

    def chart_text(self) -> list[str]:
        return [t for chart in self.charts for kind in ("ticks", "legend", "notes") for t in chart[kind]]


@pytest.fixture(scope="module")
def shown(browser, server_url) -> dict[str, Snapshot]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    out = {}
    try:
        for path in SURVEY_PAGES:
            open_page(page, server_url, path)
            assert page_problems(page) == [], path
            every_expander(page)
            read = page.evaluate(READ)
            out[path] = Snapshot(
                path, page.locator('[data-testid="stMain"]').inner_text(),
                [h.strip() for h in page.get_by_test_id("stHeading").all_inner_texts()],
                [c.strip() for c in page.get_by_test_id("stCaptionContainer").all_inner_texts()], **read)
    finally:
        context.close()
    return out


# -- 1 ------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", ["culture", "staff-results"])
def test_a_negatively_worded_statement_says_what_positive_means_wherever_it_is_named(shown, path):
    page = shown[path]
    labels = [t for t in page.chart_text() if t.startswith(BULLYING)]
    assert labels and all(label.startswith(f"{BULLYING} ({MEANS})") for label in labels), labels   # bar labels
    cells = [row["Statement"] for row in page.tables("Statement") if row["Statement"].startswith(BULLYING)]
    assert cells and set(cells) == {f"{BULLYING} ({MEANS})"}                                  # the tables
    alt = [c for c in page.captions if "Most positive" in c]
    assert alt and all(f'"{BULLYING} ({MEANS})"' in c for c in alt if BULLYING in c)          # the alt text
    said = page.body.count(BULLYING)
    assert said and said == page.body.count(f"{BULLYING} ({MEANS})") + page.body.count(f"{BULLYING}” ({MEANS})"), \
        "the statement is named somewhere without what positive means for it"


# -- 2 ------------------------------------------------------------------------------------
MEASURES = {
    "": ["Staff survey, culture theme: % positive", "Partner survey, partnership theme: % positive"],
    "culture": ["Staff survey, culture theme: % positive", "Staff survey, governance theme: % positive"],
    "partnership": ["Partner survey, governance theme: % positive", "Partner survey, partnership theme: % positive"],
    "staff-results": ["Staff survey, culture theme: % positive", "Staff survey, governance theme: % positive"],
}


@pytest.mark.parametrize("path", list(MEASURES), ids=[p or "overview" for p in MEASURES])
def test_each_survey_measure_is_named_for_what_it_is(shown, path):
    page = shown[path]
    for measure in MEASURES[path]:
        if path == "staff-results":
            assert measure in [m["label"] for m in page.metrics]
        else:
            legends = [t for chart in page.charts for t in chart["legend"]]
            assert measure in legends, legends                                       # the chart's key
            assert any(c.startswith(measure) or f"; {measure} rose" in c for c in page.captions)  # its alt text
            assert measure in {row.get("Survey measure") or row.get("Measure") for row in
                               page.tables("Survey measure") + page.tables("Measure")}          # its table
    if path == "":
        assert [m["label"] for m in page.metrics][:2] == MEASURES[""]
    # a bare theme name is never a survey series: "Governance rose from 14%" was the staff survey's theme
    # (on the Overview, "Governance" is the actions measure, named by its own page's work)
    bare = {name for c in page.captions
            for name in re.findall(r"(?:^|; )(Culture|Partnership|Governance) (?:rose|fell|was)", c)}
    assert bare <= ({"Governance"} if path == "" else set()), bare


# -- 3 ------------------------------------------------------------------------------------
def test_a_change_within_the_noise_looks_the_same_on_every_card_and_says_so(shown):
    cards = [m for path in ("", "staff-results") for m in shown[path].metrics if m["delta"]]
    noise = [m for m in cards if "within the noise" in m["delta"]]
    staff = [m for m in shown["staff-results"].metrics if m["delta"]]
    assert staff and all("within the noise" in m["delta"] or "a real change" in m["delta"] for m in staff), staff
    assert {m["label"] for m in noise} >= {"Staff survey, culture theme: % positive"}
    assert len({m["colour"] for m in noise}) == 1, noise           # one look on the Overview and Staff results
    coloured = {m["colour"] for m in cards if "within the noise" not in m["delta"]}
    assert noise[0]["colour"] not in coloured, "a change within the noise is coloured like a rise or a fall"
    red, green, blue = (int(v) for v in re.findall(r"\d+", noise[0]["colour"])[:3])
    assert max(red, green, blue) - min(red, green, blue) < 40, f"not grey: {noise[0]['colour']}"


# -- 4 ------------------------------------------------------------------------------------
def test_no_shown_interval_contradicts_its_verdict(shown):
    rows = [row for path in ("culture", "partnership", "staff-results") for row in shown[path].tables(
        "Real change or noise")]
    assert {row["Real change or noise"] for row in rows} - {""} == {"within the noise", "real change"}
    for row in rows:
        if not row["Lower 95%"]:
            continue
        lower, upper, verdict = float(row["Lower 95%"]), float(row["Upper 95%"]), row["Real change or noise"]
        if verdict == "within the noise":
            assert lower < 0 < upper, f"{row['Statement']}: [{lower}, {upper}] beside {verdict}"
        else:
            assert verdict == "real change" and (lower > 0 or upper < 0), row


# -- 5 ------------------------------------------------------------------------------------
@pytest.mark.parametrize("path, noun", [("culture", "questions"), ("partnership", "questions"),
                                        ("staff-results", "statements")])
def test_the_heading_over_the_changes_says_how_many_moved_beyond_the_noise(shown, path, noun):
    page = shown[path]
    alt = next(c for c in page.captions if "changes are more than noise" in c)
    moved, total = re.search(r"(\d+) of (\d+) changes are more than noise", alt).groups()
    said = f"None of {total} {noun}" if moved == "0" else f"{moved} of {total} {noun}"
    assert f"{said} moved beyond the noise" in page.headings, page.headings
    assert "Questions that moved" not in page.headings


# -- 6 ------------------------------------------------------------------------------------
def check_capitalised(page: Snapshot) -> None:
    headers = [h for grid in page.grids for h in grid["headers"]]
    assert headers and [h for h in headers if h[:1].islower()] == []
    for column in ("Theme", "Audience"):
        values = {row[column] for row in page.tables(column) if row[column]}
        assert [v for v in values if v[:1].islower()] == [], f"{column}: {values}"
    if page.path in ("culture", "partnership"):
        themes = {row["Theme"] for row in page.tables("Theme")}
        assert themes and themes <= {"Culture", "Partnership", "Governance"}
        ticks = [t for chart in page.charts for t in chart["ticks"]]
        assert "Governance" in ticks and "governance" not in ticks             # the heatmap's columns
    if page.path == "culture":      # the staff part; the members' part is its own view (?part=members)
        assert {row["Audience"] for row in page.tables("Audience")} == {"Staff survey"}


def test_coded_values_and_headers_are_capitalised_on_every_survey_page(shown):
    for path in SURVEY_PAGES:
        check_capitalised(shown[path])

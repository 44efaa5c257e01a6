"""The printable board summary: the headline figures, the journey chart (SVG with alt
text, its milestones numbered and keyed), and every expectation with its words; all text
escaped, no owner named. Printing on one A4 page is checked in the browser suite."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from charts.text import alt_text, first_sentence
from charts.trend import trend_chart
from exports.board_summary import board_summary_html
from assembly.bundle import load_bundle
from settings.judgement_rules import load_judgement_rules
from metrics.expectations import judge_expectations, rule_sentence
from metrics.overview import as_at, front_headlines
from metrics.trends import improvement_journey
from settings.disclosure import DisclosurePolicy

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
POLICY = DisclosurePolicy(min_size=10, protection_points=20)


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def summary_of(data, expectations: pd.DataFrame | None = None) -> tuple[str, dict]:
    """The summary of a bundle, as the Overview page builds it, and what went into it."""
    expectations = data.expectations if expectations is None else expectations
    journey = improvement_journey(data.surveys, data.codebook, data.actions, POLICY, 0.95)
    fig = trend_chart(journey, x="date", y="value", series="series", events=data.events)
    rules = load_judgement_rules()
    judgements = judge_expectations(expectations, data.actions, data.surveys, data.codebook, data.events, rules, POLICY)
    parts = {"headlines": front_headlines(journey), "journey": journey, "judgements": judgements,
             "finding": first_sentence(alt_text(fig))}
    html = board_summary_html(organisation="Sample Combined Authority", as_at=as_at(data.surveys, data.actions),
                              status="Latest figures: now.", since=["a", "b", "c"],
                              headlines=parts["headlines"], journey=journey, events=data.events,
                              finding=parts["finding"], judgements=judgements, rule=rule_sentence(rules),
                              source="Best Value Notice")
    return html, parts


@pytest.fixture(scope="module")
def sample():
    return load_bundle(SAMPLE)


def test_summary_carries_the_headlines_the_chart_and_every_judgement(sample):
    html, parts = summary_of(sample)
    parsed = Tags()
    parsed.feed(html)
    text = " ".join(parsed.text)
    for headline in parts["headlines"]:
        assert f"{headline.value:.0f}%" in text and headline.sentence in text
    for row in parts["judgements"].itertuples():
        assert row.id in text and row.judgement in text and row.reasons in text
    assert ("html", {"lang": "en-GB"}) in parsed.tags
    assert parts["finding"].startswith("Staff survey, culture theme: % positive rose") and parts["finding"] in text
    assert all(attrs.get("scope") == "col" for tag, attrs in parsed.tags if tag == "th")


def test_the_chart_draws_each_front_and_numbers_every_milestone(sample):
    html, parts = summary_of(sample)
    svg = html[html.index("<svg"):html.index("</svg>")]
    assert 'role="img"' in svg and "<title id=\"journey-title\">" + parts["finding"] in svg
    assert svg.count("<polyline") == parts["journey"].dropna(subset=["value"])["series"].nunique() == 3
    numbers = re.findall(r'font-weight="700" fill="#0B0C0C">(\d+)</text>', svg)
    assert numbers == [str(i) for i in range(1, len(sample.events) + 1)]
    key = html[html.index('<ol class="key">'):html.index("</ol>")]
    assert key.count("<li>") == len(sample.events)


def test_no_owner_is_named_and_text_is_escaped(sample):
    hostile = sample.expectations.copy()
    hostile.loc[0, "expectation"] = "<script>alert('x')</script> & more"
    html, _ = summary_of(sample, hostile)
    assert "<script>" not in html and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; more" in html
    owners = {o for o in sample.actions["owner"].dropna().unique() if len(o) > 3}
    assert owners and not [o for o in owners if o in html]


def test_the_title_says_as_at_the_latest_figures_and_no_date_comes_from_the_clock(sample, monkeypatch):
    """Issue 16: the summary said "Produced <today>" from the machine clock and had no as-at date."""
    latest = max(sample.actions["snapshot_date"].max(), sample.surveys.reach["wave_date"].max())
    expected = f"{latest.day} {latest:%B %Y}"
    real_now = pd.Timestamp.now
    monkeypatch.setattr(pd.Timestamp, "now", classmethod(lambda cls, tz=None: real_now(tz) + pd.Timedelta(days=400)))
    html, _ = summary_of(sample)
    assert f"<title>Improvement summary as at {expected}</title>" in html
    assert f"<h1>Improvement summary as at {expected}</h1>" in html
    today = pd.Timestamp.now()
    assert "Produced" not in html and f"{today:%B %Y}" not in html


def test_as_at_is_the_latest_report_day_or_a_later_wave_month(sample):
    from model.survey_counts import empty_counts
    assert as_at(empty_counts(), sample.actions.iloc[0:0]) == ""
    report = sample.actions["snapshot_date"].max()
    assert as_at(empty_counts(), sample.actions) == f"{report.day} {report:%B %Y}"
    wave = sample.surveys.reach["wave_date"].max()
    assert as_at(sample.surveys, sample.actions.iloc[0:0]) == f"{wave:%B %Y}"


def test_benchmark_section_sets_staff_statements_beside_the_csps_median(sample):
    from metrics.benchmarks import ATTRIBUTION, benchmark_comparison
    from metrics.published import survey_views
    views = survey_views(sample.surveys, sample.codebook, "staff", POLICY)
    comparison = benchmark_comparison(views.statements, views.wave_date, sample.benchmarks, sample.benchmark_map)
    hidden = comparison.copy()
    hidden.loc[0, ["pct_positive", "lower", "upper", "gap"]] = float("nan")
    hidden.loc[0, ["suppressed", "hidden_because"]] = [True, "fewer than 10 responses"]
    html, _ = summary_of(sample)
    assert "Civil Service People Survey" not in html          # no benchmark passed: no section
    with_benchmark = board_summary_html(
        organisation="Sample Combined Authority", as_at="7 October 2024", status="Latest figures: now.",
        since=[], headlines=[], journey=improvement_journey(sample.surveys, sample.codebook, sample.actions, POLICY),
        events=sample.events, finding="A finding.", judgements=pd.DataFrame(), rule="A rule.", source="notice",
        benchmark=hidden, too_few="fewer than 10 responses")
    section = with_benchmark.split("beside the Civil Service People Survey")[1]
    # STAFF-VALUED, Oct 2024: 72 of 127 = 56.7% (48.0 to 65.0) beside the CSPS 2024 median of B27, 71.631:
    # the one gap beyond the noise is given with its figures; the others are counted, the hidden one in words
    beyond = comparison[comparison["verdict"].isin(["more than noise: above", "more than noise: below"])]
    assert list(beyond["question_id"]) == ["STAFF-VALUED"]
    assert ("1 of 6 mapped statements differs from the median by more than the noise: \u201cI feel valued for "
            "the work I do\u201d 56.7% (48.0 to 65.0) against CSPS 2024 median 71.6% (B27, same wording), "
            "14.9 points below.") in section
    first = comparison.iloc[0]
    assert first.question_id != "STAFF-VALUED"
    assert "4 are within the noise, 1 not shown (fewer than 10 responses)" in section
    assert f"{first.pct_positive:.1f}%" not in section
    assert ATTRIBUTION in section
def test_engagement_index_is_listed_and_a_hidden_wave_gives_words_not_a_number(sample):
    from metrics.engagement_index import index_trend
    from settings.config import load_settings
    spec = load_settings().engagement
    index = index_trend(sample.surveys, sample.codebook, spec, POLICY)
    hidden = pd.DataFrame({"series": [spec.name], "date": [pd.Timestamp("2025-03-01")], "value": [float("nan")],
                           "lower": [float("nan")], "upper": [float("nan")], "n": [pd.NA], "complete": [float("nan")],
                           "hidden_because": ["fewer than 10 answers"]})
    html = board_summary_html(organisation="x", as_at="7 October 2024", status="s", since=["a", "b", "c"],
                              headlines=[], journey=improvement_journey(sample.surveys, sample.codebook,
                                                                        sample.actions, POLICY, 0.95),
                              events=sample.events, finding="f", judgements=pd.DataFrame(), rule="r", source="s",
                              engagement=pd.concat([index, hidden], ignore_index=True))
    latest = index.sort_values("date").iloc[-1]
    assert (f"<b>{spec.name}</b>: Oct 2024 {latest.value:.1f} (cautious 95% interval {latest.lower:.1f} to "
            f"{latest.upper:.1f}; {int(latest.n)} respondents)") in html
    assert "Mar 2025 not shown (fewer than 10 answers)." in html
    assert "Mar 2025 nan" not in html

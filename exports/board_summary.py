"""The one-page board summary: a self-contained, print-ready HTML document.

Headline figures for culture, partnership and governance with their change and verdict,
the staff engagement index wave by wave (``metrics.engagement_index``: a hidden wave says
the disclosure policy's words, never a number), the improvement-journey chart (inline SVG, with its milestones keyed beside it), and
the notice's expectations with their RAG judgement in words and the reasons for it, and
(when the data folder maps statements to it) the staff statements beside the Civil Service
People Survey median with the licence's attribution (``metrics.benchmarks``). It
needs no network, no script and no web font, prints on one A4 page (open it, then Print
or Save as PDF), and reads in a screen reader: the chart has its alt text, and its data
sits in a table under it. Every value is HTML-escaped.
"""
from __future__ import annotations

from html import escape

import pandas as pd

from charts.palette import JUDGEMENT_COLOURS, text_on
from exports.summary_svg import journey_svg
from metrics.benchmarks import ABOVE, ATTRIBUTION, BELOW
from metrics.headlines import Headline

CSS = """
@page { size: A4 portrait; margin: 9mm 10mm; }
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; color: #0B0C0C;
       font-size: 8pt; line-height: 1.18; margin: 0 auto; max-width: 190mm; }
h1 { font-size: 15pt; margin: 0 0 2pt; } h2 { font-size: 10.5pt; margin: 5pt 0 2pt; }
p.meta { color: #505A5F; margin: 0 0 4pt; font-size: 7.5pt; } h2 .source { font-weight: 400; font-size: 9pt; }
.cards { display: flex; gap: 6pt; } .card { flex: 1; min-width: 0; box-sizing: border-box; border: 1px solid #B1B4B6; padding: 5pt 7pt; }
.card .value { font-size: 16pt; font-weight: 700; } .card .label { font-weight: 600; }
.card { font-size: 7pt; }
ol.key { flex: 0 0 36%; font-size: 7pt; margin: 2pt 0 0; padding-left: 14pt; }
table { border-collapse: collapse; width: 100%; font-size: 6.5pt; }
col.ref { width: 5%; } col.text { width: 30%; } col.rating { width: 14%; } col.evidence { width: 51%; }
th, td { border: 1px solid #B1B4B6; padding: 1.5pt 3pt; text-align: left; vertical-align: top; }
th { background: #F3F2F1; } tr { break-inside: avoid; }
td.rating { font-weight: 700; } .move { font-weight: 400; }
.status { border-left: 4pt solid #12436D; padding: 2pt 6pt; margin: 4pt 0; font-weight: 600; }
ol.key span { white-space: nowrap; } .journey { display: flex; gap: 6pt; align-items: center; }
.journey .chart { flex: 1 1 70%; min-width: 0; }
details { font-size: 8pt; margin-top: 2pt; } p.index { margin: 4pt 0 0; } .rule { font-size: 7.5pt; color: #505A5F; }
@media print { details { display: none; } }
"""


def _card(headline: Headline, since: str) -> str:
    value = "–" if headline.value is None else f"{headline.value:.0f}%"
    return (f'<div class="card"><div class="label">{escape(headline.label)}</div>'
            f'<div class="value">{value}</div><div>{escape(headline.sentence)}</div><div>{escape(since)}</div></div>')


def _rating_cell(rating: str, words: str, movement: str) -> str:
    fill = JUDGEMENT_COLOURS.get(rating, JUDGEMENT_COLOURS["None"])
    moved = f'<br><span class="move">{escape(movement)}.</span>' if movement else ""
    return f'<td class="rating" style="background:{fill};color:{text_on(fill)}">{escape(words)}{moved}</td>'


def _expectations(judgements: pd.DataFrame) -> str:
    rows = "".join(
        f"<tr><td>{escape(str(r.id))}</td><td>{escape(str(r.expectation))}</td>"
        f"{_rating_cell(str(r.rating), str(r.judgement), str(r.movement or ''))}<td>{escape(str(r.reasons))}</td></tr>"
        for r in judgements.itertuples())
    return ("<table><colgroup><col class=\"ref\"><col class=\"text\"><col class=\"rating\">"
            "<col class=\"evidence\"></colgroup><thead><tr><th scope=\"col\">Ref</th><th scope=\"col\">Expectation</th>"
            "<th scope=\"col\">Judgement</th><th scope=\"col\">Evidence</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>")


def _data_table(journey: pd.DataFrame) -> str:
    shown = journey.dropna(subset=["value"]).sort_values(["series", "date"])
    rows = "".join(f"<tr><td>{escape(str(r.series))}</td><td>{r.date:%d %b %Y}</td><td>{r.value:.0f}%</td></tr>"
                   for r in shown.itertuples())
    return ("<details><summary>The chart's data, as a table</summary><table><thead><tr><th scope=\"col\">Measure"
            "</th><th scope=\"col\">Date</th><th scope=\"col\">Score</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></details>")


def _benchmark(comparison: pd.DataFrame | None, too_few: str) -> str:
    """The staff statements beside the CSPS median in one paragraph (the summary must stay one
    A4 sheet; the Culture page has the whole table): each gap that is more than noise with its
    figures, then how many are within the noise and how many are hidden (``too_few`` or a
    statement's own reason, never a figure), then the licence's attribution."""
    if comparison is None or comparison.empty:
        return ""
    hidden = comparison["suppressed"].fillna(False).astype(bool) | comparison["pct_positive"].isna()
    shown = comparison[~hidden]
    beyond = shown[shown["verdict"].isin([ABOVE, BELOW])]
    verb = "differs" if len(beyond) == 1 else "differ"
    parts = [f"{len(beyond)} of {len(comparison)} mapped statements {verb} from the median by more than the noise"]
    for r in beyond.itertuples():
        side = "above" if r.verdict == ABOVE else "below"
        parts.append(f"\u201c{r.question}\u201d {r.pct_positive:.1f}% ({r.lower:.1f} to {r.upper:.1f}) against "
                     f"{r.benchmark_name} {r.benchmark:.1f}% ({r.csps_code}, {r.wording}), {abs(r.gap):.1f} points {side}")
    tail = [f"{len(shown) - len(beyond)} {'is' if len(shown) - len(beyond) == 1 else 'are'} within the noise"]
    if hidden.any():
        reasons = sorted({str(w) if isinstance(w, str) and w else too_few for w in comparison.loc[hidden, "hidden_because"]})
        tail.append(f"{int(hidden.sum())} not shown ({'; '.join(reasons)})")
    sentence = parts[0] + (": " + "; ".join(parts[1:]) if len(parts) > 1 else "")
    return (f'<p class="index"><b>Staff statements beside the Civil Service People Survey</b>: {escape(sentence)}. '
            f"{escape(', '.join(tail))}; the Culture page lists every statement with its wording. "
            f'<span class="rule">{escape(ATTRIBUTION)}</span></p>')


def _engagement(index: pd.DataFrame | None) -> str:
    """The engagement index in one paragraph (the page must stay one A4 sheet): the latest shown
    wave with its interval, then every wave; a hidden wave gives its reason in words, never a number."""
    if index is None or index.empty:
        return ""
    ordered = index.sort_values("date")
    shown = ordered.dropna(subset=["value"])
    name = escape(str(index["series"].iloc[0]))
    if shown.empty:
        return f'<p class="index"><b>{name}</b>: not shown in any wave: {escape(str(ordered["hidden_because"].iloc[-1]))}.</p>'
    last = shown.iloc[-1]
    waves = "; ".join(f"{r.date:%b %Y} {r.value:.1f}" if pd.notna(r.value)
                      else f"{r.date:%b %Y} not shown ({escape(str(r.hidden_because))})" for r in ordered.itertuples())
    return (f'<p class="index"><b>{name}</b>: {last.date:%b %Y} {last.value:.1f} (cautious 95% interval '
            f"{last.lower:.1f} to {last.upper:.1f}; {int(last.n)} respondents). Wave by wave: {waves}.</p>")


def board_summary_html(*, organisation: str, as_at: str, headlines: list[Headline],
                       journey: pd.DataFrame, events: pd.DataFrame, finding: str, judgements: pd.DataFrame,
                       rule: str, source: str, status: str, since: list[str],
                       benchmark: pd.DataFrame | None = None, too_few: str = "too few answers",
                       engagement: pd.DataFrame | None = None) -> str:
    """The whole summary as one HTML document (UTF-8 text). ``as_at`` is the date of the
    latest figures, from the data ("16 October 2024", metrics.overview.as_at; never the
    clock), named in the title; ``finding`` is the chart's main finding in a sentence (its
    alt text, without what the interactive chart adds); ``benchmark`` is
    ``metrics.benchmarks.benchmark_comparison`` (none: no benchmark section), ``too_few`` the
    policy's words for a hidden statement; ``engagement``: the engagement index trend
    (``metrics.engagement_index.index_trend``), shown under the headline cards."""
    title = f"Improvement summary as at {as_at}" if as_at else "Improvement summary: no figures yet"
    dated = (f"Figures as at {escape(as_at)}: the date of the latest action report or survey wave in the data"
             if as_at else "No figures yet")
    alt = f"{finding} Numbered dashed lines are the milestones listed beside the chart."
    key = "".join(f"<li>{escape(str(e.label))} <span>({e.date:%b %Y})</span></li>" for e in events.itertuples())
    expectations = (_expectations(judgements) if len(judgements)
                    else "<p>No expectations file loaded: add expectations.csv to the data folder.</p>")
    return f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>{escape(title)}</title><style>{CSS}</style></head>
<body><main>
<h1>{escape(title)}</h1>
<p class="meta">{escape(organisation)}{". " if organisation else ""}{dated}, from the Improvement Dashboard.
A survey change is called a real change when it is too big to be a fluke of who
happened to answer (95% interval); otherwise it is within the noise: too small to be sure it is real.</p>
<p class="status">{escape(status)}</p>
<h2>Headline figures</h2>
<div class="cards">{''.join(_card(h, s) for h, s in zip(headlines, since))}</div>
{_engagement(engagement)}
<h2>The improvement journey</h2>
<figure style="margin:0"><div class="journey"><div class="chart">{journey_svg(journey, events, alt)}</div>
<ol class="key">{key}</ol></div>
<figcaption class="rule">{escape(alt)}</figcaption></figure>
{_data_table(journey)}
{_benchmark(benchmark, too_few)}
<h2>What is expected, and the evidence <span class="source">(from the {escape(source)})</span></h2>
{expectations}
<p class="rule">How the judgement is made: {escape(rule)}</p>
</main></body></html>
"""

"""Code of Conduct complaints by quarter, stacked by outcome, on the journey's time axis.

Each financial quarter is one bar at its middle, on the same date axis and with the same
milestones as every trend chart. An outcome carries its word in the legend and the hover,
its own fill pattern and each segment its count, so colour is never the only signal; the
total stands on top of each bar. The alt text says what is counted (complaints, not
people), the first and latest quarters, the peak, and the latest four quarters against
the four before. Nothing in the figure names or dates a single complaint.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.milestones import add_milestones
from charts.palette import (COMPLAINT_OUTCOME_COLOURS, FONT_FAMILY, MUTED, PALETTE, TEXT, base_layout, bottom_legend,
                            date_range, text_on)
from charts.text import iso, set_alt_text

DAY_MS = 24 * 3600 * 1000
PATTERNS = ("", "/", "x", ".", "\\", "+")


def _bar(name: str, part: pd.DataFrame, i: int) -> go.Bar:
    colour = COMPLAINT_OUTCOME_COLOURS.get(name, PALETTE[i % len(PALETTE)])
    counts = [int(v) for v in part["complaints"]]
    return go.Bar(
        x=iso(part["date"]), y=counts, name=name, width=[80 * DAY_MS] * len(part), customdata=list(part["quarter"]),
        marker={"color": colour, "line": {"color": "#FFFFFF", "width": 1},
                # the pattern is drawn over the outcome's own colour (bgcolor), never on white
                "pattern": {"shape": PATTERNS[i % len(PATTERNS)], "bgcolor": colour, "fgcolor": text_on(colour),
                            "solidity": 0.25}},
        text=[str(c) if c else "" for c in counts], textposition="inside", insidetextanchor="middle",
        textfont={"family": FONT_FAMILY, "color": text_on(colour), "size": 12},
        hovertemplate=f"%{{customdata}}<br>{name}: %{{y}} complaints<extra></extra>")


def _alt(totals: pd.DataFrame, table: pd.DataFrame, who: str, recent: str | None) -> str:
    first, last = totals.iloc[0], totals.iloc[-1]
    peak = totals.loc[totals["complaints"].idxmax()]
    text = (f"Code of Conduct complaints about {who}, counted by the quarter they were received (complaints, not "
            f"people): {int(first['complaints'])} in {first['quarter']}, {int(last['complaints'])} in "
            f"{last['quarter']}; the most, {int(peak['complaints'])}, in {peak['quarter']}.")
    latest = table[table["quarter"] == last["quarter"]]
    open_ = int(latest.loc[latest["outcome"] == "Ongoing", "complaints"].sum())
    if open_:
        text += f" In {last['quarter']}, {open_} of {int(last['complaints'])} {'is' if open_ == 1 else 'are'} still ongoing."
    return f"{text} {recent}." if recent else text


def complaints_chart(table: pd.DataFrame, totals: pd.DataFrame, who: str, events: pd.DataFrame | None = None,
                     title: str = "", recent: str | None = None, start=None, end=None) -> go.Figure:
    """Stacked bars of ``table`` (metrics.complaints.by_quarter) by outcome at each quarter's middle;
    ``totals`` is its one-row-a-quarter table (quarter_totals); ``who`` says whom they are about
    ("members"); ``recent`` a sentence comparing the latest quarters, added to the alt text."""
    fig = go.Figure(layout=base_layout(title))
    if table.empty or totals.empty:
        return set_alt_text(fig, f"No Code of Conduct complaints about {who} in the register.")
    for i, outcome in enumerate(pd.unique(table["outcome"])):
        fig.add_trace(_bar(outcome, table[table["outcome"] == outcome].sort_values("date"), i))
    middles = table.drop_duplicates("quarter").sort_values("date")
    counts = [int(v) for v in totals["complaints"]]
    fig.add_trace(go.Scatter(x=iso(middles["date"]), y=counts, text=[str(c) for c in counts], mode="text",
                             textposition="top center", name="Total", showlegend=False, hoverinfo="skip",
                             textfont={"family": FONT_FAMILY, "color": TEXT, "size": 12}, cliponaxis=False))
    first, last = table["quarter_start"].min(), table["quarter_end"].max()
    lo, hi = min(first, start or first), max(last, end or last)
    fig.update_layout(bottom_legend())
    fig.update_layout(barmode="stack", legend={"title": {"text": "Outcome"}})
    fig.update_xaxes(type="date", tickformat="%b %Y", title={"text": "Quarter received"},
                     range=date_range(lo, hi, share=0.03, minimum_days=30))
    fig.update_yaxes(title={"text": "Complaints"}, range=[0, max(counts + [1]) * 1.15 + 1], rangemode="tozero",
                     dtick=2 if max(counts + [1]) <= 12 else None, linecolor=MUTED)
    set_alt_text(fig, _alt(totals, table, who, recent))
    return add_milestones(fig, events, start=lo, end=hi)

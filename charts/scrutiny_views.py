"""Scrutiny views beyond the matrix: score distribution, scorer disagreement, one topic.

Each figure carries alt text (charts.text.set_alt_text) and is drawn with the shared
palette; levels differ by pattern as well as colour, and every bar prints its value.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.palette import FONT_FAMILY, PALETTE, SEQUENTIAL, TEXT, base_layout, bottom_legend
from charts.text import join_clauses, number, set_alt_text, wrap

PATTERNS = ("/", "", ".", "x", "-")


def score_distribution_chart(distribution: pd.DataFrame, title: str = "") -> go.Figure:
    """Stacked horizontal bars: per criterion, how many scores were Low / Medium / High."""
    fig = go.Figure(layout=base_layout(title))
    colours = SEQUENTIAL[::-1]
    for i, (label, part) in enumerate(distribution.groupby("score", sort=True)):
        name = part["label"].iloc[0]
        fig.add_trace(go.Bar(
            orientation="h", y=[wrap(c, 40, max_lines=2) for c in part["criterion"]], x=part["count"], name=f"{label} {name}",
            marker={"color": colours[i % len(colours)], "pattern": {"shape": PATTERNS[i % len(PATTERNS)]},
                    "line": {"color": PALETTE[0], "width": 1}},
            text=[str(c) if c else "" for c in part["count"]], textposition="inside", insidetextanchor="middle",
            textfont={"family": FONT_FAMILY, "size": 12}, customdata=part["criterion"],
            hovertemplate="%{customdata}<br>" + f"{name}: " + "%{x}<extra></extra>"))
    fig.update_layout(barmode="stack", yaxis={"autorange": "reversed"}, xaxis={"title": {"text": "scores given"}},
                      height=max(320, 120 + 48 * distribution["criterion"].nunique()))
    fig.update_layout(bottom_legend())
    return set_alt_text(fig, _distribution_alt(distribution))


def _distribution_alt(distribution: pd.DataFrame) -> str:
    if distribution["count"].sum() == 0:
        return "No scores given."
    top = distribution.loc[distribution["score"] == distribution["score"].max()].sort_values("share", ascending=False)
    low = distribution.loc[distribution["score"] == distribution["score"].min()].sort_values("share", ascending=False)
    return join_clauses([f"{top.iloc[0]['criterion']} is scored {top.iloc[0]['label']} most often "
                         f"({number(100 * top.iloc[0]['share'])}% of its scores)",
                         f"{low.iloc[0]['criterion']} is scored {low.iloc[0]['label']} most often "
                         f"({number(100 * low.iloc[0]['share'])}%)"])


def disagreement_chart(table: pd.DataFrame, label: str, value: str = "disagreement", title: str = "") -> go.Figure:
    """Horizontal bars of scorer disagreement (mean spread of scores), most first."""
    frame = table.dropna(subset=[value]).sort_values(value, ascending=False)
    fig = go.Figure(layout=base_layout(title))
    fig.add_trace(go.Bar(orientation="h", y=[wrap(t, 40, max_lines=2) for t in frame[label]], x=frame[value].round(2),
                         marker={"color": PALETTE[0]}, text=[f"{v:.2f}" for v in frame[value]],
                         textposition="outside", cliponaxis=False, customdata=frame[label],
                         textfont={"family": FONT_FAMILY, "color": TEXT, "size": 12},
                         hovertemplate="%{customdata}<br>%{x}<extra></extra>", name="disagreement"))
    high = float(frame[value].max()) if not frame.empty else 1.0
    fig.update_layout(yaxis={"autorange": "reversed", "type": "category"}, showlegend=False,
                      xaxis={"range": [0, (high or 1.0) * 1.3], "title": {"text": "mean spread of scores (standard deviation)"}},
                      height=max(280, 120 + 36 * len(frame)))
    if frame.empty:
        return set_alt_text(fig, "No topic was scored by more than one member.")
    top = frame.iloc[0]
    return set_alt_text(fig, join_clauses([f"Scorers disagree most on {top[label]} ({top[value]:.2f})",
                                           f"{len(frame)} shown"]))


def topic_detail_chart(detail: pd.DataFrame, scorers: list[str], labels: dict, title: str = "",
                       horizontal: bool = False) -> go.Figure:
    """One topic: each scorer's score per criterion as markers, the mean as a bar.
    ``horizontal``: the criteria down the side, one bar each (for a phone, where eight
    columns of criterion names leave the bars no height; charts.narrow lays it out)."""
    fig = go.Figure(layout=base_layout(title))
    criteria = [wrap(c, 30, max_lines=3) for c in detail["criterion"]]
    along, across = ("y", "x") if horizontal else ("x", "y")
    fig.add_trace(go.Bar(**{along: criteria, across: detail["mean"].round(2)}, name="mean",
                         orientation="h" if horizontal else "v",
                         marker={"color": SEQUENTIAL[2], "line": {"color": PALETTE[0], "width": 1}},
                         text=[f"{v:.1f}" for v in detail["mean"]], textposition="inside",
                         insidetextanchor="start" if horizontal else "end",     # clear of the markers at its end
                         textfont={"family": FONT_FAMILY, "color": TEXT}))
    symbols = ("circle", "square", "diamond", "triangle-up", "x")
    for i, scorer in enumerate(scorers):
        fig.add_trace(go.Scatter(**{along: criteria, across: detail[scorer]}, mode="markers", name=str(scorer),
                                 marker={"size": 12, "symbol": symbols[i % len(symbols)],
                                         "color": PALETTE[(i + 1) % len(PALETTE)], "line": {"width": 1, "color": TEXT}}))
    levels = sorted(labels)
    scale = {"range": [min(0, levels[0]), levels[-1] + 0.5], "tickvals": levels,
             "ticktext": [f"{k} {labels[k]}" for k in levels]}
    if horizontal:
        fig.update_layout(xaxis=scale, yaxis={"type": "category", "autorange": "reversed"},
                          height=max(320, 140 + 56 * len(criteria)))
    else:
        fig.update_layout(yaxis=scale, height=420)
    fig.update_layout(bottom_legend())
    return set_alt_text(fig, _detail_alt(detail, scorers, title))


def _detail_alt(detail: pd.DataFrame, scorers: list[str], title: str) -> str:
    """Stands alone as the chart's accessible name: the subject, the top and bottom criteria."""
    ranked = detail.dropna(subset=["mean"]).sort_values("mean", ascending=False)
    if ranked.empty:
        return "No scores."
    best, worst = ranked.iloc[0], ranked.iloc[-1]
    clauses = [f"{title}: highest mean score on {best['criterion']} ({best['mean']:.1f})" if title
               else f"Highest mean score on {best['criterion']} ({best['mean']:.1f})"]
    if len(ranked) > 1:
        clauses.append(f"lowest on {worst['criterion']} ({worst['mean']:.1f})")
    clauses.append(f"scored by {len(scorers)} member{'s' if len(scorers) != 1 else ''}")
    return join_clauses(clauses)

"""One group's % positive on each statement beside the whole organisation's (a directorate's
own results, ``metrics.group_results.group_statements``).

A bar per statement for the group, with its % label, and a marker for everyone (all staff)
on the same row, so the comparison is read from position and the words, never colour
alone. A statement hidden for the group draws no bar and says why in words; the
organisation's marker stays, as it is published anyway. Only % positive is drawn: no
count, no interval (the group view publishes neither).
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.cells import collapse
from charts.palette import FONT_FAMILY, PALETTE, TEXT, base_layout, text_on
from charts.survey import _category_axis, _hidden_clauses, _hidden_labels, _suppressed_note
from charts.text import join_clauses, pct, round1, set_alt_text, wrap

GROUP_COLOUR, EVERYONE_COLOUR = PALETTE[0], PALETTE[3]


def group_positive_bars(table: pd.DataFrame, *, group: str, everyone: str, suppressed_label: str,
                        title: str = "", question: str = "question", value: str = "pct_positive",
                        comparator: str = "all_staff", reason: str | None = "hidden_because") -> go.Figure:
    """Horizontal bars of ``group``'s ``value`` per ``question``, most positive first, with
    ``everyone``'s ``comparator`` as a marker; hidden rows last, each saying why (its
    ``reason`` column's words, else ``suppressed_label``)."""
    frame = collapse(table, [question], [value, comparator])
    hidden_rows = frame[value].isna()
    shown = frame[~hidden_rows].sort_values(value, ascending=False, kind="stable")
    hidden = frame[hidden_rows]
    ordered = pd.concat([shown, hidden])
    labels = {q: wrap(q, 45) for q in frame[question]}
    categories = [labels[q] for q in ordered[question]]
    values = list(shown[value])
    fig = go.Figure(layout=base_layout(title))
    fig.add_trace(go.Bar(
        orientation="h", y=categories, x=round1(values) + [None] * len(hidden), name=group,
        marker={"color": GROUP_COLOUR}, text=[pct(v) for v in values] + [""] * len(hidden),
        textposition="inside", insidetextanchor="start",     # clear of the marker near the bar end
        textfont={"family": FONT_FAMILY, "color": text_on(GROUP_COLOUR), "size": 13},
        customdata=[str(q) for q in ordered[question]],
        hovertemplate=f"%{{customdata}}<br>{group}: %{{x:.0f}}% positive<extra></extra>",
    ))
    fig.add_trace(go.Scatter(
        y=categories, x=round1(ordered[comparator]), mode="markers", name=everyone,
        marker={"color": EVERYONE_COLOUR, "symbol": "diamond", "size": 13, "line": {"color": TEXT, "width": 1}},
        customdata=[str(q) for q in ordered[question]],
        hovertemplate=f"%{{customdata}}<br>{everyone}: %{{x:.0f}}% positive<extra></extra>",
    ))
    why = _hidden_labels(table, list(hidden[question]), question, suppressed_label, reason)
    for q, words in zip(hidden[question], why):
        _suppressed_note(fig, words, labels[q])
    _category_axis(fig, categories)
    fig.update_layout(legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "traceorder": "normal"})
    fig.update_xaxes(range=[0, 100], tickvals=list(range(0, 101, 20)), ticksuffix="%",
                     title={"text": "% positive"})
    return set_alt_text(fig, _alt(shown, why, group, everyone, question, value, comparator))


def _alt(shown: pd.DataFrame, why: list[str], group: str, everyone: str, question: str, value: str,
         comparator: str) -> str:
    if shown.empty:
        return f"No results shown for {group}." + _hidden_clauses(why, "question")
    best, worst = shown.iloc[0], shown.iloc[-1]

    def beside(row) -> str:
        other = row[comparator]
        return "" if pd.isna(other) else f"; {everyone.lower()} {pct(other)}"

    clauses = [f'{group}, most positive: "{best[question]}" ({pct(best[value])} positive{beside(best)})']
    if len(shown) > 1:
        clauses.append(f'least positive: "{worst[question]}" ({pct(worst[value])}{beside(worst)})')
    compared = shown.dropna(subset=[comparator])
    if len(compared):
        above = int((compared[value] > compared[comparator]).sum())
        clauses.append(f"above {everyone.lower()} on {above} of {len(compared)} statements")
    return join_clauses(clauses) + _hidden_clauses(why, "question")

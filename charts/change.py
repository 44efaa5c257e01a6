"""The questions that moved: change in % positive since the previous wave, with its interval.

One horizontal bar per question, biggest change first, an error bar for the 95% interval
(Newcombe), and a label that says the change and the verdict in words ("+11 pts, real
change"), so neither colour nor the bar alone carries the meaning. A question with no
comparison (a wave under the reporting threshold, or no earlier wave) is listed with a
note instead of a bar.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.palette import FONT_FAMILY, MUTED, PALETTE, TEXT, base_layout
from charts.text import join_clauses, set_alt_text, wrap

REAL = "real change"
NO_COMPARISON = "no comparison"


def _label(change: float, verdict: object) -> str:
    return f"{change:+.0f} pts, {verdict}"


def change_bars(table: pd.DataFrame, question: str = "question", title: str = "") -> go.Figure:
    """Bars of ``change`` (percentage points) with ``lower``/``upper`` and ``verdict``."""
    frame = table.copy()
    frame["_size"] = frame["change"].abs()
    shown = frame.dropna(subset=["change"]).sort_values("_size", ascending=False, kind="stable")
    hidden = frame[frame["change"].isna()]
    labels = [wrap(str(q), 45) for q in shown[question]] + [wrap(str(q), 45) for q in hidden[question]]
    real = shown["verdict"].eq(REAL).fillna(False).tolist()
    fig = go.Figure(layout=base_layout(title))
    fig.add_trace(go.Bar(
        orientation="h", y=labels, x=shown["change"].round(1).tolist() + [None] * len(hidden),
        marker={"color": [PALETTE[0] if r else PALETTE[4] for r in real] + [None] * len(hidden),
                "pattern": {"shape": ["" if r else "/" for r in real] + [""] * len(hidden)}},
        error_x={"type": "data", "symmetric": False, "color": TEXT, "thickness": 1.2,
                 "array": (shown["upper"] - shown["change"]).round(1).tolist() + [None] * len(hidden),
                 "arrayminus": (shown["change"] - shown["lower"]).round(1).tolist() + [None] * len(hidden)},
        customdata=[str(q) for q in shown[question]] + [str(q) for q in hidden[question]],
        hovertemplate="%{customdata}<br>%{x:+.0f} points<extra></extra>", showlegend=False, name="change",
    ))
    reach = max([abs(v) for v in pd.concat([shown["lower"], shown["upper"]]).dropna()] + [10.0])
    words = [_label(c, v) for c, v in zip(shown["change"], shown["verdict"])] + [NO_COMPARISON] * len(hidden)
    # the verdict in words, in a column right of the bars, clear of the intervals (one update:
    # add_annotation per question copies every annotation so far, quadratic in the questions)
    fig.update_layout(annotations=[*fig.layout.annotations, *(
        {"x": reach * 1.08, "y": label, "xref": "x", "yref": "y", "xanchor": "left", "showarrow": False,
         "text": f"<b>{word}</b>" if is_real else word,
         "font": {"family": FONT_FAMILY, "size": 12, "color": TEXT if is_real else MUTED}}
        for label, word, is_real in zip(labels, words, real + [False] * len(hidden)))])
    fig.update_layout(yaxis={"type": "category", "categoryorder": "array", "categoryarray": labels,
                             "autorange": "reversed", "showgrid": False},
                      height=max(260, 130 + 44 * len(labels)))
    fig.update_xaxes(range=[-reach * 1.05, reach * 1.75], zeroline=True, zerolinecolor=TEXT,
                     title={"text": "Change in % positive since the previous wave (points, 95% interval)"})
    return set_alt_text(fig, _alt(shown, hidden, question))


def _alt(shown: pd.DataFrame, hidden: pd.DataFrame, question: str) -> str:
    if shown.empty:
        return "No changes to show."
    n_real = int(shown["verdict"].eq(REAL).sum())
    top = shown.iloc[0]
    text = join_clauses([f'Biggest change: "{top[question]}" {_label(top["change"], top["verdict"])}',
                         f"{n_real} of {len(shown)} changes are more than noise"])
    if len(hidden):
        text += f" {len(hidden)} question{'s' if len(hidden) > 1 else ''} with no comparison."
    return text

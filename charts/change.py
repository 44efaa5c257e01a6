"""The questions that moved: change in % positive since the previous wave, with its interval.

One horizontal bar per question, biggest change first, an error bar for the 95% interval
(Newcombe), and a label that says the change and the verdict in words ("+11 pts, real
change"), so neither colour nor the bar alone carries the meaning. A question with no
comparison (too few answers this wave or the last, or no earlier wave) is listed after
the bars with words saying why instead of a bar: no bar, no interval, no colour of its own.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.absent import REASON
from charts.palette import FONT_FAMILY, MUTED, PALETTE, TEXT, base_layout
from charts.text import join_clauses, row_height, set_alt_text, wrap

REAL = "real change"
HIDDEN_NOW = "no comparison: hidden this wave"
NO_EARLIER = "no comparison: no earlier figure"
REAL_COLOUR, NOISE_COLOUR = PALETTE[0], PALETTE[4]


def _label(change: float, verdict: object) -> str:
    return f"{change:+.0f} pts, {verdict}"


def no_comparison_words(row: pd.Series) -> str:
    """Why a question has no change to show, in words: hidden this wave (with the table's
    reason, "fewer than 10 answers", when it gives one), or no earlier figure."""
    if "pct_positive" in row.index and pd.isna(row["pct_positive"]):
        reason = row.get(REASON)
        return f"no comparison this wave: {reason}" if isinstance(reason, str) and reason else HIDDEN_NOW
    return NO_EARLIER


def _split(table: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The questions with a change (biggest first) and those without one (in table order)."""
    frame = table.copy()
    frame["_size"] = pd.to_numeric(frame["change"], errors="coerce").abs()
    has_change = frame["_size"].notna()
    return (frame[has_change].sort_values("_size", ascending=False, kind="stable"), frame[~has_change])


def _bar_trace(shown: pd.DataFrame, hidden: pd.DataFrame, labels: list[str], question: str) -> go.Bar:
    """The bars: solid for a real change, hatched for noise; a question with no comparison
    keeps its row (its words go there) with no bar, no interval and a plain muted colour."""
    real = shown["verdict"].eq(REAL).fillna(False).tolist()
    change = shown["change"].astype(float)
    none = [None] * len(hidden)
    return go.Bar(
        orientation="h", y=labels, x=change.round(1).tolist() + none,
        marker={"color": [REAL_COLOUR if r else NOISE_COLOUR for r in real] + [MUTED] * len(hidden),
                "pattern": {"shape": ["" if r else "/" for r in real] + [""] * len(hidden)}},
        error_x={"type": "data", "symmetric": False, "color": TEXT, "thickness": 1.2,
                 "array": (shown["upper"].astype(float) - change).round(1).tolist() + none,
                 "arrayminus": (change - shown["lower"].astype(float)).round(1).tolist() + none},
        customdata=[str(q) for q in shown[question]] + [str(q) for q in hidden[question]],
        hovertemplate="%{customdata}<br>%{x:+.0f} points<extra></extra>", showlegend=False, name="change",
    )


def _word_column(labels: list[str], words: list[str], real: list[bool], x: float) -> list[dict]:
    """The verdict (or why there is none) in words, one annotation per question, in a column
    right of the bars, clear of the intervals."""
    return [{"x": x, "y": label, "xref": "x", "yref": "y", "xanchor": "left", "showarrow": False,
             "text": f"<b>{word}</b>" if is_real else wrap(word, 30),
             "font": {"family": FONT_FAMILY, "size": 12, "color": TEXT if is_real else MUTED}}
            for label, word, is_real in zip(labels, words, real)]


def change_bars(table: pd.DataFrame, question: str = "question", title: str = "") -> go.Figure:
    """Bars of ``change`` (percentage points) with ``lower``/``upper`` and ``verdict``."""
    shown, hidden = _split(table)
    labels = [wrap(str(q), 45) for q in shown[question]] + [wrap(str(q), 45) for q in hidden[question]]
    fig = go.Figure(layout=base_layout(title))
    fig.add_trace(_bar_trace(shown, hidden, labels, question))
    reach = max([abs(float(v)) for v in pd.concat([shown["lower"], shown["upper"]]).dropna()] + [10.0])
    words = ([_label(c, v) for c, v in zip(shown["change"], shown["verdict"])]
             + [no_comparison_words(row) for _, row in hidden.iterrows()])
    real = shown["verdict"].eq(REAL).fillna(False).tolist() + [False] * len(hidden)
    # one update: add_annotation per question copies every annotation so far (quadratic)
    fig.update_layout(annotations=[*fig.layout.annotations, *_word_column(labels, words, real, reach * 1.08)])
    fig.update_layout(yaxis={"type": "category", "categoryorder": "array", "categoryarray": labels,
                             "autorange": "reversed", "showgrid": False},
                      height=max(260, 130 + row_height(labels) * len(labels)))
    fig.update_xaxes(range=[-reach * 1.05, reach * 1.75], zeroline=True, zerolinecolor=TEXT,
                     title={"text": "Change in % positive since the previous wave (points, 95% interval)"})
    return set_alt_text(fig, _alt(shown, hidden, question))


def _alt(shown: pd.DataFrame, hidden: pd.DataFrame, question: str) -> str:
    if shown.empty:
        return join_clauses([f"No changes to show: {len(hidden)} question{'s' if len(hidden) != 1 else ''} "
                             "with no comparison"]) if len(hidden) else "No changes to show."
    n_real = int(shown["verdict"].eq(REAL).sum())
    top = shown.iloc[0]
    text = join_clauses([f'Biggest change: "{top[question]}" {_label(top["change"], top["verdict"])}',
                         f"{n_real} of {len(shown)} changes are more than noise"])
    if len(hidden):
        text += f" {len(hidden)} question{'s' if len(hidden) > 1 else ''} with no comparison."
    return text

"""Survey result charts: % positive by question, answer distribution, group x theme heatmap.

Input is aggregated (one row per question or per group and theme), never respondent rows.
A suppressed result (NA: fewer than N responses, or hidden to protect a small group) is
never drawn as a bar or a number: its row or cell says why in words instead ("fewer than
N responses", or the table's own reason), and nothing else about it (such as an interval
or a count) is carried into the figure. Bars carry value labels and cells
carry their number, so colour is never the only signal.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.cells import binned_scale, collapse, fill_for, grid_axes, mask_layer, value_layers
from charts.palette import FONT_FAMILY, MUTED, PALETTE, STATUS_COLOURS, base_layout, text_on
from charts.text import is_missing, join_clauses, number, pct, round1, row_height, set_alt_text, wrap

ANSWER_COLUMNS = ("pct_negative", "pct_neutral", "pct_positive")
ANSWER_NAMES = ("Negative", "Neutral", "Positive")
ANSWER_COLOURS = (PALETTE[2], STATUS_COLOURS["Superseded"], PALETTE[0])


def _suppressed_note(fig: go.Figure, label: str, wrapped: str) -> None:
    fig.add_annotation(x=0, y=wrapped, xref="x", yref="y", xanchor="left", showarrow=False, text=label,
                       font={"family": FONT_FAMILY, "size": 13, "color": MUTED}, name="suppressed")


def _hidden_clause(count: int, noun: str, label: str) -> str:
    if not count:
        return ""
    return f" {count} {noun}{'' if count == 1 else 's'} not shown: {label}."


def _hidden_labels(table: pd.DataFrame, hidden: list, key: str, default: str, reason: str | None) -> list[str]:
    """Why each hidden row is hidden: its own ``reason`` column's words where the table
    says (a statement can be hidden to protect a small group, not only for its size),
    else ``default``."""
    if not reason or reason not in table:
        return [default] * len(hidden)
    said = {k: v for k, v in zip(table[key], table[reason]) if isinstance(v, str) and v}
    return [said.get(k, default) for k in hidden]


def _hidden_clauses(labels: list[str], noun: str) -> str:
    """The clause ' 2 questions not shown: fewer than 10 answers.' once per distinct reason."""
    return "".join(_hidden_clause(labels.count(label), noun, label) for label in dict.fromkeys(labels))


def _category_axis(fig: go.Figure, categories: list[str]) -> None:
    fig.update_layout(yaxis={"type": "category", "categoryorder": "array", "categoryarray": categories,
                             "autorange": "reversed", "showgrid": False},
                      height=max(260, 130 + row_height(categories) * len(categories)))


def answer_distribution(table: pd.DataFrame, *, suppressed_label: str, question: str = "question", title: str = "",
                        columns: tuple[str, str, str] = ANSWER_COLUMNS,
                        sort: bool = True, reason: str | None = "hidden_because") -> go.Figure:
    """100% stacked bars: negative | neutral | positive per question, with % labels. A
    hidden question says why: its ``reason`` column's words, else ``suppressed_label``."""
    frame = collapse(table, [question], list(columns))
    hidden_rows = frame[list(columns)].isna().any(axis=1)
    shown, hidden = frame[~hidden_rows], frame[hidden_rows]
    if sort:
        shown = shown.sort_values(columns[2], ascending=False, kind="stable")
    labels = {q: wrap(q, 45) for q in frame[question]}
    categories = [labels[q] for q in shown[question]] + [labels[q] for q in hidden[question]]
    fig = go.Figure(layout=base_layout(title))
    for column, name, colour in zip(columns, ANSWER_NAMES, ANSWER_COLOURS):
        values = list(shown[column])
        fig.add_trace(go.Bar(
            orientation="h", y=categories, x=round1(values) + [None] * len(hidden), name=name,
            marker={"color": colour, "line": {"color": "#FFFFFF", "width": 1}},
            text=[pct(v) if v >= 5 else "" for v in values] + [""] * len(hidden),
            textposition="inside", insidetextanchor="middle",
            textfont={"family": FONT_FAMILY, "color": text_on(colour), "size": 13},
            customdata=[str(q) for q in shown[question]] + [str(q) for q in hidden[question]],
            hovertemplate=f"%{{customdata}}<br>{name}: %{{x:.0f}}%<extra></extra>",
        ))
    why = _hidden_labels(table, list(hidden[question]), question, suppressed_label, reason)
    for q, words in zip(hidden[question], why):
        _suppressed_note(fig, words, labels[q])
    _category_axis(fig, categories)
    fig.update_layout(barmode="stack", legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom",
                                                "traceorder": "normal"})
    fig.update_xaxes(range=[0, 100], tickvals=list(range(0, 101, 20)), ticksuffix="%",
                     title={"text": "% of answers"})
    return set_alt_text(fig, _distribution_alt(shown, why, question, columns))


def _distribution_alt(shown, why: list[str], question, columns) -> str:
    negative, _, positive = columns
    if shown.empty:
        return "No results shown." + _hidden_clauses(why, "question")
    best = shown.loc[shown[positive].idxmax()]
    worst = shown.loc[shown[negative].idxmax()]
    text = join_clauses([
        f'Most positive: "{best[question]}" ({pct(best[positive])} positive, {pct(best[negative])} negative)',
        f'most negative: "{worst[question]}" ({pct(worst[negative])} negative)',
    ])
    return text + _hidden_clauses(why, "question")


def group_heatmap(table: pd.DataFrame, *, suppressed_label: str, row: str = "group", column: str = "theme",
                  value: str = "score", title: str = "", suffix: str = "%",
                  zrange: tuple[float, float] | None = None) -> go.Figure:
    """Rows x columns of scores, the number in each cell; suppressed cells grey with the label."""
    frame = collapse(table, [row, column], [value])
    rows = [str(r) for r in pd.unique(frame[row])]
    cols = [str(c) for c in pd.unique(frame[column])]
    lookup = {(str(r), str(c)): v for r, c, v in zip(frame[row], frame[column], frame[value])}
    scores = frame[value].dropna()
    zmin, zmax = zrange or ((float(scores.min()), float(scores.max())) if not scores.empty else (0.0, 100.0))
    z = [[None if is_missing(lookup.get((r, c))) else round(float(lookup[(r, c)]), 1) for c in cols] for r in rows]
    texts = [[None if v is None else number(v, suffix) for v in zr] for zr in z]
    fills = [[None if v is None else fill_for(v, zmin, zmax) for v in zr] for zr in z]
    mask = [[(r, c) in lookup and is_missing(lookup[(r, c)]) for c in cols] for r in rows]
    fig = go.Figure(layout=base_layout(title))
    fig.add_traces(value_layers(z, texts, fills, cols, rows, binned_scale(), zmin, zmax, size=15))
    if any(any(m) for m in mask):
        fig.add_trace(mask_layer(mask, wrap(suppressed_label, 14), cols, rows))
    grid_axes(fig, rows, cols, col_labels=[wrap(c, 16, max_lines=3) for c in cols])
    return set_alt_text(fig, _heatmap_alt(frame, row, column, value, suffix, suppressed_label))


def _heatmap_alt(frame, row, column, value, suffix, label) -> str:
    shown = frame.dropna(subset=[value])
    hidden = int(frame[value].isna().sum())
    if shown.empty:
        return "No results shown." + _hidden_clause(hidden, "cell", label)
    top = shown.loc[shown[value].idxmax()]
    low = shown.loc[shown[value].idxmin()]
    text = join_clauses([f"Highest: {top[row]} on {top[column]} ({number(top[value], suffix)})",
                         f"lowest: {low[row]} on {low[column]} ({number(low[value], suffix)})"])
    return text + _hidden_clause(hidden, "cell", label)

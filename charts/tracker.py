"""Tracker charts for the Governance page: transitions between two snapshots, and one
action's history.

The transitions chart is a from-status x to-status grid: each cell says how many actions
went from one status to the other, in words and numbers, shaded by count (never colour
alone). The history chart draws the action's due date at each snapshot; each point is
coloured by its RAG and labelled with the RAG word, or, where the action was overdue, drawn
in the overdue colour as a cross and labelled so ("Green, 16 days overdue").
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.palette import (FONT_FAMILY, MUTED, SEQUENTIAL, STATUS_COLOURS, TEXT, base_layout, date_range,
                            interpolate, status_fill, text_on)
from charts.text import day, iso, set_alt_text
from settings.labels import label


def transitions_chart(table: pd.DataFrame, before, after, title: str = "") -> go.Figure:
    """Heatmap of a metrics.tracker.transitions table, zero rows and columns left out."""
    table = table.loc[table.sum(axis=1) > 0, table.sum(axis=0) > 0]
    fig = go.Figure(layout=base_layout(title))
    if table.empty:
        return set_alt_text(fig, "No actions in these snapshots.")
    rows, cols = [str(r) for r in table.index], [str(c) for c in table.columns]
    z = table.to_numpy()
    top = int(z.max()) or 1
    light_to_dark = [SEQUENTIAL[-1], SEQUENTIAL[0]]
    colours = [[0, "#FFFFFF"], [1e-9, light_to_dark[0]], [1, light_to_dark[1]]]
    fig.add_trace(go.Heatmap(z=z, zmin=0, zmax=top, x=cols, y=rows, colorscale=colours, showscale=False, xgap=2, ygap=2,
                             hovertemplate="From %{y} to %{x}: %{z} actions<extra></extra>"))
    fig.update_layout(annotations=[*fig.layout.annotations, *(   # one update, not one per cell
        {"x": col, "y": row, "text": str(int(z[i, j])), "showarrow": False,
         "font": {"family": FONT_FAMILY, "size": 14,
                  "color": text_on(interpolate(light_to_dark, z[i, j] / top)) if z[i, j] else MUTED}}
        for i, row in enumerate(rows) for j, col in enumerate(cols))])
    fig.update_xaxes(title={"text": f"Status at {day(after)}"}, side="bottom", type="category")
    fig.update_yaxes(title={"text": f"Status at {day(before)}"}, autorange="reversed", type="category")
    fig.update_layout(height=140 + 44 * len(rows))
    return set_alt_text(fig, _transitions_alt(table, before, after))


def _transitions_alt(table: pd.DataFrame, before, after) -> str:
    same = sum(int(table.loc[s, s]) for s in table.index if s in table.columns)
    total = int(table.to_numpy().sum())
    moves = [(int(table.loc[r, c]), r, c) for r in table.index for c in table.columns if r != c and table.loc[r, c]]
    text = f"From {day(before)} to {day(after)}, {same} of {total} actions kept their status"
    if moves:
        n, r, c = max(moves)
        text += f"; the largest move was {n} from {r} to {c}"
    return text + "."


def action_history_chart(history: pd.DataFrame, reference: str, title: str = "") -> go.Figure:
    """Due date (y) at each snapshot (x), points coloured and labelled by RAG status."""
    fig = go.Figure(layout=base_layout(title))
    dated = history.dropna(subset=["due_date"])
    if dated.empty:
        return set_alt_text(fig, f"{reference} has no due date in any snapshot.")
    statuses = dated["status"].astype("string").fillna("No status")
    late = [s.endswith(" overdue") for s in statuses]
    fig.add_trace(go.Scatter(
        x=iso(dated["snapshot_date"]), y=iso(dated["due_date"]), mode="lines+markers+text",
        # neighbours' labels above and below in turn, a long one over two lines, so none overlaps the next
        text=[s.replace(", ", ",<br>", 1) for s in statuses], customdata=list(statuses),
        textposition=["top center" if i % 2 == 0 else "bottom center" for i in range(len(statuses))],
        name=reference, showlegend=False,
        line={"color": MUTED, "width": 2},
        marker={"size": 14, "color": [status_fill(s) or MUTED for s in statuses],
                "symbol": ["x" if x else "circle" for x in late], "line": {"color": TEXT, "width": 1}},
        textfont={"family": FONT_FAMILY, "color": TEXT, "size": 12}, cliponaxis=False,
        hovertemplate="Reported %{x|%d %b %Y}<br>Due %{y|%d %b %Y}<br>%{customdata}<extra></extra>"))
    first, last = dated["snapshot_date"].min(), dated["snapshot_date"].max()
    fig.update_xaxes(type="date", tickformat="%b %Y", title={"text": "Reporting date"},
                     range=date_range(first, last, share=0.08, minimum_days=30))
    fig.update_yaxes(type="date", tickformat="%b %Y", title={"text": "Due date"},
                     range=date_range(dated["due_date"].min(), dated["due_date"].max(), share=0.1, minimum_days=90))
    return set_alt_text(fig, _history_alt(dated, statuses, reference))


def _history_alt(dated: pd.DataFrame, statuses: pd.Series, reference: str) -> str:
    first, last = dated.iloc[0], dated.iloc[-1]
    text = (f"{reference}: at {day(first['snapshot_date'])} due {day(first['due_date'])} and {statuses.iloc[0]}; "
            f"at {day(last['snapshot_date'])} due {day(last['due_date'])} and {statuses.iloc[-1]}")
    moved = (last["due_date"] - first["due_date"]).days
    return text + (f", {moved} days later than first planned." if moved > 0 else ".")


STATUS_COLUMNS = (label("status"), label("status_now"))   # as the tables name them


def status_styler(frame: pd.DataFrame, columns: tuple[str, ...] = STATUS_COLUMNS,
                  colours: dict[str, str] = STATUS_COLOURS):
    """A pandas Styler filling each status cell with its colour (``colours``: cell text -> fill;
    an overdue status, "Green, 16 days overdue", the overdue colour); the word stays in the cell."""
    def colour(value) -> str:
        fill = status_fill(value, colours)
        return f"background-color: {fill}; color: {text_on(fill)}; font-weight: 600" if fill else ""
    present = [c for c in columns if c in frame.columns]
    dates = [c for c in frame.columns if pd.api.types.is_datetime64_any_dtype(frame[c])]
    shown = frame.copy()
    for column in frame.columns:   # a missing value shows blank, not "None"; one type per column
        if column in dates:
            shown[column] = [day(d) if pd.notna(d) else "" for d in frame[column]]
        elif frame[column].isna().any():
            shown[column] = [_text(v) for v in frame[column]]
    styler = shown.style
    return styler.map(colour, subset=present) if present else styler


def _text(value) -> str:
    if pd.isna(value):
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)

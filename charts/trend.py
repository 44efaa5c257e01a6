"""Trend lines over survey waves (or any dated series) on a true date axis.

Waves are irregular, so x is a real date axis. Each series differs by colour, marker
symbol and dash, and carries a direct end label, so colour is never the only signal. An
optional interval (lower/upper columns) is drawn as a translucent band per series.
Suppressed points (NA value) leave gaps, and their interval is dropped too, so nothing
about a small group reaches the figure. The alt text states each series' change from its
first to its last shown point.
"""
from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go

from charts.milestones import add_milestones
from charts.palette import (SERIES_ORDER, DASHES, FONT_FAMILY, PALETTE, SYMBOLS, base_layout, bottom_legend, date_range,
                            readable, rgba)
from charts.text import iso, month, number, round1, set_alt_text, to_dates, join_clauses
from settings.labels import measure_series

END_LABEL_WIDTH = 18   # characters per line of a long end label (over END_LABEL_MAX): it wraps, not widens the margin
END_LABEL_MAX = 24


def _prepare(table: pd.DataFrame, x: str, y: str, series: str, bounds: list[str]) -> pd.DataFrame:
    """One row per (series, x), sorted; duplicates averaged (NA if any duplicate is NA).

    The interval of a suppressed point is blanked so it cannot leak.
    """
    frame = table[[series, x, y, *bounds]].copy()
    frame[x] = to_dates(frame[x]).values
    for column in [y, *bounds]:
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    frame = frame.dropna(subset=[x])
    frame = frame.groupby([series, x], sort=False).mean(skipna=False).reset_index()
    frame.loc[frame[y].isna(), bounds] = float("nan")
    order = {name: i for i, name in enumerate(pd.unique(table[series]))}
    frame["_order"] = frame[series].map(order)
    return frame.sort_values(["_order", x]).drop(columns="_order")


def _runs(part: pd.DataFrame, columns: list[str]) -> list[pd.DataFrame]:
    """Contiguous stretches of points where every one of ``columns`` is shown (non-NA)."""
    shown = part[columns].notna().all(axis=1)
    run_id = (shown != shown.shift()).cumsum()
    return [chunk for _, chunk in part[shown].groupby(run_id[shown])]


def _band(part: pd.DataFrame, x: str, y: str, lower: str, upper: str, name: str, colour: str) -> go.Scatter:
    """One translucent polygon per run of shown points, separated by gaps."""
    xs, ys = [], []
    for run in _runs(part, [y, lower, upper]):
        dates = iso(run[x])
        xs += dates + dates[::-1] + [None]
        ys += round1(run[upper]) + round1(run[lower])[::-1] + [None]
    return go.Scatter(x=xs, y=ys, fill="toself", fillcolor=rgba(colour, 0.15), mode="lines",
                      line={"width": 0, "color": colour}, hoverinfo="skip", showlegend=False,
                      legendgroup=name, name=f"{name} interval")


def _line(part: pd.DataFrame, x: str, y: str, name: str, i: int, suffix: str) -> go.Scatter:
    colour = PALETTE[i % len(PALETTE)]
    return go.Scatter(
        x=iso(part[x]), y=round1(part[y]), name=name, legendgroup=name, mode="lines+markers",
        connectgaps=False,
        line={"color": colour, "dash": DASHES[i % len(DASHES)], "width": 2.5},
        marker={"color": colour, "symbol": SYMBOLS[i % len(SYMBOLS)], "size": 9},
        hovertemplate=f"{name}<br>%{{x|%b %Y}}: %{{y:.0f}}{suffix}<extra></extra>",
    )


def _spread(values: list[float], gap: float) -> list[float]:
    """Push sorted label positions apart so neighbours are at least ``gap`` apart."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    placed = list(values)
    for prev, cur in zip(order, order[1:]):
        placed[cur] = max(placed[cur], placed[prev] + gap)
    return placed


def _end_labels(fig: go.Figure, ends: list[tuple[str, pd.Timestamp, float, str]], gap: float, suffix: str) -> None:
    ys = _spread([value for _, _, value, _ in ends], gap)
    fig.update_layout(annotations=[*fig.layout.annotations, *(     # one update, not one per series
        {"x": iso([date])[0], "y": round(y, 1), "text": _end_text(name, value, suffix), "showarrow": False, "align": "left",
         "xanchor": "left", "xshift": 10, "font": {"family": FONT_FAMILY, "size": 12, "color": readable(colour)}}
        for (name, date, value, colour), y in zip(ends, ys))])


def _end_text(name: str, value: float, suffix: str) -> str:
    """'Culture 62%'; a long one (a measure's name) over lines of END_LABEL_WIDTH characters."""
    text = f"{name} {number(value, suffix)}"
    return text if len(text) <= END_LABEL_MAX else "<br>".join(textwrap.wrap(text, END_LABEL_WIDTH))


def _change(name: str, part: pd.DataFrame, x: str, y: str, suffix: str) -> str:
    shown = part.dropna(subset=[y])
    if shown.empty:
        return f"{name}: no results shown"
    first, last = shown.iloc[0], shown.iloc[-1]
    a, b = number(first[y], suffix), number(last[y], suffix)
    if len(shown) == 1:
        return f"{name} was {a} in {month(first[x])}"
    verb = "rose" if b != a and last[y] > first[y] else "fell" if b != a else "was unchanged"
    if verb == "was unchanged":
        return f"{name} was {a} in {month(first[x])} and {b} in {month(last[x])}"
    return f"{name} {verb} from {a} in {month(first[x])} to {b} in {month(last[x])}"


def series_style_index(name: str, present: list[str]) -> int:
    """The palette position of a series: fixed for the named series in the palette file
    (Culture, Partnership, Governance look the same on every chart); other series take the
    free positions in order of appearance. A measure's display name (config/labels.toml
    [measures]) keeps its series' place."""
    name, present = measure_series(name), [measure_series(p) for p in present]
    if name in SERIES_ORDER:
        return SERIES_ORDER.index(name)
    taken = {SERIES_ORDER.index(p) for p in present if p in SERIES_ORDER}
    free = [i for i in range(len(present) + len(SERIES_ORDER)) if i not in taken]
    return free[[p for p in present if p not in SERIES_ORDER].index(name)]


def trend_chart(table: pd.DataFrame, x: str = "wave_date", y: str = "value", series: str = "series",
                lower: str | None = None, upper: str | None = None, events: pd.DataFrame | None = None,
                title: str = "", y_title: str = "% positive", y_range: tuple[float, float] | None = (0, 100),
                suffix: str = "%", start=None, end=None) -> go.Figure:
    """One line per series over a date axis, optional interval bands and milestones.

    ``start``/``end`` widen the date range shown (and the milestones drawn) beyond the data.
    """
    bounds = [lower, upper] if lower and upper else []
    frame = _prepare(table, x, y, series, bounds)
    fig = go.Figure(layout=base_layout(title))
    clauses, ends = [], []
    for name, part in frame.groupby(series, sort=False):
        name = str(name)
        i = series_style_index(name, list(frame[series].drop_duplicates().astype(str)))
        colour = PALETTE[i % len(PALETTE)]
        if bounds:
            fig.add_trace(_band(part, x, y, lower, upper, name, colour))
        fig.add_trace(_line(part, x, y, name, i, suffix))
        clauses.append(_change(name, part, x, y, suffix))
        shown = part.dropna(subset=[y])
        if not shown.empty:
            ends.append((name, shown.iloc[-1][x], float(shown.iloc[-1][y]), colour))
    span = (y_range[1] - y_range[0]) if y_range else max(frame[y].max() - frame[y].min(), 1.0)
    _end_labels(fig, ends, gap=span * 0.06, suffix=suffix)
    longest = max((len(line) for e in ends for line in _end_text(e[0], e[2], suffix).split("<br>")), default=0) + 1
    fig.update_layout(bottom_legend())
    fig.update_layout(
        margin={"r": min(24 + 7 * longest, 260)},
        xaxis={"type": "date", "tickformat": "%b %Y", "title": {"text": "Survey wave" if x == "wave_date" else ""}},
        yaxis={"title": {"text": y_title}, "range": list(y_range) if y_range else None,
               "ticksuffix": suffix if suffix == "%" else ""},
        hovermode="closest",
    )
    dates = frame[x].dropna()
    if (start is not None or not dates.empty) and (end is not None or not dates.empty):
        first = start if start is not None else dates.min()
        last = end if end is not None else dates.max()
        fig.update_xaxes(range=date_range(first, last))
    alt = join_clauses(clauses) or "No results to show."
    if frame[y].isna().any():
        alt += " Gaps mark results not shown because too few people responded."
    if bounds:
        alt += " Shaded bands show the interval around each result."
    set_alt_text(fig, alt)
    return add_milestones(fig, events, start=start, end=end)

"""Trend lines over survey waves (or any dated series) on a true date axis.

Waves are irregular, so x is a real date axis. Each series differs by colour, marker
symbol and dash, and carries a direct end label, so colour is never the only signal. An
optional interval (lower/upper columns) is drawn as a translucent band per series.
Suppressed points (NA value) leave gaps, and their interval is dropped too, so nothing
about a small group reaches the figure. The alt text states each series' change from its
first to its last shown point. Where the table carries them (metrics.journey_marks), each
series' baseline point is ringed and each real change from the previous result is marked
"real rise" or "real fall" on the line itself, both named in the legend and the alt text.
"""
from __future__ import annotations


import pandas as pd
import plotly.graph_objects as go

from charts.milestones import add_milestones
from charts.palette import (SERIES_POSITIONS, DASHES, FONT_FAMILY, PALETTE, SYMBOLS, TEXT, base_layout, bottom_legend,
                            date_range, readable, rgba)
from charts.text import iso, month, number, round1, set_alt_text, to_dates, join_clauses, wrap


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


def _marks(table: pd.DataFrame, x: str, y: str, series: str, suffix: str) -> tuple[list[go.Scatter], list[str]]:
    """The baseline rings and the real-move marks, and what the alt text says of them."""
    traces, said = [], []
    if "baseline" in table:
        at = table[table["baseline"].fillna(False).astype(bool)].dropna(subset=[y])
        if len(at):
            traces.append(go.Scatter(
                x=iso(to_dates(at[x])), y=round1(at[y]), mode="markers", name="Baseline (compared with)",
                marker={"symbol": "circle-open", "size": 20, "color": TEXT, "line": {"width": 2}},
                hovertemplate="Baseline: %{x|%b %Y}<extra></extra>"))
            said.append("Rings mark the baseline each result is compared with: " + ", ".join(
                f"{name} {month(when)}" for name, when in zip(at[series], to_dates(at[x]))))
    if "moved" in table:
        moved = table[table["moved"].isin(["up", "down"])].dropna(subset=[y])
        if len(moved):
            words = ["real rise" if m == "up" else "real fall" for m in moved["moved"]]
            traces.append(go.Scatter(
                x=iso(to_dates(moved[x])), y=round1(moved[y]), mode="markers+text", name="Real change from the previous result",
                text=words, textposition="top center", textfont={"family": FONT_FAMILY, "size": 11, "color": TEXT},
                marker={"symbol": ["triangle-up" if m == "up" else "triangle-down" for m in moved["moved"]],
                        "size": 13, "color": TEXT}, hovertemplate="%{text}: %{x|%b %Y}<extra></extra>"))
            said.append("Real changes from the previous result: " + ", ".join(
                f"{name} {word.removeprefix('real ')} to {number(value, suffix)} in {month(when)}"
                for name, word, value, when in zip(moved[series], words, moved[y], to_dates(moved[x]))))
        elif "baseline" in table:
            said.append("No change from one result to the next is more than noise")
    return traces, said


def _spread(values: list[float], gap: float) -> list[float]:
    """Push sorted label positions apart so neighbours are at least ``gap`` apart."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    placed = list(values)
    for prev, cur in zip(order, order[1:]):
        placed[cur] = max(placed[cur], placed[prev] + gap)
    return placed


#: An end label wraps at this many characters: a measure's full name ("Partner survey,
#: partnership theme: % positive") goes on up to three short lines beside its line's end.
END_LABEL_WIDTH = 22


def _end_label_text(name: str, value: float, suffix: str) -> str:
    """The series' name and last value, wrapped; "% positive" is never split across lines."""
    return wrap(f"{name} {number(value, suffix)}".replace("% ", "%\u00a0"), END_LABEL_WIDTH)


def _end_labels(fig: go.Figure, ends: list[tuple[str, pd.Timestamp, float, str]], gap: float,
                suffix: str) -> list[str]:
    """The end labels, spread so that neighbours do not overlap (``gap`` apart for one-line
    labels; a wrapped label's lines need half as much again each, and its neighbours are
    spread around where they were, not only pushed up); returns their texts."""
    texts = [_end_label_text(name, value, suffix) for name, _, value, _ in ends]
    lines = max((t.count("<br>") + 1 for t in texts), default=1)
    values = [value for _, _, value, _ in ends]
    ys = _spread(values, gap if lines == 1 else gap * 1.5 * lines)
    if lines > 1 and ys:
        shift = sum(y - v for y, v in zip(ys, values)) / len(ys) / 2
        ys = [y - shift for y in ys]
    fig.update_layout(annotations=[*fig.layout.annotations, *(     # one update, not one per series
        {"x": iso([date])[0], "y": round(y, 1), "text": text, "showarrow": False, "align": "left",
         "name": f"end label: {name}",
         "xanchor": "left", "xshift": 10, "font": {"family": FONT_FAMILY, "size": 12, "color": readable(colour)}}
        for (name, date, value, colour), y, text in zip(ends, ys, texts))])
    return texts


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
    (each front's measures look the same on every chart); other series take the free
    positions in order of appearance."""
    if name in SERIES_POSITIONS:
        return SERIES_POSITIONS[name]
    taken = {SERIES_POSITIONS[p] for p in present if p in SERIES_POSITIONS}
    free = [i for i in range(len(present) + len(SERIES_POSITIONS)) if i not in taken]
    return free[[p for p in present if p not in SERIES_POSITIONS].index(name)]


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
    marks, marked = _marks(table, x, y, series, suffix)
    fig.add_traces(marks)
    span = (y_range[1] - y_range[0]) if y_range else max(frame[y].max() - frame[y].min(), 1.0)
    texts = _end_labels(fig, ends, gap=span * 0.06, suffix=suffix)
    longest = max((len(line) for text in texts for line in text.split("<br>")), default=0)
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
    if marked:
        alt += " " + join_clauses(marked)
    set_alt_text(fig, alt)
    return add_milestones(fig, events, start=start, end=end)

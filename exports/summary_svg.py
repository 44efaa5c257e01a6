"""The improvement-journey chart as a static SVG, for the printed board summary.

A printed page cannot run plotly.js (and an intranet may not serve it), so the summary
draws the same chart itself: the three fronts on one true date axis, 0-100%, each with
its own colour, marker and dash, its interval band and an end label (wrapped, and
pushed clear of its neighbours); milestones as
numbered dashed lines (neighbours on two rows) with their key printed under the chart, so
no label overlaps another. Colours, markers
and dashes are the ones the app's charts use (charts/palette.py, charts/trend.py).
"""
from __future__ import annotations

import textwrap
from html import escape

import pandas as pd

from charts.palette import EVENT_COLOURS, GRID, MUTED, PALETTE, TEXT
from charts.trend import series_style_index

WIDTH, HEIGHT = 640, 230
LEFT, RIGHT, TOP, BOTTOM = 58, 125, 40, 30
END_LABEL_CHARS = 17   # an end label's line fits the right margin
NUMBER_GAP = 16   # milestone numbers closer than this (px) go on a second row
DASH = ("", "7 4", "2 3", "7 3 2 3", "10 4", "10 3 2 3")
END_LABEL_WIDTH, LINE_HEIGHT = 24, 11   # an end label's characters a line, and its line height


def _x(date, start: pd.Timestamp, end: pd.Timestamp) -> float:
    span = max((end - start).days, 1)
    return LEFT + (pd.Timestamp(date) - start).days / span * (WIDTH - LEFT - RIGHT)


def _y(value: float) -> float:
    return TOP + (100 - float(value)) / 100 * (HEIGHT - TOP - BOTTOM)


def _marker(index: int, x: float, y: float, colour: str) -> str:
    shape = index % 3
    if shape == 0:
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>'
    if shape == 1:
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'
    return (f'<polygon points="{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} {x - 5:.1f},{y:.1f}" '
            f'fill="{colour}"/>')


def _axes(start: pd.Timestamp, end: pd.Timestamp) -> list[str]:
    parts = []
    for value in range(0, 101, 25):
        y = _y(value)
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{TEXT}">{value}%</text>')
    for year in range(start.year + (start.month > 1), end.year + 1):
        x = _x(pd.Timestamp(year=year, month=1, day=1), start, end)
        parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{HEIGHT - BOTTOM}" y2="{HEIGHT - BOTTOM + 5}" '
                     f'stroke="{TEXT}"/><text x="{x:.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" '
                     f'fill="{TEXT}">{year}</text>')
    parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{HEIGHT - BOTTOM}" y2="{HEIGHT - BOTTOM}" stroke="{TEXT}"/>')
    middle = (TOP + HEIGHT - BOTTOM) / 2
    parts.append(f'<text transform="translate(14 {middle:.0f}) rotate(-90)" text-anchor="middle" fill="{TEXT}">'
                 'Per cent</text>')
    return parts


def _milestones(events: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> list[str]:
    parts, last_x, row = [], None, 0
    for number, event in enumerate(events.itertuples(), start=1):
        x = _x(event.date, start, end)
        row = 1 - row if last_x is not None and x - last_x < NUMBER_GAP else 0
        last_x = x
        colour = EVENT_COLOURS.get(str(event.kind), MUTED)
        parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{TOP - 4 - 14 * row}" y2="{HEIGHT - BOTTOM}" '
                     f'stroke="{colour}" stroke-dasharray="3 3"/><text x="{x:.1f}" y="{TOP - 8 - 14 * row}" '
                     f'text-anchor="middle" font-weight="700" fill="{TEXT}">{number}</text>')
    return parts


def _band(points: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp, colour: str) -> str:
    """The interval around a series as a translucent polygon (none where it has no interval)."""
    shown = points.dropna(subset=["lower", "upper"]) if {"lower", "upper"} <= set(points) else points.iloc[0:0]
    if len(shown) < 2:
        return ""
    upper = [f"{_x(d, start, end):.1f},{_y(v):.1f}" for d, v in zip(shown["date"], shown["upper"])]
    lower = [f"{_x(d, start, end):.1f},{_y(v):.1f}" for d, v in zip(shown["date"], shown["lower"])]
    return f'<polygon points="{" ".join(upper + lower[::-1])}" fill="{colour}" fill-opacity="0.15" stroke="none"/>'



def _end_labels(ends: list[tuple[str, float, float]]) -> list[str]:
    """Each series' name and last value beside its last point, wrapped (a measure's name is
    long: "Partner survey, partnership theme: % positive") and pushed apart so none overlaps
    another. ``ends``: (text, x, y of the last point)."""
    blocks = sorted(((textwrap.wrap(text.replace("% ", "%\u00a0"), END_LABEL_WIDTH) or [""], x, y)
                     for text, x, y in ends), key=lambda block: block[2])
    parts, floor = [], None
    for lines, x, y in blocks:
        top = y + 3 - LINE_HEIGHT * (len(lines) - 1) / 2           # the block centred on its point
        top = top if floor is None else max(top, floor)
        floor = top + LINE_HEIGHT * len(lines) + 2
        spans = "".join(f'<tspan x="{x + 8:.1f}" dy="{0 if i == 0 else LINE_HEIGHT}">{escape(line)}</tspan>'
                        for i, line in enumerate(lines))
        parts.append(f'<text x="{x + 8:.1f}" y="{top:.1f}" fill="{TEXT}" font-weight="600" font-size="10">'
                     f'{spans}</text>')
    return parts


def _series(journey: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> list[str]:
    parts, names, ends = [], list(pd.unique(journey["series"])), []
    for name in names:
        points = journey[(journey["series"] == name) & journey["value"].notna()].sort_values("date")
        if points.empty:
            continue
        index = series_style_index(name, names)
        colour = PALETTE[index % len(PALETTE)]
        parts.append(_band(points, start, end, colour))
        xy = [(_x(d, start, end), _y(v)) for d, v in zip(points["date"], points["value"])]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5" '
                     f'stroke-dasharray="{DASH[index % len(DASH)]}"/>')
        parts += [_marker(index, x, y, colour) for x, y in xy]
        ends.append((f"{name} {points['value'].iloc[-1]:.0f}%", *xy[-1]))
    return parts + _end_labels(ends)


def journey_svg(journey: pd.DataFrame, events: pd.DataFrame, alt: str) -> str:
    """An accessible inline SVG (role img, its alt text as title) of the journey chart."""
    dates = pd.concat([journey["date"], events["date"]]).dropna()
    start = (dates.min() - pd.Timedelta(days=20)).normalize()
    end = (dates.max() + pd.Timedelta(days=20)).normalize()
    body = [*_axes(start, end), *_milestones(events, start, end), *_series(journey, start, end)]
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" '
            f'aria-labelledby="journey-title" font-family="system-ui, Arial, sans-serif" font-size="12">'
            f'<title id="journey-title">{escape(alt)}</title>{"".join(body)}</svg>')

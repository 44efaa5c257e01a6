"""Milestone lines (Best Value Notice, board, plan phases) on any time-axis chart.

Each event in an EVENTS frame (date, label, kind; see model/frames.py) inside the x range
becomes a vertical line drawn in its kind's style (config/palette.toml ``[event_style]``: a
notice solid and heavier, a plan phase dashed, a board dash-dotted ...), with a label above
the plot (its ``short_label`` where the events file gives one). The legend names each kind
drawn once, beside the series. Labels are staggered into rows so neighbours do not overlap;
the lines carry no hover. The milestones are listed in the figure's alt text, so they are
not visual only; the visible caption (``meta["caption"]``) names only their kinds, so the
nine milestones are not repeated under every chart.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.palette import EVENT_COLOURS, EVENT_STYLES, FONT_FAMILY, MUTED, readable
from charts.text import alt_text, is_missing, iso, month, set_alt_text, set_caption, shorten, to_dates

LABEL_CHARS = 30          # longest label drawn; the full label is in the alt text
ROW_PX = 16               # height of one row of labels
MAX_ROWS = 4
_CHAR_FRACTION = 7 / 600   # one label character as a share of a narrow plot width


def _x_extent(fig: go.Figure) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """Earliest and latest date among the figure's trace x values."""
    found: list[pd.Timestamp] = []
    for trace in fig.data:
        x = getattr(trace, "x", None)
        if x is None or len(x) == 0:
            continue
        dates = to_dates(list(x)).dropna()
        if not dates.empty:
            found += [dates.min(), dates.max()]
    return (min(found), max(found)) if found else (None, None)


def _in_range(events: pd.DataFrame, start, end) -> pd.DataFrame:
    frame = events.assign(date=to_dates(events["date"]).values).dropna(subset=["date"])
    if start is not None:
        frame = frame[frame["date"] >= pd.Timestamp(start)]
    if end is not None:
        frame = frame[frame["date"] <= pd.Timestamp(end)]
    return frame.sort_values("date").reset_index(drop=True)


def _positions(dates: pd.Series, start, end) -> list[float]:
    """Each date as a fraction (0..1) of the x range."""
    low = pd.Timestamp(start) if start is not None else dates.min()
    high = pd.Timestamp(end) if end is not None else dates.max()
    span = (high - low).total_seconds() or 1.0
    return [(d - low).total_seconds() / span for d in dates]


def _stagger(positions: list[float], widths: list[float]) -> tuple[list[int], list[str]]:
    """A row and an anchor for each label so that labels in one row do not overlap."""
    rows: list[list[tuple[float, float]]] = []
    chosen, anchors = [], []
    for i, (p, w) in enumerate(zip(positions, widths)):
        anchor = "right" if p > 0.7 else "left"
        span = (p - w, p) if anchor == "right" else (p, p + w)
        row = next((r for r, used in enumerate(rows)
                    if all(span[1] < a or span[0] > b for a, b in used)), None)
        if row is None:
            row = len(rows) if len(rows) < MAX_ROWS else i % MAX_ROWS
        if row == len(rows):
            rows.append([])
        rows[row].append(span)
        chosen.append(row)
        anchors.append(anchor)
    return chosen, anchors


def style(kind: object) -> dict:
    """How a milestone of ``kind`` is drawn: name (for the legend), dash, width, colour."""
    found = EVENT_STYLES.get(str(kind), EVENT_STYLES.get("milestone", {}))
    return {"name": found.get("name", "Milestone"), "dash": found.get("dash", "dot"),
            "width": float(found.get("width", 1.5)), "colour": EVENT_COLOURS.get(str(kind), MUTED)}


def _describe(frame: pd.DataFrame) -> str:
    items = [f"{label} ({style(kind)['name'].lower()}, {month(date)})"
             for label, kind, date in zip(frame["label"], frame["kind"], frame["date"])]
    return "Vertical lines mark milestones: " + ", ".join(items) + "."


def _kinds_sentence(kinds: list[str]) -> str:
    drawn = [f"{style(k)['name']} ({style(k)['dash'].replace('dashdot', 'dash-dot').replace('longdash', 'long dash')} line)"
             for k in kinds]
    return "Vertical lines mark the milestones of the journey, named above the chart; the legend gives their kinds: " \
        + ", ".join(drawn) + "."


def _legend_entries(kinds: list[str]) -> list[go.Scatter]:
    """One legend entry per kind drawn (a line with no points)."""
    return [go.Scatter(x=[None], y=[None], mode="lines", name=f"Milestone: {style(k)['name']}", hoverinfo="skip",
                       legendgroup="milestones",
                       line={"color": style(k)["colour"], "dash": style(k)["dash"], "width": style(k)["width"]},
                       meta={"milestone_kind": k})
            for k in kinds]


def add_milestones(fig: go.Figure, events: pd.DataFrame | None, start=None, end=None) -> go.Figure:
    """Draw a dotted line and a label for each event between ``start`` and ``end``.

    ``start``/``end`` default to the extent of the figure's x data. Returns ``fig``.
    """
    if events is None or len(events) == 0:
        return fig
    if start is None or end is None:
        data_start, data_end = _x_extent(fig)
        start = data_start if start is None else start
        end = data_end if end is None else end
    frame = _in_range(events, start, end)
    if frame.empty:
        return fig
    short = frame["short_label"] if "short_label" in frame else pd.Series([None] * len(frame), index=frame.index)
    labels = [shorten("" if is_missing(v) else v, LABEL_CHARS) for v in short.where(short.notna(), frame["label"])]
    widths = [len(text) * _CHAR_FRACTION for text in labels]
    shown = fig.layout.xaxis.range or (start, end)
    rows, anchors = _stagger(_positions(frame["date"], shown[0], shown[1]), widths)
    shapes, notes = [], []
    if "kind" not in frame:
        frame = frame.assign(kind="milestone")
    for date, kind, text, row, anchor in zip(iso(frame["date"]), frame["kind"], labels, rows, anchors):
        drawn = style(kind)
        colour = drawn["colour"]
        shapes.append({"type": "line", "xref": "x", "yref": "paper", "x0": date, "x1": date, "y0": 0, "y1": 1,
                       "line": {"color": colour, "width": drawn["width"], "dash": drawn["dash"]}, "layer": "below",
                       "name": f"milestone: {text}"})
        notes.append({"x": date, "xref": "x", "y": 1, "yref": "paper", "yanchor": "bottom", "xanchor": anchor,
                      "yshift": 4 + row * ROW_PX, "text": text, "showarrow": False, "name": f"milestone: {text}",
                      "font": {"family": FONT_FAMILY, "size": 11, "color": readable(colour)}})
    # one layout update: add_shape/add_annotation per event copies every earlier one (quadratic)
    fig.update_layout(shapes=[*fig.layout.shapes, *shapes], annotations=[*fig.layout.annotations, *notes])
    top = 56 + (max(rows) + 1) * ROW_PX
    if fig.layout.margin.t is None or fig.layout.margin.t < top:
        fig.update_layout(margin={"t": top})
    kinds = list(dict.fromkeys(str(k) for k in frame["kind"]))
    fig.add_traces(_legend_entries(kinds))
    current = alt_text(fig)
    set_alt_text(fig, f"{current} {_describe(frame)}".strip())
    return set_caption(fig, f"{current} {_kinds_sentence(kinds)}".strip())

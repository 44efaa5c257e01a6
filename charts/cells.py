"""Shared pieces for tables of cells: heatmaps with their numbers printed in each cell.

Plotly's automatic heatmap text colour (#444 or white) can fall below 4.5:1 on mid-blue,
so the cells are split into one heatmap layer per text colour, chosen per cell for
contrast. Suppressed cells are a separate grey heatmap layer carrying their label.
Also the duplicate-collapsing helper that keeps builders from exploding on long input.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.palette import FONT_FAMILY, GRID, SEQUENTIAL, TEXT, WHITE, contrast_ratio, interpolate, text_on

SUPPRESSED_FILL = GRID
LIGHT_TO_DARK = SEQUENTIAL[::-1]


def collapse(table: pd.DataFrame, keys: list[str], values: list[str], how: str = "mean") -> pd.DataFrame:
    """One row per key combination, in order of first appearance.

    ``how="mean"`` averages duplicates and gives NA if any duplicate is NA (a suppressed
    value is never averaged into a shown one); ``how="sum"`` adds them up.
    """
    frame = table[[*keys, *values]].copy()
    for column in values:
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    grouped = frame.groupby(keys, sort=False, dropna=False, observed=True)
    out = grouped.sum(min_count=1) if how == "sum" else grouped.mean(skipna=False)
    return out.reset_index()


BINS = 5


def _readable_fill(t: float, colours: list[str]) -> str:
    """The colour at ``t``, moved towards the dark end until black or white text reaches 4.5:1."""
    while True:
        colour = interpolate(colours, t)
        if contrast_ratio(text_on(colour), colour) >= 4.5 or t >= 1:
            return colour
        t = min(t + 0.02, 1.0)


def bin_colours(bins: int = BINS, colours: list[str] = LIGHT_TO_DARK) -> list[str]:
    """``bins`` colours light to dark along the sequential palette, each readable under text."""
    return [_readable_fill(i / max(bins - 1, 1), colours) for i in range(bins)]


def fill_for(value: float, zmin: float, zmax: float, bins: int = BINS) -> str:
    """The colour a value's cell gets: the equal-width bin of ``zmin``..``zmax`` it falls in."""
    span = (zmax - zmin) or 1.0
    index = min(max(int((value - zmin) / span * bins), 0), bins - 1)
    return bin_colours(bins)[index]


def binned_scale(bins: int = BINS) -> list[list]:
    """A plotly colorscale of ``bins`` flat, equal-width bands matching ``fill_for``."""
    scale = []
    for i, colour in enumerate(bin_colours(bins)):
        scale += [[round(i / bins, 4), colour], [round((i + 1) / bins, 4), colour]]
    return scale


def stepped_scale(levels: list[float], colours: list[str]) -> list[list]:
    """A colorscale with one flat band per level (levels sorted, colours one per level)."""
    if len(levels) == 1:
        return [[0, colours[0]], [1, colours[0]]]
    low, high = levels[0], levels[-1]
    edges = [0.0] + [((a + b) / 2 - low) / (high - low) for a, b in zip(levels, levels[1:])] + [1.0]
    scale = []
    for colour, start, stop in zip(colours, edges, edges[1:]):
        scale += [[round(start, 4), colour], [round(stop, 4), colour]]
    return scale


def _layer(z, text, x, y, name: str, **style) -> go.Heatmap:
    return go.Heatmap(z=z, text=text, x=x, y=y, name=name, texttemplate="%{text}", showscale=False,
                      xgap=2, ygap=2, hoverongaps=False,
                      hovertemplate="%{y}<br>%{x}: %{text}<extra></extra>", **style)


def value_layers(z, texts, fills, x, y, colorscale, zmin, zmax, size: int = 14) -> list[go.Heatmap]:
    """The coloured cells with their text, one heatmap per text colour.

    ``z``, ``texts`` and ``fills`` are row lists (None where there is no value). Plotly's own
    heatmap text colour can fall below 4.5:1, so cells are split by the text colour that
    reads best on their fill; every layer shares one colour scale, so fills are unchanged.
    """
    layers = []
    for colour, name in ((TEXT, "values (dark text)"), (WHITE, "values (light text)")):
        keep = [[v is not None and text_on(f) == colour for v, f in zip(zr, fr)] for zr, fr in zip(z, fills)]
        if not any(any(row) for row in keep):
            continue
        layers.append(_layer(
            [[v if k else None for v, k in zip(zr, kr)] for zr, kr in zip(z, keep)],
            [[t if k else "" for t, k in zip(tr, kr)] for tr, kr in zip(texts, keep)], x, y, name,
            colorscale=colorscale, zmin=zmin, zmax=zmax,
            textfont={"family": FONT_FAMILY, "color": colour, "size": size}))
    return layers


def mask_layer(mask, label: str, x, y) -> go.Heatmap:
    """Grey cells carrying ``label`` where ``mask`` is true (suppressed or not scored)."""
    return _layer([[1 if flag else None for flag in row] for row in mask],
                  [[label if flag else "" for flag in row] for row in mask], x, y, "not shown",
                  colorscale=[[0, SUPPRESSED_FILL], [1, SUPPRESSED_FILL]], zmin=0, zmax=1,
                  textfont={"family": FONT_FAMILY, "color": TEXT, "size": 11})


def grid_axes(fig: go.Figure, rows: list[str], cols: list[str], row_labels: list[str] | None = None,
              col_labels: list[str] | None = None) -> None:
    """Category axes for a cell table: first row at the top, no grid lines, sized to fit.

    ``row_labels``/``col_labels`` are what the axes show (e.g. wrapped); the categories,
    and so the hover, keep the full names.
    """
    fig.update_layout(
        xaxis={"type": "category", "showgrid": False, "tickangle": 0, "categoryorder": "array",
               "categoryarray": cols, "tickvals": cols, "ticktext": col_labels or cols},
        yaxis={"type": "category", "showgrid": False, "autorange": "reversed", "categoryorder": "array",
               "categoryarray": rows, "tickvals": rows, "ticktext": row_labels or rows},
        height=max(260, 140 + 56 * len(rows)), showlegend=False,
    )


"""A chart's layout for a narrow screen (a phone at 390 px, or 400% zoom), from its wide layout.

Streamlit cannot tell the server how wide the reader's screen is, so a page draws both
layouts and the browser shows the one that fits (ui.widgets.chart_block, a CSS media query).
``narrow_layout`` derives the narrow one from any figure the builders in ``charts/`` make,
so every chart has one without a second builder:

- the title is wrapped onto lines short enough to fit, never cut;
- milestone labels become numbers above their lines, and the legend lists each numbered
  milestone in its line style (the wide labels pile up on top of each other at 390 px);
- the labels at the end of each line go (the legend under the chart names the series), and
  the side margins shrink, so the plot keeps its width;
- a horizontal bar chart's category labels (and the words beside each bar) go on their own
  lines above the bar, across the full width;
- the date axis shows fewer, unrotated ticks.

The data, the alt text and the caption are the wide figure's: only the layout changes.
"""
from __future__ import annotations

import textwrap

import plotly.graph_objects as go


TITLE_CHARS = 32          # a line of an 18 px title at 390 px
LABEL_CHARS = 22          # half a line of a category label at 390 px
BAR_PX = 22               # a bar's thickness in the narrow layout
LEGEND_ROW_PX = 21       # one entry of a vertical legend


def wrap(text: str, width: int) -> str:
    """``text`` on lines of at most ``width`` characters, joined by plotly's <br>."""
    return "<br>".join(textwrap.wrap(str(text), width)) or str(text)


def narrow_layout(wide: go.Figure) -> go.Figure:
    """A copy of ``wide`` laid out for a narrow screen."""
    fig = go.Figure(wide)
    title = fig.layout.title.text or ""
    lines = wrap(title, TITLE_CHARS).count("<br>") + 1 if title else 0
    fig.update_layout(title={"text": wrap(title, TITLE_CHARS) if title else title, "font": {"size": 16}})
    listed = _number_milestones(fig)
    _labels_above_bars(fig)
    if fig.layout.xaxis.type == "date":
        fig.update_xaxes(nticks=4, tickangle=0, tickformat="%Y")
    entries = sum(1 for t in fig.data if t.showlegend is not False and t.name and (t.type != "scatter" or t.mode))
    top = (fig.layout.margin.t or 72) + 20 * (lines - 1)
    extra = 20 * (lines - 1)
    if listed:
        legend_px = LEGEND_ROW_PX * (entries + 1)
        fig.update_layout(legend={"orientation": "v", "x": 0, "xanchor": "left", "y": 0, "yanchor": "bottom",
                                  "yref": "container"})
        fig.update_layout(margin={"b": 64 + legend_px})
        extra += legend_px
    fig.update_layout(margin={"l": 8, "r": 12, "t": top})
    if fig.layout.height or extra:
        fig.update_layout(height=(fig.layout.height or 450) + extra)
    return fig


def _number_milestones(fig: go.Figure) -> int:
    """Milestone labels replaced by 1, 2, ... in date order, on two alternating rows, and the
    legend's kinds replaced by each numbered milestone in its line style. Every other
    annotation is kept, except the end-of-line labels. Returns how many were numbered."""
    notes = [a.to_plotly_json() for a in fig.layout.annotations]
    kept = [a for a in notes if not str(a.get("name", "")).startswith(("milestone:", "end label:"))]
    labels = sorted((a for a in notes if str(a.get("name", "")).startswith("milestone:")), key=lambda a: str(a["x"]))
    lines = {s.name: s.line for s in fig.layout.shapes if (s.name or "").startswith("milestone:")}
    entries = []
    for n, note in enumerate(labels, start=1):
        kept.append({**note, "text": str(n), "xanchor": "center", "yshift": 4 + (n % 2) * 14})
        line = lines.get(note["name"])
        entries.append(go.Scatter(x=[None], y=[None], mode="lines", name=f"Milestone {n}: {note['text']}",
                                  hoverinfo="skip", legendgroup="milestones",
                                  line={"color": line.color, "dash": line.dash, "width": line.width} if line else {}))
    fig.layout.annotations = kept
    if labels:
        fig.data = [t for t in fig.data if t.legendgroup != "milestones"]
        fig.add_traces(entries)
        fig.update_layout(margin={"t": max(fig.layout.margin.t or 0, 56 + 2 * 14)})
    return len(labels)


def _labels_above_bars(fig: go.Figure) -> None:
    """Horizontal bars: each category's label, with the words written beside its bar, on
    its own lines above the bar, across the full width (side labels would take half of it)."""
    bars = [t for t in fig.data if t.type == "bar" and t.orientation == "h" and t.y is not None]
    categories = list(dict.fromkeys(str(v) for t in bars for v in t.y))
    if not categories:
        return
    notes = [a.to_plotly_json() for a in fig.layout.annotations]
    beside = {str(a["y"]): a for a in notes if a.get("yref") == "y" and a.get("xref") == "x" and str(a.get("y")) in categories}
    kept = [a for a in notes if a not in beside.values()]
    rows = []
    for category in categories:
        label = wrap(category.replace("<br>", " "), LABEL_CHARS * 2)
        said = beside.get(category, {}).get("text")
        text = f"{label}<br>{said.replace('<br>', ' ')}" if said else label
        rows.append(text.count("<br>") + 1)
        kept.append({"x": 0, "xref": "paper", "xanchor": "left", "y": category, "yref": "y", "yanchor": "bottom",
                     "yshift": BAR_PX / 2 + 2, "text": text, "showarrow": False, "align": "left",
                     "name": "bar label", "font": {"size": 12}, "bgcolor": "rgba(255,255,255,0.85)"})
    fig.layout.annotations = kept
    row_px = max(rows) * 16 + BAR_PX + 12
    fig.update_yaxes(showticklabels=False, automargin=False)
    if beside and fig.layout.xaxis.range:
        low, _ = fig.layout.xaxis.range
        fig.update_xaxes(range=[low, -low])           # the words no longer need room on the right
    fig.update_layout(height=130 + row_px * len(categories), bargap=1 - BAR_PX / row_px)

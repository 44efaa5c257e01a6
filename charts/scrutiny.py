"""Scrutiny topic scoring: the topic x criterion matrix as a heatmap, and the ranking.

Criteria, scale and cut-off are data (config/scrutiny_schemes/), so nothing here names
a criterion. A cell is read one way everywhere (``cell_reading``: the heatmap, its
narrow-screen list and the committee paper): its mean score to 1 decimal place and the
level that shown number is nearest ("2.7 High"; halves go up), and it is shaded by that
level, so two cells that say the same are the same shade. A row's total adds the unrounded
means; where that differs from the sum of the rounded cells, ``rounding_note`` says so.
Long criterion names are wrapped on the axis with the full name in the hover. In the
ranking, topics that reach the cut-off differ in colour, pattern and a "✓" text marker,
and the cut-off line is labelled.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.cells import grid_axes, mask_layer, stepped_scale, value_layers
from charts.palette import FONT_FAMILY, PALETTE, SEQUENTIAL, TEXT, base_layout, bottom_legend, interpolate
from charts.text import is_missing, join_clauses, number, round1, set_alt_text, shorten, wrap

DEFAULT_LABELS = {1: "Low", 2: "Medium", 3: "High"}
#: a topic's name over its bar on a narrow screen (``_names_above_bars``), but for its text and bar
NAME_ABOVE_BAR = {"x": 0, "xref": "paper", "xanchor": "left", "yref": "y", "yshift": 24, "yanchor": "middle",
                  "showarrow": False, "font": {"family": FONT_FAMILY, "color": TEXT, "size": 13}}


def _level_colours(levels: list) -> list[str]:
    light_to_dark = SEQUENTIAL[::-1]
    if len(levels) == 1:
        return [light_to_dark[-1]]
    return [interpolate(light_to_dark, i / (len(levels) - 1)) for i in range(len(levels))]


def shown_score(value) -> float | None:
    """A mean score as a cell shows it: 1 decimal place (None when not scored)."""
    return None if is_missing(value) else round(float(value), 1)


def score_level(value, levels) -> int | None:
    """The scale level nearest the score as shown (1 dp); a half goes up (1.5 is 2)."""
    shown = shown_score(value)
    if shown is None:
        return None
    return min(levels, key=lambda level: (abs(level - shown), -level))


def cell_reading(value, labels: dict) -> tuple[float, int, str] | None:
    """(shown score, its level, its text "2.7 High") of one cell; None when not scored."""
    level = score_level(value, sorted(labels))
    if level is None:
        return None
    shown = shown_score(value)
    return shown, level, f"{number(shown)} {labels.get(level, '')}".strip()


def rounding_note(matrix: pd.DataFrame) -> str:
    """A sentence when a row's total differs from the sum of its cells as shown, else ""."""
    values = matrix.apply(pd.to_numeric, errors="coerce")
    cells = values.apply(lambda column: column.map(shown_score)).astype(float)
    totals, added = values.sum(axis=1, skipna=True).round(1), cells.sum(axis=1, skipna=True).round(1)
    if (totals == added).all():
        return ""
    return ("Each cell shows a criterion's mean score rounded to 1 decimal place; the total adds the unrounded "
            "means, so it can differ from the sum of the cells by a little.")


def heatmap_min_width(n_criteria: int) -> int:
    """The narrowest screen (CSS px) the heatmap reads on: the page's margins and the topic
    names (about 420 px), 90 px a cell ("1.7 Medium" at 13 px) and the totals column;
    narrower, ``topic_lines`` instead (1,120 px for 8 criteria: a 1024 px tablet gets the list)."""
    return 400 + 90 * n_criteria


def topic_lines(matrix: pd.DataFrame, labels: dict | None = None) -> list[tuple[str, float, list[tuple[str, str]]]]:
    """The matrix as a list, for a narrow screen: per topic its total and (criterion, cell text)."""
    labels = {int(k): v for k, v in (labels or DEFAULT_LABELS).items()}
    values = matrix.apply(pd.to_numeric, errors="coerce")
    out = []
    for topic, row in values.iterrows():
        cells = [(str(c), reading[2] if (reading := cell_reading(v, labels)) else "not scored") for c, v in row.items()]
        out.append((str(topic), float(row.sum(skipna=True)), cells))
    return out


def _names(topics: list[str], totals: pd.Series) -> str:
    best = [t for t in topics if totals[t] == totals.max()]
    return " and ".join(best)


def _matrix_alt(totals: pd.Series, maximum: float, total_name: str) -> str:
    if totals.empty:
        return "No topics scored."
    topics = list(totals.index)
    text = f"Highest {total_name}: {_names(topics, totals)} ({number(totals.max())} of a possible {number(maximum)})"
    low = [t for t in topics if totals[t] == totals.min()]
    if len(totals) > 1 and totals.min() < totals.max():
        text += f"; lowest: {' and '.join(low)} ({number(totals.min())})"
    return join_clauses([text])


def _totals_column(fig: go.Figure, topics: list[str], totals: pd.Series, head_text: str) -> None:
    font = {"family": FONT_FAMILY, "color": TEXT}
    head = {"x": 1, "xref": "paper", "xanchor": "left", "xshift": 12, "y": 1, "yref": "paper", "yanchor": "bottom",
            "text": f"<b>{head_text}</b>", "showarrow": False, "font": font}
    rows = [{"x": 1, "xref": "paper", "xanchor": "left", "xshift": 12, "y": topic, "yref": "y", "showarrow": False,
             "text": f"<b>{number(totals[label])}</b>", "font": font} for topic, label in zip(topics, totals.index)]
    # one update, not one add_annotation per topic (each copies every annotation so far: quadratic)
    fig.update_layout(annotations=[*fig.layout.annotations, head, *rows])


def topic_heatmap(matrix: pd.DataFrame, labels: dict | None = None, title: str = "",
                  total_name: str = "Scrutiny Value Score", total_head: str = "Total") -> go.Figure:
    """Topics (rows) x criteria (columns), each cell printed "2.7 High" and shaded by the level
    it names (``cell_reading``), with each row's total beside it.

    Axes show wrapped names, criteria along the top; the hover gives the full criterion name.
    ``total_head`` heads the totals column ("Total<br>unweighted" beside a weighted ranking).
    """
    labels = {int(k): v for k, v in (labels or DEFAULT_LABELS).items()}
    levels = sorted(labels)
    colours = _level_colours(levels)
    topics = [str(t) for t in matrix.index]
    criteria = [str(c) for c in matrix.columns]
    values = matrix.apply(pd.to_numeric, errors="coerce")
    readings = [[cell_reading(v, labels) for v in row] for _, row in values.iterrows()]
    z = [[None if r is None else r[1] for r in row] for row in readings]        # shaded by the level shown
    texts = [[None if r is None else r[2] for r in row] for row in readings]
    fills = [[None if r is None else colours[levels.index(r[1])] for r in row] for row in readings]
    fig = go.Figure(layout=base_layout(title))
    fig.add_traces(value_layers(z, texts, fills, criteria, topics, stepped_scale(levels, colours),
                                levels[0], levels[-1], size=13))
    mask = [[v is None for v in zr] for zr in z]
    if any(any(m) for m in mask):
        fig.add_trace(mask_layer(mask, "not scored", criteria, topics))
    grid_axes(fig, topics, criteria, row_labels=[wrap(t, 32, max_lines=2) for t in topics],
              col_labels=[wrap(c, 12, max_lines=4) for c in criteria])
    totals = pd.Series(values.sum(axis=1, skipna=True).values, index=topics)
    _totals_column(fig, topics, totals, total_head)
    # the criteria along the top, over the first rows (not under the last of 40), below the title
    fig.update_layout(margin={"r": 96 if "<br>" in total_head else 72, "t": 140}, height=fig.layout.height + 68)
    fig.update_xaxes(tickfont={"size": 12}, side="top")
    return set_alt_text(fig, _matrix_alt(totals, levels[-1] * len(criteria), total_name))


def _bar_texts(totals: list[float], cutoff: float | None, narrow: bool = False) -> list[str]:
    texts = []
    for v in totals:
        mark = ("" if cutoff is None or v < cutoff else " ✓" if narrow else " ✓ at cut-off" if v == cutoff
                else " ✓ above cut-off")
        texts.append(number(v) + mark)
    return texts


def _ranking_bar(frame: pd.DataFrame, topic: str, total: str, cutoff, name: str, reached: bool,
                 narrow: bool = False) -> go.Bar:
    colour = PALETTE[0] if reached else SEQUENTIAL[2]
    pattern = {"shape": ""} if reached else {"shape": "/", "fgcolor": PALETTE[0], "solidity": 0.25}
    return go.Bar(
        orientation="h", y=[wrap(t, 40, max_lines=2) for t in frame[topic]], x=round1(frame[total]),
        name=name, marker={"color": colour, "pattern": pattern, "line": {"color": PALETTE[0], "width": 1}},
        text=_bar_texts(list(frame[total]), cutoff, narrow), textposition="outside", cliponaxis=False,
        textfont={"family": FONT_FAMILY, "color": TEXT, "size": 13}, customdata=[str(t) for t in frame[topic]],
        hovertemplate="%{customdata}<br>%{x}<extra></extra>",
    )


def _cutoff_line(fig: go.Figure, cutoff: float) -> None:
    fig.add_shape(type="line", xref="x", yref="paper", x0=cutoff, x1=cutoff, y0=0, y1=1, name="cut-off",
                  line={"color": TEXT, "width": 2, "dash": "dash"})
    fig.add_annotation(x=cutoff, xref="x", y=1, yref="paper", yanchor="bottom", showarrow=False,
                       text=f"cut-off {number(cutoff)}", name="cut-off", xanchor="auto", yshift=0,
                       font={"family": FONT_FAMILY, "color": TEXT, "size": 13})   # not the names' defaults


def _ranking_alt(frame: pd.DataFrame, topic: str, total: str, cutoff, score_name: str) -> str:
    if frame.empty:
        return "No topics scored."
    top = frame.iloc[0]
    text = f"{top[topic]} has the highest {score_name} ({number(top[total])})"
    if cutoff is not None:
        reached = int((frame[total] >= cutoff).sum())
        text += f"; {reached} of {len(frame)} topics reach the cut-off of {number(cutoff)}"
    elif len(frame) > 1:
        text += f" and {frame.iloc[-1][topic]} the lowest ({number(frame.iloc[-1][total])})"
    return join_clauses([text])


def _names_above_bars(fig: go.Figure, topics: list[str], categories: list[str]) -> None:
    """For a narrow screen: each topic's name over its bar, across the whole width, instead of
    a column of names beside the bars that leaves them no room. What every name shares (place,
    anchor, font) is said once, in the template's annotation defaults, so each of hundreds of
    names sends only its text and its bar (a 500-topic ranking: 150 KB of JSON otherwise)."""
    fig.layout.template.layout.annotationdefaults.update(NAME_ABOVE_BAR)
    names = [{"y": category, "text": shorten(topic, 44)} for topic, category in zip(topics, categories)]
    fig.update_layout(annotations=[*fig.layout.annotations, *names], bargap=0.55,
                      yaxis={"showticklabels": False}, margin={"l": 8})


def value_score_ranking(table: pd.DataFrame, topic: str = "topic", total: str = "total", cutoff: float | None = None,
                        title: str = "", score_name: str = "score", narrow: bool = False) -> go.Figure:
    """Topics as horizontal bars, highest first, with a labelled cut-off line. ``narrow``: for a
    phone, each topic's name over its bar and a "✓" for reaching the cut-off (the legend says so)."""
    frame = table[[topic, total]].copy()
    frame[total] = pd.to_numeric(frame[total], errors="coerce")
    frame = frame.dropna(subset=[total]).sort_values([total, topic], ascending=[False, True], kind="stable")
    fig = go.Figure(layout=base_layout(title))
    if cutoff is None:
        fig.add_trace(_ranking_bar(frame, topic, total, None, score_name, True, narrow))
    else:
        above = frame[total] >= cutoff
        fig.add_trace(_ranking_bar(frame[above], topic, total, cutoff,
                                   f"{'✓ ' if narrow else ''}At or above cut-off ({number(cutoff)})", True, narrow))
        fig.add_trace(_ranking_bar(frame[~above], topic, total, cutoff, "Below cut-off", False, narrow))
        _cutoff_line(fig, cutoff)
    categories = [wrap(t, 40, max_lines=2) for t in frame[topic]]
    high = max([float(frame[total].max()) if not frame.empty else 0.0, float(cutoff or 0)]) or 1.0
    fig.update_layout(
        yaxis={"type": "category", "categoryorder": "array", "categoryarray": categories, "autorange": "reversed",
               "showgrid": False},
        xaxis={"range": [0, high * (1.25 if narrow else 1.4)], "title": {"text": score_name}},
        barmode="overlay", height=max(300, 180 + (60 if narrow else 36) * len(frame)),
    )
    if narrow:
        _names_above_bars(fig, [str(t) for t in frame[topic]], categories)
    fig.update_layout(bottom_legend())
    return set_alt_text(fig, _ranking_alt(frame, topic, total, cutoff, score_name))

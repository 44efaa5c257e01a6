"""Rules every builder keeps: title and alt text, readable text colours, palette colours,
system fonts, no streamlit or plotly.express, small modules."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import charts
from charts import palette
from tests.charts.figure_size import figure_json_bytes

HIDDEN = "fewer than 10 responses"   # the label a page passes (survey_blocks.hidden_label)

ROOT = Path(__file__).resolve().parents[2]
WAVES = pd.to_datetime(["2022-09-12", "2023-05-15", "2024-10-07"])
SNAPS = pd.to_datetime(["2023-03-14", "2024-10-16"])


def _figures(events):
    trend = pd.DataFrame({"series": ["Culture"] * 3 + ["Partnership"] * 3, "wave_date": list(WAVES) * 2,
                          "value": [48.0, np.nan, 63.0, 40.0, 44.0, 52.0]})
    trend["lower"], trend["upper"] = trend["value"] - 5, trend["value"] + 5
    questions = pd.DataFrame({"question": ["A", "B", "C"], "pct_positive": [64.0, np.nan, 30.0],
                              "pct_negative": [20.0, np.nan, 50.0], "pct_neutral": [16.0, np.nan, 20.0]})
    groups = pd.DataFrame({"group": ["X", "X", "Y", "Y"], "theme": ["culture", "governance"] * 2,
                           "score": [70.0, 20.0, np.nan, 45.0]})
    mix = pd.DataFrame({"snapshot_date": [SNAPS[0]] * 8 + [SNAPS[1]] * 8,
                        "status": list(palette.STATUS_COLOURS) * 2, "count": list(range(1, 17))})
    matrix = pd.DataFrame([[1, 2, 3], [3, 3, 2]], index=["T1", "T2"], columns=["Public Interest", "Cost", "Risk"])
    ranking = pd.DataFrame({"topic": ["T1", "T2", "T3"], "total": [12, 20, 18]})
    return {
        "trend": charts.trend_chart(trend, lower="lower", upper="upper", events=events, title="Trend"),
        "answer_distribution": charts.answer_distribution(questions, title="Answers", suppressed_label=HIDDEN),
        "group_heatmap": charts.group_heatmap(groups, title="Groups", suppressed_label=HIDDEN),
        "status_over_time": charts.status_over_time(mix, events=events, title="Status"),
        "topic_heatmap": charts.topic_heatmap(matrix, title="Topics"),
        "value_score_ranking": charts.value_score_ranking(ranking, cutoff=18, title="Ranking"),
    }


@pytest.fixture(scope="module")
def figures():
    events = pd.DataFrame({"date": pd.to_datetime(["2022-06-15", "2023-01-24", "2024-01-30", "2024-03-01"]),
                           "label": ["Auditor letter", "First notice", "Revised notice", "Phase 3 plan"],
                           "kind": ["audit", "notice", "notice", "plan"]})
    return _figures(events)


def test_every_figure_has_a_title_and_alt_text_stating_more_than_the_title(figures):
    for name, fig in figures.items():
        title = fig.layout.title.text
        assert title, name
        text = charts.alt_text(fig)
        assert text == fig.layout.meta["alt_text"]
        assert text and text != title and re.search(r"\d", text), name


def test_every_layout_text_colour_reaches_aa_on_white(figures, fig_dict, layout_colours, contrast):
    for name, fig in figures.items():
        colours = layout_colours(fig_dict(fig))
        assert palette.TEXT in colours and palette.MUTED in colours, name
        for colour in colours:
            assert contrast(colour, "#FFFFFF") >= 4.5, (name, colour)


def test_text_drawn_on_white_reaches_aa(figures, contrast):
    """Scatter text and bar text outside the bar sit on the white background."""
    for name, fig in figures.items():
        for trace in fig.data:
            on_white = (trace.type == "scatter" and trace.mode == "text") or (
                trace.type == "bar" and trace.textposition == "outside")
            if on_white:
                assert contrast(trace.textfont.color, "#FFFFFF") >= 4.5, name


def test_bar_text_inside_a_bar_is_readable_on_the_bar(figures, contrast):
    for name, fig in figures.items():
        for trace in fig.data:
            if trace.type == "bar" and trace.textposition == "inside":
                assert contrast(trace.textfont.color, trace.marker.color) >= 4.5, (name, trace.name)


def test_fonts_are_the_system_stack_everywhere(figures, fig_dict):
    for name, fig in figures.items():
        as_dict = fig_dict(fig)
        as_dict["layout"].pop("template", None)
        families = re.findall(r"'family': '([^']*)'|'family': \"([^\"]*)\"", str(as_dict))
        assert families, name
        for found in families:
            assert "".join(found).startswith("system-ui"), (name, found)


def _colour_values(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("template",):
                continue
            if key in ("color", "fillcolor", "fgcolor", "bordercolor", "linecolor", "gridcolor") and isinstance(value, str):
                yield value
            elif key in ("color",) and isinstance(value, list):
                yield from (v for v in value if isinstance(v, str))
            elif key == "colorscale" and isinstance(value, list):
                yield from (stop[1] for stop in value)
            else:
                yield from _colour_values(value)
    elif isinstance(node, list):
        for item in node:
            yield from _colour_values(item)


def test_every_colour_comes_from_the_palette_file(figures, fig_dict):
    from charts.cells import bin_colours

    allowed = {c.upper() for c in [*palette.PALETTE, *palette.SEQUENTIAL, *palette.STATUS_COLOURS.values(),
                                    *palette.EVENT_COLOURS.values(), palette.TEXT, palette.MUTED, palette.GRID,
                                    palette.BACKGROUND, "#FFFFFF", *bin_colours()]}
    for name, fig in figures.items():
        for colour in _colour_values(fig_dict(fig)):
            if colour.startswith("rgba("):
                r, g, b, _ = colour[5:-1].split(",")
                colour = f"#{int(r):02X}{int(g):02X}{int(b):02X}"
            assert colour.upper() in allowed, (name, colour)


def test_figures_round_values_to_one_decimal():
    trend = pd.DataFrame({"series": ["A"] * 2, "wave_date": WAVES[:2], "value": [48.123456, 52.987654]})
    payload = charts.trend_chart(trend).to_json()
    assert "48.1" in payload and "53.0" in payload
    assert "48.12" not in payload and "52.98" not in payload


SOURCES = sorted((ROOT / "charts").glob("*.py"))


def test_charts_never_imports_streamlit_or_plotly_express():
    for path in SOURCES:
        tree = ast.parse(path.read_text())
        imported = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                imported |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
        assert not {m for m in imported if m.split(".")[0] == "streamlit"}, path.name
        assert not {m for m in imported if m.startswith("plotly.express")}, path.name


def test_modules_are_small_and_say_what_they_are_for():
    assert SOURCES
    for path in SOURCES:
        source = path.read_text()
        assert len(source.splitlines()) < 300, path.name
        assert ast.get_docstring(ast.parse(source)), path.name


def test_figure_json_bytes_measures_the_serialised_figure(figures):
    fig = figures["trend"]
    assert figure_json_bytes(fig) == len(fig.to_json().encode("utf-8"))

"""charts.survey: answer_distribution, group_heatmap."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from charts import alt_text, answer_distribution, group_heatmap
from tests.charts.figure_size import figure_json_bytes
from charts.palette import PALETTE, SEQUENTIAL, STATUS_COLOURS, TEXT

HIDDEN = "fewer than 10 responses"   # the label a page passes (survey_blocks.hidden_label)


@pytest.fixture
def questions() -> pd.DataFrame:
    return pd.DataFrame({
        "question": ["I feel valued for the work I do", "Senior leaders are visible",
                     "I have experienced bullying", "I would recommend this organisation"],
        "pct_positive": [64.24, 71.88, np.nan, 38.61],
        # columns a builder must ignore; the suppressed row's count must never reach the figure
        "n": [52, 49, 7, 50],
    })


def _bar_by_question(fig):
    bar = fig.data[0]
    return {q: (x, t) for q, x, t in zip(bar.customdata, bar.x, bar.text)}


@pytest.fixture
def answers() -> pd.DataFrame:
    return pd.DataFrame({
        "question": ["Q1 valued", "Q2 leaders", "Q3 bullying"],
        "pct_negative": [20.04, 35.2, np.nan],
        "pct_neutral": [15.72, 29.8, np.nan],
        "pct_positive": [64.24, 35.0, np.nan],
    })


def test_answer_distribution_stacks_negative_neutral_positive_with_labels(answers):
    fig = answer_distribution(answers, title="Answers", suppressed_label=HIDDEN)
    assert [t.name for t in fig.data] == ["Negative", "Neutral", "Positive"]
    assert fig.layout.barmode == "stack"
    allowed = set(PALETTE) | set(STATUS_COLOURS.values())
    for trace, column in zip(fig.data, ["pct_negative", "pct_neutral", "pct_positive"]):
        assert trace.marker.color in allowed
        assert list(trace.x[:2]) == [round(v, 1) for v in answers[column][:2]]
        assert list(trace.text[:2]) == [f"{round(v):.0f}%" for v in answers[column][:2]]
        assert trace.x[2] is None and trace.text[2] == ""
        assert trace.name in trace.hovertemplate


def test_answer_distribution_inside_text_is_readable_on_its_segment(answers, contrast):
    for trace in answer_distribution(answers, suppressed_label=HIDDEN).data:
        assert contrast(trace.textfont.color, trace.marker.color) >= 4.5


def test_answer_distribution_alt_text(answers):
    text = alt_text(answer_distribution(answers, suppressed_label=HIDDEN))
    assert 'Most positive: "Q1 valued" (64% positive, 20% negative)' in text
    assert 'most negative: "Q2 leaders" (35% negative)' in text
    assert "1 question not shown" in text


@pytest.fixture
def groups() -> pd.DataFrame:
    return pd.DataFrame({
        "group": ["Finance", "Finance", "Place", "Place", "Transport", "Transport"],
        "theme": ["culture", "governance"] * 3,
        "score": [72.34, 55.06, np.nan, 41.27, 63.5, np.nan],
        "n": [41, 41, 6, 12, 23, 8],
    })


def _cells(fig):
    """(row, column) -> (value, text, text colour, layer name) over all heatmap layers."""
    found = {}
    for layer in fig.data:
        for r, (zr, tr) in enumerate(zip(layer.z, layer.text)):
            for c, (v, t) in enumerate(zip(zr, tr)):
                if v is not None:
                    assert (layer.y[r], layer.x[c]) not in found, "two layers draw one cell"
                    found[(layer.y[r], layer.x[c])] = (v, t, layer.textfont.color, layer.name)
    return found


def test_group_heatmap_prints_numbers_in_cells(groups):
    fig = group_heatmap(groups, title="By directorate", suppressed_label=HIDDEN)
    assert all(t.type == "heatmap" for t in fig.data)
    assert list(fig.data[0].y) == ["Finance", "Place", "Transport"]
    assert list(fig.data[0].x) == ["culture", "governance"]
    cells = _cells(fig)
    for row in groups.itertuples():
        if not pd.isna(row.score):
            assert cells[(row.group, row.theme)][:2] == (round(row.score, 1), f"{round(row.score):.0f}%")
    assert cells[("Transport", "culture")][1] == "64%"  # 63.5 rounds half up
    assert all(layer.texttemplate == "%{text}" for layer in fig.data)


def test_group_heatmap_suppressed_cells_are_grey_with_label(groups, fig_json):
    fig = group_heatmap(groups, suppressed_label="fewer than 10 responses")
    cells = _cells(fig)
    for key in [("Place", "culture"), ("Transport", "governance")]:
        value, text, colour, layer = cells[key]
        assert layer == "not shown"
        assert text.replace("<br>", " ") == "fewer than 10 responses"
    grey = [t for t in fig.data if t.name == "not shown"][0]
    assert {c for _, c in grey.colorscale} == {"#D9D9D9"}
    assert sum(v is not None for row in grey.z for v in row) == 2
    payload = fig_json(fig)
    assert not re.search(r"\bnan\b|<NA>", payload, flags=re.IGNORECASE)


def test_group_heatmap_cell_text_is_readable_on_its_fill(groups, contrast):
    from charts.cells import fill_for

    fig = group_heatmap(groups, suppressed_label=HIDDEN)
    scale = {colour for layer in fig.data if layer.name != "not shown" for _, colour in layer.colorscale}
    assert set(SEQUENTIAL) <= scale and len(scale) == 5  # palette blues and readable steps between
    for (row, col), (value, _, colour, layer) in _cells(fig).items():
        fill = "#D9D9D9" if layer == "not shown" else fill_for(value, groups.score.min(), groups.score.max())
        assert colour in (TEXT, "#FFFFFF")
        assert contrast(colour, fill) >= 4.5, (row, col)


def test_group_heatmap_alt_text(groups):
    text = alt_text(group_heatmap(groups, suppressed_label=HIDDEN))
    assert "Highest: Finance on culture (72%)" in text
    assert "lowest: Place on governance (41%)" in text
    assert "2 cells not shown: fewer than 10 responses" in text


def test_survey_figures_stay_small_for_ten_thousand_rows(questions, answers, groups):
    big_a = pd.concat([answers] * 3334, ignore_index=True).iloc[:10_000]
    big_g = pd.concat([groups] * 1667, ignore_index=True).iloc[:10_000]
    assert len(big_a) == len(big_g) == 10_000
    for fig in (answer_distribution(big_a, suppressed_label=HIDDEN), group_heatmap(big_g, suppressed_label=HIDDEN)):
        assert figure_json_bytes(fig) < 100_000

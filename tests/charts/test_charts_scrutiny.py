"""charts.scrutiny: topic_heatmap and value_score_ranking."""
from __future__ import annotations

import pandas as pd
import pytest

from charts import alt_text, topic_heatmap, value_score_ranking
from charts.scrutiny import cell_reading, rounding_note, score_level, topic_lines
from tests.charts.figure_size import figure_json_bytes
from charts.palette import PALETTE, SEQUENTIAL

CRITERIA = [
    "Public Interest", "Strategic Value", "Risk to Combined Authority", "Alignment to Corporate Priorities",
    "Financial Value", "Issue of concern for partners?",
    "Will the CA be able to achieve an effective outcome?",
    "Will there be potential benefits for a significant part of the Combined Authority area/partners/stakeholders?",
]


@pytest.fixture
def matrix() -> pd.DataFrame:
    return pd.DataFrame(
        [[3, 2, 3, 2, 1, 2, 3, 3], [1, 1, 2, 2, 1, 1, 2, 1], [3, 3, 3, 2, 2, 3, 2, 3]],
        index=["Bus franchising", "Housing delivery", "Skills bootcamps"], columns=CRITERIA,
    )


def _cells(fig):
    """Cells in row-major order: (topic, criterion, value, text, text colour)."""
    found = {}
    for layer in fig.data:
        for r, (zr, tr) in enumerate(zip(layer.z, layer.text)):
            for c, (v, t) in enumerate(zip(zr, tr)):
                if v is not None:
                    found[(r, c)] = (layer.y[r], layer.x[c], v, t, layer.textfont.color)
    return [found[k] for k in sorted(found)]


def test_cells_read_score_and_label(matrix):
    fig = topic_heatmap(matrix, title="Topic scores")
    cells = _cells(fig)
    assert len(cells) == matrix.size
    labels = {1: "Low", 2: "Medium", 3: "High"}
    assert [c[3] for c in cells] == [f"{v} {labels[v]}" for v in matrix.to_numpy().ravel()]
    assert [c[2] for c in cells] == list(matrix.to_numpy().ravel())
    assert [c[:2] for c in cells] == [(t, k) for t in matrix.index for k in CRITERIA]
    assert fig.layout.title.text == "Topic scores"


def test_long_criteria_are_wrapped_with_full_name_in_hover(matrix):
    fig = topic_heatmap(matrix)
    axis = fig.layout.xaxis
    assert list(axis.tickvals) == CRITERIA  # categories, and so the hover, keep the full name
    assert all(len(line) <= 14 for x in axis.ticktext for line in x.split("<br>"))
    assert axis.ticktext[-1].endswith("…")
    assert all(list(layer.x) == CRITERIA for layer in fig.data)
    assert all("%{x}" in layer.hovertemplate and "%{y}" in layer.hovertemplate for layer in fig.data)


def test_colours_are_sequential_and_cell_text_readable(matrix, contrast):
    fig = topic_heatmap(matrix)
    assert all({c for _, c in layer.colorscale} == set(SEQUENTIAL) for layer in fig.data)
    fills = {1: SEQUENTIAL[2], 2: SEQUENTIAL[1], 3: SEQUENTIAL[0]}
    for (_, _, value, _, colour) in _cells(fig):
        assert contrast(colour, fills[int(value)]) >= 4.5


def test_unscored_cells_are_grey_and_say_so(matrix):
    gappy = matrix.astype("Int64")
    gappy.iloc[1, 4] = pd.NA
    cells = _cells(topic_heatmap(gappy))
    assert cells[8 + 4][3] == "not scored"


def test_alt_text_names_the_highest_total_topic(matrix):
    totals = matrix.sum(axis=1)
    text = alt_text(topic_heatmap(matrix))
    assert f"Highest Scrutiny Value Score: {totals.idxmax()} ({totals.max()} of a possible 24)" in text
    assert f"lowest: {totals.idxmin()} ({totals.min()})" in text
    totals_drawn = [a.text for a in topic_heatmap(matrix).layout.annotations]
    assert [f"<b>{v}</b>" for v in totals] == totals_drawn[1:]


def test_other_schemes_use_their_own_labels():
    oxford = pd.DataFrame([[0, 1, 2, 2, 1, 0]], index=["Parks"],
                          columns=["Timeliness", "Organisational priority", "Public interest", "Influence", "Cost", "Capacity"])
    fig = topic_heatmap(oxford, labels={0: "Low", 1: "Medium", 2: "High"}, total_name="TOPICC score")
    assert [c[3] for c in _cells(fig)] == ["0 Low", "1 Medium", "2 High", "2 High", "1 Medium", "0 Low"]
    assert "TOPICC score: Parks (6 of a possible 12)" in alt_text(fig)


@pytest.fixture
def ranking() -> pd.DataFrame:
    return pd.DataFrame({"topic": ["Housing delivery", "Bus franchising", "Skills bootcamps", "Net zero"],
                         "total": [11, 19, 21, 18]})


def test_ranking_sorted_with_cutoff_line_and_label(ranking):
    fig = value_score_ranking(ranking, cutoff=18, title="Ranking")
    order = list(ranking.sort_values("total", ascending=False)["topic"])
    assert list(fig.layout.yaxis.categoryarray) == order
    line = [s for s in fig.layout.shapes if s.name == "cut-off"][0]
    assert line.x0 == line.x1 == 18
    assert "cut-off 18" in [a.text for a in fig.layout.annotations]


def test_bars_reaching_the_cutoff_differ_by_colour_pattern_and_text(ranking):
    above, below = value_score_ranking(ranking, cutoff=18).data
    assert list(above.customdata) == ["Skills bootcamps", "Bus franchising", "Net zero"]
    assert list(above.x) == [21, 19, 18]
    assert list(above.text) == ["21 ✓ above cut-off", "19 ✓ above cut-off", "18 ✓ at cut-off"]
    assert list(below.text) == ["11"]
    assert above.marker.color != below.marker.color
    assert above.marker.color in PALETTE and below.marker.color in SEQUENTIAL
    assert below.marker.pattern.shape == "/" and not above.marker.pattern.shape


def test_ranking_alt_text(ranking):
    text = alt_text(value_score_ranking(ranking, cutoff=18, score_name="Scrutiny Value Score"))
    reached = int((ranking.total >= 18).sum())
    assert text == (f"Skills bootcamps has the highest Scrutiny Value Score (21); "
                    f"{reached} of {len(ranking)} topics reach the cut-off of 18.")
    no_cut = alt_text(value_score_ranking(ranking))
    assert "Housing delivery the lowest (11)" in no_cut


def test_scrutiny_figures_stay_small(matrix):
    many = pd.concat([matrix] * 20)
    many.index = [f"Topic {i}" for i in range(len(many))]
    assert figure_json_bytes(topic_heatmap(many)) < 100_000
    ranking = pd.DataFrame({"topic": many.index, "total": many.sum(axis=1).values})
    assert figure_json_bytes(value_score_ranking(ranking, cutoff=18)) < 100_000


# Issue 16: a cell's words, its shade and its row's total agree.

def _colour_of(fig, row: int, col: int) -> str:
    """The fill a cell is drawn in: its layer's stepped colour scale at its z."""
    for layer in fig.data:
        if layer.name.startswith("values") and layer.z[row][col] is not None:
            z, low, high = layer.z[row][col], layer.zmin, layer.zmax
            t = (z - low) / (high - low)
            bands = [(a[0], b[0], a[1]) for a, b in zip(layer.colorscale[::2], layer.colorscale[1::2])]
            return next(colour for start, stop, colour in bands if start <= t <= stop)
    raise AssertionError("no cell there")


def test_means_are_shown_to_one_place_and_shaded_by_the_level_they_name():
    means = pd.DataFrame([[1.0, 4 / 3, 5 / 3, 1.5, 2.5, 8 / 3]], index=["Bus"],
                         columns=["A", "B", "C", "D", "E", "F"])
    fig = topic_heatmap(means)
    assert [c[3] for c in _cells(fig)] == ["1 Low", "1.3 Low", "1.7 Medium", "1.5 Medium", "2.5 High", "2.7 High"]
    shades = [_colour_of(fig, 0, c) for c in range(6)]
    assert shades[0] == shades[1]                     # two cells that say Low are one shade
    assert shades[2] == shades[3] != shades[0]        # Medium, whatever the decimals
    assert shades[4] == shades[5] != shades[2]


def test_the_total_is_the_unrounded_sum_and_a_note_says_when_the_cells_differ():
    thirds = pd.DataFrame([[8 / 3, 8 / 3, 8 / 3], [3, 2, 1]], index=["Bus", "Skills"], columns=["A", "B", "C"])
    totals = [a.text for a in topic_heatmap(thirds).layout.annotations][1:]
    assert totals == ["<b>8</b>", "<b>6</b>"]         # the cells show 2.7 three times: 8.1 if added
    assert "unrounded" in rounding_note(thirds)
    assert rounding_note(thirds.iloc[[1]]) == ""     # whole scores add up: no note


def test_score_levels_take_the_shown_number_and_halves_go_up():
    # 1.46 shows as 1.5, so it is Medium (as its words say), though nearer 1 than 2 unrounded
    assert [score_level(v, [1, 2, 3]) for v in (1.0, 1.44, 1.46, 1.5, 2.44, 2.46, 3.0)] == [1, 1, 2, 2, 2, 3, 3]
    assert score_level(None, [1, 2, 3]) is None
    assert cell_reading(2.04, {1: "Low", 2: "Medium", 3: "High"}) == (2.0, 2, "2 Medium")


def test_the_narrow_list_reads_each_topic_like_the_heatmap(matrix):
    gappy = matrix.astype(float)
    gappy.iloc[0, 1] = 5 / 3
    gappy.iloc[1, 4] = float("nan")
    lines = topic_lines(gappy)
    assert [(topic, round(total, 1)) for topic, total, _ in lines] == [
        (t, round(v, 1)) for t, v in gappy.sum(axis=1).items()]
    first = dict(lines[0][2])
    assert first[CRITERIA[1]] == "1.7 Medium" and first[CRITERIA[0]] == "3 High"
    assert dict(lines[1][2])[CRITERIA[4]] == "not scored"
    heat = [c[3] for c in _cells(topic_heatmap(gappy)) if c[0] == "Bus franchising"]
    assert heat == [text for _, text in lines[0][2]]


def test_the_narrow_ranking_puts_each_name_over_its_bar(ranking):
    fig = value_score_ranking(ranking, cutoff=18, title="Ranking", narrow=True)
    assert fig.layout.yaxis.showticklabels is False
    names = [a.text for a in fig.layout.annotations if a.name != "cut-off"]
    assert names == ["Skills bootcamps", "Bus franchising", "Net zero", "Housing delivery"]
    placed = fig.layout.template.layout.annotationdefaults        # every name's place, said once
    assert (placed.yref, placed.yshift, placed.xref, placed.xanchor) == ("y", 24, "paper", "left")
    cut_off = next(a for a in fig.layout.annotations if a.name == "cut-off")
    assert (cut_off.yref, cut_off.yshift, cut_off.xanchor) == ("paper", 0, "auto")   # not the names' place
    above, below = fig.data
    assert list(above.text) == ["21 ✓", "19 ✓", "18 ✓"] and above.name.startswith("✓ At or above cut-off")
    assert list(below.text) == ["11"]
    assert alt_text(fig) == alt_text(value_score_ranking(ranking, cutoff=18, title="Ranking"))


def test_a_long_narrow_ranking_sends_each_name_without_its_place():
    many = pd.DataFrame({"topic": [f"Topic {n}" for n in range(500)], "total": [float(n % 30) for n in range(500)]})
    fig = value_score_ranking(many, cutoff=18, title="Ranking", narrow=True)
    names = [a for a in fig.to_plotly_json()["layout"]["annotations"] if a.get("name") != "cut-off"]
    assert len(names) == 500 and all(set(a) == {"y", "text"} for a in names)
    assert len(fig.to_json()) < 100_000          # the bench's target for any figure (was 150 KB)


def test_the_topic_detail_can_run_down_the_side_for_a_phone():
    from charts.scrutiny_views import topic_detail_chart

    detail = pd.DataFrame({"criterion": CRITERIA[:3], "Chair": [3, 2, 1], "mean": [3.0, 2.0, 1.0], "spread": 0.0})
    labels = {1: "Low", 2: "Medium", 3: "High"}
    wide, side = topic_detail_chart(detail, ["Chair"], labels), topic_detail_chart(detail, ["Chair"], labels,
                                                                                   horizontal=True)
    assert side.data[0].orientation == "h" and list(side.data[0].x) == [3.0, 2.0, 1.0]
    assert list(side.data[0].y) == list(wide.data[0].x) and list(side.layout.xaxis.ticktext) == ["1 Low", "2 Medium", "3 High"]
    assert alt_text(side) == alt_text(wide)

"""charts.trend.trend_chart and charts.milestones.add_milestones."""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from charts import alt_text, trend_chart
from tests.charts.figure_size import figure_json_bytes
from charts.milestones import add_milestones
from charts.palette import PALETTE, rgba

WAVES = pd.to_datetime(["2022-09-12", "2023-01-16", "2023-05-15", "2023-11-06", "2024-05-13", "2024-10-07"])


@pytest.fixture
def table() -> pd.DataFrame:
    culture = [48.24, 50.13, 52.0, 55.31, 60.2, 63.44]
    partnership = [40.0, 42.2, 45.07, np.nan, 51.0, 55.49]
    frame = pd.DataFrame({
        "series": ["Culture score"] * 6 + ["Partnership score"] * 6,
        "wave_date": list(WAVES) * 2,
        "value": culture + partnership,
    })
    frame["lower"] = frame["value"] - 6.5
    frame["upper"] = frame["value"] + 6.5
    # a suppressed point whose interval columns still hold numbers: they must not leak
    frame.loc[9, ["lower", "upper"]] = [17.37, 81.93]
    return frame


def _lines(fig):
    return [t for t in fig.data if t.mode == "lines+markers"]


def _month(d) -> str:
    return pd.Timestamp(d).strftime("%b %Y")


def test_one_line_per_series_with_rounded_values(table):
    fig = trend_chart(table, title="Culture and partnership")
    lines = _lines(fig)
    assert [t.name for t in lines] == ["Culture score", "Partnership score"]
    for trace in lines:
        part = table[table["series"] == trace.name]
        expected = [None if pd.isna(v) else round(v, 1) for v in part["value"]]
        assert list(trace.y) == expected
        assert list(trace.x) == [d.strftime("%Y-%m-%d") for d in part["wave_date"]]


def test_series_differ_by_colour_symbol_and_dash(table):
    a, b = _lines(trend_chart(table))
    assert a.line.color in PALETTE and b.line.color in PALETTE
    assert a.line.color != b.line.color
    assert a.marker.symbol != b.marker.symbol
    assert a.line.dash != b.line.dash


def test_true_date_axis_title_and_y_range(table):
    fig = trend_chart(table, title="Trend", y_title="% positive")
    assert fig.layout.xaxis.type == "date"
    assert fig.layout.title.text == "Trend"
    assert tuple(fig.layout.yaxis.range) == (0, 100)
    assert fig.layout.yaxis.title.text == "% positive"


def test_alt_text_states_first_and_last_point_of_each_series(table):
    text = alt_text(trend_chart(table, title="Trend"))
    for name, part in table.groupby("series"):
        shown = part.dropna(subset=["value"])
        first, last = shown.iloc[0], shown.iloc[-1]
        first_pct, last_pct = f"{int(round(first['value']))}%", f"{int(round(last['value']))}%"
        assert f"{name} rose from {first_pct} in {_month(first['wave_date'])} to {last_pct} in {_month(last['wave_date'])}" in text
    assert text != "Trend"


def test_alt_text_says_fell_when_it_fell():
    frame = pd.DataFrame({"series": ["Index"] * 2, "wave_date": WAVES[:2], "value": [70.2, 61.7]})
    assert alt_text(trend_chart(frame)).startswith("Index fell from 70% in Sep 2022 to 62% in Jan 2023")


def test_suppressed_points_are_gaps_and_their_interval_never_appears(table, fig_json):
    fig = trend_chart(table, lower="lower", upper="upper")
    partnership = [t for t in _lines(fig) if t.name == "Partnership score"][0]
    assert partnership.y[3] is None
    assert partnership.connectgaps is False
    payload = fig_json(fig)
    for leaked in ("17.4", "81.9", "17.37", "81.93"):
        assert leaked not in payload
    assert "NaN" not in payload


def test_interval_band_is_a_translucent_palette_fill(table):
    fig = trend_chart(table, lower="lower", upper="upper")
    bands = [t for t in fig.data if t.fill == "toself"]
    assert len(bands) == 2
    assert bands[0].fillcolor == rgba(PALETTE[0], 0.15)
    assert bands[0].hoverinfo == "skip"
    culture = table[table["series"] == "Culture score"]
    assert round(culture["upper"].iloc[0], 1) in bands[0].y
    assert round(culture["lower"].iloc[-1], 1) in bands[0].y
    # the partnership band breaks at the suppressed wave: two polygons separated by a gap
    assert list(bands[1].y).count(None) == 2


def test_direct_end_labels_name_each_series_and_its_last_value(table):
    fig = trend_chart(table)
    texts = [a.text for a in fig.layout.annotations]
    assert "Culture score 63%" in texts
    assert "Partnership score 55%" in texts


def test_milestones_inside_range_are_drawn_and_outside_are_not(table, events):
    fig = trend_chart(table, events=events)
    lines = [s for s in fig.layout.shapes if (s.name or "").startswith("milestone")]
    first, last = table["wave_date"].min(), table["wave_date"].max()
    inside = events[(events["date"] >= first) & (events["date"] <= last)]
    assert len(lines) == len(inside) == 5
    assert sorted(s.x0 for s in lines) == sorted(d.strftime("%Y-%m-%d") for d in inside["date"])
    drawn = {a.text for a in fig.layout.annotations}
    assert "External auditor letter" not in drawn and "Advisory group ends" not in drawn
    assert "Phase 3 plan" in drawn
    assert all(s.yref == "paper" for s in lines)
    dashes = {s.name.removeprefix("milestone: "): s.line.dash for s in lines}
    assert dashes["Phase 3 plan"] == "dash" and dashes["Revised Best Value Notice"] == "solid"


def test_milestone_colours_follow_event_kind_and_labels_do_not_share_a_row_slot(events):
    from charts.palette import EVENT_COLOURS

    fig = go.Figure(go.Scatter(x=["2022-01-01", "2025-12-31"], y=[0, 1]))
    add_milestones(fig, events)
    colours = {s.name.removeprefix("milestone: "): s.line.color for s in fig.layout.shapes}
    assert colours["First Best Value Notice"] == EVENT_COLOURS["notice"]
    assert colours["Improvement Board set up"] == EVENT_COLOURS["board"]
    assert not set(colours.values()) & set(PALETTE[:3]), "a milestone must not look like a theme's line"
    labels = [a for a in fig.layout.annotations if (a.name or "").startswith("milestone")]
    assert len(labels) == len(events)
    # neighbours close in time (auditor letter, framework report) sit on different rows
    shifts = {a.text: a.yshift for a in labels}
    assert shifts["External auditor letter"] != shifts["Improvement Framework report"]
    assert "Vertical lines mark milestones: External auditor letter (audit, Jun 2022)" in alt_text(fig)


def test_milestone_kinds_are_drawn_differently_and_named_once_in_the_legend(events):
    from charts.text import caption

    fig = go.Figure(go.Scatter(x=["2022-01-01", "2025-12-31"], y=[0, 1], name="Culture"))
    add_milestones(fig, events)
    styles = {}
    for shape in fig.layout.shapes:
        kind = events.set_index("label").loc[shape.name.removeprefix("milestone: "), "kind"]
        styles.setdefault(kind, set()).add((shape.line.dash, shape.line.width))
    assert all(len(v) == 1 for v in styles.values()), "one kind, one look"
    assert len({next(iter(v)) for v in styles.values()}) == len(styles), "each kind its own look"
    legend = [t for t in fig.data if t.legendgroup == "milestones"]
    assert {t.name for t in legend} <= {f"Milestone: {k}" for k in ("Audit", "Best Value Notice", "Improvement board",
                                                                    "Improvement plan", "Other milestone")}
    assert len(legend) == len(styles) and all(t.showlegend is not False for t in legend)
    said = caption(fig)
    assert "Best Value Notice (solid line)" in said and "External auditor letter" not in said
    assert "External auditor letter" in alt_text(fig)


def test_add_milestones_respects_explicit_start_and_end(events):
    fig = go.Figure(go.Scatter(x=["2022-01-01", "2025-12-31"], y=[0, 1]))
    add_milestones(fig, events, start="2024-01-01", end="2024-06-30")
    assert sorted(s.name for s in fig.layout.shapes) == ["milestone: Phase 3 plan", "milestone: Revised Best Value Notice"]


def test_no_events_means_no_shapes(table):
    assert len(trend_chart(table, events=None).layout.shapes) == 0
    assert len(trend_chart(table, events=pd.DataFrame(columns=["date", "label", "kind"])).layout.shapes) == 0


def test_ten_thousand_row_input_collapses_to_a_small_figure(table, events):
    big = pd.concat([table] * 834, ignore_index=True).iloc[:10_000]
    assert len(big) == 10_000
    fig = trend_chart(big, lower="lower", upper="upper", events=events)
    assert figure_json_bytes(fig) < 100_000
    assert sum(len(t.y) for t in _lines(fig)) == len(table)


def test_a_suppressed_duplicate_keeps_the_point_suppressed():
    frame = pd.DataFrame({"series": ["A", "A", "A"], "wave_date": [WAVES[0], WAVES[0], WAVES[1]],
                          "value": [61.2, np.nan, 50.0]})
    line = _lines(trend_chart(frame))[0]
    assert list(line.y) == [None, 50.0]


def test_named_themes_keep_their_style_on_every_chart():
    from charts.palette import PALETTE
    from charts.trend import trend_chart
    import pandas as pd

    def colours(names):
        table = pd.DataFrame({"series": names, "wave_date": pd.to_datetime(["2023-01-01"] * len(names)),
                              "value": [50.0] * len(names)})
        fig = trend_chart(table)
        return {t.name: t.line.color for t in fig.data if t.mode == "lines+markers"}

    culture, partnership = "Staff survey, culture theme: % positive", "Partner survey, partnership theme: % positive"
    governance = "Staff survey, governance theme: % positive"
    alone = colours(["Governance", partnership])
    together = colours([culture, partnership, "Governance"])
    assert alone["Governance"] == together["Governance"] == colours([governance, culture])[governance] == PALETTE[2]
    assert alone[partnership] == together[partnership] == PALETTE[1]
    assert colours(["Staff", "Partner"]) == {"Staff": PALETTE[0], "Partner": PALETTE[1]}


def test_a_short_label_is_drawn_and_the_full_label_stays_in_the_alt_text(table, events):
    events = events.assign(short_label=pd.Series([None] * len(events), dtype="string"))
    events.loc[1, "short_label"] = "Framework"
    fig = trend_chart(table, events=events, start=events["date"].min(), end=events["date"].max())
    drawn = [a.text for a in fig.layout.annotations if (a.name or "").startswith("milestone")]
    assert "Framework" in drawn and events.loc[1, "label"] not in drawn
    assert events.loc[0, "label"] in drawn       # no short label: the label is drawn
    assert f"{events.loc[1, 'label']} (" in alt_text(fig)


def test_baseline_rings_and_real_moves_are_drawn_and_said():
    table = pd.DataFrame({"series": ["Culture"] * 3, "wave_date": pd.to_datetime(["2022-09-01", "2023-05-01", "2024-10-01"]),
                          "value": [27.0, 53.0, 55.0], "baseline": [True, False, False], "moved": ["", "up", ""]})
    fig = trend_chart(table)
    ring = [t for t in fig.data if t.name == "Baseline (compared with)"]
    moved = [t for t in fig.data if t.name == "Real change from the previous result"]
    assert len(ring) == 1 and list(ring[0].x) == ["2022-09-01"]
    assert len(moved) == 1 and list(moved[0].text) == ["real rise"] and list(moved[0].x) == ["2023-05-01"]
    assert "Real changes from the previous result: Culture rise to 53% in May 2023" in alt_text(fig)
    assert "Rings mark the baseline each result is compared with: Culture Sep 2022" in alt_text(fig)
    plain = trend_chart(table.drop(columns=["baseline", "moved"]))
    assert not [t for t in plain.data if t.name in ("Baseline (compared with)", "Real change from the previous result")]

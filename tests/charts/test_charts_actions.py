"""charts.actions: status_over_time."""
from __future__ import annotations

import pandas as pd
import pytest

from charts import alt_text, status_over_time
from tests.charts.figure_size import figure_json_bytes
from charts.palette import STATUS_COLOURS
from model.frames import ACTION_STATUSES

SNAPSHOTS = pd.to_datetime(["2023-03-14", "2023-09-12", "2024-10-16"])


@pytest.fixture
def mix() -> pd.DataFrame:
    rows = [
        (SNAPSHOTS[0], "Not started", 30), (SNAPSHOTS[0], "Red", 5), (SNAPSHOTS[0], "Amber", 7),
        (SNAPSHOTS[1], "Red", 3), (SNAPSHOTS[1], "Amber", 12), (SNAPSHOTS[1], "Green", 15),
        (SNAPSHOTS[1], "Complete", 12),
        (SNAPSHOTS[2], "Complete", 31), (SNAPSHOTS[2], "Amber", 6), (SNAPSHOTS[2], "Red", 2),
        (SNAPSHOTS[2], "Superseded", 3),
    ]
    frame = pd.DataFrame(rows, columns=["snapshot_date", "status", "count"])
    frame["status"] = frame["status"].astype(pd.CategoricalDtype(list(ACTION_STATUSES), ordered=True))
    return frame


def _bars(fig):
    return [t for t in fig.data if t.type == "bar"]


def test_one_stacked_bar_trace_per_status_in_vocabulary_order(mix):
    fig = status_over_time(mix, title="Actions by status")
    bars = _bars(fig)
    assert [b.name for b in bars] == ["Not started", "Red", "Amber", "Green", "Complete", "Superseded"]
    assert fig.layout.barmode == "stack"
    assert fig.layout.xaxis.type == "date"
    assert fig.layout.title.text == "Actions by status"


def test_counts_colours_and_status_word_in_hover(mix):
    for bar in _bars(status_over_time(mix)):
        expected = [int(mix[(mix.snapshot_date == d) & (mix.status == bar.name)]["count"].sum()) for d in SNAPSHOTS]
        assert list(bar.y) == expected
        assert list(bar.x) == [d.strftime("%Y-%m-%d") for d in SNAPSHOTS]
        assert bar.marker.color == STATUS_COLOURS[bar.name]
        assert f"{bar.name}:" in bar.hovertemplate
        assert list(bar.text) == [str(v) if v else "" for v in expected]


def test_segment_text_is_readable_on_the_status_colour(mix, contrast):
    for bar in _bars(status_over_time(mix)):
        assert contrast(bar.textfont.color, bar.marker.color) >= 4.5, bar.name


def test_totals_are_printed_above_each_bar(mix):
    totals = [t for t in status_over_time(mix).data if t.name == "Total"][0]
    expected = mix.groupby("snapshot_date")["count"].sum()
    assert list(totals.y) == list(expected)
    assert list(totals.text) == [str(v) for v in expected]


def test_alt_text_states_complete_now_and_at_the_first_snapshot(mix):
    text = alt_text(status_over_time(mix))
    last = mix[mix.snapshot_date == SNAPSHOTS[-1]]
    done = int(last[last.status == "Complete"]["count"].sum())
    scope = int(last[last.status != "Superseded"]["count"].sum())      # the one denominator: actions in scope
    first = int(mix[mix.snapshot_date == SNAPSHOTS[0]]["count"].sum())
    assert text.startswith(f"At 16 Oct 2024, {done} of {scope} actions were Complete ({100 * done / scope:.0f}%), "
                           f"not counting 3 superseded actions; up from 0 of {first} at 14 Mar 2023.")
    assert "2 Red and 6 Amber" in text


def test_duplicate_rows_are_summed_and_a_ten_thousand_row_mix_stays_small(mix, events):
    big = pd.concat([mix] * 910, ignore_index=True).iloc[:10_000]
    assert len(big) == 10_000
    fig = status_over_time(big, events=events)
    assert figure_json_bytes(fig) < 100_000
    assert all(len(b.y) == len(SNAPSHOTS) for b in _bars(fig))
    complete = [b for b in _bars(fig) if b.name == "Complete"][0]
    assert complete.y[-1] == int(big[(big.snapshot_date == SNAPSHOTS[-1]) & (big.status == "Complete")]["count"].sum())


def test_status_milestones_only_inside_the_snapshot_range(mix, events):
    fig = status_over_time(mix, events=events)
    names = sorted(s.name for s in fig.layout.shapes)
    inside = events[(events.date >= SNAPSHOTS[0]) & (events.date <= SNAPSHOTS[-1])]
    assert names == sorted(f"milestone: {label}" for label in inside["label"])
    assert "milestone: First Best Value Notice" not in names  # 24 Jan 2023, before the first snapshot
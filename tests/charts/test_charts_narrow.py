"""charts.narrow.narrow_layout: every chart's layout for a 390 px screen, derived from its wide one."""
import pandas as pd

from charts.change import change_bars
from charts.narrow import TITLE_CHARS, narrow_layout
from charts.text import alt_text
from charts.trend import trend_chart


def _journey(events):
    table = pd.DataFrame({"series": ["Culture"] * 3 + ["Governance"] * 3,
                          "wave_date": pd.to_datetime(["2022-09-01", "2023-09-01", "2024-10-01"] * 2),
                          "value": [27.0, 50.0, 62.0, 3.0, 40.0, 79.0]})
    return trend_chart(table, events=events, title="Culture, partnership and governance over the improvement journey",
                       start=events["date"].min(), end=events["date"].max())


def test_the_title_is_wrapped_not_cut(events):
    narrow = narrow_layout(_journey(events))
    lines = narrow.layout.title.text.split("<br>")
    assert len(lines) > 1 and all(len(line) <= TITLE_CHARS for line in lines)
    assert " ".join(lines) == _journey(events).layout.title.text


def test_milestones_become_numbers_with_a_numbered_legend_in_their_line_styles(events):
    wide = _journey(events)
    narrow = narrow_layout(wide)
    numbers = [a.text for a in narrow.layout.annotations if (a.name or "").startswith("milestone:")]
    assert numbers == [str(n) for n in range(1, len(events) + 1)]
    listed = [t for t in narrow.data if t.legendgroup == "milestones"]
    labels = sorted((a for a in wide.layout.annotations if (a.name or "").startswith("milestone:")), key=lambda a: a.x)
    assert [t.name for t in listed] == [f"Milestone {n}: {a.text}" for n, a in enumerate(labels, start=1)]
    dashes = {s.name: s.line.dash for s in wide.layout.shapes}
    assert [t.line.dash for t in listed] == [dashes[a.name] for a in labels]
    assert narrow.layout.legend.orientation == "v"


def test_end_labels_go_and_the_data_and_alt_text_stay(events):
    wide = _journey(events)
    narrow = narrow_layout(wide)
    assert not [a for a in narrow.layout.annotations if (a.name or "").startswith("end label:")]
    assert [a for a in wide.layout.annotations if (a.name or "").startswith("end label:")]
    assert alt_text(narrow) == alt_text(wide)
    series = lambda fig: [(t.name, tuple(t.y)) for t in fig.data if t.mode == "lines+markers"]
    assert series(narrow) == series(wide)


def test_bar_labels_and_their_words_go_above_each_bar():
    table = pd.DataFrame({"question": ["I feel valued for the work I do at the Combined Authority", "My manager supports me"],
                          "change": [5.0, -3.0], "lower": [-2.0, -9.0], "upper": [12.0, 3.0],
                          "verdict": ["within the noise", "within the noise"]})
    narrow = narrow_layout(change_bars(table, title="Change since the previous wave"))
    assert narrow.layout.yaxis.showticklabels is False
    labels = [a.text for a in narrow.layout.annotations if a.name == "bar label"]
    assert len(labels) == 2 and labels[1] == "My manager supports me<br>-3 pts, within the noise"
    assert not [a for a in narrow.layout.annotations if a.xref == "x" and a.yref == "y"], "no words left beside the bars"


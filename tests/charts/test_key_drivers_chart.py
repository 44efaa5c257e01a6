"""charts.key_drivers: the importance vs score view carries aggregates only, names its
quadrants in text, marks priorities by shape as well as colour, and has alt text."""
import pandas as pd

from charts.key_drivers import PRIORITY, importance_score_chart
from charts.text import alt_text


def _view(tiers=(1, 1, 2)):
    return pd.DataFrame({"question": ["A a", "B b", "C c"], "pct_positive": [30.0, 80.0, 40.0],
                         "importance": [0.6, 0.5, 0.1], "lower": [0.4, 0.3, 0.0], "upper": [0.8, 0.7, 0.2],
                         "quadrant": [PRIORITY, "Strength: matters more, scores higher",
                                      "Watch: matters less, scores lower"],
                         "top_tier_floor": 0.5 if 2 in tiers else float("nan"), "score_median": 40.0})


def test_points_are_the_aggregates_and_priorities_differ_in_shape():
    fig = importance_score_chart(_view(), "Outcome")
    traces = {t.name: t for t in fig.data}
    assert list(traces["Priority statements"].x) == [30.0] and list(traces["Priority statements"].y) == [0.6]
    assert traces["Priority statements"].marker.symbol != traces["Other statements"].marker.symbol
    assert sorted(traces["Other statements"].x) == [40.0, 80.0]
    texts = [a.text.replace("<br>", " ") for a in fig.layout.annotations]
    assert any(t.startswith("Priority: matters more") for t in texts)
    assert any(t.startswith("Watch: matters less") for t in texts)
    assert "priorities (matter more, score lower): “A a”" in alt_text(fig)


def test_one_tier_draws_no_lower_quadrants():
    fig = importance_score_chart(_view(tiers=(1, 1, 1)), "Outcome")
    texts = [a.text.replace("<br>", " ") for a in fig.layout.annotations]
    assert not any("matters less" in t for t in texts)

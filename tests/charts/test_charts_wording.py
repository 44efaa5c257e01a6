"""The wording-change marker on a question trend."""
import pandas as pd

from charts.text import alt_text
from charts.trend import trend_chart
from charts.wording import MARKER_NAME, add_wording_markers


def test_marker_and_alt_text():
    trend = pd.DataFrame({"series": "% positive", "date": pd.to_datetime(["2023-01-10", "2023-11-10"]),
                          "value": [60.0, 70.0]})
    changes = pd.DataFrame({"question_id": ["Q1"], "wave_date": [pd.Timestamp("2023-11-10")],
                            "old": ["Old words"], "new": ["New words"]})
    fig = add_wording_markers(trend_chart(trend, x="date", title="Q1"), changes)
    assert [s.name for s in fig.layout.shapes] == [MARKER_NAME]
    assert any(a.text == "Wording changed" for a in fig.layout.annotations)
    assert '"Old words" to "New words"' in alt_text(fig)

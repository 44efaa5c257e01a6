"""charts.group_results: one directorate's % positive per statement beside everyone's, and
the words charts.absent gives a directorate's hidden theme score."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from charts import absent, alt_text
from charts.group_results import EVERYONE_COLOUR, GROUP_COLOUR, group_positive_bars
from settings.disclosure import DisclosurePolicy

HIDDEN = "fewer than 10 responses"


@pytest.fixture
def table() -> pd.DataFrame:
    return pd.DataFrame({
        "question": ["I feel valued", "My manager supports me", "I have experienced bullying", "Leaders are visible"],
        "pct_positive": [64.24, 81.0, None, 38.6],
        "suppressed": [False, False, True, False],
        "hidden_because": [None, None, "fewer than 10 answers", None],
        "all_staff": [58.0, 83.3, 86.6, None],
    })


def test_bars_are_the_groups_figures_and_the_marker_everyones(table):
    fig = group_positive_bars(table, group="Place", everyone="All staff", suppressed_label=HIDDEN, title="t")
    bars, marker = fig.data
    assert (bars.name, marker.name) == ("Place", "All staff")
    assert list(bars.customdata) == ["My manager supports me", "I feel valued", "Leaders are visible",
                                     "I have experienced bullying"]
    assert list(bars.x) == [81.0, 64.2, 38.6, None] and list(bars.text) == ["81%", "64%", "39%", ""]
    assert list(marker.x) == [83.3, 58.0, None, 86.6]
    assert marker.marker.symbol == "diamond" and (bars.marker.color, marker.marker.color) == (GROUP_COLOUR,
                                                                                               EVERYONE_COLOUR)


def test_a_hidden_statement_draws_no_bar_and_says_why(table):
    fig = group_positive_bars(table, group="Place", everyone="All staff", suppressed_label=HIDDEN)
    notes = [a.text for a in fig.layout.annotations if a.name == "suppressed"]
    assert notes == ["fewer than 10 answers"]
    assert "1 question not shown: fewer than 10 answers." in alt_text(fig)


def test_the_alt_text_names_the_group_and_compares_it_with_everyone(table):
    text = alt_text(group_positive_bars(table, group="Place", everyone="All staff", suppressed_label=HIDDEN))
    assert text.startswith('Place, most positive: "My manager supports me" (81% positive; all staff 83%)')
    assert 'least positive: "Leaders are visible" (39%)' in text
    assert "above all staff on 1 of 2 statements" in text


def test_a_group_with_nothing_shown_says_so(table):
    hidden = table.assign(pct_positive=None, suppressed=True, hidden_because=HIDDEN)
    fig = group_positive_bars(hidden, group="Legal", everyone="All staff", suppressed_label=HIDDEN)
    assert alt_text(fig) == "No results shown for Legal. 4 questions not shown: fewer than 10 responses."
    assert all(x is None for x in fig.data[0].x)


def test_no_count_reaches_the_figure(table):
    def spec(frame):
        fig = group_positive_bars(frame, group="Place", everyone="All staff", suppressed_label=HIDDEN)
        return json.dumps(fig.to_plotly_json(), default=str, sort_keys=True)

    assert spec(table.assign(n=[52, 49, 7, 50], n_respondents=[52, 49, 7, 50])) == spec(table)


def test_a_hidden_latest_figure_gives_its_rows_reason():
    policy = DisclosurePolicy(10, 20)
    latest = pd.Timestamp("2024-10-07")
    trend = pd.DataFrame({"series": ["Culture"], "date": [latest], "value": [None],
                          "hidden_because": ["hidden so that a smaller group cannot be worked out by subtraction"]})
    assert absent.hidden_latest(trend, "Culture", latest, policy) == (
        "No figure for October 2024: hidden so that a smaller group cannot be worked out by subtraction.")
    plain = trend.drop(columns="hidden_because")
    assert absent.hidden_latest(plain, "Culture", latest, policy) == (
        "No figure for October 2024: fewer than 10 answers, or showing it could reveal a small group's answers.")

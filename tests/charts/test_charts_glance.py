"""Issue 16 on the charts: a negatively worded statement's bar, hover and alt text say what
positive means for it (from the codebook, through metrics); a survey measure's long name
wraps beside its line's end; a front's measures keep its look on every chart."""
from __future__ import annotations

import re

import pandas as pd

from charts import alt_text, answer_distribution
from charts.palette import PALETTE
from charts.trend import END_LABEL_WIDTH, series_style_index, trend_chart
from metrics.breakdowns import statement_results
from model.frames import CODEBOOK, SURVEY_RESPONSES, conform
from model.survey_counts import count_responses
from settings.disclosure import DisclosurePolicy

BULLYING = "In the past 12 months I have experienced bullying or harassment at work"
MEANS = "positive = disagree, i.e. have not experienced it"


def statements() -> pd.DataFrame:
    """One wave of 20: 2 agree they were bullied (a negative statement), 12 feel valued."""
    rows = [(f"r{i}", "Q-BULLY", BULLYING, "Agree" if i < 2 else "Disagree") for i in range(20)]
    rows += [(f"r{i}", "Q-VALUED", "I feel valued", "Agree" if i < 12 else "Disagree") for i in range(20)]
    answers = pd.DataFrame(rows, columns=["respondent", "question_id", "question_text", "answer"]).assign(
        audience="staff", wave="2024-10", wave_date="2024-10-07", group="All")
    book = conform(pd.DataFrame({"question_id": ["Q-BULLY", "Q-VALUED"], "wording": [BULLYING, "I feel valued"],
                                 "theme": ["culture", "culture"], "negative": [True, False],
                                 "positive_means": ["have not experienced it", ""]}), CODEBOOK)
    counts = count_responses(conform(answers, SURVEY_RESPONSES))
    return statement_results(counts, book, DisclosurePolicy(min_size=10, protection_points=20))


def test_a_flipped_statements_bar_hover_and_alt_text_say_what_positive_means():
    fig = answer_distribution(statements(), suppressed_label="fewer than 10 responses")
    labels = [label.replace("<br>", " ") for label in fig.data[0].y]
    assert any(label.startswith(BULLYING) and label.endswith(f"({MEANS})") for label in labels)
    assert "I feel valued" in labels                      # a positively worded one has no note
    assert f"{BULLYING} ({MEANS})" in set(fig.data[2].customdata)   # the hover names it too
    assert f'Most positive: "{BULLYING} ({MEANS})" (90% positive, 10% negative)' in alt_text(fig)


def test_a_measures_long_name_wraps_beside_its_lines_end_keeping_its_unit_whole():
    name = "Partner survey, partnership theme: % positive"
    table = pd.DataFrame({"series": [name] * 2, "wave_date": pd.to_datetime(["2023-03-06", "2024-09-16"]),
                          "value": [25.7, 41.1]})
    fig = trend_chart(table)
    label = next(a.text for a in fig.layout.annotations if "41%" in a.text)
    lines = label.split("<br>")
    assert " ".join(lines).replace("\u00a0", " ") == f"{name} 41%"
    assert len(lines) <= 3 and all(len(line) <= END_LABEL_WIDTH for line in lines)
    assert any("%\u00a0positive" in line for line in lines)
    assert fig.layout.margin.r <= 24 + 7 * END_LABEL_WIDTH


def test_each_fronts_survey_measures_look_like_that_front_on_every_chart():
    staff_governance, partner_governance = ("Staff survey, governance theme: % positive",
                                            "Partner survey, governance theme: % positive")
    assert series_style_index(staff_governance, [staff_governance]) == 2
    assert series_style_index(partner_governance, ["Partner survey, partnership theme: % positive",
                                                   partner_governance]) == 2
    assert series_style_index("Staff survey, culture theme: % positive", []) == 0
    assert PALETTE[series_style_index("Governance", ["Governance"])] == PALETTE[2]


def test_the_printed_journey_wraps_a_measures_name_and_keeps_its_labels_apart():
    from exports.summary_svg import END_LABEL_WIDTH as WIDTH, journey_svg

    dates = pd.to_datetime(["2023-03-06", "2024-09-16"])
    journey = pd.DataFrame({"series": ["Staff survey, culture theme: % positive"] * 2
                            + ["Partner survey, partnership theme: % positive"] * 2,
                            "date": list(dates) * 2, "value": [30.0, 62.0, 25.0, 60.0],
                            "lower": [20.0, 55.0, 15.0, 50.0], "upper": [40.0, 69.0, 35.0, 70.0]})
    events = pd.DataFrame({"date": pd.to_datetime(["2024-01-30"]), "label": ["Revised notice"], "kind": ["notice"]})
    svg = journey_svg(journey, events, "alt")
    labels = re.findall(r'<text x="[\d.]+" y="([\d.]+)"[^>]*font-size="10">(.*?)</text>', svg)
    assert len(labels) == 2
    lines = [[t.replace("\u00a0", " ") for t in re.findall(r"<tspan[^>]*>(.*?)</tspan>", body)] for _, body in labels]
    assert {" ".join(parts) for parts in lines} == {"Staff survey, culture theme: % positive 62%",
                                                    "Partner survey, partnership theme: % positive 60%"}
    assert all(len(line) <= WIDTH for parts in lines for line in parts)
    (top_a, lines_a), (top_b, _) = sorted((float(y), len(parts)) for (y, _), parts in zip(labels, lines))
    assert top_b - top_a >= 11 * lines_a, "the two labels overlap"


def test_a_row_whose_label_runs_to_three_lines_gets_the_room_for_them():
    from charts.text import row_height

    assert row_height(["one line", "two<br>lines"]) == 44
    assert row_height(["In the past 12 months I have<br>experienced bullying (positive =<br>disagree, i.e. ...)"]) > 44
    fig = answer_distribution(statements(), suppressed_label="fewer than 10 responses")
    assert fig.layout.height >= 130 + 2 * (15 * 3 + 8)


def test_wrapped_end_labels_of_close_lines_are_spread_apart_around_them():
    names = ["Partner survey, governance theme: % positive", "Partner survey, partnership theme: % positive"]
    table = pd.DataFrame({"series": names, "wave_date": pd.to_datetime(["2024-09-16"] * 2), "value": [32.3, 41.1]})
    fig = trend_chart(table)
    ys = sorted(a.y for a in fig.layout.annotations if (a.name or "").startswith("end label:"))
    assert ys[1] - ys[0] >= 27 - 1e-9, "three-line labels need three lines' room between them"
    assert ys[0] < 32.3 and ys[1] > 41.1, "spread around the two line ends, not only pushed up"

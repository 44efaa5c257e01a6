"""Issue 16, what a survey page says at a glance and nothing on it can mislead: a negatively
worded statement says what positive means for it, a survey measure is named for what it
is, a change within the noise has one look, an interval never contradicts its verdict, and
the heading over the questions that moved says what they show."""
import math

import pandas as pd
import pytest

from metrics.breakdowns import statement_results
from metrics.change import shown_interval, shown_intervals
from metrics.expectations import gather_evidence, judge
from metrics.headlines import Headline, moved_heading, question_changes
from metrics.overview import FRONTS, measure_trends
from metrics.questions import audience_questions, question_trend
from metrics.survey import flipped_notes
from metrics.trends import improvement_journey, theme_trend
from model.frames import CODEBOOK, conform
from model.survey_counts import count_responses
from settings.disclosure import DisclosurePolicy

POLICY = DisclosurePolicy(min_size=10, protection_points=20)
BULLYING = "In the past 12 months I have experienced bullying or harassment at work"
MEANS = "positive = disagree, i.e. have not experienced it"


def wave(answers, n_agree, n_disagree, label, date, question="Q1", text=BULLYING):
    rows = [(f"{label}-a{i}", "Resources", question, "Agree") for i in range(n_agree)]
    rows += [(f"{label}-d{i}", "Resources", question, "Disagree") for i in range(n_disagree)]
    return answers(rows, wave=label, wave_date=date).assign(question_text=text)


def book(positive_means: str | None = "have not experienced it", theme: str = "culture"):
    """A codebook with one negatively worded statement, Q1, and what a positive answer to it says."""
    frame = pd.DataFrame({"question_id": ["Q1"], "wording": [BULLYING], "waves": [""], "theme": [theme],
                          "negative": [True], "positive_means": [positive_means]})
    return conform(frame, CODEBOOK)


@pytest.fixture
def bullied(responses, answers):
    """Two waves: 3 then 2 of 20 agree that they were bullied (85% then 90% positive)."""
    return count_responses(responses(wave(answers, 3, 17, "w1", "2024-04-01"), wave(answers, 2, 18, "w2", "2024-10-01")))


# -- 1. a flipped statement says what positive means, from the codebook -------------------
def test_what_positive_means_is_the_codebooks_words_or_the_configured_default(codebook):
    assert flipped_notes(book()) == {"Q1": MEANS}
    assert flipped_notes(book(None)) == {"Q1": "positive = disagree"}
    assert flipped_notes(book("  ")) == {"Q1": "positive = disagree"}
    assert flipped_notes(codebook([("Q1", "culture", False)])) == {}


def test_every_table_of_a_flipped_statement_says_what_positive_means(bullied):
    statements = statement_results(bullied.where(wave_date=pd.Timestamp("2024-10-01")), book(), POLICY)
    assert statements.loc[0, "question"] == f"{BULLYING} ({MEANS})"
    assert statements.loc[0, "pct_positive"] == 90.0
    moved = question_changes(bullied, book(), "staff", POLICY).iloc[0]
    assert moved["question"] == f"{BULLYING} ({MEANS})"
    assert moved["headline"].startswith(f"90% positive on “{BULLYING}” ({MEANS}), up 5 points")


def test_a_flipped_statements_trend_and_its_choice_say_what_positive_means(bullied):
    trend = question_trend(bullied, book(), "staff", "Q1", POLICY)
    assert set(trend["series"]) == {f"% positive ({MEANS})"}
    assert trend["n"].tolist() == [20, 20] and str(trend["n"].dtype) == "Int64"
    asked = audience_questions(bullied, book(), "staff", "culture")
    assert asked["question_text"].tolist() == [f"{BULLYING} ({MEANS})"]


# -- 2. a survey measure is named for what it is ------------------------------------------
def test_a_survey_theme_score_is_named_by_its_survey_and_theme(bullied, responses, answers):
    trend = theme_trend(bullied, book(theme="governance"), "staff", POLICY)
    assert set(trend["series"]) == {"Staff survey, governance theme: % positive"}
    partner = count_responses(responses(wave(answers, 12, 8, "p1", "2024-02-01").assign(audience="partner")))
    named = theme_trend(partner, book(theme="governance"), "partner", POLICY)
    assert set(named["series"]) == {"Partner survey, governance theme: % positive"}
    expectation = pd.Series({"survey_measures": "partner:governance"})
    assert set(measure_trends(expectation, partner, book(theme="governance"), POLICY)["measure"]) == \
        {"Partner survey, governance theme: % positive"}


def test_the_overview_cards_and_the_judgements_name_the_survey_measure(bullied, actions):
    assert [label for _, label, _ in FRONTS[:2]] == ["Staff survey, culture theme: % positive",
                                                     "Partner survey, partnership theme: % positive"]
    plan = actions([("2024-10-01", "A1", "2024-06-01", "Complete")])
    journey = improvement_journey(bullied, book(), plan, POLICY)
    assert FRONTS[0][0] in set(journey["series"])
    expectation = pd.Series({"survey_measures": "staff:culture", "action_areas": "", "action_refs": "",
                             "milestone_kinds": ""})
    evidence = gather_evidence(expectation, plan.iloc[0:0], bullied, book(), pd.DataFrame(
        {"date": pd.Series(dtype="datetime64[ns]"), "label": [], "kind": []}), POLICY)
    reasons = judge(evidence, {"thresholds": {"red_below_pct_complete": 50, "green_min_pct_complete": 80}})[1]
    assert reasons[0].startswith("Staff survey, culture theme: 90% positive in Oct 2024")


# -- 3. a change within the noise has one look on every card -------------------------------
def test_a_change_within_the_noise_is_grey_and_says_so_a_real_one_is_coloured_and_says_so():
    ts = pd.Timestamp
    noise = Headline("Staff survey, culture theme: % positive", 62.0, ts("2024-10-01"), 3.2, ts("2024-04-01"),
                     "within the noise", 130)
    assert (noise.delta, noise.delta_colour) == ("+3 points, within the noise", "off")
    real = Headline("x", 62.0, ts("2024-10-01"), -12.4, ts("2024-04-01"), "a real change", 130)
    assert (real.delta, real.delta_colour) == ("-12 points, a real change", "normal")
    counted = Headline("x", 79.0, ts("2024-10-01"), 9.0, ts("2024-09-01"),
                       "every action is counted, so this is not sampling noise", 40)
    assert (counted.delta, counted.delta_colour) == ("+9 points", "normal")
    none = Headline("x", 62.0, ts("2024-10-01"), 0.3, ts("2024-04-01"), "within the noise", 130)
    assert none.delta is None


# -- 4. an interval never contradicts its verdict ------------------------------------------
@pytest.mark.parametrize("lower, upper, shown", [
    (-23.709057, 0.019769, (-23.8, 0.1)),       # within the noise: 0 stays inside, never [.., 0.0]
    (0.004, 5.12, (0.004, 5.2)),                # a real rise: its lower bound stays above 0
    (-5.1, -0.0003, (-5.1, -0.0003)),           # a real fall: its upper bound stays below 0
    (-0.6, 21.9, (-0.6, 21.9)),                 # a bound already at one decimal stays
    (6.032, 38.88, (6.0, 38.9)),
])
def test_an_interval_is_rounded_outward_and_never_onto_zero(lower, upper, shown):
    assert shown_interval(lower, upper) == shown
    lo, hi = shown_interval(lower, upper)
    assert (lo <= 0 <= hi) == (lower <= 0 <= upper)


def test_missing_bounds_stay_missing_and_every_interval_of_a_table_is_shown_the_same_way():
    assert all(math.isnan(v) for v in shown_interval(float("nan"), 3.0))
    table = shown_intervals(pd.DataFrame({"lower": [-23.709057, None], "upper": [0.019769, None]}))
    assert table["lower"].iloc[0] == -23.8 and table["upper"].iloc[0] == 0.1 and table["lower"].isna().iloc[1]


def test_the_moved_table_and_the_trend_bands_are_rounded_outward(responses, answers, codebook):
    data = count_responses(responses(wave(answers, 30, 17, "w1", "2024-04-01", text="Q1"),
                                     wave(answers, 22, 25, "w2", "2024-10-01", text="Q1")))
    plain = codebook([("Q1", "culture", False)])
    row = question_changes(data, plain, "staff", POLICY).iloc[0]
    assert row["verdict"] == "within the noise" and row["lower"] < 0 < row["upper"]
    assert row["upper"] == math.ceil(row["upper"] * 10) / 10 and row["lower"] == math.floor(row["lower"] * 10) / 10
    band = theme_trend(data, plain, "staff", POLICY).iloc[-1]
    assert band["lower"] <= band["value"] <= band["upper"]


# -- 5. the heading says what the section shows --------------------------------------------
def changes(verdicts):
    return pd.DataFrame({"change": [1.0] * len(verdicts), "verdict": verdicts})


def test_the_heading_over_the_questions_that_moved_says_how_many_moved():
    assert moved_heading(changes(["within the noise"] * 14)) == "None of 14 questions moved beyond the noise"
    assert moved_heading(changes(["real change"] + ["within the noise"] * 7)) == \
        "1 of 8 questions moved beyond the noise"
    assert moved_heading(changes(["within the noise"])) == "No question moved beyond the noise"
    assert moved_heading(changes(["within the noise"] * 3), "statement") == \
        "None of 3 statements moved beyond the noise"


def test_with_nothing_to_compare_the_heading_asks_the_sections_question():
    nothing = pd.DataFrame({"change": [None, None], "verdict": [pd.NA, pd.NA]})
    assert moved_heading(nothing) == "Did any question move beyond the noise?"
    assert moved_heading(pd.DataFrame()) == "Did any question move beyond the noise?"

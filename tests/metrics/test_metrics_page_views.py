"""The compositions the pages publish: trends, headlines and breakdowns, with the
reporting threshold applied to whole-audience figures as well as to groups."""
import pandas as pd

from metrics.breakdowns import NOT_STATED, group_theme_table, statement_results
from metrics.disclosure import suppress_small_totals
from metrics.headlines import Headline, question_changes
from metrics.trends import improvement_journey, journey_span, theme_trend
from model.survey_counts import count_responses
from settings.disclosure import DisclosurePolicy

POLICY = DisclosurePolicy(min_size=10, protection_points=20)


def wave(answers, n_agree, n_disagree, wave_label, date, group="Resources", question="Q1"):
    rows = [(f"{wave_label}-a{i}", group, question, "Agree") for i in range(n_agree)]
    rows += [(f"{wave_label}-d{i}", group, question, "Disagree") for i in range(n_disagree)]
    return answers(rows, wave=wave_label, wave_date=date).assign(question_text=question)


def test_small_total_is_hidden_with_its_count():
    table = pd.DataFrame({"wave": ["a", "b"], "n_respondents": [9, 10], "pct_positive": [50.0, 60.0]})
    out = suppress_small_totals(table, "n_respondents", POLICY, keys=["wave"])
    assert out["suppressed"].tolist() == [True, False]
    assert out["pct_positive"].isna().tolist() == [True, False]
    assert out["n_respondents"].isna().tolist() == [True, False]
    assert out.loc[1, "pct_positive"] == 60.0


def test_theme_trend_blanks_a_wave_under_the_threshold(responses, answers, codebook):
    data = count_responses(responses(wave(answers, 6, 3, "w1", "2023-01-01"), wave(answers, 15, 5, "w2", "2023-06-01")))
    book = codebook([("Q1", "culture", False)])
    trend = theme_trend(data, book, "staff", POLICY)
    assert len(trend) == 2
    first, second = trend.sort_values("date").to_dict("records")
    assert pd.isna(first["value"]) and pd.isna(first["lower"]) and pd.isna(first["n"])
    assert second["value"] == 75.0 and second["n"] == 20
    assert second["lower"] < 75.0 < second["upper"]


def test_question_changes_gives_no_figure_for_a_small_latest_wave(responses, answers, codebook):
    data = count_responses(responses(wave(answers, 15, 5, "w1", "2023-01-01"), wave(answers, 8, 1, "w2", "2023-06-01")))
    out = question_changes(data, codebook([("Q1", "culture", False)]), "staff", POLICY)
    assert pd.isna(out.loc[0, "pct_positive"]) and pd.isna(out.loc[0, "change"])
    assert "no figure" in out.loc[0, "headline"]


def test_question_changes_verdict_and_sentence(responses, answers, codebook):
    data = count_responses(responses(wave(answers, 10, 30, "w1", "2023-01-01"), wave(answers, 30, 10, "w2", "2023-06-01")))
    out = question_changes(data, codebook([("Q1", "culture", False)]), "staff", POLICY)
    row = out.iloc[0]
    assert row["pct_positive"] == 75 and row["change"] == 50.0
    assert row["verdict"] == "real change"
    assert "up 50 points since January 2023: real change" in row["headline"]


def test_negative_statement_is_labelled(responses, answers, codebook):
    data = count_responses(responses(wave(answers, 5, 15, "w1", "2023-01-01")))
    out = question_changes(data, codebook([("Q1", "culture", True)]), "staff", POLICY)
    assert out.loc[0, "question"].endswith("(positive = disagree)")
    assert out.loc[0, "pct_positive"] == 75


def test_headline_rounds_a_tiny_change_to_no_change():
    ts = pd.Timestamp
    tiny = Headline("Culture", 62.0, ts("2024-10-01"), 0.3, ts("2024-04-01"), "within the noise", 130)
    assert "no change since Apr 2024" in tiny.sentence and "up 0" not in tiny.sentence
    real = Headline("Culture", 62.0, ts("2024-10-01"), -4.6, ts("2024-04-01"), "within the noise", 130)
    assert "down 5 points since Apr 2024" in real.sentence


def test_group_table_names_missing_groups_and_hides_small_ones(responses, answers, codebook):
    data = responses(
        wave(answers, 12, 3, "w1", "2023-01-01", group="Resources"),
        wave(answers, 10, 5, "w1b", "2023-01-01", group="Place"),
        wave(answers, 3, 2, "w1c", "2023-01-01", group=None),
    ).assign(wave="w1")
    out = group_theme_table(count_responses(data), codebook([("Q1", "culture", False)]), POLICY)
    by_group = out.set_index("group")
    assert NOT_STATED in by_group.index
    assert bool(by_group.loc[NOT_STATED, "suppressed"])
    # a lone hidden group is recoverable from the total: a complement is hidden too
    assert out["suppressed"].sum() >= 2
    assert by_group["score"].notna().sum() == 3 - out["suppressed"].sum()


def test_statement_results_hide_thin_statements(responses, answers, codebook):
    data = responses(wave(answers, 12, 3, "w1", "2023-01-01", question="Q1"),
                     wave(answers, 4, 2, "w1x", "2023-01-01", question="Q2")).assign(wave="w1")
    out = statement_results(count_responses(data), codebook([("Q1", "partnership", False), ("Q2", "partnership", False)]), POLICY)
    shown = out.set_index("question")
    assert shown.loc["Q1", "pct_positive"] == 80.0
    assert pd.isna(shown.loc["Q2", "pct_positive"]) and pd.isna(shown.loc["Q2", "n_respondents"])


def test_journey_span_covers_events_and_data():
    events = pd.DataFrame({"date": pd.to_datetime(["2022-06-01", "2025-05-30"])})
    data = pd.Series(pd.to_datetime(["2021-01-01", "2024-01-01"]))
    assert journey_span(events, data) == (pd.Timestamp("2021-01-01"), pd.Timestamp("2025-05-30"))


def test_improvement_journey_has_three_fronts(responses, answers, codebook, actions):
    staff = wave(answers, 12, 3, "w1", "2023-01-01")
    partner = wave(answers, 8, 4, "p1", "2023-02-01", question="P1").assign(audience="partner")
    book = codebook([("Q1", "culture", False), ("P1", "partnership", False)])
    plan = actions([("2023-03-01", "A1", "2023-06-01", "Complete"), ("2023-03-01", "A2", "2023-06-01", "Red")])
    out = improvement_journey(count_responses(responses(staff, partner)), book, plan, POLICY)
    culture, partnership = "Staff survey, culture theme: % positive", "Partner survey, partnership theme: % positive"
    actions = "% of improvement-plan actions complete"
    assert set(out["series"]) == {culture, partnership, actions}
    assert out.set_index("series").loc[actions, "value"] == 50.0
    assert out.set_index("series").loc[culture, "value"] == 80.0


def test_completion_sentence_leaves_out_of_scope_actions(actions):
    from metrics.actions import completion_sentence

    plan = actions([("2024-10-16", "A1", None, "Complete"), ("2024-10-16", "A2", None, "Red"),
                    ("2024-10-16", "A3", None, "Superseded")])
    assert completion_sentence(plan) == "1 of 2 actions complete (50%), not counting 1 superseded action."


def test_a_change_of_one_point_is_one_point():
    from metrics.headlines import points
    assert [points(1.2), points(-0.6), points(12.4), points(-12.6, signed=True), points(1, signed=True)] == \
        ["1 point", "1 point", "12 points", "-13 points", "+1 point"]

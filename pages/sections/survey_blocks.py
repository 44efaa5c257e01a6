"""The survey pages' blocks (Culture, Partnership, Staff results): theme scores over time,
the questions that moved, results by group, a theme's questions and one question's
history, the response rate.

Each block draws its chart with ``widgets.chart_block`` (figure, alt text, the same data as a
table) or, when its data leaves nothing to draw (a wave under the reporting threshold,
one wave only, a statement nobody answered, a survey with no themes), says why in words
specific to the block (``charts.absent``); the rest of the page carries on. Tables show
only the columns they list, under their names in config/labels.toml, so a column a calculation
adds is never shown unasked.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import context, view_link, widgets
from charts import absent
from charts.change import change_bars
from charts.survey import answer_distribution, group_heatmap
from charts.trend import trend_chart
from metrics.journey_marks import mark_journey
from charts.wording import add_wording_markers
from metrics.published import question_history, survey_views, theme_drill, wave_dates, wave_groups
from metrics.questions import audience_questions
from metrics.response import response_rates
from metrics.trends import journey_span, with_basis
from settings.labels import labelled, survey_measure, survey_name, value_label
from ui.cache import shared

# The columns each table shows, in order (their display names: config/labels.toml).
TREND_COLUMNS = ["series", "date", "value", "lower", "upper", "n"]
ANSWER_COLUMNS = ["question", "n_respondents", "pct_positive", "pct_neutral", "pct_negative"]
MOVED_COLUMNS = ["question", "theme", "pct_positive", "change", "lower", "upper", "verdict"]
RATE_COLUMNS = ["audience", "wave", "wave_date", "respondents", "headcount", "response_rate"]
GROUP_COLUMNS = ["wave", "group", "theme", "n_respondents", "score", "statements"]


def hidden_label() -> str:
    """What a hidden cell says when its table gives no reason of its own."""
    return context.settings().disclosure.too_few("responses")


def views_of(audience: str):
    """The audience's survey views: the same call as the pages', so it comes from their cache."""
    data, settings = context.bundle(), context.settings()
    return shared(survey_views, data.surveys, data.codebook, audience, settings.disclosure, settings.confidence)


def theme_trend_block(audience: str, title: str, key: str) -> None:
    """One audience's theme scores wave by wave, with bands and milestones, and its table."""
    data, trend = context.bundle(), views_of(audience).trend
    if message := absent.trend_absent(trend, context.settings().disclosure):
        return widgets.say(message)
    start, end = journey_span(data.events, trend["date"])
    marked = shared(mark_journey, trend, data.events, {}, context.settings().confidence)
    fig = shared(trend_chart, marked, x="date", y="value", series="series", lower="lower", upper="upper",
                 events=data.events, title=title, y_title="% positive", start=start, end=end)
    widgets.chart_block(fig, labelled(with_basis(trend), [*TREND_COLUMNS, "statements"], "theme_trend"), key=key)


def response_rate_block(audience: str, key: str) -> None:
    """Respondents as a share of the people invited, wave by wave (when headcount.csv exists)."""
    data = context.bundle()
    rates = shared(response_rates, data.surveys, data.headcount, audience)
    if rates.empty or rates["response_rate"].isna().all():
        st.write("No headcount file, so no response rates: add headcount.csv (audience, wave, headcount).")
        return
    trend = rates.assign(series="Response rate", value=rates["response_rate"].astype(float))
    start, end = journey_span(data.events, trend["wave_date"])
    fig = shared(trend_chart, trend, x="wave_date", y="value", series="series", events=data.events,
                 title=f"{survey_name(audience)} response rate", y_title="% of people invited",
                 start=start, end=end)
    widgets.chart_block(fig, labelled(rates, RATE_COLUMNS), key=key)


def with_reasons(moved: pd.DataFrame, statements: pd.DataFrame | None) -> pd.DataFrame:
    """The moved table with each hidden statement's reason in words (from the same wave's
    statements table, when it gives one), so its row says why it has no comparison."""
    if statements is None or not {"question_id", "hidden_because"} <= set(statements.columns) \
            or "question_id" not in moved or "hidden_because" in moved:
        return moved
    reasons = statements[["question_id", "hidden_because"]].drop_duplicates("question_id")
    return moved.merge(reasons, on="question_id", how="left")


def moved_block(views, audience: str, key: str) -> None:
    """The questions that moved since the previous wave, biggest first, with the verdict."""
    moved, waves = views.moved, len(shared(wave_dates, context.bundle().surveys, audience))
    if message := absent.moved_absent(moved, waves, context.settings().disclosure, views.statements):
        return widgets.say(message)
    moved = shared(with_reasons, moved, views.statements)
    fig = shared(change_bars, moved, title=f"Change since the previous wave, {widgets.wave_label(views.wave_date)}")
    shown = moved.assign(_size=moved["change"].abs()).sort_values("_size", ascending=False, na_position="last")
    # the interval is already rounded outward (metrics.change.shown_interval): rounding it again could
    # show [.., 0.0] beside "within the noise"
    widgets.chart_block(fig, labelled(shown.round({"change": 1}), MOVED_COLUMNS, "moved"), key=key)


def group_block(data, audience: str, group_label: str, key: str) -> None:
    """Group x theme heatmap for a chosen wave; small groups say so instead of a number."""
    policy = context.settings().disclosure
    dates = shared(wave_dates, data.surveys, audience)
    chosen = view_link.choice("selectbox", "Survey wave", dates, format_func=widgets.wave_label, key=f"{key}-wave")
    groups = shared(wave_groups, data.surveys, data.codebook, audience, policy, chosen)
    if message := absent.groups_absent(groups, group_label, widgets.wave_label(chosen), policy):
        return widgets.say(message)
    named = groups.assign(theme=[value_label("theme", t) for t in groups["theme"]])
    heat = shared(group_heatmap, named, row="group", column="theme", value="score", suppressed_label="hidden",
                  title=f"{survey_name(audience)} theme scores (% positive) by {group_label.lower()}, "
                        f"{widgets.wave_label(chosen)}")
    table = widgets.published_table(groups, hidden_label(), GROUP_COLUMNS, names={"group": group_label})
    widgets.chart_block(heat, table, key=key)


def _question_figure(trend: pd.DataFrame, changes: pd.DataFrame, events: pd.DataFrame, title: str, start, end):
    """One question's trend with its wording changes marked (one function, so it can be cached)."""
    fig = trend_chart(trend, x="date", y="value", series="series", lower="lower", upper="upper",
                      events=events, title=title, start=start, end=end)
    return add_wording_markers(fig, changes)


def drill_block(data, audience: str, key: str) -> None:
    """Theme -> its questions' answer distributions; question -> its trend, wording changes marked."""
    policy, views = context.settings().disclosure, views_of(audience)
    if not views.themes:
        return widgets.say(absent.no_themes())
    wave = widgets.wave_label(views.wave_date)
    theme = view_link.choice("selectbox", "Theme", views.themes, format_func=lambda t: value_label("theme", t),
                             key=f"{key}-theme")
    table = shared(theme_drill, data.surveys, data.codebook, audience, theme, views.wave_date, policy)
    if message := absent.theme_absent(table, theme, wave, policy):
        widgets.say(message)
    else:
        fig = shared(answer_distribution, table,
                     title=f"{survey_measure(audience, theme, unit=False)}: answers to each statement, {wave}",
                     suppressed_label=hidden_label())
        widgets.chart_block(fig, widgets.published_table(table, hidden_label(), ANSWER_COLUMNS), key=f"{key}-answers")
    question_block(data, audience, theme, key)


def question_block(data, audience: str, theme: str, key: str) -> None:
    """One question of the theme, chosen: its % positive over time, wording changes marked."""
    settings = context.settings()
    questions = shared(audience_questions, data.surveys, data.codebook, audience, theme)
    wording = dict(zip(questions["question_id"], questions["question_text"]))
    if not wording:
        return widgets.say(f"No statement of the {theme} theme has been asked in this survey yet.")
    qid = view_link.choice("selectbox", "Question", list(wording), format_func=wording.get, key=f"{key}-question")
    trend, changes = shared(question_history, data.surveys, data.codebook, audience, qid, settings.disclosure,
                            settings.confidence)
    if message := absent.question_absent(trend, wording[qid], settings.disclosure):
        return widgets.say(message)
    start, end = journey_span(data.events, trend["date"])
    fig = shared(_question_figure, trend, changes, data.events, f"“{wording[qid]}” over time", start, end)
    widgets.chart_block(fig, labelled(trend, TREND_COLUMNS), key=f"{key}-question-trend")
    for row in changes.itertuples():
        st.caption(f"Wording changed in {widgets.wave_label(row.wave_date)}: before, “{widgets.plain(row.old)}”.")

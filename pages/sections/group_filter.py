"""The group filter of the survey pages (Culture, Staff results): everyone, or one
directorate's own results, as the People Survey and the NHS Staff Survey give each unit.

``choose`` draws the "Show results for" box and says which group is shown and how many
responded; the blocks below draw that group's theme scores over time, its statements and one
statement's history from ``metrics.published.group_views`` (every figure one the
unfiltered pages' rule allows: ``metrics.group_results``). The choice is kept in the URL
(``?group=``, ui/view_link.py), validated against the groups the box offers: a link can ask
for no group the box would not offer, and a group's figures are the box's (hidden ones say
so). A group's names come from the data, so they are escaped wherever Markdown would read them.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from charts import absent
from charts.group_results import group_positive_bars
from charts.trend import trend_chart
from charts.wording import add_wording_markers
from metrics.published import GroupViews, group_choices, group_question_history, group_tables, group_views
from metrics.questions import audience_questions
from metrics.trends import journey_span, with_basis
from settings.labels import labelled
from ui import context, view_link, widgets
from ui.cache import shared

LABEL = "Show results for"
TREND_COLUMNS = ["series", "date", "value", "lower", "upper", "n", "statements"]
HISTORY_COLUMNS = ["date", "value"]


def choose(audience: str, everyone: str, key: str) -> GroupViews:
    """The filter box (``everyone``, then each group of the audience) and the sentence saying
    who is shown and how many responded; returns the chosen group's views (group None: everyone)."""
    data, settings = context.bundle(), context.settings()
    options = [None, *shared(group_choices, data.surveys, audience)]
    group = view_link.choice("selectbox", LABEL, options, key=key, format_func=lambda g: everyone if g is None else g,
                             help="Results for groups with too few responses are never shown.")
    if group is None:
        views = shared(group_views, data.surveys, data.codebook, audience, None, settings.disclosure)
    else:
        themes, people = tables(audience)
        views = shared(group_views, data.surveys, data.codebook, audience, group, settings.disclosure,
                       settings.confidence, themes=themes, people=people)
    st.markdown(who(views, everyone))
    return views


def tables(audience: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The group x theme table and the head counts of every wave (``group_tables``), once per data."""
    data = context.bundle()
    return shared(group_tables, data.surveys, data.codebook, audience, context.settings().disclosure)


def who(views: GroupViews, everyone: str) -> str:
    """'Showing Place: 39 people responded to the survey of October 2024.' or why nothing is shown."""
    name = widgets.plain(views.group) if views.group is not None else everyone.lower()
    if views.wave_date is None:
        return f"Showing {name}: no survey results yet."
    wave = widgets.wave_label(views.wave_date)
    if views.hidden_because is not None:
        earlier = " Earlier waves are shown where enough responded." if _any_shown(views.trend) else ""
        return (f"Showing **{name}**: its results for {wave} are not shown ({widgets.plain(views.hidden_because)})."
                + earlier)
    return f"Showing **{name}**: {views.respondents} people responded to the survey of {wave}."


def heading(text: str, views: GroupViews) -> None:
    """A section's header, naming the group when one is chosen ("Themes: Place")."""
    st.header(text if views.group is None else f"{text}: {widgets.plain(views.group)}")


def _any_shown(trend: pd.DataFrame) -> bool:
    return "value" in trend and bool(trend["value"].notna().any())


def worded(frame: pd.DataFrame, column: str, reason: str, hidden_label: str) -> pd.DataFrame:
    """``frame`` with ``column`` as text: its number, or (where blank) the row's ``reason``
    words, so a hidden figure says why in the table instead of leaving a gap."""
    words = frame[reason] if reason in frame else pd.Series(pd.NA, index=frame.index)
    text = [f"{float(v):g}" if pd.notna(v) else (w if isinstance(w, str) and w else hidden_label)
            for v, w in zip(frame[column], words)]
    return frame.assign(**{column: text})


def trend_block(views: GroupViews, title: str, key: str) -> None:
    """The group's theme scores wave by wave (its rows of the group x theme table)."""
    data, policy = context.bundle(), context.settings().disclosure
    trend = views.trend
    if trend.empty or trend["value"].isna().all():
        return widgets.say(f"No theme score of {views.group} can be shown in any wave so far: "
                           f"{absent.why_hidden(trend, policy)}.")
    start, end = journey_span(data.events, trend["date"])
    fig = shared(trend_chart, trend, x="date", y="value", series="series", lower="lower", upper="upper",
                 events=data.events, title=f"{title}: {views.group}", y_title="% positive", start=start, end=end)
    table = worded(with_basis(trend), "value", "hidden_because", policy.too_few("responses"))
    widgets.chart_block(fig, labelled(table, TREND_COLUMNS, "theme_trend"), key=key)


def statements_block(views: GroupViews, everyone: str, title: str, key: str,
                     question_ids: set[str] | None = None) -> None:
    """The group's % positive on each statement (or those of ``question_ids``) beside everyone's."""
    policy = context.settings().disclosure
    table = views.statements
    if question_ids is not None and "question_id" in table:
        table = table[table["question_id"].isin(question_ids)].reset_index(drop=True)
    if table.empty:
        return widgets.say(f"{views.group}: no statement was answered on the agreement scale in "
                           f"{widgets.wave_label(views.wave_date)}.")
    label = policy.too_few("responses")
    fig = shared(group_positive_bars, table, group=views.group, everyone=everyone, suppressed_label=label,
                 title=title)
    shown = worded(table, "all_staff", "all_staff_hidden_because", label)
    frame = widgets.published_table(shown, label, ["question", "pct_positive", "all_staff"],
                                    names={"pct_positive": f"{views.group}: % positive",
                                           "all_staff": f"{everyone}: % positive"})
    widgets.chart_block(fig, frame, key=key)


def drill_block(views: GroupViews, audience: str, themes: list[str], everyone: str, key: str) -> None:
    """Theme -> the group's answers to its statements; statement -> the group's % positive
    over time. The boxes share their keys with ``survey_blocks.drill_block``, so a choice
    stays when the filter changes."""
    data, policy = context.bundle(), context.settings().disclosure
    if not themes:
        return widgets.say(absent.no_themes())
    wave = widgets.wave_label(views.wave_date)
    theme = view_link.choice("selectbox", "Theme", themes, format_func=str.capitalize, key=f"{key}-theme")
    questions = shared(audience_questions, data.surveys, data.codebook, audience, theme)
    wording = dict(zip(questions["question_id"], questions["question_text"]))
    statements_block(views, everyone, f"{theme.capitalize()} statements, {views.group}, {wave}",
                     f"{key}-answers", question_ids=set(wording))
    if not wording:
        return
    qid = view_link.choice("selectbox", "Question", list(wording), format_func=wording.get, key=f"{key}-question")
    trend, changes = shared(group_question_history, data.surveys, data.codebook, audience, views.group, qid,
                            policy, people=tables(audience)[1])
    trend = trend.assign(series=views.group)
    if trend.empty or trend["value"].isna().all():
        return widgets.say(f"No figure of {views.group} for “{wording[qid]}” can be shown in any wave so far: "
                           f"{absent.why_hidden(trend, policy)}.")
    start, end = journey_span(data.events, trend["date"])
    fig = shared(_history_figure, trend, changes, data.events, f"“{wording[qid]}” over time, {views.group}",
                 start, end)
    table = worded(trend, "value", "hidden_because", policy.too_few("responses"))
    widgets.chart_block(fig, labelled(table, HISTORY_COLUMNS), key=f"{key}-question-trend")
    for row in changes.itertuples():
        st.caption(f"Wording changed in {widgets.wave_label(row.wave_date)}: before, “{widgets.plain(row.old)}”.")


def _history_figure(trend: pd.DataFrame, changes: pd.DataFrame, events: pd.DataFrame, title: str, start, end):
    """One statement's % positive for a group, wording changes marked; no band (no count is published)."""
    fig = trend_chart(trend, x="date", y="value", series="series", events=events, title=title, start=start, end=end)
    return add_wording_markers(fig, changes)

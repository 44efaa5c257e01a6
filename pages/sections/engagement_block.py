"""The Culture page's engagement index block: the index wave by wave with its 95% band and
milestones (``widgets.chart_block``: chart, alt text, data as a table), how it is made, and
the latest wave by directorate where the disclosure policy lets every directorate show."""
from __future__ import annotations

import streamlit as st

from charts import absent
from charts.trend import trend_chart
from metrics.engagement_index import index_by_group, index_trend
from metrics.trends import journey_span
from settings.labels import labelled
from ui import context, widgets
from ui.cache import shared

INDEX_COLUMNS = ["date", "value", "lower", "upper", "n", "complete", "hidden_because"]
GROUP_COLUMNS = ["group", "value", "lower", "upper", "n", "hidden_because"]


def method_sentence(questions: list[str]) -> str:
    return (f"Answers to {len(questions)} statements ({', '.join(questions)}) scored 0 (Strongly disagree) to 100 "
            "(Strongly agree), averaged per person, then over people, as the Civil Service People Survey does. "
            "The band is a cautious 95% interval: the survey is kept as counts per statement, so the band "
            "assumes the statements move together, which makes it wider, never narrower, than the exact one.")


def index_block(key: str) -> None:
    """The engagement index trend and, for its latest shown wave, the index by directorate."""
    data, settings = context.bundle(), context.settings()
    spec, policy = settings.engagement, settings.disclosure
    trend = shared(index_trend, data.surveys, data.codebook, spec, policy, settings.confidence)
    if message := absent.index_absent(trend, policy):
        return widgets.say(message)
    words = dict(zip(data.codebook["question_id"].astype(str), data.codebook["wording"].astype(str)))
    st.markdown(method_sentence([f"“{words.get(q, q)}”" for q in spec.questions]))
    start, end = journey_span(data.events, trend["date"])
    fig = shared(trend_chart, trend, x="date", y="value", series="series", lower="lower", upper="upper",
                 events=data.events, title=spec.name, y_title="Index (0-100)", suffix="", start=start, end=end)
    widgets.chart_block(fig, labelled(trend, INDEX_COLUMNS, "engagement_index"), key=key)
    latest = trend.dropna(subset=["value"])["date"].max()
    groups = shared(index_by_group, data.surveys, data.codebook, spec, policy, latest, settings.confidence)
    if groups.empty:
        return
    st.markdown(f"**By directorate, {widgets.wave_label(latest)}**")
    if groups["value"].isna().all():
        return widgets.say(f"Not shown by directorate: {groups['hidden_because'].dropna().iloc[0]}.")
    widgets.table(labelled(groups, GROUP_COLUMNS, "engagement_groups"))

"""The Culture page's key-driver block (full edition only): which statements go with the
outcome statement in the latest wave, grouped where the data cannot tell them apart, and the
importance vs score view (``widgets.chart_block``: chart, alt text, data as a table)."""
from __future__ import annotations

import streamlit as st

from charts.key_drivers import importance_score_chart
from metrics.driver_view import VIEW_COLUMNS, driver_view, outcome_wording, tier_sentences
from settings.labels import labelled
from ui import context, widgets
from ui.cache import shared


def driver_block(wave_date, key: str) -> None:
    data, settings = context.bundle(), context.settings()
    spec = settings.drivers
    outcome = outcome_wording(data.codebook, spec.outcome)
    st.markdown(f"Which statements go with “{outcome}”, in the {widgets.wave_label(wave_date)} wave: the rank "
                "correlation of each statement's answers with the answers to it, among the people who answered "
                f"both, with a 95% interval from {spec.resamples} resamples of respondents. It shows what goes "
                "together, not what causes what. Statements whose intervals overlap are not ranked against each "
                "other.")
    view, why = shared(driver_view, data.surveys, data.codebook, spec, settings.disclosure, wave_date,
                       settings.confidence)
    if why:
        return widgets.say(why)
    st.markdown("\n".join(f"- {widgets.plain(s)}" for s in tier_sentences(view)))
    fig = shared(importance_score_chart, view, outcome, title="What matters most, and how it scores")
    narrow = shared(importance_score_chart, view, outcome, title="What matters most, and how it scores", narrow=True)
    widgets.chart_block(fig, labelled(view, VIEW_COLUMNS, "key_drivers"), key=key, narrow_fig=narrow)

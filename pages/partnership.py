"""Partnership: the partner survey over time and the latest wave statement by statement
(partner organisations are mostly under the reporting threshold, so no organisation view yet)."""
import streamlit as st

import ui
from charts.survey import question_bars
from metrics.breakdowns import statement_results
from metrics.waves import latest_wave

st.title("Partnership")
st.markdown("What the constituent councils and the Business Board say about working with the Combined Authority.")

data = ui.bundle()
ui.theme_trend_block("partner", "Partner survey theme scores", key="partner-trend")

latest = latest_wave(data.surveys, "partner")
if not latest.empty:
    st.header(f"Statements, {latest['wave_date'].iloc[0]:%B %Y}")
    min_size = ui.settings().min_group_size
    table = statement_results(latest, data.codebook, min_size)
    bars = question_bars(table, question="question", value="pct_positive", title="Partners agreeing with each statement",
                         suppressed_label=f"fewer than {min_size} responses")
    ui.chart_block(bars, ui.published_table(table, f"fewer than {min_size} responses", {
        "question": "Statement", "n_respondents": "Respondents", "pct_positive": "% positive",
        "pct_neutral": "% neutral", "pct_negative": "% negative"}), key="partner-questions")

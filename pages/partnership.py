"""Partnership: the partner survey over time and the latest wave statement by statement
(partner organisations are mostly under the reporting threshold, so no organisation view yet)."""
import streamlit as st

import ui
from charts.survey import question_bars
from metrics.survey import percent_positive
from metrics.waves import latest_wave

st.title("Partnership")
st.markdown("What the constituent councils and the Business Board say about working with the Combined Authority.")

data = ui.bundle()
ui.theme_trend_block("partner", "Partner survey theme scores", key="partner-trend")

latest = latest_wave(data.surveys, "partner")
if not latest.empty:
    st.header(f"Statements, {latest['wave_date'].iloc[0]:%B %Y}")
    table = percent_positive(latest, data.codebook, by=["question_text"])
    bars = question_bars(table, question="question_text", value="pct_positive", title="Partners agreeing with each statement")
    ui.chart_block(bars, table.rename(columns={"question_text": "Statement"}), key="partner-questions")

"""Partnership: the partner survey over time and the latest wave by organisation."""
import streamlit as st

import ui
from charts.survey import question_bars
from charts.trend import trend_chart
from metrics.survey import percent_positive
from metrics.trends import theme_trend
from metrics.waves import latest_wave

st.title("Partnership")
st.markdown("What the constituent councils and the Business Board say about working with the Combined Authority.")

data = ui.bundle()
conf = ui.settings().confidence
trend = theme_trend(data.surveys, data.codebook, "partner", confidence=conf)
fig = trend_chart(trend, x="date", y="value", series="series", lower="lower", upper="upper",
                  events=data.events, title="Partner survey theme scores", y_title="% positive")
ui.chart_block(fig, trend.rename(columns={"series": "Theme", "date": "Wave date", "value": "% positive",
                                          "lower": "Lower 95%", "upper": "Upper 95%", "n": "Respondents"}), key="partner-trend")

latest = latest_wave(data.surveys, "partner")
if not latest.empty:
    st.header(f"Statements, {latest['wave_date'].iloc[0]:%B %Y}")
    table = percent_positive(latest, data.codebook, by=["question_text"])
    bars = question_bars(table, question="question_text", value="pct_positive", title="Partners agreeing with each statement")
    ui.chart_block(bars, table.rename(columns={"question_text": "Statement"}), key="partner-questions")

"""Culture: staff-survey theme trends, the questions that moved, the directorate view and a
drill-down from a theme to its questions, with small groups hidden."""
import streamlit as st

import ui
import ui_survey

st.title("Culture")
st.markdown("Staff-survey theme scores wave by wave (% positive, with a 95% band), what moved since the "
            "previous wave, and results by directorate.")

data = ui.bundle()
views = ui_survey.views_of("staff")
if views.wave_date is None:
    st.info("No staff survey results yet.")
    st.stop()

st.header("Theme scores over time")
ui_survey.theme_trend_block("staff", "Staff survey theme scores", key="culture-trend")

st.header("Questions that moved")
st.markdown("Biggest changes first. A change is only called real when its 95% interval excludes zero; "
            "with a few dozen respondents most changes are within the noise.")
ui_survey.moved_block(views, "staff", key="culture-moved")

st.header("By directorate")
ui_survey.group_block(data, "staff", "Directorate", key="culture-heatmap")

st.header("A theme's questions")
ui_survey.drill_block(data, "staff", key="culture-drill")

st.header("Response rate")
ui_survey.response_rate_block("staff", key="staff-response-rate")

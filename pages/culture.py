"""Culture: staff-survey theme trends and the directorate view, with small groups hidden."""
import streamlit as st

import ui
from charts.survey import group_heatmap
from metrics.breakdowns import group_theme_table
from metrics.waves import latest_wave

st.title("Culture")
st.markdown("Staff-survey theme scores wave by wave (% positive, with a 95% band), and the latest wave by directorate.")

data = ui.bundle()
min_size = ui.settings().min_group_size
ui.theme_trend_block("staff", "Staff survey theme scores", key="culture-trend")

latest = latest_wave(data.surveys, "staff")
if not latest.empty:
    st.header(f"By directorate, {latest['wave_date'].iloc[0]:%B %Y}")
    shown = group_theme_table(latest, data.codebook, min_size)
    label = f"fewer than {min_size} responses"
    heat = group_heatmap(shown, row="group", column="theme", value="score",
                         title="Theme score by directorate", suppressed_label=label)
    ui.chart_block(heat, ui.published_table(shown, label, {"wave": "Wave", "group": "Directorate", "theme": "Theme",
                                                           "n_respondents": "Respondents", "score": "% positive"}),
                   key="culture-heatmap")

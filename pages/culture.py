"""Culture: staff-survey theme trends and the directorate view, with small groups hidden."""
import streamlit as st

import ui
from charts.survey import group_heatmap
from charts.trend import trend_chart
from metrics.disclosure import suppress_small_groups
from metrics.survey import theme_scores
from metrics.trends import theme_trend
from metrics.waves import latest_wave

st.title("Culture")
st.markdown("Staff-survey theme scores wave by wave (% positive, with a 95% band), and the latest wave by directorate.")

data = ui.bundle()
conf = ui.settings().confidence
min_size = ui.settings().min_group_size
trend = theme_trend(data.surveys, data.codebook, "staff", confidence=conf)

fig = trend_chart(trend, x="date", y="value", series="series", lower="lower", upper="upper",
                  events=data.events, title="Staff survey theme scores", y_title="% positive")
ui.chart_block(fig, trend.rename(columns={"series": "Theme", "date": "Wave date", "value": "% positive",
                                          "lower": "Lower 95%", "upper": "Upper 95%", "n": "Respondents"}), key="culture-trend")

latest = latest_wave(data.surveys, "staff")
if not latest.empty:
    st.header(f"By directorate, {latest['wave_date'].iloc[0]:%B %Y}")
    by_group = theme_scores(latest, data.codebook, by=["wave", "group"])
    shown = suppress_small_groups(by_group, count="n_respondents", min_size=min_size,
                                  partition=["wave", "theme"], group="group")
    label = f"fewer than {min_size} responses"
    heat = group_heatmap(shown, row="group", column="theme", value="score",
                         title="Theme score by directorate", suppressed_label=label)
    ui.chart_block(heat, shown.drop(columns=["suppressed", "parent_suppressed"]).rename(columns={"group": "Directorate", "theme": "Theme", "score": "% positive"}),
                   key="culture-heatmap")

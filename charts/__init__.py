"""Plotly figure builders for the dashboard: aggregated DataFrame in, go.Figure out.

Pure plotly (no streamlit, no plotly.express). Every figure carries its title in
``fig.layout.title.text`` and alt text stating the main finding in
``fig.layout.meta["alt_text"]`` (read it with ``alt_text(fig)``).
"""
from charts.actions import status_over_time
from charts.milestones import add_milestones
from charts.scrutiny import topic_heatmap, value_score_ranking
from charts.survey import answer_distribution, group_heatmap
from charts.text import alt_text
from charts.trend import trend_chart

__all__ = [
    "add_milestones", "alt_text", "answer_distribution", "group_heatmap", "status_over_time", "topic_heatmap", "trend_chart",
    "value_score_ranking",
]

"""Plotly figure builders for the dashboard: aggregated DataFrame in, go.Figure out.

Pure plotly (no streamlit, no plotly.express). Every figure carries its title in
``fig.layout.title.text`` and alt text stating the main finding in
``fig.layout.meta["alt_text"]`` (read it with ``alt_text(fig)``).
"""
from charts.actions import percent_complete_chart, status_over_time
from charts.figure_size import figure_json_bytes
from charts.milestones import add_milestones
from charts.scrutiny import topic_heatmap, value_score_ranking
from charts.survey import answer_distribution, group_heatmap, question_bars
from charts.text import alt_text
from charts.trend import trend_chart

__all__ = [
    "add_milestones", "alt_text", "answer_distribution", "figure_json_bytes", "group_heatmap",
    "percent_complete_chart", "question_bars", "status_over_time", "topic_heatmap", "trend_chart",
    "value_score_ranking",
]

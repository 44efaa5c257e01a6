"""Scrutiny: the topic-scoring matrix and the ranking of Scrutiny Value Scores."""
import streamlit as st

import ui
from charts.scrutiny import topic_heatmap, value_score_ranking
from metrics.scrutiny import latest_value_scores, topic_matrix

st.title("Scrutiny")
data = ui.bundle()
scheme = ui.scrutiny_scheme(data.scrutiny)
st.markdown(
    f"Candidate topics scored against the {len(scheme.criteria)} criteria of the scheme "
    f"“{scheme.name}”, each at its latest meeting. The {scheme.total_name} is recomputed from the "
    f"criterion scores; topics at or above the cut-off of {scheme.cutoff} are candidates for the work programme."
)

ranking = latest_value_scores(data.scrutiny)
fig = value_score_ranking(ranking, topic="topic", total="total", cutoff=scheme.cutoff,
                          title=f"{scheme.total_name} by topic")
ui.chart_block(fig, ranking.rename(columns={"meeting_date": "Meeting", "committee": "Committee", "topic": "Topic",
                                            "objective": "Strategic objective", "n_scorers": "Scorers",
                                            "total": scheme.total_name, "disagreement": "Scorer disagreement"})
               .drop(columns=["scheme", "n_criteria"]), key="ranking")

matrix = topic_matrix(data.scrutiny, criteria=list(scheme.criteria))
heat = topic_heatmap(matrix, labels=scheme.label_for(), title="Topic scoring matrix")
ui.chart_block(heat, matrix.round(1).reset_index(), key="matrix")

"""The reference page of ``python -m bench.render``: the smallest Streamlit page with one chart.

A title, one sentence and one plotly line chart of twelve points, drawn as the dashboard
draws its charts (``st.plotly_chart``, stretched). Every dashboard page's time to render is
judged as a ratio to this page's, measured in the same run in the same browser, so the
machine's speed cancels out (issue 20: each page within 1.3x of it).
"""
import plotly.graph_objects as go
import streamlit as st

st.title("One chart")
st.write("The reference page: one plotly chart.")
fig = go.Figure(go.Scatter(x=list(range(12)), y=[3, 5, 4, 6, 8, 7, 9, 8, 10, 11, 10, 12], mode="lines+markers"))
fig.update_layout(title="Twelve points", height=400)
st.plotly_chart(fig, width="stretch")

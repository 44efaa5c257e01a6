"""Governance: the improvement plan's actions, snapshot by snapshot."""
import streamlit as st

import ui
from charts.actions import status_over_time
from metrics.trends import journey_span
from metrics.actions import latest_snapshot, overdue_actions, status_mix

st.title("Governance")
st.markdown("The improvement plan's actions at every reporting date: how many are red, amber, green and complete, and which are overdue.")

data = ui.bundle()
mix = status_mix(data.actions)
start, end = journey_span(data.events, mix["snapshot_date"])
fig = status_over_time(mix, events=data.events, title="Improvement plan actions by status at each reporting date",
                       start=start, end=end)
ui.chart_block(fig, mix.round({"share": 1}).rename(columns={"snapshot_date": "Reporting date", "status": "Status", "count": "Actions",
                                                 "share": "% of actions"}),
               key="status-mix")

st.header("Overdue at the latest reporting date")
overdue = overdue_actions(latest_snapshot(data.actions))
ui.table(overdue[["reference", "area", "action", "owner", "due_date", "status", "rag_text", "days_overdue"]]
             .rename(columns={"reference": "Ref", "area": "Area", "action": "Action", "owner": "Owner", "due_date": "Due",
                              "status": "Status", "rag_text": "As written", "days_overdue": "Days overdue"}))

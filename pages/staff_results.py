"""Staff results: the staff survey in plain English for the intranet, and what was done
about it. Whole-organisation figures only; nothing under the reporting threshold, no
free text, no respondent-level download."""
import streamlit as st

import ui
from charts.survey import question_bars
from metrics.actions import theme_actions_now
from metrics.headlines import question_changes
from metrics.waves import latest_wave_date

st.title("Staff results")
data = ui.bundle()
conf = ui.settings().confidence
changes = question_changes(data.surveys, data.codebook, "staff", ui.settings().min_group_size, conf)

if changes.empty:
    st.info("No staff survey results yet.")
    st.stop()

latest = f"{latest_wave_date(data.surveys, 'staff'):%B %Y}"
st.markdown(
    f"Results of the staff survey of {latest}: the share of colleagues answering positively to each "
    f"statement, and whether it changed since last time by more than chance. Results for groups of fewer "
    f"than {ui.settings().min_group_size} people are never shown, and comments are never published."
)

st.header("What changed since last time")
for sentence in changes["headline"].head(3):
    st.markdown(f"- {sentence}")

fig = question_bars(changes, question="question", value="pct_positive", title=f"Positive answers, {latest}")
table = changes[["question", "theme", "pct_positive", "change", "verdict"]].rename(columns={
    "question": "Statement", "theme": "Theme", "pct_positive": "% positive",
    "change": "Change (points)", "verdict": "Real change or noise"})
ui.chart_block(fig, table.round(1), key="staff-questions")

st.header("You said, we did")
st.markdown("The improvement plan's culture actions and where they stand at the latest reporting date.")
actions = theme_actions_now(data.actions, "culture")
ui.table(actions[["reference", "action", "status", "progress_note"]].rename(columns={
    "reference": "Ref", "action": "Action", "status": "Status", "progress_note": "Latest progress"}))

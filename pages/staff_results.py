"""Staff results: the staff survey in plain English for the intranet, and what was done
about it. Whole-organisation figures only; nothing under the reporting threshold, no
free text, no respondent-level download."""
import streamlit as st

import ui
from charts.survey import answer_distribution
from metrics.actions import completion_sentence, theme_actions_now
from metrics.headlines import series_headline
from metrics.published import survey_views

st.title("Staff results")
data = ui.bundle()
settings = ui.settings()
min_size = settings.min_group_size
views = ui.shared(survey_views, data.surveys, data.codebook, "staff", min_size, settings.confidence,
                  protection=settings.protection_points)
if views.wave_date is None or views.moved.empty:
    st.info("No staff survey results yet.")
    st.stop()

latest = ui.wave_label(views.wave_date)
st.markdown(
    f"Results of the staff survey of {latest}: the share of colleagues answering positively, and whether it "
    f"changed since last time by more than chance. Results for groups of fewer than {min_size} people are "
    f"never shown, and comments are never published."
)

st.header("Themes")
columns = st.columns(len(views.themes) or 1)
for column, theme in zip(columns, views.themes):
    headline = series_headline(views.trend, theme.capitalize(), theme.capitalize())
    with column.container(border=True):
        st.subheader(theme.capitalize())
        if headline.value is None:
            st.markdown(f"Fewer than {min_size} answers: no figure shown.")
        else:
            moved = headline.change is not None and round(headline.change) != 0
            st.metric(f"{theme.capitalize()} score (% positive)", f"{headline.value:.0f}%",
                      f"{headline.change:+.0f} points" if moved else None)
            st.markdown(headline.sentence)

st.header("What changed since last time")
for sentence in views.moved["headline"].head(3):
    st.markdown(f"- {sentence}")
ui.moved_block(views, key="staff-moved")

st.header("How colleagues answered")
label = f"fewer than {min_size} responses"
table = views.statements
fig = ui.shared(answer_distribution, table, title=f"Answers to each statement, {latest}", suppressed_label=label)
ui.chart_block(fig, ui.published_table(table, label, {
    "question": "Statement", "n_respondents": "Respondents", "pct_positive": "% positive",
    "pct_neutral": "% neutral", "pct_negative": "% negative"}), key="staff-answers")

st.header("You said, we did")
st.markdown("The improvement plan's actions for each theme and where they stand at the latest reporting date.")
for theme in views.themes:
    actions = ui.shared(theme_actions_now, data.actions, theme)
    st.subheader(theme.capitalize())
    if actions.empty:
        st.markdown("No actions recorded for this theme yet.")
        continue
    st.markdown(completion_sentence(actions))
    ui.table(actions[["reference", "action", "status", "progress_note"]].rename(columns={
        "reference": "Ref", "action": "Action", "status": "Status", "progress_note": "Latest progress"}))

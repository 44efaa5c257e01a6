"""Partnership: the partner survey over time, what moved, results by partner organisation
(most are under the reporting threshold, so they say so) and a theme drill-down, beside
the partnership actions' progress. Without a partner survey the actions still show."""
import streamlit as st

from settings.labels import labelled
from ui import cache, context, widgets
from pages.sections import survey_blocks
from metrics.actions import completion_sentence, shown_status, theme_actions_now
from metrics.headlines import moved_heading


def survey_sections() -> None:
    """Everything the partner survey gives: trends, what moved, organisations, a theme's questions."""
    st.header("Theme scores over time")
    survey_blocks.theme_trend_block("partner", "Partner survey theme scores", key="partner-trend")

    st.header(moved_heading(views.moved))
    st.markdown("Biggest changes first, with whether each is more than noise.")
    survey_blocks.moved_block(views, "partner", key="partner-moved")

    st.header("By partner organisation")
    st.markdown(f"Most partner organisations send {settings.disclosure.too_few('responses')}: their results "
                "are not shown, and a further organisation may be hidden so that none can be worked out by "
                "subtraction.")
    survey_blocks.group_block(data, "partner", "Partner organisation", key="partner-heatmap")

    st.header("A theme's questions")
    survey_blocks.drill_block(data, "partner", key="partner-drill")


def actions_section() -> None:
    st.header("Partnership actions")
    actions = cache.shared(theme_actions_now, data.actions, "partnership")
    if actions.empty:
        st.info("No partnership actions in the latest tracker.")
        return
    date = actions["snapshot_date"].max()
    st.markdown(f"The improvement plan's partnership actions at {date:%d %B %Y}: {completion_sentence(actions)}")
    shown = cache.shared(shown_status, actions)   # an overdue action says so in its status
    widgets.wrapped_table(labelled(shown, ["reference", "action", "owner", "due_date", "status", "progress_note"],
                                   "theme_actions"))


st.title("Partnership")
st.markdown("What the constituent councils and the Business Board say about working with the Combined Authority, "
            "and where the partnership actions of the improvement plan stand.")

data = context.bundle()
settings = context.settings()
views = survey_blocks.views_of("partner")
if views.wave_date is None:
    st.info("No partner survey results yet.")
else:
    survey_sections()
actions_section()
if views.wave_date is not None:
    st.header("Response rate")
    survey_blocks.response_rate_block("partner", key="partner-response-rate")

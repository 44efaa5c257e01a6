"""Culture: staff-survey theme trends, the engagement index, key drivers, the questions that
moved, the staff beside the Civil Service People Survey, the directorate view and a drill-down
from a theme to its questions, with small groups hidden; then the members' side (the notice
asks for cultural change "for both officers and members"): the members' survey and the Code of
Conduct complaints register (pages/sections/members.py). One part is shown at a time, chosen at
the top and kept in the URL (?part=members)."""
import streamlit as st

from metrics.headlines import moved_heading
from ui import context, view_link
from pages.sections import benchmark_block, driver_block, engagement_block, group_filter, members, survey_blocks

PARTS = {"staff": "Staff survey", "members": "Members' survey", "complaints": "Code of Conduct complaints"}

st.title("Culture")
st.markdown("Three parts, one at a time: the **staff survey** (theme scores wave by wave as % positive with a "
            "95% band, the engagement index, what moved since the previous wave, key drivers and results by "
            "directorate), the **members' survey** of councillors, and the **Code of Conduct complaints** register: "
            "the notice asks for cultural change for both officers and members.")


def members_part() -> None:
    st.header("Members")
    st.markdown("What councillors say about officer-member relations, trust, standards, member development and "
                "challenge in scrutiny (the members' survey), wave by wave.")
    members.survey_section()


def staff_part() -> None:
    data = context.bundle()
    views = survey_blocks.views_of("staff")
    if views.wave_date is None:
        st.info("No staff survey results yet.")
        return
    chosen = group_filter.choose("staff", "All staff", key="culture-group")

    group_filter.heading("Theme scores over time", chosen)
    if chosen.group is not None:
        group_filter.trend_block(chosen, "Staff survey theme scores", key="culture-group-trend")
    else:
        survey_blocks.theme_trend_block("staff", "Staff survey theme scores", key="culture-trend")

    st.header("Engagement index")
    if chosen.group is not None:
        st.caption("The index over time is for all staff; by directorate it is shown for the latest wave below.")
    engagement_block.index_block(key="culture-index")

    st.header(moved_heading(views.moved))
    st.markdown("Biggest changes first. A change is only called real when its 95% interval excludes zero; "
                "with a few dozen respondents most changes are within the noise.")
    if chosen.group is not None:
        st.caption("These changes are for all staff: changes between waves are not shown for one directorate.")
    survey_blocks.moved_block(views, "staff", key="culture-moved")

    benchmark_block.benchmark_block(views, f"All staff beside the Civil Service People Survey, {views.wave_date:%B %Y}")

    st.header("Key drivers")
    if chosen.group is not None:
        st.caption("Key drivers are for all staff: they are not worked out for one directorate.")
    driver_block.driver_block(views.wave_date, key="culture-drivers")

    st.header("By directorate")
    survey_blocks.group_block(data, "staff", "Directorate", key="culture-heatmap")

    group_filter.heading("A theme's questions", chosen)
    if chosen.group is not None:
        group_filter.drill_block(chosen, "staff", views.themes, "All staff", key="culture-drill")
    else:
        survey_blocks.drill_block(data, "staff", key="culture-drill")

    st.header("Response rate")
    survey_blocks.response_rate_block("staff", key="staff-response-rate")


# One part at a time: fifteen charts on one page cost a browser seconds to draw (issue 20).
# No st.stop() here: the URL parameters of the parts not shown leave the address at the run's end.
part = view_link.choice("radio", "Show", list(PARTS), format_func=PARTS.get, horizontal=True, key="culture-part")
{"staff": staff_part, "members": members_part, "complaints": members.complaints_section}[part]()

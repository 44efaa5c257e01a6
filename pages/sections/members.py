"""The members' side of culture (issue 17): the members' survey (councillors on officer-member
relations, trust, standards, member development and challenge in scrutiny) and the Code of
Conduct complaints register, shown on the Culture page beside the staff results.

Councillors are few (about 40 answers a wave), so a political group under the disclosure
threshold is never shown and a second is hidden when the first could be worked out by
subtraction (the survey blocks apply the policy, ``metrics.publishable``). The complaints
are counts of complaints by quarter, never people, names or single cases.
"""
from __future__ import annotations

import streamlit as st

from charts.complaints import complaints_chart
from metrics.complaints import by_quarter, quarter_totals, recent_change
from metrics.headlines import moved_heading
from metrics.trends import journey_span
from pages.sections import survey_blocks
from settings.complaints import complaints_vocabulary
from settings.labels import labelled
from ui import context, view_link, widgets
from ui.cache import shared

SUBJECT_CHOICES = {"About members": "member", "About officers": "officer", "All complaints": None}
WHO = {"member": "members", "officer": "officers", None: "members and officers"}


def survey_section() -> None:
    """The members' survey: theme scores over time, what moved, by political group, a theme's questions."""
    views = survey_blocks.views_of("member")
    if views.wave_date is None:
        st.info("No members' survey results yet: upload one on the Data page with the audience 'member'.")
        return
    st.subheader("Members' theme scores over time")
    survey_blocks.theme_trend_block("member", "Members' survey theme scores", key="member-trend")
    st.subheader(moved_heading(views.moved))
    st.markdown("Biggest changes first. With a few dozen councillors answering, most changes are within the noise.")
    survey_blocks.moved_block(views, "member", key="member-moved")
    st.subheader("By political group")
    st.markdown(f"A political group that sends {context.settings().disclosure.too_few('responses')} is not shown, "
                "and a further group may be hidden so that none can be worked out by subtraction from the whole.")
    survey_blocks.group_block(context.bundle(), "member", "Political group", key="member-heatmap")
    st.subheader("A theme's questions")
    survey_blocks.drill_block(context.bundle(), "member", key="member-drill")
    st.subheader("Members' response rate")
    survey_blocks.response_rate_block("member", key="member-response-rate")


def complaints_section() -> None:
    """Code of Conduct complaints by quarter and outcome, about members, officers or both."""
    data = context.bundle()
    st.header("Code of Conduct complaints")
    if data.complaints.empty:
        st.info("No complaints register yet: upload the Code of Conduct complaints register on the Data page "
                "(a template is there).")
        return
    st.markdown("Complaints under the Code of Conduct, counted by the quarter they were received (financial "
                "quarters, April to March) and stacked by their outcome so far.")
    subject = SUBJECT_CHOICES[view_link.choice("radio", "Complaints", list(SUBJECT_CHOICES), horizontal=True,
                                               key="complaints-subject")]
    table = shared(by_quarter, data.complaints, subject)
    totals = shared(quarter_totals, table)
    change = shared(recent_change, data.complaints, subject) if subject else None
    start, end = journey_span(data.events, table["date"])
    fig = shared(complaints_chart, table, totals, WHO[subject], data.events,
                 title=f"Code of Conduct complaints about {WHO[subject]}, by quarter and outcome",
                 recent=change.sentence() if change else None, start=start, end=end)
    widgets.chart_block(fig, labelled(totals, table="complaints_by_quarter"), key="complaints")
    st.caption("What is counted: complaints received, one per complaint, by the quarter they arrived in. A "
               "quarter's count is of complaints, not of people (one person may be the subject of several), and "
               "no name, case or date finer than the quarter is shown. Outcomes: "
               f"{', '.join(complaints_vocabulary().outcome_order)}.")

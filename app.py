"""Improvement Dashboard: the router.

Registers the pages with st.navigation, grouped by audience in the top bar (a sectioned
sidebar gives serious axe findings, see DOMAIN.md), and draws the shared chrome. Each
page sets its own title; all logic lives in loaders/, metrics/ and charts/.
"""
from __future__ import annotations

import streamlit as st

import ui

st.set_page_config(layout="wide", initial_sidebar_state="collapsed")

PAGES = {
    "Improvement board": [
        st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True, url_path="overview"),
        st.Page("pages/culture.py", title="Culture", icon=":material/groups:", url_path="culture"),
        st.Page("pages/partnership.py", title="Partnership", icon=":material/handshake:", url_path="partnership"),
        st.Page("pages/governance.py", title="Governance", icon=":material/account_balance:", url_path="governance"),
    ],
    "Scrutiny committee": [
        st.Page("pages/scrutiny.py", title="Scrutiny", icon=":material/gavel:", url_path="scrutiny"),
    ],
    "Staff": [
        st.Page("pages/staff_results.py", title="Staff results", icon=":material/diversity_3:", url_path="staff-results"),
    ],
    "Officers": [
        st.Page("pages/data.py", title="Data", icon=":material/database:", url_path="data"),
    ],
}

page = st.navigation(PAGES, position="top")
ui.run_page(page)

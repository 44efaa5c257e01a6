"""Improvement Dashboard: the router.

Registers the pages of the edition this server publishes (config/editions.toml: the full
edition, or the staff edition that is safe for an intranet) with st.navigation, grouped
in the top bar (a sectioned sidebar gives serious axe findings, see DOMAIN.md). A page
that is not in the edition is never registered, so no URL reaches it. Each page sets its
own title; all logic lives in loaders/, metrics/ and charts/.
"""
from __future__ import annotations

import streamlit as st

from ui import context, page_runner
from settings.config import edition_pages, page_registry

st.set_page_config(layout="wide", initial_sidebar_state="collapsed")


def navigation(sections: dict[str, list[str]]) -> dict[str, list]:
    """The edition's sections as st.Page objects; its first page is the default."""
    pages, first = page_registry(), next(path for paths in sections.values() for path in paths)
    return {section: [st.Page(pages[path]["script"], title=pages[path]["title"], icon=pages[path]["icon"],
                              url_path=path, default=path == first) for path in paths]
            for section, paths in sections.items()}


page = st.navigation(navigation(edition_pages(context.settings().edition)), position="top")
page_runner.run_page(page)

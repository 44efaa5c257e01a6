"""Improvement Dashboard: the router.

Registers the pages of the edition this server publishes (config/editions.toml: the full
edition, or the staff edition that is safe for an intranet) with st.navigation, grouped
in the top bar (a sectioned sidebar gives serious axe findings, see DOMAIN.md), each at
its own path and the first also at "/". A page that is not in the edition is never
registered: its path, and an address no edition has, get a calm notice (ui/routes.py)
instead of Streamlit's "Page not found" dialog. Each page sets its own title; all logic
lives in loaders/, metrics/ and charts/.
"""
from __future__ import annotations

import streamlit as st

from ui import context, page_runner, routes
from settings.config import edition_pages, page_registry

st.set_page_config(layout="wide", initial_sidebar_state="collapsed")


def navigation(sections: dict[str, list[str]]) -> dict[str, list]:
    """The edition's sections as st.Page objects, each at its own path."""
    pages = page_registry()
    return {section: [st.Page(pages[path]["script"], title=pages[path]["title"], icon=pages[path]["icon"],
                              url_path=path) for path in paths]
            for section, paths in sections.items()}


edition = context.settings().edition
sections = navigation(edition_pages(edition))
shown = [page for pages in sections.values() for page in pages]
first = next(path for paths in edition_pages(edition).values() for path in paths)
hidden = [routes.home(shown[0], page_registry()[first]["script"]), *routes.notices(edition, shown, routes.requested_path())]
sections[list(sections)[-1]] += hidden          # hidden: in no menu, reached only by their address
page = st.navigation(sections, position="top")
page_runner.run_page(page, notices=routes.notice_paths(hidden[1:]))

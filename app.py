"""Improvement Dashboard: the router.

Registers the pages of the edition this server publishes (config/editions.toml: the full
edition, or the staff edition that is safe for an intranet) that the viewer's roles allow
(config/pages.toml ``roles``; settings/roles.py, ui/auth.py: with sign-in required, a signed-out
viewer gets the sign-in page and the accessibility statement only) with st.navigation, grouped
in the top bar (a sectioned sidebar gives serious axe findings, see DOMAIN.md), each at
its own path and the first also at "/". A page that is not in the edition, or not open to the
viewer, is never registered: its path, and an address no edition has, get a calm notice
(ui/routes.py) instead of Streamlit's "Page not found" dialog. Each page sets its own title;
all logic lives in loaders/, metrics/ and charts/. With the PostgreSQL store, a person of several
authorities chooses above every page whose data it shows (ui/auth.py ``authority_selector``).
"""
from __future__ import annotations

import streamlit as st

from ui import auth, context, page_runner, routes
from settings.config import edition_pages, page_registry
from settings.roles import visible_sections

st.set_page_config(layout="wide", initial_sidebar_state="collapsed")


def navigation(sections: dict[str, list[str]]) -> dict[str, list]:
    """The viewer's sections as st.Page objects, each at its own path."""
    pages = page_registry()
    return {section: [st.Page(pages[path]["script"], title=pages[path]["title"], icon=pages[path]["icon"],
                              url_path=path) for path in paths]
            for section, paths in sections.items()}


edition = context.settings().edition
viewer = auth.viewer()
published = edition_pages(edition)
allowed = visible_sections(published, page_registry(), viewer.roles)
sources = {path: page_registry()[path]["script"] for paths in allowed.values() for path in paths}
sections = navigation(allowed)
if spec := auth.account_page_spec(viewer):
    account = [st.Page(spec["source"], title=spec["title"], icon=spec["icon"], url_path=spec["url_path"])]
    sources[spec["url_path"]] = spec["source"]
    # first when the viewer has nothing else to read (signed out, or signed in with no role)
    alone = set(sources) <= {"accessibility", spec["url_path"]}
    sections = {"Account": account, **sections} if alone else {**sections, "Account": account}
shown = [page for pages in sections.values() for page in pages]
withheld = [path for paths in published.values() for path in paths if path not in sources]
hidden = [routes.home(shown[0], sources[shown[0].url_path]),
          *routes.notices(edition, shown, routes.requested_path(), withheld, signed_in=viewer.signed_in or not spec)]
sections[list(sections)[-1]] += hidden          # hidden: in no menu, reached only by their address
page = st.navigation(sections, position="top")
auth.authority_selector(viewer)
page_runner.run_page(page, notices=routes.notice_paths(hidden[1:]), published=set(sources))

"""Every address the browser may ask for, answered calmly (no "Page not found" dialog).

Streamlit serves its default page at "/" and answers any other address it does not know
with a "Page not found" dialog over the default page: even the default page's own path
(/staff-results in the staff edition, /overview in the full one), and every page of another
edition. So the router registers, besides the edition's pages (each at its own path):

- ``home``: the edition's first page again, hidden, as the default page at "/";
- for each page of the registry this edition does not publish, a hidden notice at its path
  saying so, with links to the pages it does publish (never the page itself);
- for each page the edition publishes but the viewer's roles do not allow (config/pages.toml
  ``roles``), a hidden notice at its path: "sign in" to a viewer who has not signed in, "not open
  to your account" to one who has; never the page itself;
- for an address no edition has (a typo), a hidden notice at that path, if the browser asked
  for one on this run (``requested_path``), saying there is no page there.

A notice names no page and does not repeat the address it was asked for, so a crafted link
cannot put words on the site."""
from __future__ import annotations

import re

import streamlit as st

from settings.config import page_registry, unpublished_paths

#: What a single-segment address Streamlit can register looks like.
PATH = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._~-]{0,99}$")
UNPUBLISHED_TITLE = "This page is not published here"
UNKNOWN_TITLE = "There is no page at this address"
SIGN_IN_TITLE = "Sign in to see this page"
WITHHELD_TITLE = "This page is not open to your account"


def requested_path() -> str:
    """The address the browser asked for on this run ("" at the root, or when the app
    navigated by itself). Read from Streamlit's pages manager: it has no public way to say
    which address was asked for before st.navigation resolves it; "" when it cannot tell."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    manager = getattr(ctx, "pages_manager", None)
    if manager is None or getattr(manager, "intended_page_script_hash", ""):
        return ""
    return str(getattr(manager, "intended_page_name", "") or "").strip("/")


def home(first: st.Page, source) -> st.Page:
    """The first page of the edition again (its script, or the function of the sign-in or account
    page), hidden, as the default page at "/"."""
    return st.Page(source, title=first.title, icon=first.icon or None, url_path="", default=True,
                   visibility="hidden")


def _links(pages: list[st.Page]) -> None:
    st.markdown("The pages this site publishes:")
    for page in pages:
        st.page_link(page, label=page.title, icon=page.icon or None)


def _notice(title: str, sentences: str, pages: list[st.Page]):
    def notice() -> None:
        st.title(title)
        st.markdown(sentences)
        _links(pages)
    return notice


def notices(edition: str, pages: list[st.Page], requested: str = "", withheld: list[str] = (),
            signed_in: bool = True) -> list[st.Page]:
    """Hidden notices: one at each path of another edition's page, one at each path of
    ``withheld`` (the edition's pages the viewer's roles do not allow), and one at ``requested``
    when no edition has it. ``pages`` are the viewer's own (visible) pages, to link to."""
    unpublished = _notice(UNPUBLISHED_TITLE, "This site does not publish that page. You may be looking for "
                          "another edition of the dashboard: ask the team that runs it.", pages)
    routes = [st.Page(unpublished, title=UNPUBLISHED_TITLE, url_path=path, visibility="hidden")
              for path in unpublished_paths(edition)]
    if signed_in:
        closed = _notice(WITHHELD_TITLE, "Your account's role does not include that page. If you need it, ask "
                         "the team that runs the dashboard.", pages)
        title = WITHHELD_TITLE
    else:
        closed = _notice(SIGN_IN_TITLE, "That page is open only to people who have signed in, and to those "
                         "whose role includes it.", pages)
        title = SIGN_IN_TITLE
    routes += [st.Page(closed, title=title, url_path=path, visibility="hidden") for path in withheld]
    own = {page.url_path for page in pages}       # the sign-in and account pages are not in the registry
    if requested and requested not in page_registry() and requested not in own and PATH.match(requested):
        unknown = _notice(UNKNOWN_TITLE, "If you typed the web address, check it is correct. If you pasted the "
                          "web address, check you copied the entire address.", pages)
        routes.append(st.Page(unknown, title=UNKNOWN_TITLE, url_path=requested, visibility="hidden"))
    return routes


def notice_paths(routes: list[st.Page]) -> set[str]:
    return {page.url_path for page in routes}

"""Runs a page of the published edition with the app's accessibility styles, and turns an
unexpected error into a plain message instead of a traceback. After the page has run, the
URL keeps only the parameters its selectors bound (ui/view_link.py)."""
from __future__ import annotations

import logging

import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import RerunException, StopException

from settings.config import edition_pages
from ui import screen, view_link
from ui.context import settings

log = logging.getLogger("improvement_dashboard")

#: Fixes to Streamlit's own styles, found by the browser suite. Focus Streamlit does not show
#: (WCAG 2.4.7, the keyboard test): its main scroll area
#: takes focus (tabindex 0, for scrolling with the arrow keys) and so does a table's canvas,
#: without a ring; a table's toolbar (columns, CSV, search, full screen) takes focus while
#: transparent, as it only appears on mouse hover; icon-only buttons (the uploader's "Add
#: files" +) show no change at all when focused. Reflow (WCAG 1.4.10, at 320px wide): a
#: metric's label and the uploader's "25MB per file • XLSX…" line are cut off on one line
#: instead of wrapping. And the screen-side reporter (ui/screen.py) takes no room.
A11Y_CSS = """<style>
[data-testid="stMetricLabel"] p, [data-testid="stFileUploaderDropzoneInstructions"] span {
  white-space: normal; text-overflow: clip; overflow-wrap: anywhere; }
[data-testid="stElementToolbar"]:focus-within { opacity: 1 !important; }
[data-testid="stMain"]:focus-visible { outline: 3px solid #12436D; outline-offset: -3px; }
canvas[data-testid="data-grid-canvas"]:focus-visible { outline: 3px solid #12436D; outline-offset: -3px; }
[data-testid="stBaseButton-borderlessIcon"]:focus-visible { outline: 3px solid #12436D; outline-offset: 2px; }
.st-key-screen-side { display: none; }
</style>"""


def run_page(page, notices: set[str] = frozenset(), published: set[str] | None = None) -> None:
    """Run a page of the published edition with the app's accessibility styles; show a plain
    message, never a traceback, if it fails. ``notices`` are the paths the router answers
    with a notice (ui/routes.py), never with a page's script; ``published`` the paths of the pages
    the router registered for this viewer (default: the edition's)."""
    st.html(A11Y_CSS)
    screen.report()
    edition = [path for paths in edition_pages(settings().edition).values() for path in paths]
    published = published if published is not None else set(edition)
    path = getattr(page, "url_path", None) or next(iter(published), "")
    if path not in published and path not in notices:   # the router registers only these
        st.error("This page is not published here.")
        return
    view_link.begin()
    try:
        page.run()
    except StopException:
        view_link.finish()
        raise
    except RerunException:     # interrupted: this run's selectors are not all drawn
        raise
    except Exception:  # noqa: BLE001 - the last line of defence: log it, tell the user plainly
        log.exception("page %s failed", getattr(page, "title", "?"))
        st.error(
            "Something went wrong while drawing this page. The data has not been changed. "
            "Please try again; if it happens again, tell the dashboard's administrator."
        )
    else:
        view_link.finish()

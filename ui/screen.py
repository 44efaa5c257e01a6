"""Which side of the narrow-screen width the viewer's browser is on, so each chart is drawn in
one layout, the one that fits (issue 20).

Drawing every chart twice (its own layout and its narrow one, CSS showing one) cost the browser
a second plotly chart per chart on every page: measured on the Culture page, 2.42x -> 2.15x a
one-chart page's time to render with the copies gone. The server cannot know a browser's width
before the browser says, so the page draws, at its top, an empty components-v2 element whose
script reports the side (``matchMedia``, the same width as the CSS rule the copies used) when it
differs from the side the server drew for, and again whenever it changes (a window resized, a
phone turned, zoom at 400%); the report reruns the page, which then draws the other layout.
Until a browser has reported, the server assumes a wide screen, unless the browser says it is a
phone (``Mobi`` in its User-Agent, as every phone browser does), so most visits draw once.
"""
from __future__ import annotations

import streamlit as st

#: The narrowest screen, in CSS pixels, that takes a chart's own layout; below it, the narrow one.
CHART_WIDE_PX = 641
#: Session state: the side the browser last reported ("wide" or "narrow").
SIDE = "screen_side"
REPORTER_KEY = "screen-side"

REPORT_JS = """
export default function (component) {
  const { data, setStateValue } = component;
  const query = window.matchMedia(`(max-width: ${data.narrowest - 1}px)`);
  const side = () => (query.matches ? "narrow" : "wide");
  if (side() !== data.drawn) setStateValue("side", side());
  const changed = () => setStateValue("side", side());
  query.addEventListener("change", changed);
  return () => query.removeEventListener("change", changed);
}
"""

_reporter = st.components.v2.component("improvement_screen_side", js=REPORT_JS)


def guess() -> str:
    """The side before the browser has reported: narrow for a phone's browser, else wide."""
    agent = st.context.headers.get("User-Agent", "") or ""
    return "narrow" if "Mobi" in agent else "wide"


def side() -> str:
    """"narrow" or "wide": the layout this run draws its charts in."""
    return st.session_state.get(SIDE) or guess()


def report() -> None:
    """The reporting element (empty, hidden); call once per run, before any chart is drawn."""
    drawn = side()
    result = _reporter(key=REPORTER_KEY, data={"drawn": drawn, "narrowest": CHART_WIDE_PX},
                       default={"side": None}, on_side_change=lambda: None)
    reported = getattr(result, "side", None)
    if reported in ("wide", "narrow") and reported != st.session_state.get(SIDE):
        st.session_state[SIDE] = reported

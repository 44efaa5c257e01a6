"""Which side of each layout width the viewer's browser is on, so each block is drawn in one
layout, the one that fits (issue 20).

Drawing every chart twice (its own layout and its narrow one, CSS showing one) cost the browser
a second plotly chart per chart on every page: measured on the Culture page, 2.42x -> 2.15x a
one-chart page's time to render with the copies gone; the Scrutiny matrix drew its heatmap and
its list of topics (an expander each) on every screen. The server cannot know a browser's width
before the browser says, so the page draws, at its top, an empty components-v2 element whose
script reports the side of every width the app lays blocks out by (``matchMedia``: the charts'
narrow-screen width and each scrutiny scheme's heatmap width) when one differs from the side the
server drew for, and again whenever one changes (a window resized, a phone turned, zoom at
400%); the report reruns the page, which then draws the other layout. Until a browser has
reported, the server assumes a wide screen, unless the browser says it is a phone (``Mobi`` in
its User-Agent, as every phone browser does), so most visits draw once.
"""
from __future__ import annotations

import json
from functools import cache

import streamlit as st

from charts.scrutiny import heatmap_min_width
from settings.vocabulary import scrutiny_schemes

#: The narrowest screen, in CSS pixels, that takes a chart's own layout; below it, the narrow one.
CHART_WIDE_PX = 641
#: Session state: the side of each width (CSS px -> "wide" or "narrow") the browser last reported.
SIDES = "screen_sides"
REPORTER_KEY = "screen-side"
SIDE_NAMES = ("wide", "narrow")

REPORT_JS = """
export default function (component) {
  const { data, setStateValue } = component;
  const queries = data.widths.map(width => [width, window.matchMedia(`(max-width: ${width - 1}px)`)]);
  const sides = () => Object.fromEntries(queries.map(([width, q]) => [width, q.matches ? "narrow" : "wide"]));
  const now = sides();
  if (data.widths.some(width => now[width] !== data.drawn[width])) setStateValue("sides", JSON.stringify(now));
  const changed = () => setStateValue("sides", JSON.stringify(sides()));
  queries.forEach(([, q]) => q.addEventListener("change", changed));
  return () => queries.forEach(([, q]) => q.removeEventListener("change", changed));
}
"""

_reporter = st.components.v2.component("improvement_screen_side", js=REPORT_JS)


@cache
def widths() -> tuple[int, ...]:
    """Every width (CSS px) a block is laid out by: the charts' and each scrutiny scheme's heatmap's."""
    return tuple(sorted({CHART_WIDE_PX, *(heatmap_min_width(len(s.criteria)) for s in scrutiny_schemes().values())}))


def everywhere(side: str) -> dict[int, str]:
    """The report of a browser on ``side`` of every width (a phone: narrow)."""
    return {width: side for width in widths()}


def guess() -> str:
    """The side before the browser has reported: narrow for a phone's browser, else wide."""
    agent = st.context.headers.get("User-Agent", "") or ""
    return "narrow" if "Mobi" in agent else "wide"


def side(width: int = CHART_WIDE_PX) -> str:
    """"narrow" or "wide": the side of ``width`` this run draws for."""
    return (st.session_state.get(SIDES) or {}).get(width) or guess()


def layout(key: str, width: int = CHART_WIDE_PX):
    """The container for a block drawn in the layout for the browser's side of ``width``, keyed
    ``<key>_<side>-<width>px`` (a browser test can tell a block of the wrong side), and the side."""
    drawn = side(width)
    return st.container(key=f"{key}_{drawn}-{width}px"), drawn


def report() -> None:
    """The reporting element (empty, hidden); call once per run, before any block is drawn."""
    drawn = {str(width): side(width) for width in widths()}
    result = _reporter(key=REPORTER_KEY, data={"drawn": drawn, "widths": list(widths())},
                       default={"sides": None}, on_sides_change=lambda: None)
    reported = _parsed(getattr(result, "sides", None))
    if reported and reported != st.session_state.get(SIDES):
        st.session_state[SIDES] = reported


def _parsed(text) -> dict[int, str]:
    """The browser's report, only the widths asked about with a side each; {} for anything else."""
    try:
        raw = json.loads(text) if isinstance(text, str) else {}
        sides = {int(width): value for width, value in raw.items()} if isinstance(raw, dict) else {}
    except (ValueError, TypeError):
        return {}
    return {width: value for width, value in sides.items() if width in widths() and value in SIDE_NAMES}

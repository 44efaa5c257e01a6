"""Every chart on every page, as the page draws it (AppTest on the sample data), meets the
publishing obligations of issue 7 / DOMAIN.md:

- its alt text states its main finding, not just its title (a number and more words than
  the title), is shown as a caption, and is the chart's accessible name (``alt``);
- every bar, marker and line it draws reaches 3:1 against the white ground (WCAG 1.4.11),
  or is outlined in a colour that does. Translucent interval bands are exempt (their
  meaning is in the alt text and the table); heatmap cells print their value.
"""
from __future__ import annotations

import json
import re

import pytest

from charts.palette import contrast_ratio
from tests.app.test_pages import PAGES, run_page

HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


def figures(name: str) -> tuple[list[tuple[dict, str]], list[str]]:
    """(figure spec, accessible name) for each chart on the page, and the page's captions."""
    at = run_page(name)
    assert not at.exception, [e.value for e in at.exception]
    charts = [(json.loads(c.proto.spec), c.proto.alt) for c in at.get("plotly_chart")]
    return charts, [c.value for c in at.caption]


def colours(value) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [v for v in values if isinstance(v, str)]


def outlined(marker: dict) -> bool:
    line = marker.get("line") or {}
    return (line.get("width", 0) or 0) >= 1 and all(HEX.match(c) and contrast_ratio(c, "#FFFFFF") >= 3.0
                                                    for c in colours(line.get("color")) or ["#FFFFFF"])


def faint_fills(trace: dict) -> list[str]:
    """Colours this trace draws with that do not reach 3:1 on white (and are not outlined)."""
    kind, mode = trace.get("type", "scatter"), trace.get("mode", "lines")
    if kind not in ("bar", "scatter") or trace.get("fill") not in (None, "none"):
        return []
    drawn = []
    marker = trace.get("marker") or {}
    if (kind == "bar" or "markers" in mode) and not outlined(marker):
        drawn += colours(marker.get("color"))
    if kind == "scatter" and "lines" in mode and (trace.get("line") or {}).get("width", 2) > 0:
        drawn += colours((trace.get("line") or {}).get("color"))
    return [c for c in drawn if HEX.match(c) and contrast_ratio(c, "#FFFFFF") < 3.0]


@pytest.mark.parametrize("name", PAGES)
def test_alt_text_states_the_finding_is_shown_and_names_the_chart(name):
    charts, captions = figures(name)
    for spec, accessible_name in charts:
        title = (spec["layout"].get("title") or {}).get("text", "")
        alt = (spec["layout"].get("meta") or {}).get("alt_text", "")
        assert alt and alt.strip() != title.strip(), f"{name}: alt text is only the title: {title!r}"
        assert re.search(r"\d", alt), f"{name}: alt text states no figure: {alt!r}"
        assert len(alt.split()) > len(title.split()) + 3, f"{name}: alt text says little beyond the title: {alt!r}"
        shown = (spec["layout"].get("meta") or {}).get("caption") or alt
        assert shown in captions, f"{name}: the chart's caption is not shown: {shown!r}"
        finding = shown.split(" Vertical lines mark")[0]
        assert alt.startswith(finding), f"{name}: the caption says other than the alt text: {shown!r}"
        assert accessible_name == alt, f"{name}: the chart's accessible name is not its alt text ({title!r})"


@pytest.mark.parametrize("name", PAGES)
def test_every_mark_reaches_3_to_1_on_white_or_is_outlined(name):
    charts, _ = figures(name)
    for spec, _ in charts:
        title = (spec["layout"].get("title") or {}).get("text", "")
        for trace in spec["data"]:
            assert faint_fills(trace) == [], f"{name}: {title!r}, trace {trace.get('name')!r}"

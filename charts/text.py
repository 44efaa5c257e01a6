"""Text helpers shared by the builders: number and date formats, wrapping, alt text.

Alt text lives in ``fig.layout.meta["alt_text"]`` and states the chart's main finding,
so a page can put it next to the chart for screen-reader users (plotly charts are not
keyboard operable). Values are rounded to 1 dp in figure data and to whole percentages
in labels, so a figure never carries more precision than the page shows.
"""
from __future__ import annotations

import math
import textwrap

import pandas as pd
import plotly.graph_objects as go


def alt_text(fig: go.Figure) -> str:
    """The alt text a builder stored in ``fig.layout.meta["alt_text"]`` ("" if none)."""
    meta = fig.layout.meta
    if isinstance(meta, dict):
        return str(meta.get("alt_text", ""))
    return ""


def set_alt_text(fig: go.Figure, text: str) -> go.Figure:
    """Store ``text`` as the figure's alt text, keeping any other meta keys."""
    meta = dict(fig.layout.meta) if isinstance(fig.layout.meta, dict) else {}
    meta["alt_text"] = text
    fig.layout.meta = meta
    return fig


def caption(fig: go.Figure) -> str:
    """What is written under a chart: its own caption where a builder set a shorter one
    than the alt text (``meta["caption"]``), else the alt text."""
    meta = fig.layout.meta
    return str(meta.get("caption") or meta.get("alt_text", "")) if isinstance(meta, dict) else ""


def set_caption(fig: go.Figure, text: str) -> go.Figure:
    meta = dict(fig.layout.meta) if isinstance(fig.layout.meta, dict) else {}
    meta["caption"] = text
    fig.layout.meta = meta
    return fig


def is_missing(value: object) -> bool:
    """True for None, NaN, NaT and pd.NA."""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def round1(values) -> list[float | None]:
    """Values rounded to 1 dp as plain floats, missing values as None (JSON null)."""
    return [None if is_missing(v) else round(float(v), 1) for v in values]


def whole(value: float) -> int:
    """Round half up to a whole number (63.5 -> 64), unlike Python's banker's rounding."""
    return int(math.floor(float(value) + 0.5))


def pct(value: float) -> str:
    """``64%``: a percentage label, whole number."""
    return f"{whole(value)}%"


def number(value: float, suffix: str = "") -> str:
    """A whole number with an optional suffix, or 1 dp when that matters and there is no suffix."""
    if suffix == "%":
        return pct(value)
    rounded = round(float(value), 1)
    text = f"{int(rounded)}" if rounded == int(rounded) else f"{rounded:.1f}"
    return f"{text}{suffix}"


def to_dates(values) -> pd.Series:
    """Values as a datetime Series (strings, dates and timestamps accepted)."""
    return pd.to_datetime(pd.Series(values), errors="coerce")


def iso(values) -> list[str | None]:
    """Dates as short ``YYYY-MM-DD`` strings (no time part): small JSON, a true date axis."""
    return [None if is_missing(d) else pd.Timestamp(d).strftime("%Y-%m-%d") for d in values]


def month(date) -> str:
    """``Sep 2022``."""
    return pd.Timestamp(date).strftime("%b %Y")


def day(date) -> str:
    """``16 Oct 2024`` (no leading zero)."""
    stamp = pd.Timestamp(date)
    return f"{stamp.day} {stamp.strftime('%b %Y')}"


def wrap(text: str, width: int = 40, max_lines: int | None = None) -> str:
    """Wrap ``text`` with ``<br>`` for plotly labels; cut to ``max_lines`` with an ellipsis."""
    lines = textwrap.wrap(str(text), width=width) or [""]
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip(" ,.;:?") + "…"
    return "<br>".join(lines)


def row_height(labels: list[str]) -> int:
    """Pixels per row of a bar chart whose rows carry ``labels`` (wrapped with ``<br>``): 44,
    or more when a label runs to three lines or more (a negatively worded statement with what
    positive means for it), so no label runs into the next row's."""
    lines = max((str(label).count("<br>") + 1 for label in labels), default=1)
    return max(44, 15 * lines + 8)


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters with an ellipsis."""
    text = str(text)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def join_clauses(clauses: list[str]) -> str:
    """Clauses joined with "; ", first letter capitalised, ending with a full stop."""
    text = "; ".join(c for c in clauses if c)
    if not text:
        return ""
    return text[0].upper() + text[1:] + ("" if text.endswith(".") else ".")


def first_sentence(text: str) -> str:
    """The first sentence of an alt text: its main finding, without what follows."""
    head, _, _ = str(text).partition(". ")
    return head if head.endswith(".") else head + "."

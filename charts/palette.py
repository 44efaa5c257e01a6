"""Colours, fonts and the shared layout for every chart in ``charts/``.

Colours come from ``config/palette.toml`` (the UK Government Analysis Function palette,
DOMAIN.md), read once at import. Every text colour is set explicitly: Streamlit's plotly
theme would otherwise draw axis and legend text in #808495, which is 3.7:1 on white and
fails WCAG 2.2 AA (4.5:1). Fonts are a system-ui stack: the intranet is offline, so no
web fonts.
"""
from __future__ import annotations

import tomllib
from pathlib import Path

from settings.labels import measure_name, survey_measure
import pandas as pd

_PALETTE_FILE = Path(__file__).resolve().parent.parent / "config" / "palette.toml"


def _load(path: Path = _PALETTE_FILE) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


_CONFIG = _load()

PALETTE: list[str] = list(_CONFIG["categorical"])
SEQUENTIAL: list[str] = list(_CONFIG["sequential"])


def _series_positions(order: list) -> dict[str, int]:
    """Series name -> its fixed palette position: an entry of ``series_order`` is a name or a
    list of names sharing one look; "audience:theme" stands for that survey measure's name, and
    a plain name stands for its display name too."""
    positions = {}
    for position, entry in enumerate(order):
        for name in [entry] if isinstance(entry, str) else entry:
            audience, colon, theme = name.partition(":")
            positions[survey_measure(audience, theme) if colon else name] = position
            if not colon:
                positions[measure_name(name)] = position        # its display name ([measures.series])
    return positions


#: Series name -> palette position, for the series that look the same on every chart.
SERIES_POSITIONS: dict[str, int] = _series_positions(_CONFIG.get("series_order", []))
#: The names of those series (each front's measures).
SERIES_ORDER: list[str] = list(SERIES_POSITIONS)
STATUS_COLOURS: dict[str, str] = dict(_CONFIG["status"])
EVENT_COLOURS: dict[str, str] = dict(_CONFIG["event_kind"])
EVENT_STYLES: dict[str, dict] = {kind: dict(style) for kind, style in _CONFIG.get("event_style", {}).items()}
JUDGEMENT_COLOURS: dict[str, str] = dict(_CONFIG["judgement"])
COMPLAINT_OUTCOME_COLOURS: dict[str, str] = dict(_CONFIG.get("complaint_outcome", {}))
TEXT: str = _CONFIG["text"]
MUTED: str = _CONFIG["muted_text"]
GRID: str = _CONFIG.get("gridlines", "#D9D9D9")
BACKGROUND: str = _CONFIG.get("background", "#FFFFFF")
OVERDUE: str = _CONFIG.get("overdue", "#801650")
WHITE = "#FFFFFF"

FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"

#: A line series differs by symbol and dash as well as colour (never colour alone).
SYMBOLS: tuple[str, ...] = ("circle", "square", "diamond", "triangle-up", "x", "star", "cross", "pentagon")
DASHES: tuple[str, ...] = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")


def status_fill(words: object, colours: dict[str, str] | None = None) -> str | None:
    """The fill of a status as the tables and charts word it (``metrics.actions.status_words``):
    OVERDUE when the words say overdue ('Green, 16 days overdue'), else the status's own
    colour from ``colours`` (default STATUS_COLOURS); None for a word with no colour."""
    text = "" if words is None or (not isinstance(words, str) and pd.isna(words)) else str(words)
    if text.endswith(" overdue"):
        return OVERDUE
    return (STATUS_COLOURS if colours is None else colours).get(text)


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG relative luminance of a ``#RRGGBB`` colour."""
    code = colour.lstrip("#")
    r, g, b = (int(code[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio between two ``#RRGGBB`` colours (1 to 21)."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_on(fill: str) -> str:
    """The text colour (palette text or white) with the higher contrast on ``fill``."""
    return TEXT if contrast_ratio(TEXT, fill) >= contrast_ratio(WHITE, fill) else WHITE


def readable(colour: str, background: str = BACKGROUND) -> str:
    """``colour`` if it reaches 4.5:1 on ``background`` as text, else the palette text colour."""
    return colour if contrast_ratio(colour, background) >= 4.5 else TEXT


def rgba(colour: str, alpha: float) -> str:
    """A translucent ``rgba(...)`` version of a ``#RRGGBB`` palette colour."""
    code = colour.lstrip("#")
    r, g, b = (int(code[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def interpolate(colours: list[str], t: float) -> str:
    """The colour a fraction ``t`` (0..1) of the way along ``colours``."""
    t = min(max(t, 0.0), 1.0)
    if len(colours) == 1:
        return colours[0]
    position = t * (len(colours) - 1)
    low = min(int(position), len(colours) - 2)
    frac = position - low
    a, b = colours[low].lstrip("#"), colours[low + 1].lstrip("#")
    mixed = (round(int(a[i:i + 2], 16) * (1 - frac) + int(b[i:i + 2], 16) * frac) for i in (0, 2, 4))
    return "#" + "".join(f"{v:02X}" for v in mixed)


def _axis() -> dict:
    return {
        "tickfont": {"color": MUTED, "family": FONT_FAMILY, "size": 13},
        "title": {"font": {"color": TEXT, "family": FONT_FAMILY, "size": 14}},
        "gridcolor": GRID,
        "linecolor": MUTED,
        "zerolinecolor": GRID,
        "automargin": True,
    }


def bottom_legend() -> dict:
    """Layout for a horizontal legend pinned to the bottom of the figure, below the axis title."""
    return {"legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": 0, "yanchor": "bottom",
                       "yref": "container", "traceorder": "normal"},
            "margin": {"b": 96}}


def date_range(first, last, share: float = 0.04, minimum_days: int = 20) -> list[str]:
    """An explicit date-axis range around ``first``..``last`` (``YYYY-MM-DD``).

    Set explicitly because plotly's autorange also stretches to fit annotations.
    """
    import pandas as pd

    first, last = pd.Timestamp(first), pd.Timestamp(last)
    pad = max((last - first) * share, pd.Timedelta(days=minimum_days))
    return [(first - pad).strftime("%Y-%m-%d"), (last + pad).strftime("%Y-%m-%d")]


def base_layout(title: str) -> dict:
    """Layout every builder starts from: title, fonts, explicit text colours, white ground."""
    font = {"family": FONT_FAMILY, "color": TEXT, "size": 14}
    return {
        "title": {
            "text": title,
            "font": {"family": FONT_FAMILY, "color": TEXT, "size": 18},
            "x": 0, "xanchor": "left", "xref": "container", "pad": {"l": 12, "t": 14},
            "y": 1, "yanchor": "top", "yref": "container",
        },
        "font": font,
        "paper_bgcolor": BACKGROUND,
        "plot_bgcolor": BACKGROUND,
        "colorway": PALETTE,
        "margin": {"l": 12, "r": 24, "t": 72, "b": 12},
        "xaxis": _axis(),
        "yaxis": _axis(),
        "legend": {"font": {"family": FONT_FAMILY, "color": TEXT, "size": 13},
                   "title": {"font": {"family": FONT_FAMILY, "color": TEXT}}},
        "hoverlabel": {"font": {"family": FONT_FAMILY, "color": TEXT, "size": 13},
                       "bgcolor": BACKGROUND, "bordercolor": MUTED},
        "uniformtext": {"minsize": 11, "mode": "hide"},
        "meta": {"alt_text": title},
    }


def judgement_colours(words: dict[str, str]) -> dict[str, str]:
    """Each judgement's words ("Amber: progress, not yet assured", "No evidence yet") to its
    colour, for a table that shows the words (config/expectations.toml ``[words]``)."""
    return {text: JUDGEMENT_COLOURS[rating] for rating, text in words.items() if rating in JUDGEMENT_COLOURS}

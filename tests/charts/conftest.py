"""Fixtures for the chart tests: a contrast-ratio function, the figure as JSON, events."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _luminance(colour: str) -> float:
    code = colour.strip().lstrip("#")
    assert len(code) == 6, f"not a #RRGGBB colour: {colour!r}"
    channels = []
    for i in (0, 2, 4):
        c = int(code[i:i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two #RRGGBB colours, written independently of charts/."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.fixture
def contrast():
    return contrast_ratio


@pytest.fixture
def fig_json():
    """The figure's JSON text (what the browser receives)."""
    return lambda fig: fig.to_json()


@pytest.fixture
def fig_dict():
    return lambda fig: json.loads(fig.to_json())


@pytest.fixture
def events() -> pd.DataFrame:
    """The DOMAIN.md milestones, shaped like the EVENTS frame in model/frames.py."""
    rows = [
        ("2022-06-15", "External auditor letter", "audit"),
        ("2022-07-27", "Improvement Framework report", "audit"),
        ("2022-10-01", "Improvement Board set up", "board"),
        ("2023-01-24", "First Best Value Notice", "notice"),
        ("2024-01-30", "Revised Best Value Notice", "notice"),
        ("2024-03-01", "Phase 3 plan", "plan"),
        ("2024-09-09", "Notice not re-issued", "notice"),
        ("2024-10-15", "Phase 3 closed", "plan"),
        ("2025-05-30", "Advisory group ends", "milestone"),
    ]
    frame = pd.DataFrame(rows, columns=["date", "label", "kind"])
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[ns]")
    frame["label"] = frame["label"].astype("string")
    frame["kind"] = frame["kind"].astype("string")
    return frame


def layout_font_colours(fig_as_dict: dict) -> list[str]:
    """Every font colour in the layout (title, axes, legend, hover, annotations), template excluded."""
    found: list[str] = []

    def walk(node, key=""):
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "template":
                    continue
                if k == "color" and "font" in key and isinstance(v, str):
                    found.append(v)
                walk(v, k)
        elif isinstance(node, list):
            for item in node:
                walk(item, key)

    walk(fig_as_dict["layout"])
    return found


@pytest.fixture
def layout_colours():
    return layout_font_colours

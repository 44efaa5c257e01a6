"""How big a figure is once serialised: a guard that builders send aggregates, not rows."""
from __future__ import annotations

import plotly.graph_objects as go


def figure_json_bytes(fig: go.Figure) -> int:
    """Size in bytes of the figure's JSON (what Streamlit sends to the browser)."""
    return len(fig.to_json().encode("utf-8"))

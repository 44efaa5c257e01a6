"""Marks on a question's trend line where its wording changed between waves.

A reworded statement stays one line (same question id); a dotted vertical line and a
"Wording changed" label at the first wave of the new wording say where the comparison
crosses a change of question. The old and new wording go into the hover text and the
alt text, so the mark is not carried by the figure alone.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.palette import FONT_FAMILY, MUTED
from charts.text import alt_text, set_alt_text

MARKER_NAME = "wording change"


def add_wording_markers(fig: go.Figure, changes: pd.DataFrame) -> go.Figure:
    """Add one marker per row of ``changes`` (wave_date, old, new: metrics.questions.wording_changes)."""
    clauses = []
    for row in changes.itertuples(index=False):
        date = pd.Timestamp(row.wave_date)
        fig.add_shape(type="line", x0=date, x1=date, y0=0, y1=1, xref="x", yref="paper", name=MARKER_NAME,
                      line={"color": MUTED, "width": 1.5, "dash": "dot"})
        fig.add_annotation(x=date, y=1, xref="x", yref="paper", yanchor="bottom", showarrow=False,
                           text="Wording changed", name=MARKER_NAME,
                           hovertext=f"Before: {row.old}<br>From {date:%b %Y}: {row.new}",
                           font={"family": FONT_FAMILY, "size": 12, "color": MUTED})
        clauses.append(f'The wording changed in {date:%B %Y} from "{row.old}" to "{row.new}".')
    if clauses:
        set_alt_text(fig, " ".join([alt_text(fig), *clauses]).strip())
    return fig

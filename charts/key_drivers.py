"""Importance vs score: the familiar key-driver view, from aggregates only.

One point per statement: x = its % positive this wave, y = its importance (Spearman's rho
with the outcome, ``metrics.key_drivers``) with its bootstrap interval as a vertical error
bar. A dotted vertical line at the drivers' median score, and a horizontal one under the top tier
(the drivers the data cannot tell apart from the strongest; none when every driver is in it),
split the plot into quadrants, each named in text in its corner ("Priority: matters more, scores lower" top
left), and each point's quadrant is also in the hover text and the table, so colour is never
the only signal: a priority point is a filled diamond, the others open circles. The figure
carries only the statement, its % positive, rho and interval: no respondent row.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.palette import FONT_FAMILY, MUTED, PALETTE, TEXT, base_layout, bottom_legend
from charts.text import join_clauses, set_alt_text, wrap

PRIORITY = "Priority: matters more, scores lower"
_CORNERS = [  # (quadrant words, x side, y side)
    (PRIORITY, "left", "top"), ("Strength: matters more, scores higher", "right", "top"),
    ("Watch: matters less, scores lower", "left", "bottom"), ("Maintain: matters less, scores higher", "right", "bottom"),
]


def importance_score_chart(table: pd.DataFrame, outcome: str, title: str = "", narrow: bool = False) -> go.Figure:
    """With ``narrow`` (a phone's layout): the legend below the plot and each quadrant named by
    its first word only ("Priority"); the full words are in the hover text and the table.

    ``table``: question, pct_positive, importance, lower, upper, quadrant, top_tier_floor,
    score_median (``metrics.key_drivers.importance_vs_score``, labelled with wording)."""
    shown = table.dropna(subset=["importance", "pct_positive"])
    fig = go.Figure(layout=base_layout(wrap(title, 30) if narrow else title))
    priority = shown["quadrant"].eq(PRIORITY).fillna(False)
    for is_priority, part in ((False, shown[~priority]), (True, shown[priority])):
        if part.empty:
            continue
        fig.add_trace(go.Scatter(
            x=part["pct_positive"].round(1), y=part["importance"].round(2), mode="markers",
            name="Priority statements" if is_priority else "Other statements",
            marker={"symbol": "diamond" if is_priority else "circle-open", "size": 13 if is_priority else 11,
                    "color": PALETTE[2] if is_priority else PALETTE[0], "line": {"width": 2}},
            error_y={"type": "data", "symmetric": False, "color": MUTED, "thickness": 1,
                     "array": (part["upper"] - part["importance"]).round(3).tolist(),
                     "arrayminus": (part["importance"] - part["lower"]).round(3).tolist()},
            customdata=[[wrap(str(q), 50), str(w)] for q, w in zip(part["question"], part["quadrant"])],
            hovertemplate="%{customdata[0]}<br>%{x:.0f}% positive, importance %{y:.2f}<br>%{customdata[1]}"
                          "<extra></extra>"))
    if not shown.empty:
        mid_x, floor = float(shown["score_median"].iloc[0]), shown["top_tier_floor"].iloc[0]
        fig.add_vline(x=mid_x, line={"dash": "dot", "color": MUTED, "width": 1})
        if pd.notna(floor):      # below it: the drivers told apart from the strongest
            fig.add_hline(y=float(floor) - 0.005, line={"dash": "dot", "color": MUTED, "width": 1})
        fig.update_layout(annotations=[*fig.layout.annotations, *[
            {"x": 0 if side == "left" else 1, "y": 1 if height == "top" else 0, "xref": "paper", "yref": "paper",
             "xanchor": side, "yanchor": height, "showarrow": False,
             "text": words.split(":")[0] if narrow else wrap(words, 22),
             "font": {"family": FONT_FAMILY, "size": 12, "color": TEXT}} for words, side, height in _CORNERS
            if pd.notna(floor) or height == "top"]])       # one tier: every driver matters about equally
    fig.update_xaxes(title={"text": "% positive this wave"}, range=[0, 100])
    fig.update_yaxes(title={"text": "Importance (rank correlation)" if narrow else
                            "Importance (rank correlation with the outcome)"}, zeroline=True)
    fig.update_layout(height=520, **bottom_legend())
    if narrow:
        fig.update_layout(height=480, margin={"l": 56, "r": 12, "t": 48, "b": 96})
    return set_alt_text(fig, _alt(shown, outcome))


def _alt(shown: pd.DataFrame, outcome: str) -> str:
    if shown.empty:
        return "No statements to show."
    top = shown.sort_values("importance", ascending=False).iloc[0]
    priorities = shown.loc[shown["quadrant"].eq(PRIORITY).fillna(False), "question"].astype(str).tolist()
    clauses = [f"{len(shown)} statements by % positive and by how closely they go with “{outcome}”",
               f"strongest: “{top['question']}” (rank correlation {top['importance']:.2f}, "
               f"{top['pct_positive']:.0f}% positive)"]
    clauses.append(f"priorities (matter more, score lower): {'; '.join(f'“{p}”' for p in priorities)}" if priorities
                   else "no statement is both in the top tier and below the median score")
    return join_clauses(clauses)

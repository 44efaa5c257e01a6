"""Improvement-plan action charts: the status mix at each snapshot, and % complete.

Trackers are re-issued for each committee meeting, so each snapshot date is one stacked
bar. A status always carries its word (legend and hover) and each segment its count, so
the RAG colours are never the only signal; the hover says how many of a status's actions
are overdue. The alt text states how many actions were complete at the latest snapshot
against the first, over the actions in scope (Superseded and Not applicable left out and
said), as every completion share is stated.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.cells import collapse
from charts.milestones import add_milestones
from charts.palette import FONT_FAMILY, MUTED, STATUS_COLOURS, TEXT, base_layout, bottom_legend, date_range, text_on
from charts.text import day, iso, set_alt_text, to_dates
from model.frames import ACTION_STATUSES, OUT_OF_SCOPE_STATUSES

DAY_MS = 24 * 3600 * 1000


def _status_order(statuses) -> list[str]:
    present = {str(s) for s in statuses}
    known = [s for s in ACTION_STATUSES if s in present]
    return known + sorted(present - set(known))


def _bar_width(dates: list[pd.Timestamp]) -> float:
    """Bar width in ms: 80% of the closest gap between snapshots, at most 40 days."""
    gaps = [(b - a).days for a, b in zip(dates, dates[1:]) if (b - a).days > 0]
    return min([0.8 * g for g in gaps] + [40]) * DAY_MS


def _counts(mix: pd.DataFrame, x: str, status: str, count: str) -> pd.DataFrame:
    """A date x status table of action counts (zeros where a status is absent)."""
    frame = mix[[x, status, count]].copy()
    frame[x] = to_dates(frame[x]).values
    frame[status] = frame[status].astype("string")
    frame = collapse(frame.dropna(subset=[x, status]), [x, status], [count], how="sum")
    table = frame.pivot_table(index=x, columns=status, values=count, aggfunc="sum", fill_value=0)
    return table.reindex(columns=_status_order(table.columns)).fillna(0).astype(int).sort_index()


def _status_bar(name: str, dates: list[str], counts: list[int], width: float, overdue: list[int]) -> go.Bar:
    colour = STATUS_COLOURS.get(name, MUTED)
    late = [f", {n} of them overdue" if n else "" for n in overdue]
    return go.Bar(
        x=dates, y=counts, name=name, width=[width] * len(dates), customdata=late,
        marker={"color": colour, "line": {"color": "#FFFFFF", "width": 1}},
        text=[str(c) if c else "" for c in counts], textposition="inside", insidetextanchor="middle",
        textfont={"family": FONT_FAMILY, "color": text_on(colour), "size": 12},
        hovertemplate=f"%{{x|%d %b %Y}}<br>{name}: %{{y}} actions%{{customdata}}<extra></extra>",
    )


def _in_scope(table: pd.DataFrame, date) -> tuple[int, str]:
    """The actions in scope at ``date`` and what is left out ('1 superseded action'), worded
    as ``metrics.actions.completion`` words them."""
    left = [(int(table.loc[date, s]), s.lower()) for s in OUT_OF_SCOPE_STATUSES if s in table and table.loc[date, s]]
    total = sum(n for n, _ in left)
    words = " and ".join(f"{n} {s}" for n, s in left) + (f" action{'' if total == 1 else 's'}" if left else "")
    return int(table.loc[date].sum()) - total, words


def _mix_alt(table: pd.DataFrame, overdue: pd.DataFrame | None = None) -> str:
    first, last = table.index[0], table.index[-1]
    complete = table.get("Complete", pd.Series(0, index=table.index))
    now, before = int(complete[last]), int(complete[first])
    scope, left = _in_scope(table, last)
    share = f" ({100 * now / scope:.0f}%)" if scope else ""
    text = f"At {day(last)}, {now} of {scope} actions were Complete{share}"
    text += f", not counting {left}" if left else ""
    if len(table) > 1:
        change = "up from" if now > before else "down from" if now < before else "the same as"
        text += f"; {change} {before} of {_in_scope(table, first)[0]} at {day(first)}"
    open_ = [f"{int(table.loc[last, s])} {s}" for s in ("Red", "Amber") if s in table and table.loc[last, s]]
    text += "." + (f" The latest snapshot has {' and '.join(open_)}." if open_ else "")
    late = int(overdue.loc[last].sum()) if overdue is not None and last in overdue.index else 0
    return text + (f" {late} action{'' if late == 1 else 's'} {'is' if late == 1 else 'are'} overdue." if late else "")


def status_over_time(mix: pd.DataFrame, events: pd.DataFrame | None = None, title: str = "",
                     x: str = "snapshot_date", status: str = "status", count: str = "count",
                     start=None, end=None) -> go.Figure:
    """Stacked bars of action counts by status at each snapshot date, with milestones.

    ``start``/``end`` widen the date range shown (and the milestones drawn) beyond the data."""
    fig = go.Figure(layout=base_layout(title))
    table = _counts(mix, x, status, count)
    if table.empty:
        return set_alt_text(fig, "No action snapshots to show.")
    overdue = (_counts(mix, x, status, "overdue").reindex(index=table.index, columns=table.columns, fill_value=0)
               if "overdue" in mix else table * 0)
    dates = list(table.index)
    width = _bar_width(dates)
    for name in table.columns:
        fig.add_trace(_status_bar(name, iso(dates), [int(v) for v in table[name]], width,
                                  [int(v) for v in overdue[name]]))
    totals = [int(v) for v in table.sum(axis=1)]
    fig.add_trace(go.Scatter(x=iso(dates), y=totals, text=[str(t) for t in totals], mode="text",
                             textposition="top center", name="Total", showlegend=False, hoverinfo="skip",
                             textfont={"family": FONT_FAMILY, "color": TEXT, "size": 12}, cliponaxis=False))
    fig.update_layout(bottom_legend())
    fig.update_layout(barmode="stack")
    fig.update_xaxes(type="date", tickformat="%b %Y", title={"text": "Snapshot date"},
                     range=date_range(min(dates[0], start or dates[0]), max(dates[-1], end or dates[-1]),
                                      share=0.06, minimum_days=30))
    fig.update_yaxes(title={"text": "Actions"}, range=[0, max(totals) * 1.12 + 1], rangemode="tozero")
    set_alt_text(fig, _mix_alt(table, overdue))
    return add_milestones(fig, events, start=min(dates[0], start or dates[0]), end=max(dates[-1], end or dates[-1]))
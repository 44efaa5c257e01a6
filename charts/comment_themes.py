"""The comment themes' charts: each theme's share of a wave's comments over the waves, and
the latest wave's count per theme.

Both take ``metrics.comment_themes.theme_counts`` as it is; its rows are the data as a
table. The trend is charts.trend's: one line per theme on a true date axis, each with its
own marker symbol and dash and a direct end label, so colour is never the only signal; a
hidden count is a gap. The bar chart writes each theme's count and share on its bar and
"not shown" with the reason where a count is hidden. Alt texts say what the share's
denominator is (all the wave's comments) and that a comment may carry several themes.
Only counts reach a figure, never a comment's text.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.palette import FONT_FAMILY, PALETTE, TEXT, base_layout
from charts.text import month, pct, row_height, set_alt_text, wrap
from charts.trend import trend_chart

SHARE_WORDS = ("Share of each survey wave's comments that mention each theme (the denominator is all the "
               "wave's comments; a comment can mention several themes, so shares can add up to more than 100%).")

HIDDEN_WORDS = "because too few comments mention the theme, or to protect a smaller count"


def theme_share_trend(counts: pd.DataFrame, title: str = "", events: pd.DataFrame | None = None,
                      include_no_theme: bool = False, start=None, end=None) -> go.Figure:
    """One line per theme of ``counts`` (theme_counts): % of the wave's comments."""
    rows = counts if include_no_theme else counts[counts["theme"] != "no_theme"]
    table = rows.assign(series=rows["theme_name"].astype(str), value=rows["share"].astype("Float64"))
    if table["value"].notna().sum() == 0:
        fig = go.Figure(layout=base_layout(title))
        return set_alt_text(fig, "No theme's share of the comments can be shown: too few comments in every wave.")
    top = float(table["value"].max())
    fig = trend_chart(table, x="wave_date", y="value", series="series", events=events, title=title,
                      y_title="% of the wave's comments", y_range=(0, min(100.0, max(10.0, top * 1.25))),
                      suffix="%", start=start, end=end)
    meta = fig.layout.meta
    for part in ("alt_text", "caption"):      # the caption under the chart, when trend_chart set a shorter one
        if meta.get(part):
            meta[part] = meta[part].replace("because too few people responded", HIDDEN_WORDS)
    fig.layout.meta = meta
    return set_alt_text(fig, f"{SHARE_WORDS} {meta['alt_text']}")


def _bar_text(row: pd.Series) -> str:
    """A bar's words: its count and share, or "not shown" and why, short enough for a phone."""
    if not bool(row["shown"]):
        reason = str(row["reason"])
        return "not shown: would reveal a smaller count" if reason.startswith("hidden so") else f"not shown: {reason}"
    return f"{int(row['comments'])} ({pct(float(row['share']))})"


def latest_theme_counts(counts: pd.DataFrame, title: str = "", include_no_theme: bool = True) -> go.Figure:
    """Horizontal bars: the latest wave's comments per theme, each labelled with its count
    and share; a hidden theme keeps its row, labelled "not shown" with the reason."""
    fig = go.Figure(layout=base_layout(title))
    if counts.empty:
        return set_alt_text(fig, "No comments to count.")
    latest = counts[counts["wave_date"] == counts["wave_date"].max()]
    latest = latest if include_no_theme else latest[latest["theme"] != "no_theme"]
    if latest["wave_comments"].isna().all():
        return set_alt_text(fig, f"The latest wave's themes are not shown: {latest['reason'].dropna().iloc[0]}.")
    names = [wrap(n, 24) for n in latest["theme_name"].astype(str)]
    values = [None if pd.isna(v) else int(v) for v in latest["comments"]]
    texts = [_bar_text(row) for _, row in latest.iterrows()]
    colour = PALETTE[0]
    fig.add_trace(go.Bar(orientation="h", y=names, x=values, marker={"color": colour}, name="Comments",
                         text=texts, textposition="outside", cliponaxis=False, showlegend=False,
                         textfont={"family": FONT_FAMILY, "color": TEXT, "size": 13},
                         hovertemplate="%{y}: %{text}<extra></extra>"))
    for name, value, text in zip(names, values, texts):     # a hidden theme: its words at the axis
        if value is None:
            fig.add_annotation(x=0, y=name, text=text, showarrow=False, xanchor="left", xshift=4,
                               font={"family": FONT_FAMILY, "color": TEXT, "size": 13})
    most = max([v for v in values if v is not None] + [1])
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(title={"text": "Comments"}, range=[0, most * 1.45], rangemode="tozero")
    fig.update_layout(height=120 + row_height(names) * len(names), margin={"r": 24})
    return set_alt_text(fig, _latest_alt(latest))


def _latest_alt(latest: pd.DataFrame) -> str:
    first = latest.iloc[0]
    shown = latest[latest["shown"].astype(bool)].sort_values("comments", ascending=False)
    hidden = latest[~latest["shown"].astype(bool)]
    parts = [f"Comments per theme in the {month(first['wave_date'])} wave, of {int(first['wave_comments'])} "
             "comments in all (a comment can mention several themes)"]
    if len(shown):
        parts.append("; ".join(f"{r.theme_name}: {int(r.comments)} ({pct(float(r.share))})"
                               for r in shown.itertuples()))
    if len(hidden):
        parts.append("Not shown: " + ", ".join(f"{r.theme_name} ({r.reason})" for r in hidden.itertuples()))
    return ". ".join(parts) + "."

"""The one thin layer between Streamlit and the pure packages.

Cached access to the data (keyed on the state of the data folder, so a new file is seen
without a restart), the chart block every page uses (figure, its alt text, its data as
a table), and the page runner that turns an unexpected error into a plain message
instead of a traceback.
"""
from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import StopException, RerunException

from charts.text import alt_text
from charts.trend import trend_chart
from metrics.trends import journey_span, theme_trend
from loaders.bundle import Bundle, load_bundle
from loaders.settings import Settings, load_settings
from loaders.vocab import DEFAULT_SCHEME, Scheme, scrutiny_schemes

log = logging.getLogger("improvement_dashboard")

PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"], "responsive": True}


@st.cache_resource(show_spinner=False)
def settings() -> Settings:
    return load_settings()


def data_state(folder: Path) -> str:
    """A key that changes whenever a file in the data folder is added, removed or changed."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        stat = path.stat()
        digest.update(f"{path.relative_to(folder)}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


@st.cache_data(show_spinner="Reading the data…", max_entries=4)
def _cached_bundle(folder: str, state: str) -> Bundle:
    return load_bundle(Path(folder))


def bundle() -> Bundle:
    """Every canonical frame, loaded from the data folder and cached on its state."""
    folder = settings().data_dir
    return _cached_bundle(str(folder), data_state(folder))


def scrutiny_scheme(scores: pd.DataFrame) -> Scheme:
    """The scheme the scores were made on (the default scheme when there are none)."""
    ids = scores["scheme"].dropna().unique()
    schemes = scrutiny_schemes()
    return schemes.get(ids[0] if len(ids) else DEFAULT_SCHEME, schemes[DEFAULT_SCHEME])


def chart_block(fig: go.Figure, frame: pd.DataFrame, *, key: str, table_caption: str | None = None,
                selectable: bool = False) -> list[str]:
    """A chart, its alt text as a visible caption, and the same data as a table.

    With ``selectable``, clicking a bar or point selects it; returns the ``customdata`` of
    the selected points (empty when nothing is selected)."""
    description = alt_text(fig)
    if selectable:
        event = st.plotly_chart(fig, width="stretch", config=PLOTLY_CONFIG, key=key,
                                on_select="rerun", selection_mode="points")
    else:
        event = st.plotly_chart(fig, width="stretch", config=PLOTLY_CONFIG, key=key)
    if description:
        st.caption(description)
    with st.expander(table_caption or "The data in this chart, as a table"):
        table(frame)
    points = (event or {}).get("selection", {}).get("points", []) if selectable else []
    return [str(p["customdata"]) for p in points if p.get("customdata") is not None]


def follow_click(clicked: list[str], widget_key: str, choices: list, preferred=None) -> None:
    """Set up a selectbox's state before it is drawn (draw it with ``key=widget_key`` and no
    index): a newly clicked chart item wins, then the current choice if still offered, then
    ``preferred`` (e.g. from the URL), then the first choice. A click already followed is
    ignored, so choosing in the selectbox afterwards still works."""
    memory = f"_{widget_key}_last_click"
    click = clicked[0] if clicked else None
    if click != st.session_state.get(memory):
        st.session_state[memory] = click
        if click in choices:
            st.session_state[widget_key] = click
            return
    if st.session_state.get(widget_key) not in choices and choices:
        st.session_state[widget_key] = preferred if preferred in choices else choices[0]


def table(frame: pd.DataFrame) -> None:
    """A data table: no index column (axe: empty table header), dates shown as dates."""
    dates = {c: st.column_config.DateColumn(c, format="D MMM YYYY")
             for c in frame.columns if pd.api.types.is_datetime64_any_dtype(frame[c])}
    st.dataframe(frame, hide_index=True, width="stretch", column_config=dates)


def theme_trend_block(audience: str, title: str, key: str) -> None:
    """One audience's theme scores wave by wave, with bands and milestones, and its table."""
    data = bundle()
    trend = theme_trend(data.surveys, data.codebook, audience, settings().min_group_size,
                        confidence=settings().confidence)
    start, end = journey_span(data.events, trend["date"])
    fig = trend_chart(trend, x="date", y="value", series="series", lower="lower", upper="upper",
                      events=data.events, title=title, y_title="% positive", start=start, end=end)
    chart_block(fig, trend.rename(columns={"series": "Theme", "date": "Wave date", "value": "% positive",
                                           "lower": "Lower 95%", "upper": "Upper 95%", "n": "Respondents"}), key=key)


def published_table(frame: pd.DataFrame, hidden_label: str, names: dict[str, str]) -> pd.DataFrame:
    """A disclosure-controlled table for display: hidden rows say why instead of being
    blank, the ``suppressed`` flag is dropped, columns get their display names."""
    out = frame.drop(columns=["suppressed"]).astype(object)
    out.loc[frame["suppressed"].to_numpy(), [c for c in ("n_respondents", "score", "pct_positive") if c in out]] = hidden_label
    return out.rename(columns=names)


def run_page(page) -> None:
    """Run a page; show a plain message, never a traceback, if it fails."""
    try:
        page.run()
    except (StopException, RerunException):
        raise
    except Exception:  # noqa: BLE001 - the last line of defence: log it, tell the user plainly
        log.exception("page %s failed", getattr(page, "title", "?"))
        st.error(
            "Something went wrong while drawing this page. The data has not been changed. "
            "Please try again; if it happens again, tell the dashboard's administrator."
        )

"""The blocks every page draws with: the chart block (figure, its alt text, its data as a
table), tables (plain, wrapping text with RAG-coloured statuses, disclosure-controlled),
messages, the RAG label, and
``plain`` for text from the data that Markdown must show as written."""
from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from charts.narrow import narrow_layout
from charts.palette import text_on
from charts.text import alt_text, caption
from charts.tracker import STATUS_COLUMNS
from settings.labels import labelled
from ui import screen
from ui.cache import derived
from ui.wrapped_table import table_html

PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"], "responsive": True}


#: Characters Markdown (and Streamlit's directives such as :red[...]) would act on.
MARKDOWN_SPECIALS = set("\\`*_{}[]()<>#+-.!|~$:")


#: Web addresses Markdown would turn into links even when escaped (GFM autolinks); a word
#: joiner (U+2060, invisible) breaks each one, so the address shows but is not a link.
AUTOLINK_STARTS = ("://", "www.", "@")


def plain(text: object) -> str:
    """Text from the data, escaped so Markdown shows it as written: no links, images or
    colour directives can be smuggled in through a spreadsheet."""
    text = str(text)
    for start in AUTOLINK_STARTS:
        text = text.replace(start, start[0] + "\u2060" + start[1:])
    return "".join(f"\\{c}" if c in MARKDOWN_SPECIALS else c for c in text)


def chart_block(fig: go.Figure, frame: pd.DataFrame, *, key: str, table_caption: str | None = None,
                selectable: bool = False, narrow_fig: go.Figure | None = None, phone: bool = True) -> list[str]:
    """A chart, its alt text as a visible caption, and the same data as a table in an expander
    keyed ``table-<key>``, drawn when the reader opens it (the grids of closed expanders cost the
    browser its grid bundle and their drawing on every page's first view, issue 20).

    The chart is drawn in the layout that fits the viewer's screen (ui/screen.py): its own, or on
    a narrow screen its narrow one (``narrow_fig`` when its builder makes one, else
    charts.narrow), in a container keyed ``chart-<key>_wide-641px`` or ``chart-<key>_narrow-641px``;
    ``phone=False`` draws only its own, for a block whose page shows narrow screens something
    else (the scrutiny matrix's list). With ``selectable``, clicking a bar or point selects it;
    returns the ``customdata`` of the selected points (empty when nothing is selected)."""
    description = alt_text(fig)
    if not phone:
        points = _plotly(fig, key, description, selectable)
    else:
        box, drawn = screen.layout(f"chart-{key}")
        with box:
            points = (_plotly(narrow_fig or derived(narrow_layout, fig), f"{key}-narrow", description, selectable)
                      if drawn == "narrow" else _plotly(fig, key, description, selectable))
    if caption(fig):
        st.caption(caption(fig))
    if (data := opened(table_caption or "The data in this chart, as a table", key=f"table-{key}")) is not None:
        with data:                     # drawn once opened: a page's first drawing carries no data grid
            table(frame)
    return [str(p["customdata"]) for p in points if p.get("customdata") is not None]


def opened(label: str, *, key: str):
    """An expander whose content is drawn only once the reader opens it (opening it reruns the
    page): the expander to draw into when open, else None. A closed expander's grids and charts
    would cost the browser their drawing on the page's first view (issue 20)."""
    box = st.expander(label, key=key, on_change="rerun")
    return box if box.open else None


def _plotly(fig: go.Figure, key: str, description: str, selectable: bool) -> list[dict]:
    """One plotly chart; the points selected in it."""
    # alt: the chart's accessible name for screen readers (its main finding, as in the caption)
    options = {"width": "stretch", "config": PLOTLY_CONFIG, "key": key, "alt": description or None}
    if not selectable:
        st.plotly_chart(fig, **options)
        return []
    event = st.plotly_chart(fig, on_select="rerun", selection_mode="points", **options)
    return list((event or {}).get("selection", {}).get("points", []))


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


def headline_metric(headline) -> None:
    """A headline figure as a card (``metrics.headlines.Headline``): its value and its change
    with the verdict in words, grey when within the noise, the same on every page."""
    st.metric(headline.label, "–" if headline.value is None else f"{headline.value:.0f}%",
              headline.delta, delta_color=headline.delta_colour)


def say(message: str) -> None:
    """A block's plain message when it has nothing to draw (text from the data escaped)."""
    st.info(plain(message))


def table(frame: pd.DataFrame) -> None:
    """A data table: no index column (axe: empty table header), dates shown as dates."""
    dates = {c: st.column_config.DateColumn(c, format="D MMM YYYY")
             for c in frame.columns if pd.api.types.is_datetime64_any_dtype(frame[c])}
    st.dataframe(frame, hide_index=True, width="stretch", column_config=dates)


def wrapped_table(frame: pd.DataFrame, status_columns: tuple[str, ...] = STATUS_COLUMNS,
                  colours: dict[str, str] | None = None, line_columns: tuple[str, ...] = ()) -> None:
    """A table of text (actions, their progress) whose cells wrap: every word shows at any
    width, with no scrolling inside it; on a phone each row reads as a block (ui/wrapped_table.py).
    Status cells carry their colour and their words; each line of a ``line_columns`` cell stays whole."""
    st.html(table_html(frame, status_columns, colours, line_columns=line_columns))


def published_table(frame: pd.DataFrame, hidden_label: str, columns: list[str], table: str | None = None,
                    names: dict[str, str] | None = None) -> pd.DataFrame:
    """A disclosure-controlled table for display: hidden rows say why instead of being blank
    (their own ``hidden_because`` words where the table has them, else ``hidden_label``);
    only ``columns`` are shown, under their display names (settings/labels.py; not the
    ``suppressed`` flag, nor a column a calculation adds later)."""
    out = frame[[c for c in columns if c in frame.columns]].astype(object)
    hidden = [c for c in ("n_respondents", "score", "pct_positive", "pct_neutral", "pct_negative") if c in out]
    rows = (frame["suppressed"] if "suppressed" in frame else frame[hidden].isna().any(axis=1)).fillna(True)
    rows = rows.astype(bool).to_numpy()
    why = frame["hidden_because"] if "hidden_because" in frame else pd.Series(pd.NA, index=frame.index)
    words = [w if isinstance(w, str) and w else hidden_label for w in why[rows]]
    for column in hidden:    # one type per column (text), so the table needs no conversion
        out.loc[rows, column] = words
        out[column] = [v if isinstance(v, str) else "" if pd.isna(v) else f"{float(v):g}" for v in out[column]]
    for column in ("score", "pct_positive"):     # a shown row whose figure alone is withheld says why
        if column in out:
            blank = ~rows & why.notna().to_numpy() & frame[column].isna().to_numpy()
            out.loc[blank, column] = why[blank].tolist()
    return labelled(out, columns, table, names)


def rag_label(rating: str, words: str, colours: dict[str, str]) -> None:
    """A RAG judgement as a coloured label that always carries its words (never colour alone)."""
    fill = colours.get(rating, colours.get("None", "#DDDDDD"))
    st.markdown(f'<span style="background:{fill};color:{text_on(fill)};padding:0.15rem 0.5rem;'
                f'border-radius:0.25rem;font-weight:600">{html.escape(words)}</span>', unsafe_allow_html=True)


def wave_label(date) -> str:
    return f"{pd.Timestamp(date):%B %Y}"

"""The one thin layer between Streamlit and the pure packages.

Cached access to the data (keyed on the state of the data folder, so a new file is seen
without a restart), the chart block every page uses (figure, its alt text, its data as
a table), and the page runner that turns an unexpected error into a plain message
instead of a traceback. The survey pages' blocks are in ui_survey.
"""
from __future__ import annotations

import hashlib
import html
import logging
import os
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import StopException, RerunException

from charts.palette import text_on
from charts.text import alt_text
from charts.tracker import status_styler
from assembly.bundle import Bundle, load_bundle
from settings.config import Settings, edition_pages, editions, load_settings
from settings.vocabulary import DEFAULT_SCHEME, Scheme, scrutiny_schemes
from store.intake import Checked, check_upload
from ui_cache import frame_key, shared, tag

log = logging.getLogger("improvement_dashboard")

#: Fixes to Streamlit's own styles, found by the browser suite. Focus Streamlit does not show
#: (WCAG 2.4.7, the keyboard test): its main scroll area
#: takes focus (tabindex 0, for scrolling with the arrow keys) and so does a table's canvas,
#: without a ring; a table's toolbar (columns, CSV, search, full screen) takes focus while
#: transparent, as it only appears on mouse hover; icon-only buttons (the uploader's "Add
#: files" +) show no change at all when focused. Reflow (WCAG 1.4.10, at 320px wide): a
#: metric's label and the uploader's "25MB per file • XLSX…" line are cut off on one line
#: instead of wrapping.
A11Y_CSS = """<style>
[data-testid="stMetricLabel"] p, [data-testid="stFileUploaderDropzoneInstructions"] span {
  white-space: normal; text-overflow: clip; overflow-wrap: anywhere; }
[data-testid="stElementToolbar"]:focus-within { opacity: 1 !important; }
[data-testid="stMain"]:focus-visible { outline: 3px solid #12436D; outline-offset: -3px; }
canvas[data-testid="data-grid-canvas"]:focus-visible { outline: 3px solid #12436D; outline-offset: -3px; }
[data-testid="stBaseButton-borderlessIcon"]:focus-visible { outline: 3px solid #12436D; outline-offset: 2px; }
</style>"""

PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"], "responsive": True}


def settings() -> Settings:
    """The settings, read once per data folder and edition named in the environment."""
    return _settings(os.environ.get("IMPROVEMENT_DATA_DIR"), os.environ.get("IMPROVEMENT_EDITION"))


@st.cache_resource(show_spinner=False)
def _settings(data_dir: str | None, edition_name: str | None) -> Settings:
    """Cached per (data folder, edition) as named in the environment; load_settings reads both."""
    return load_settings()


def edition() -> dict:
    """The published edition's entry in config/editions.toml (sections, options), plus its name."""
    name = settings().edition
    return {"name": name, **editions()[name]}


def is_full_edition() -> bool:
    return settings().edition == "full"


def show_owner_names() -> bool:
    """False in an edition that must not name people (the staff edition)."""
    return bool(edition().get("show_owner_names", edition()["name"] == "full"))   # fail closed


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


def data_state(folder: Path) -> str:
    """A key that changes whenever a file in the data folder is added, removed or changed."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        stat = path.stat()
        digest.update(f"{path.relative_to(folder)}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


@st.cache_resource(show_spinner="Reading the data…", max_entries=2)
def _cached_bundle(folder: str, state: str) -> Bundle:
    """One shared Bundle per data state (cache_resource: no copy per rerun; pages never change it)."""
    data = load_bundle(Path(folder))
    for name, value in vars(data).items():
        if isinstance(value, pd.DataFrame):
            tag(value, "bundle", folder, state, name)
    tag(data.surveys.answers, "bundle", folder, state, "survey answers")
    tag(data.surveys.reach, "bundle", folder, state, "survey reach")
    return data


UPLOAD_CHECKS = "_upload_checks"   # session state: the last few checks of this session's upload
KEPT_CHECKS = 2    # the check without details and the one with them


def checked_upload(data: bytes, filename: str, kind: str | None, metadata: dict | None = None) -> Checked:
    """``check_upload`` of the chosen file, remembered in this session for the same bytes, kind,
    details and data folder state: a widget change on the Data page does not read a
    100,000-row export again (seconds each time)."""
    folder = settings().data_dir
    key = (hashlib.sha256(data).hexdigest(), filename, kind, tuple(sorted((metadata or {}).items())),
           data_state(Path(folder)))
    kept = st.session_state.setdefault(UPLOAD_CHECKS, {})
    if key not in kept:
        while len(kept) >= KEPT_CHECKS:
            kept.pop(next(iter(kept)))
        kept[key] = check_upload(data, filename, folder, kind=kind, metadata=metadata)
    return kept[key]


def bundle() -> Bundle:
    """Every canonical frame, loaded from the data folder and cached on its state.

    The frames are shared by every session and rerun: read them, never change them in place
    (derive a new frame instead). Pass them to ``shared`` to cache what is computed from them."""
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
    # alt: the chart's accessible name for screen readers (its main finding, as in the caption)
    options = {"width": "stretch", "config": PLOTLY_CONFIG, "key": key, "alt": description or None}
    if selectable:
        event = st.plotly_chart(fig, on_select="rerun", selection_mode="points", **options)
    else:
        event = st.plotly_chart(fig, **options)
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


def named(frame: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The columns of ``frame`` that have a display name, renamed; any other column (one a
    calculation adds later) is left out of what the reader sees until it is given a name."""
    return frame[[c for c in names if c in frame.columns]].rename(columns=names)


def say(message: str) -> None:
    """A block's plain message when it has nothing to draw (text from the data escaped)."""
    st.info(plain(message))


def table(frame: pd.DataFrame) -> None:
    """A data table: no index column (axe: empty table header), dates shown as dates."""
    dates = {c: st.column_config.DateColumn(c, format="D MMM YYYY")
             for c in frame.columns if pd.api.types.is_datetime64_any_dtype(frame[c])}
    st.dataframe(frame, hide_index=True, width="stretch", column_config=dates)


def status_table(frame: pd.DataFrame) -> None:
    """A table whose status cells carry their RAG colour as well as the word (a pandas
    Styler, see charts.tracker.status_styler). Call it in the page's main area."""
    _status_table(frame)


@st.cache_data(show_spinner=False, max_entries=64, hash_funcs={pd.DataFrame: frame_key})
def _status_table(frame: pd.DataFrame) -> None:
    # A Styler is rendered cell by cell (tens of milliseconds for a few hundred rows); cached,
    # Streamlit replays the element it drew instead of styling the same rows again.
    st.dataframe(status_styler(frame), hide_index=True, width="stretch")


def published_table(frame: pd.DataFrame, hidden_label: str, names: dict[str, str]) -> pd.DataFrame:
    """A disclosure-controlled table for display: hidden rows say why instead of being blank
    (their own ``hidden_because`` words where the table has them, else ``hidden_label``);
    only the columns ``names`` gives a display name are shown, under that name (not the
    ``suppressed`` flag, nor a column a calculation adds later)."""
    out = frame[[c for c in names if c in frame.columns]].astype(object)
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
    return out.rename(columns=names)


def rag_label(rating: str, words: str, colours: dict[str, str]) -> None:
    """A RAG judgement as a coloured label that always carries its words (never colour alone)."""
    fill = colours.get(rating, colours.get("None", "#DDDDDD"))
    st.markdown(f'<span style="background:{fill};color:{text_on(fill)};padding:0.15rem 0.5rem;'
                f'border-radius:0.25rem;font-weight:600">{html.escape(words)}</span>', unsafe_allow_html=True)


def run_page(page) -> None:
    """Run a page of the published edition with the app's accessibility styles; show a plain
    message, never a traceback, if it fails."""
    st.html(A11Y_CSS)
    published = [path for paths in edition_pages(settings().edition).values() for path in paths]
    if (getattr(page, "url_path", None) or published[0]) not in published:   # the router registers only these
        st.error("This page is not published here.")
        return
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


def wave_label(date) -> str:
    return f"{pd.Timestamp(date):%B %Y}"

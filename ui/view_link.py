"""A selector whose choice lives in the URL, so a copied link opens the same view.

``choice`` draws a Streamlit selector (selectbox, radio or multiselect) under its usual
widget key and binds it to the key's URL parameter (config/view_params.toml, read by
settings/view_params.py): when the page opens with no choice of its own yet (a link just
opened), the selector starts at the URL's value if it is one the page offers
(``metrics.view_state.Param``: anything else is ignored); then every change is written back,
a default left out. The widget's own state wins inside a session, so a choice made on the
page is never overridden by the address. A parameter is only read by the selector drawn on
this run, so an edition that does not draw a selector never reads its parameter; and when
the page has run (``begin``, ``finish``: ui/page_runner.py), every parameter no selector of
this run bound is taken out of the URL, so the address shows only what the page shows.

``sync`` sets the whole query string at once (the Scrutiny page's view, metrics/scrutiny_state.py).
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

import streamlit as st

from metrics.view_state import Param
from settings.view_params import url_param

KINDS = ("selectbox", "radio", "multiselect")
BOUND = "_view_link_bound"    # session state: the URL parameters the selectors of this run bound
STREAMLIT_OWN = {"embed", "embed_options"}   # Streamlit's own parameters: never ours to remove
FIRST = object()   # the default default: the first option (none chosen, for a multiselect)


def choice(kind: str, label: str, options: Sequence, *, key: str, default=FIRST, where=None, **kwargs):
    """``where.<kind>(label, options, key=key, **kwargs)`` (``where``: st or a column), starting
    at the URL's value and writing its choice back; returns the widget's value. ``default``:
    the value with nothing in the URL (it is left out of the URL)."""
    if kind not in KINDS:
        raise ValueError(f"a shareable selector is one of {KINDS}, not {kind!r}")
    many = kind == "multiselect"
    options = list(options)
    if default is FIRST:
        default = [] if many else (options[0] if options else None)
    name = url_param(key)
    param = Param(name or key, tuple(options), default, many)
    start = st.session_state.get(key, FIRST)
    if not _offered(start, options, many):       # nothing chosen on the page yet (or no longer offered)
        st.session_state.pop(key, None)
        start = param.parse(st.query_params.get_all(name)) if name else default
    # The start goes in as the widget's own default, not into its state: a selectbox whose state
    # is set to None shows no choice at all, where its "All" option (None) should show.
    start_at = {"default": start} if many else {"index": _position(start, options)}
    value = getattr(where or st, kind)(label, options, key=key, **start_at, **kwargs)
    if name:
        st.session_state.setdefault(BOUND, set()).add(name)
        write(name, param.texts(value), many)
    return value


def _offered(value, options: list, many: bool) -> bool:
    if value is FIRST:
        return False
    if many:
        return isinstance(value, list) and all(v in options for v in value)
    return any(value == o for o in options) if value is not None else None in options


def _position(value, options: list) -> int:
    return next((i for i, o in enumerate(options) if (o is None) == (value is None) and (o is None or o == value)), 0)


def write(name: str, texts: list[str], many: bool = False) -> None:
    """One parameter of the URL: ``texts`` (none: removed); the URL is changed only when it differs."""
    if st.query_params.get_all(name) == texts:
        return
    if not texts:
        del st.query_params[name]
    else:
        st.query_params[name] = texts if many else texts[0]


def sync(params: Mapping[str, str]) -> None:
    """The whole query string becomes ``params`` (a page whose view is one state), when it differs."""
    st.session_state.setdefault(BOUND, set()).update(params)
    if dict(params) != st.query_params.to_dict():
        st.query_params.from_dict(params)


def begin() -> None:
    """A page run starts: no parameter is bound yet."""
    st.session_state[BOUND] = set()


def finish() -> None:
    """A page has run (to its end, or to ``st.stop``): the parameters nothing on it bound
    leave the URL (a selector this edition does not show, a misspelt name, a value for a
    block the page did not reach)."""
    bound = st.session_state.get(BOUND, set())
    for name in [n for n in st.query_params.keys() if n not in bound and n not in STREAMLIT_OWN]:
        del st.query_params[name]

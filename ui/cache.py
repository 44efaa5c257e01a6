"""Caching pure calculations across reruns, keyed cheaply on the frames they read.

Every widget change reruns a page from the top. With 100,000 respondents a wave the
canonical survey frame has millions of rows, and recomputing every table on each rerun
(or hashing the frames to look a result up) takes seconds. Here:

- ``tag(frame, key)`` names a frame whose content is fixed while it lives (the cached
  bundle's frames, tagged with the data folder's state; a page's filtered frame, tagged
  with the filters that made it);
- ``shared(fn, *args, **kwargs)`` calls a pure function (metrics/, charts/, exports/) once
  per distinct arguments and returns the one cached object afterwards, to every rerun and
  session. A tagged frame argument (or SurveyCounts, by its frames) is hashed by its tag,
  in constant time; any other frame by its content. There is no copy: ``st.cache_data``
  would unpickle the result on each call, and a plotly figure rebuilt (and validated) from
  its pickle costs tens of milliseconds a rerun. So a page reads what ``shared`` returns,
  as it reads the bundle's frames, and never changes it in place (it derives a new frame).
  A frame it returns is tagged, so passing it on costs no hashing; so is each frame of a
  dataclass it returns (``metrics.comment_view.CommentView``), and such a result passed on is
  hashed by its frames' tags.

``derived(fn, obj)`` is ``fn(obj)`` kept as long as ``obj`` lives, for a result derived from
an object that is not hashable cheaply (a chart's narrow layout from its figure, which
``shared`` returns as one object to every session): computed once per figure, not per rerun.

Tags are held by weak reference and checked by identity, so a frame never borrows the
tag of another that happened to get the same ``id`` after the first was freed.
"""
from __future__ import annotations

import dataclasses
import hashlib
import itertools
import threading
import weakref

import pandas as pd
import streamlit as st

from metrics.comment_view import CommentView
from model.survey_counts import SurveyCounts

_TAGS: dict[int, tuple[weakref.ref, tuple]] = {}
_SHARED_IDS = itertools.count()   # a shared result's tag: never reused, so never stale


def tag(frame: pd.DataFrame, *key: object) -> pd.DataFrame:
    """Mark ``frame`` as identified by ``key`` (its content must not change while it lives)."""
    for ident in [i for i, (ref, _) in _TAGS.items() if ref() is None]:
        _TAGS.pop(ident, None)
    _TAGS[id(frame)] = (weakref.ref(frame), tuple(str(k) for k in key))
    return frame


def frame_key(frame: pd.DataFrame) -> tuple:
    """The tag of a tagged frame; else a digest of its content, columns, dtypes and index."""
    entry = _TAGS.get(id(frame))
    if entry is not None and entry[0]() is frame:
        return ("tag", *entry[1])
    digest = hashlib.sha256(pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes())
    digest.update(repr((list(frame.columns), [str(t) for t in frame.dtypes])).encode())
    return ("content", digest.hexdigest())


def counts_key(counts: SurveyCounts) -> tuple:
    """Survey counts are identified by their two frames."""
    return frame_key(counts.answers), frame_key(counts.reach)


_DERIVED: dict[tuple, tuple[weakref.ref, object]] = {}
_DERIVED_LOCK = threading.Lock()


def derived(fn, obj):
    """``fn(obj)``, computed once while ``obj`` lives (by identity: a figure is not hashable) and
    returned to every caller: never change it in place. For pure functions of an object no page
    changes. The entry goes when ``obj`` is freed."""
    key = (id(obj), fn.__module__, fn.__qualname__)
    entry = _DERIVED.get(key)
    if entry is not None and entry[0]() is obj:
        return entry[1]
    result = fn(obj)
    with _DERIVED_LOCK:
        _DERIVED[key] = (weakref.ref(obj, lambda _ref, key=key: _DERIVED.pop(key, None)), result)
    return result


def frames_key(result) -> tuple:
    """A dataclass of frames (a CommentView) is identified by its frames."""
    return tuple(frame_key(getattr(result, f.name)) for f in dataclasses.fields(result))


HASH_FUNCS = {pd.DataFrame: frame_key, SurveyCounts: counts_key, CommentView: frames_key}


def _frames_of(result) -> list[pd.DataFrame]:
    """The frames a result is or holds (the fields of a dataclass)."""
    if isinstance(result, pd.DataFrame):
        return [result]
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        return [v for v in (getattr(result, f.name) for f in dataclasses.fields(result)) if isinstance(v, pd.DataFrame)]
    return []


@st.cache_resource(show_spinner=False, max_entries=512, hash_funcs=HASH_FUNCS)
def _shared(fn_module: str, fn_name: str, _fn, *args, **kwargs):
    result = _fn(*args, **kwargs)
    given = [*args, *kwargs.values(), *(f for a in (*args, *kwargs.values()) for f in _frames_of(a))]
    for frame in _frames_of(result):
        if not any(frame is a for a in given):
            tag(frame, "shared", fn_module, fn_name, next(_SHARED_IDS))   # a new frame: its tag is sound
    return result


def shared(fn, *args, **kwargs):
    """``fn(*args, **kwargs)``, computed once per distinct arguments; the one cached object is
    returned to every caller: never change it in place (see the module docstring)."""
    return _shared(fn.__module__, fn.__qualname__, fn, *args, **kwargs)


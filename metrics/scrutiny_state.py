"""The Scrutiny page's view state and its URL form (query parameters), validated.

A shared link opens the same view: filters (meeting, committee, objective, status),
the heatmap's sort, the what-if weights and the selected topic live in the query string.
Values read from a URL are checked against what the data offers; a bad value is ignored
(the default is used), never an error. The filters, the sort and the topic are declared
parameters of ``metrics.view_state`` (the same rule as every page's choices); the weights,
one URL value for eight boxes, are read here. Pure: no Streamlit here, the page reads and
writes ``st.query_params`` with ``parse_state`` / ``state_params``.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from metrics.view_state import Param, parse_view, value_text

STATUS_VALUES = ("all", "yes", "no")
WEIGHT_MIN, WEIGHT_MAX, WEIGHT_STEP = 0.0, 3.0, 0.5
DEFAULTS = {"status": "all", "sort": "total"}    # the other choices default to None ("All")


@dataclass(frozen=True)
class ViewState:
    meeting: pd.Timestamp | None = None
    committee: str | None = None
    objective: str | None = None
    status: str = "all"
    sort: str = "total"                      # "total" or a criterion
    weights: dict[str, float] = field(default_factory=dict)   # only criteria not weighted 1
    topic: str | None = None


def declared(options: Mapping[str, Sequence], criteria: Sequence[str], topics: Sequence[str]) -> list[Param]:
    """The page's single choices as URL parameters, each with the values the data offers."""
    return [Param("meeting", tuple(pd.to_datetime(list(options.get("meeting", []))))),
            Param("committee", tuple(options.get("committee", []))),
            Param("objective", tuple(options.get("objective", []))),
            Param("status", STATUS_VALUES, DEFAULTS["status"]),
            Param("sort", ("total", *criteria), DEFAULTS["sort"]),
            Param("topic", tuple(topics))]


def valid_weight(value: object) -> float | None:
    """A weight on the page's scale (0-3 in steps of 0.5), else None."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    on_step = (number / WEIGHT_STEP).is_integer() if number == number else False
    return number if on_step and WEIGHT_MIN <= number <= WEIGHT_MAX else None


def parse_weights(text: str | None, criteria: Sequence[str]) -> dict[str, float]:
    """'w=1,1,2,...' (one per criterion, scheme order) -> {criterion: weight} for weights != 1.
    A list of the wrong length is ignored; a bad single value counts as 1."""
    parts = (text or "").split(",")
    if len(parts) != len(criteria):
        return {}
    weights = {c: valid_weight(p) for c, p in zip(criteria, parts)}
    return {c: w for c, w in weights.items() if w is not None and w != 1.0}


def parse_state(params: Mapping[str, str], options: Mapping[str, Sequence], criteria: Sequence[str],
                topics: Sequence[str]) -> ViewState:
    """The view a query string asks for, keeping only values the data offers."""
    values = parse_view(params, declared(options, criteria, topics))
    return ViewState(**values, weights=parse_weights(params.get("w"), criteria))


def state_params(state: ViewState, criteria: Sequence[str]) -> dict[str, str]:
    """The query parameters for a view (each value in its URL form, ``value_text``); defaults
    are left out so plain links stay short."""
    chosen = {"meeting": state.meeting, "committee": state.committee, "objective": state.objective,
              "status": state.status, "sort": state.sort, "topic": state.topic}
    params = {k: value_text(v) for k, v in chosen.items() if v is not None and v != DEFAULTS.get(k)}
    if state.weights:
        params["w"] = ",".join(f"{state.weights.get(c, 1.0):g}" for c in criteria)
    return params

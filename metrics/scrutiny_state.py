"""The Scrutiny page's view state and its URL form (query parameters), validated.

A shared link opens the same view: filters (meeting, committee, objective, status),
the heatmap's sort, the what-if weights and the selected topic live in the query string.
Values read from a URL are checked against what the data offers; a bad value is ignored
(the default is used), never an error. Pure: no Streamlit here, the page reads and writes
``st.query_params`` with ``parse_state`` / ``state_params``.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

STATUS_VALUES = ("all", "yes", "no")
WEIGHT_MIN, WEIGHT_MAX, WEIGHT_STEP = 0.0, 3.0, 0.5


@dataclass(frozen=True)
class ViewState:
    meeting: pd.Timestamp | None = None
    committee: str | None = None
    objective: str | None = None
    status: str = "all"
    sort: str = "total"                      # "total" or a criterion
    weights: dict[str, float] = field(default_factory=dict)   # only criteria not weighted 1
    topic: str | None = None


def _one_of(value: str | None, allowed: Sequence[str]) -> str | None:
    return value if value in allowed else None


def _meeting(value: str | None, meetings: Sequence[pd.Timestamp]) -> pd.Timestamp | None:
    try:
        stamp = pd.Timestamp(value) if value else None
    except (ValueError, TypeError):
        return None
    return stamp if stamp is not None and stamp in set(pd.to_datetime(list(meetings))) else None


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
    sort = params.get("sort")
    return ViewState(
        meeting=_meeting(params.get("meeting"), options.get("meeting", [])),
        committee=_one_of(params.get("committee"), options.get("committee", [])),
        objective=_one_of(params.get("objective"), options.get("objective", [])),
        status=params.get("status") if params.get("status") in STATUS_VALUES else "all",
        sort=sort if sort in criteria else "total",
        weights=parse_weights(params.get("w"), criteria),
        topic=_one_of(params.get("topic"), topics),
    )


def state_params(state: ViewState, criteria: Sequence[str]) -> dict[str, str]:
    """The query parameters for a view; defaults are left out so plain links stay short."""
    params = {
        "meeting": state.meeting.strftime("%Y-%m-%d") if state.meeting is not None else None,
        "committee": state.committee, "objective": state.objective,
        "status": None if state.status == "all" else state.status,
        "sort": None if state.sort == "total" else state.sort,
        "w": ",".join(f"{state.weights.get(c, 1.0):g}" for c in criteria) if state.weights else None,
        "topic": state.topic,
    }
    return {k: v for k, v in params.items() if v is not None}

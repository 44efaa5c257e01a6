"""Change between survey waves: real change or within the noise?

Organisations are small (one real wave had 47 responses), so a change in % positive is
only called real when its confidence interval excludes zero. The interval for a
difference of two independent proportions is Newcombe's hybrid score interval (Newcombe
1998, "Interval estimation for the difference between independent proportions",
Statistics in Medicine 17:873-890, method 10), built from the two Wilson score intervals;
it behaves well near 0% and 100% and for small n, where the simple Wald interval fails.
Proportions are 0-1 in the interval functions; ``wave_changes`` works in percentage points.

An interval is shown rounded **outward** (``shown_interval``: the lower bound down, the upper
bound up), so a shown interval never contradicts its verdict: one that includes zero
("within the noise") still includes it, and a bound of a real change that would round to
zero keeps the decimals it needs to stay off it ([0.004, 5.1], never [0.0, 5.1]).
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from statistics import NormalDist

import pandas as pd

REAL_CHANGE = "real change"
WITHIN_NOISE = "within the noise"
_ALL = "_all"
_TOLERANCE = 1e-9


def _z(confidence: float) -> float:
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence}")
    return NormalDist().inv_cdf(0.5 + confidence / 2)


def wilson_interval(k: float, n: float, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval (0-1) for k successes out of n; (nan, nan) when n is 0 or missing."""
    if _missing(k) or _missing(n) or n <= 0:
        return (math.nan, math.nan)
    if not 0 <= k <= n:
        raise ValueError(f"need 0 <= k <= n, got k={k}, n={n}")
    z2 = _z(confidence) ** 2
    p = k / n
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half_width = math.sqrt(z2) * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator
    return (max(0.0, centre - half_width), min(1.0, centre + half_width))


def newcombe_difference(
    p1: float, n1: float, p2: float, n2: float, confidence: float = 0.95
) -> tuple[float, float, float]:
    """Difference p2 - p1 (0-1) with Newcombe's hybrid score interval (method 10).

    With Wilson intervals (l1, u1) and (l2, u2):
    lower = d - sqrt((p2 - l2)^2 + (u1 - p1)^2), upper = d + sqrt((u2 - p2)^2 + (p1 - l1)^2).
    Returns (nan, nan, nan) when a proportion or size is missing or a size is 0.
    """
    if any(_missing(x) for x in (p1, n1, p2, n2)) or n1 <= 0 or n2 <= 0:
        return (math.nan, math.nan, math.nan)
    for p in (p1, p2):
        if not 0 <= p <= 1:
            raise ValueError(f"proportions must be 0-1, got {p}")
    l1, u1 = wilson_interval(p1 * n1, n1, confidence)
    l2, u2 = wilson_interval(p2 * n2, n2, confidence)
    diff = p2 - p1
    lower = diff - math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2)
    upper = diff + math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)
    return (diff, lower, upper)


def wave_changes(
    table: pd.DataFrame,
    value: str = "pct_positive",
    count: str = "n_respondents",
    keys: Sequence[str] | None = None,
    order: str = "wave_date",
    confidence: float = 0.95,
    scale: float = 100.0,
) -> pd.DataFrame:
    """Change between consecutive waves of each key series, with a real-or-noise verdict.

    ``table`` has one row per key series and wave (e.g. a ``percent_positive`` result by
    audience, wave, wave_date, group, question_id). ``keys`` default: the columns among
    audience, group, question_id, theme present in the table. ``value`` is a percentage
    (``scale`` = 100 means 0-100) treated as a proportion of ``count``; for theme scores
    and indexes this is an approximation.

    Columns: keys..., ``wave``/``previous_wave`` (when the table has "wave" and it is not
    ``order``), ``order``, ``previous_<order>``, value, ``previous_<value>``, count,
    ``previous_<count>``, change, lower, upper (percentage points, later minus earlier),
    verdict ("real change" when the interval excludes 0, else "within the noise") and
    direction ("up"/"down"/"no change", the sign of ``change``). Consecutive means
    consecutive rows of the table: a suppressed (missing) value gives missing change,
    verdict and direction for both changes it is part of. The first wave has no row.
    """
    keys = _default_keys(table, keys, exclude=(value, count, order))
    carried = [c for c in ("wave",) if c in table.columns and c not in (*keys, order)]
    carried += [order, value, count]
    frame = table.assign(**{_ALL: 0}) if not keys else table
    series = keys or [_ALL]
    frame = frame.sort_values([*series, order], kind="stable").reset_index(drop=True)
    previous = frame.groupby(series, dropna=False, sort=False)[carried].shift(1)
    has_previous = frame.index[previous[order].notna()]
    out = frame.loc[has_previous, [*keys, *carried]].copy()
    for column in carried:
        out.insert(out.columns.get_loc(column) + 1, f"previous_{column}", previous.loc[has_previous, column])
    rows = [
        newcombe_difference(p1 / scale, n1, p2 / scale, n2, confidence)
        for p1, n1, p2, n2 in zip(
            _floats(out[f"previous_{value}"]), _floats(out[f"previous_{count}"]),
            _floats(out[value]), _floats(out[count]),
        )
    ]
    intervals = pd.DataFrame(rows, columns=["change", "lower", "upper"], index=out.index, dtype=float)
    out = pd.concat([out, intervals * scale], axis=1)
    out["verdict"] = [_verdict(lo, hi) for lo, hi in zip(out["lower"], out["upper"])]
    out["direction"] = [_direction(d) for d in out["change"]]
    out["verdict"] = out["verdict"].astype("string")
    out["direction"] = out["direction"].astype("string")
    return out.reset_index(drop=True)


def shown_interval(lower: float, upper: float, decimals: int = 1) -> tuple[float, float]:
    """``(lower, upper)`` as shown: rounded outward to ``decimals`` places; a bound that would
    then touch or cross zero although the interval excludes it keeps more decimals (up to 6).
    Missing bounds stay missing."""
    if _missing(lower) or _missing(upper) or math.isnan(lower) or math.isnan(upper):
        return (math.nan, math.nan)
    return (_outward(lower, decimals, math.floor, lower > 0), _outward(upper, decimals, math.ceil, upper < 0))


def _outward(bound: float, decimals: int, direction, off_zero: bool) -> float:
    for places in range(decimals, 7):
        scale = 10 ** places
        shown = direction(round(bound * scale, 6)) / scale   # round(): 21.9 is not 21.900000000000002
        if not off_zero or shown != 0:
            return shown + 0.0                                # -0.0 shows as 0.0
    return bound


def shown_intervals(table: pd.DataFrame, lower: str = "lower", upper: str = "upper",
                    decimals: int = 1) -> pd.DataFrame:
    """``table`` with its ``lower`` and ``upper`` columns as shown (``shown_interval``)."""
    if table.empty or lower not in table or upper not in table:
        return table
    bounds = [shown_interval(lo, hi, decimals) for lo, hi in zip(_floats(table[lower]), _floats(table[upper]))]
    return table.assign(**{lower: [lo for lo, _ in bounds], upper: [hi for _, hi in bounds]})


def _default_keys(table: pd.DataFrame, keys: Sequence[str] | None, exclude: Sequence[str]) -> list[str]:
    if keys is None:
        keys = [c for c in ("audience", "group", "question_id", "theme") if c in table.columns]
    elif isinstance(keys, str):
        keys = [keys]
    keys = [c for c in dict.fromkeys(keys) if c not in exclude]
    missing = [c for c in (*keys, *exclude) if c not in table.columns]
    if missing:
        raise ValueError(f"columns not in the table: {missing}")
    return keys


def _floats(values: pd.Series) -> list[float]:
    return pd.to_numeric(values, errors="coerce").astype(float).tolist()


def _missing(x: object) -> bool:
    return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x))


def _verdict(lower: float, upper: float) -> object:
    if math.isnan(lower) or math.isnan(upper):
        return pd.NA
    return REAL_CHANGE if lower > 0 or upper < 0 else WITHIN_NOISE


def _direction(change: float) -> object:
    if math.isnan(change):
        return pd.NA
    if abs(change) <= _TOLERANCE:
        return "no change"
    return "up" if change > 0 else "down"

"""Disclosure control: the ONE place small groups are hidden (DOMAIN.md section 1).

Results for a group with fewer than ``policy.min_size`` responses are never shown (the
``DisclosurePolicy`` built from the settings, passed down by the caller). Hiding the
small group alone is not enough: when a parent total and all but one sibling are shown,
the hidden one is the parent minus the shown siblings. ``suppress_small_groups`` applies
primary suppression, keeps it consistent across the questions of a wave, and adds
complementary suppression until subtraction only ever recovers a combination of at least
two non-empty groups totalling at least ``min_size``.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from settings.disclosure import DisclosurePolicy

#: Identifier columns left intact by default (never masked) when present in the table.
KEY_COLUMNS: tuple[str, ...] = ("audience", "wave", "wave_date", "group", "question_id", "theme")
SUPPRESSED = "suppressed"
PARENT_SUPPRESSED = "parent_suppressed"

_BLOCK = "_block"
_SCOPE = "_scope"


def suppress_small_groups(
    table: pd.DataFrame,
    count: str = "n_respondents",
    *,
    policy: DisclosurePolicy,
    partition: Sequence[str] = ("wave", "question_id"),
    group: str = "group",
    keys: Sequence[str] | None = None,
    across: Sequence[str] = ("question_id", "theme"),
    hidden: Sequence[bool] | None = None,
) -> pd.DataFrame:
    """Copy of ``table`` with a boolean ``suppressed`` column and suppressed values set to NA.

    ``table`` has one row per group within each partition (e.g. ``percent_positive`` by
    audience, wave, wave_date, group, question_id). Identifier columns (``keys``, default
    the KEY_COLUMNS present, plus ``partition`` and ``group``) are kept; every other column,
    including ``count``, is set to NA on suppressed rows (integer columns become nullable).

    Rules, applied until nothing changes:

    ``min_size`` below is ``policy.min_size``.

    1. Primary: a row whose ``count`` is below ``min_size`` (0 and missing included), and
       every row ``hidden`` marks (e.g. a group another table of the same people hides),
       whatever its count: it is counted at its size, so complements are added for it too.
    2. Consistency: a group suppressed in one row is suppressed in every row with the same
       values of the partition columns not listed in ``across`` (by default: for every
       question and theme of that audience and wave). Complements spread the same way.
    3. Complementary: within each partition (``partition`` plus the other identifier
       columns, except ``group``) that has a suppressed row, while the suppressed rows hold
       fewer than two non-empty groups (count > 0; a missing count counts as 0), or fewer
       than ``min_size`` respondents in total, the smallest shown group (ties: by group
       name) is suppressed as well. So a lone suppressed 0 still needs two complements:
       parent minus shown would otherwise reveal its 0, or the one complement's count.

    Guarantee: in every partition whose ``parent_suppressed`` is False, the parent total
    minus the shown groups is either 0 with nothing hidden, or the sum over two or more
    non-empty groups holding at least ``min_size`` respondents: never a single group's
    count and never a small combination. The same holds for any additive value
    (positives = pct x n) of those groups. ``parent_suppressed`` (an added boolean column,
    the same on every row of a partition) is True when even hiding every group cannot
    achieve that: the partition's total is below ``min_size``, or it has a single
    non-empty group beside suppressed empty ones. Every row is then suppressed and the
    caller must not show the partition's parent total either.

    Not covered, later work must add: combinations of filters (a filtered view and the
    unfiltered one differ by the filtered-out people: suppress that difference too, e.g.
    by applying this function to the complement of each filter); nested groups (team within
    directorate) and totals other than the sum of the groups; differences between tables
    with other partitions (run every shown table through this function with the same
    ``policy``); free-text comments. Across waves nothing more is needed (each wave is
    its own set of responses), but a change between waves must not be shown when either
    wave is suppressed: ``metrics.change.wave_changes`` gives NA there. Rows are assumed to be disjoint groups whose counts
    add up to the parent (each respondent belongs to one group in a wave).
    """
    if count not in table.columns or group not in table.columns:
        raise ValueError(f"table needs the count column {count!r} and the group column {group!r}")
    min_size = policy.min_size
    identifiers = _identifiers(table, keys, partition, group)
    blocks = [c for c in identifiers if c != group]
    scope = [c for c in blocks if c not in across]
    sizes = pd.to_numeric(table[count], errors="coerce").astype(float).reset_index(drop=True)
    work = pd.DataFrame(
        {
            _BLOCK: _group_ids(table, blocks),
            _SCOPE: _group_ids(table, [*scope, group]),
            "size": sizes.fillna(0.0),
            "name": table[group].astype("string").fillna("").to_numpy(),
        }
    )
    primary = sizes.isna() | (sizes < min_size)
    if hidden is not None:
        primary |= pd.Series(np.asarray(hidden, dtype=bool), index=primary.index)
    hidden = _suppress(work, primary, min_size)
    out = _mask(table, hidden, identifiers)
    unsafe = {
        block: not _is_safe(rows["size"][hidden.to_numpy()[rows.index]], min_size)
        for block, rows in work.groupby(_BLOCK, sort=False)
    }
    out[PARENT_SUPPRESSED] = work[_BLOCK].map(unsafe).astype(bool).to_numpy()
    return out


def _identifiers(
    table: pd.DataFrame, keys: Sequence[str] | None, partition: Sequence[str], group: str
) -> list[str]:
    keys = KEY_COLUMNS if keys is None else keys
    wanted = [*partition, *keys, group]
    return [c for c in dict.fromkeys(wanted) if c in table.columns]


def _group_ids(table: pd.DataFrame, columns: list[str]) -> np.ndarray:
    if not columns:
        return np.zeros(len(table), dtype=int)
    return table.groupby(columns, dropna=False, sort=False).ngroup().to_numpy()


def _suppress(work: pd.DataFrame, primary: pd.Series, min_size: int) -> pd.Series:
    """Primary, consistency and complementary suppression to a fixed point."""
    hidden = primary.to_numpy().copy()
    while True:
        hidden = pd.Series(hidden).groupby(work[_SCOPE]).transform("any").to_numpy(dtype=bool, copy=True)
        added = False
        for _, rows in work.groupby(_BLOCK, sort=False):
            complement = _next_complement(rows, hidden[rows.index], min_size)
            if complement is not None:
                hidden[complement] = True
                added = True
        if not added:
            return pd.Series(hidden)


def _next_complement(rows: pd.DataFrame, hidden: np.ndarray, min_size: int) -> int | None:
    """Row label of the group to suppress next in this partition, or None when it is safe."""
    if _is_safe(rows["size"][hidden], min_size):
        return None
    shown = rows.loc[~hidden]
    if shown.empty:
        return None
    return shown.sort_values(["size", "name"], kind="stable").index[0]


def _is_safe(hidden_sizes: pd.Series, min_size: int) -> bool:
    """Nothing hidden, or parent minus shown spans >= 2 non-empty groups and >= min_size."""
    n_non_empty = int((hidden_sizes > 0).sum())
    return len(hidden_sizes) == 0 or (n_non_empty >= 2 and hidden_sizes.sum() >= min_size)


def _mask(table: pd.DataFrame, hidden: pd.Series, identifiers: list[str]) -> pd.DataFrame:
    out = table.reset_index(drop=True).copy()
    mask = hidden.to_numpy()
    for column in out.columns:
        if column in identifiers:
            continue
        values = out[column]
        if isinstance(values.dtype, np.dtype) and values.dtype.kind == "b":
            values = values.astype("boolean")
        elif isinstance(values.dtype, np.dtype) and values.dtype.kind in "iu":
            values = values.astype("Int64")
        out[column] = values.mask(mask)
    out[SUPPRESSED] = mask.astype(bool)
    return out


def suppress_small_totals(table: pd.DataFrame, count: str, policy: DisclosurePolicy,
                          keys: Sequence[str] = ()) -> pd.DataFrame:
    """Whole-audience figures (no group breakdown): hide every row measured on fewer than
    ``policy.min_size`` people. ``keys`` columns are kept; every other column, including
    ``count``, becomes NA on a hidden row; adds the boolean ``suppressed`` column.

    A lone total has no siblings to subtract from, so no complement is needed; a figure
    broken down by group must go through ``suppress_small_groups`` instead.
    """
    hidden = pd.to_numeric(table[count], errors="coerce").fillna(0) < policy.min_size
    return _mask(table, hidden, [c for c in table.columns if c in set(keys)])

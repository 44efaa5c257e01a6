"""The one label vocabulary (config/labels.toml): the display name of each canonical column.

Metrics return canonical column names; a page applies these names only where it draws or
downloads a table (``labelled``), so no calculation renames a column and nothing renames
one back. A table kind may name a column differently (``[tables.moved]``: "% positive
now"), and a page may name a column whose label depends on the data (the group dimension,
the scheme's total), passed as ``names``."""
from __future__ import annotations

import tomllib
from functools import cache

import pandas as pd

from .config import CONFIG_DIR


@cache
def _vocabulary() -> dict:
    return tomllib.loads((CONFIG_DIR / "labels.toml").read_text(encoding="utf-8"))


def column_labels(table: str | None = None) -> dict[str, str]:
    """Canonical column -> display name: the defaults, then ``table``'s own names."""
    vocabulary = _vocabulary()
    tables = vocabulary.get("tables", {})
    if table is not None and table not in tables:
        raise KeyError(f"config/labels.toml has no [tables.{table}]")
    return {**vocabulary["columns"], **tables.get(table, {})}


def measure_name(series: str) -> str:
    """The display name of a headline measure ([measures]: 'Governance' -> '% of
    improvement-plan actions complete'); a series with no name there keeps its own."""
    return _vocabulary().get("measures", {}).get(series) or series


def measure_series(name: str) -> str:
    """The series a measure's display name stands for (``measure_name`` read backwards), so
    a renamed series keeps its colour and marker; any other name is returned as it is."""
    return {shown: series for series, shown in _vocabulary().get("measures", {}).items()}.get(name, name)


def label(column: str, table: str | None = None) -> str:
    """One column's display name. A column with no name keeps its own: it comes from the data
    (a scorer, a scheme's criterion), so it is shown as the authority wrote it."""
    return column_labels(table).get(column) or column


def labelled(frame: pd.DataFrame, columns: list[str] | None = None, table: str | None = None,
             names: dict[str, str] | None = None) -> pd.DataFrame:
    """``frame`` for display: ``columns`` (default: all) in that order, those present, under
    their display names. ``names`` overrides the vocabulary for this table only."""
    shown = [c for c in (columns if columns is not None else frame.columns) if c in frame.columns]
    named = {**column_labels(table), **(names or {})}
    return frame[shown].rename(columns={c: named.get(c) or c for c in shown})

"""The one label vocabulary (config/labels.toml): the display name of each canonical column.

Metrics return canonical column names; a page applies these names only where it draws or
downloads a table (``labelled``), so no calculation renames a column and nothing renames
one back. A table kind may name a column differently (``[tables.moved]``: "% positive
now"), and a page may name a column whose label depends on the data (the group dimension,
the scheme's total), passed as ``names``.

The same file names the values a column holds as codes (``[values.theme]``: "culture" is
shown "Culture"; ``labelled`` applies them too), names each survey measure for what it is
(``survey_measure``: "Staff survey, governance theme: % positive") and says what "positive"
means for a negatively worded statement (``flipped_note``)."""
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
    return _vocabulary().get("measures", {}).get("series", {}).get(series) or series


def label(column: str, table: str | None = None) -> str:
    """One column's display name. A column with no name keeps its own: it comes from the data
    (a scorer, a scheme's criterion), so it is shown as the authority wrote it."""
    return column_labels(table).get(column) or column


def value_labels(column: str) -> dict[str, str]:
    """Code -> display name of the values of ``column`` (``[values.<column>]``; {} when none)."""
    return dict(_vocabulary().get("values", {}).get(column, {}))


def value_label(column: str, value: object) -> str:
    """One value's display name ("culture" -> "Culture"), else the value as the data has it."""
    return value_labels(column).get(str(value), str(value))


def survey_name(audience: str) -> str:
    """"Staff survey" for "staff"; an audience with no name in [values.audience]: "Pupil survey"."""
    return value_labels("audience").get(audience) or f"{str(audience).capitalize()} survey"


def survey_measure(audience: str, theme: str, unit: bool = True) -> str:
    """A survey theme's score named for what it is: "Staff survey, governance theme: % positive"
    ([measures]); without ``unit`` the name a sentence puts its figure after ("Staff survey,
    governance theme")."""
    measures = _vocabulary()["measures"]
    name = measures["survey_theme"].format(survey=survey_name(audience), theme=str(theme).lower())
    return f"{name}: {measures['unit']}" if unit else name


def flipped_note(means: object = None) -> str:
    """What "positive" means for a negatively worded statement: "positive = disagree, i.e. have
    not experienced it" with the codebook's ``positive_means``, else "positive = disagree"."""
    words = _vocabulary()["flipped"]
    said = str(means).strip() if isinstance(means, str) else ""
    return words["note_means"].format(means=said) if said else words["note"]


def labelled(frame: pd.DataFrame, columns: list[str] | None = None, table: str | None = None,
             names: dict[str, str] | None = None) -> pd.DataFrame:
    """``frame`` for display: ``columns`` (default: all) in that order, those present, under
    their display names, the values of a column with ``[values.<column>]`` under theirs.
    ``names`` overrides the vocabulary for this table only."""
    shown = [c for c in (columns if columns is not None else frame.columns) if c in frame.columns]
    named = {**column_labels(table), **(names or {})}
    out = frame[shown]
    coded = {c: values for c in shown if (values := value_labels(c))}
    if coded:
        out = out.assign(**{c: [values.get(v, v) if isinstance(v, str) else v for v in out[c]]
                            for c, values in coded.items()})
    return out.rename(columns={c: named.get(c) or c for c in shown})

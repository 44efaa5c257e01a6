"""Cell safety for downloads: a text cell that a spreadsheet would read as a formula is
neutralised (CSV/formula injection: cells starting =, +, -, @, tab or carriage return)."""
from __future__ import annotations

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: object) -> object:
    """Text starting like a formula gets a leading apostrophe; anything else is unchanged.
    Numbers stay numbers (a negative number is data, not a formula)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell (and column name) neutralised."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise_formula)
    out.columns = [neutralise_formula(str(c)) for c in out.columns]
    return out

"""A survey column's cells, worked out once per DISTINCT value instead of once per cell.

A 100,000-respondent export has 5 million answer cells but only a handful of distinct
texts per column. ``profile(cells)`` factorises the column (pandas.factorize: each cell
becomes a code into ``uniques``), then cleans and classifies each distinct value once:
its one-line text, its agreement answer (config/agreement_vocabulary.csv) and whether it
ends a multi-select with ``;``. Cell-level results are then array lookups by code.

Only columns whose distinct values are all ``str`` take this path: factorising treats
``1``, ``1.0`` and ``True`` as one value, which the cell-by-cell rules do not. Any other
column is profiled cell by cell, with the same results.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from model.text import cell_text, hidden_marks, match_key, one_line
from settings.vocabulary import agreement_vocabulary


@dataclass
class Profile:
    """Per distinct value (index = code): text, answer; per cell: code."""

    codes: np.ndarray            # int, one per cell
    texts: list[str]             # one_line of each distinct value
    answers: list[str | None]    # scale label, '' for a non-answer, None when not agreement text
    multi: list[bool]            # cell text ends with ';' (a multi-select answer)
    hidden: list[list[str]] | None = None   # per distinct value: what cleaning removed unseen (model.text.hidden_marks)

    def counts(self) -> np.ndarray:
        return np.bincount(self.codes, minlength=len(self.texts))


def agreement_answer(value: object) -> str | None:
    """Scale label, '' for a recognised non-answer, None when not agreement text."""
    return agreement_vocabulary().get(match_key(value))


def profile(cells: list[object]) -> Profile:
    """Codes and per-value classification of one column's cells (a list, or an Arrow array)."""
    if isinstance(cells, (pa.Array, pa.ChunkedArray)):
        return profile_arrow(cells)
    values = np.empty(len(cells), dtype=object)
    values[:] = cells
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    if not all(type(u) is str for u in uniques):
        uniques = values                      # cell by cell: each cell its own "distinct value"
        codes = np.arange(len(values))
    texts = [one_line(u) for u in uniques]
    answers = [agreement_answer(u) for u in uniques]
    multi = [bool(t) and cell_text(u).endswith(";") for u, t in zip(uniques, texts)]
    return Profile(codes=np.asarray(codes, dtype=np.int64), texts=texts, answers=answers, multi=multi,
                   hidden=[hidden_marks(u) for u in uniques])


def profile_arrow(cells: pa.Array | pa.ChunkedArray) -> Profile:
    """``profile`` of a text column read as Arrow (loaders.columns): dictionary-encoded
    in Arrow, each distinct text classified once; an empty cell is ''."""
    if isinstance(cells, pa.ChunkedArray):
        cells = cells.combine_chunks()
    encoded = pc.dictionary_encode(cells.cast(pa.string()), null_encoding="encode")
    uniques = ["" if u is None else u for u in encoded.dictionary.to_pylist()]
    texts = [one_line(u) for u in uniques]
    answers = [agreement_answer(u) for u in uniques]
    multi = [bool(t) and cell_text(u).endswith(";") for u, t in zip(uniques, texts)]
    codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    return Profile(codes=codes, texts=texts, answers=answers, multi=multi, hidden=[hidden_marks(u) for u in uniques])

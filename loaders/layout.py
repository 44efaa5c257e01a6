"""What a file layout is: a detector, a loader, and the options they take.

Each format module declares its ``Layout`` as data (``LAYOUT = Layout(...)``) beside the
functions it names; config/layouts.toml says which layouts exist and in which order a
sheet is offered to them (loaders/registry.py). A layout may also name a ``columnar``
loader: the same load from Arrow text columns (loaders/columns.py), which the pipeline
uses when the file allows it and which answers None when the sheets must decide. And a
layout may say how close a sheet it did not claim came (``near``): a sentence naming what
the sheet looks like and what it lacks, which a refusal quotes instead of a bare list.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .grid import Sheet
from .report import LoadResult

KINDS = ("survey", "actions", "scrutiny", "events", "codebook", "expectations", "complaints")


@dataclass(frozen=True)
class Layout:
    name: str                                  # format stem; the container is appended
    kind: str                                  # one of KINDS
    description: str                           # what the user should have uploaded
    matches: Callable[[Sheet], bool]
    load: Callable[..., LoadResult]            # load(sheet, **options)
    options: tuple[str, ...] = ()              # keyword arguments ``load`` accepts
    every_sheet: bool = False                  # one record per sheet: ``load`` gets every matching sheet
    columnar: Callable[..., LoadResult | None] | None = None   # columnar(columns, **options), None: read the sheets
    near: Callable[[Sheet], str | None] | None = None          # near(sheet): "Looks like ... but ...", None: not close

"""Loaders: spreadsheets councils already produce -> the canonical tidy frames.

Public API (what the app, the store and the tests import from here):
- ``load_file(path, kind=None, **metadata) -> LoadResult``: one file through the load
  pipeline (loaders/pipeline.py): guard the file, read, detect the layout, load, guard the result
- ``FileRejected``: why a file cannot be used, with where (sheet, Excel row, column)
- ``load_codebook(path)``, ``load_events(path)``: the two small reference tables
The formats are one module each, declaring its ``Layout`` (loaders/layout.py); which
layouts exist and in which order they are tried is config/layouts.toml (loaders/registry.py).
Frames follow model/frames.py; findings and rejections follow loaders/report.py.
This package never imports streamlit.
"""
from .codebook import load_codebook
from .events import load_events
from .pipeline import load_file
from .report import FileRejected

__all__ = ["FileRejected", "load_codebook", "load_events", "load_file"]

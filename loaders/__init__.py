"""Loaders: spreadsheets councils already produce -> the canonical tidy frames.

Public API (the app and the metrics use only these):
- ``load_file(path, kind=None, **metadata) -> LoadResult``: detect the layout and load
- ``load_codebook(path)``, ``load_events(path)``: the two small reference tables
- ``parse_due_date(value, dayfirst=True)``: a tracker due date in any written form
- ``LAYOUTS`` / ``register(Layout(...))``: the format registry, to add a format
Frames follow model/frames.py; findings and rejections follow loaders/report.py.
This package never imports streamlit.
"""
from .codebook import load_codebook
from .dates import parse_date, parse_due_date
from .detect import LAYOUTS, Layout, load_file, register
from .events import load_events
from .report import FileRejected, Finding, LoadResult

__all__ = ["FileRejected", "Finding", "LAYOUTS", "Layout", "LoadResult", "load_codebook", "load_events", "load_file",
           "parse_date", "parse_due_date", "register"]

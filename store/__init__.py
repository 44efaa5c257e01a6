"""The data store: every uploaded file kept byte for byte, its normalised frame, a manifest.

A store is a folder (by default the configured data folder). Beside the hand-written
``manifest.csv`` of the sample data it holds ``store.json`` (the uploads' manifest),
``originals/<sha256>.<ext>`` (the uploaded bytes) and ``normalised/<sha256>.parquet`` (the
canonical frame; for a survey its answer counts, with ``<sha256>.reach.parquet`` beside it,
see model/survey_counts.py). Nothing is ever overwritten or deleted: a corrected file supersedes the
old one, a removal is a flag that can be undone. Writes are atomic and the manifest's
read-modify-write is serialised by a file lock. This package never imports streamlit.
"""
from .atomic import atomic_write, locked
from .catalogue import Entry, Store, active_entries

__all__ = ["Entry", "Store", "active_entries", "atomic_write", "locked"]

"""The data store: every uploaded file kept byte for byte, its normalised frame, its history.

``UploadStore`` (store/interface.py) is the store as an interface, and ``open_store`` gives
the store of a data folder: ``PgStore`` (store/pg_store.py, one authority's rows in a shared
PostgreSQL database) when ``IMPROVEMENT_DATABASE_URL`` is set, else ``FileStore``
(store/file_store.py), a folder holding
``store.json`` (the uploads' manifest), ``originals/<sha256>.<ext>`` (the uploaded bytes)
and ``normalised/<sha256>.parquet`` (the canonical frame; for a survey its answer counts,
with ``<sha256>.reach.parquet`` and ``<sha256>.pairs.parquet`` beside it, see model/survey_counts.py). Nothing is ever
overwritten or deleted: a corrected file supersedes the old one, a removal is a flag that
can be undone. ``store.revisions`` decides which version of a survey wave is published;
``store.intake`` is the upload path. Import each name from its module (``store.interface``,
``store.entry``, ``store.file_store``, ``store.pg_store``). This package never imports streamlit.
"""

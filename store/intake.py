"""One upload, from bytes to the store: check it (detect, validate, preview), then keep it.

``check_upload`` writes the uploaded bytes to a private temporary file, runs the same
``load_file`` as ``python -m loaders check`` (guards included), and returns a ``Checked``:
what was understood (kind, layout, records, waves or snapshot date, columns), every
error and warning as a table with sheet, Excel row and column, and the metadata still
needed. Nothing is stored until ``keep`` is called (the Data page's Confirm button). Before any of
that, ``already_kept`` finds the same bytes already kept (in the store, whatever its state,
or in the data folder, which the dashboard reads as well) and ``kept_sentence`` says so:
storing them again would change nothing, or count a folder's survey wave twice.
"""
from __future__ import annotations

import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from loaders.codebook import load_codebook
from loaders.pipeline import Progress, load_file
from settings.details import PAGE, field_label
from settings.file_formats import accepted_suffixes
from loaders.report import FileRejected, LoadResult, canonical_dates

from .entry import Saved, clean_metadata, content_hash
from settings.disclosure import DisclosurePolicy

from .interface import STORE_SUBFOLDERS, UploadStore
from .revisions import survey_publication

FINDING_COLUMNS = ["severity", "message", "sheet", "row", "column"]
REQUIRED = {"survey": ("audience", "wave", "wave_date"), "actions": ("snapshot_date",), "scrutiny": (),
            "expectations": (), "complaints": ()}


@dataclass
class Checked:
    filename: str
    data: bytes
    result: LoadResult | None
    kind: str | None
    format: str | None
    findings: pd.DataFrame                       # FINDING_COLUMNS
    metadata: dict = field(default_factory=dict)  # what the user gave plus what the file says
    missing: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.result is not None and not self.missing

    def preview(self) -> dict:
        """What was understood, for the page's summary."""
        if self.result is None:
            return {"kind": self.kind or "not recognised", "layout": self.format or "not recognised", "records": 0}
        frame = canonical_dates(self.result)
        out = {"kind": self.result.kind, "layout": self.result.format, "records": self.result.records,
               "columns read": ", ".join(self.result.preview_frame(0).columns)}
        if self.result.questions is not None:
            out["questions"] = self.result.questions
        for column in ("wave", "wave_date", "snapshot_date", "meeting_date"):
            if column in frame and frame[column].notna().any():
                values = sorted({str(v)[:10] for v in frame[column].dropna().unique()})
                out[column.replace("_", " ")] = ", ".join(values[:6]) + (" …" if len(values) > 6 else "")
        return out


def check_upload(data: bytes, filename: str, folder: str | Path, kind: str | None = None,
                 metadata: dict | None = None, progress: Progress | None = None) -> Checked:
    """Load the uploaded bytes as ``load_file`` would; never raises for a bad file.
    ``progress`` is told each step of the load as it starts (loaders.pipeline)."""
    metadata = clean_metadata(metadata or {})
    suffix = Path(filename).suffix.lower()
    codebook_path = Path(folder) / "codebook.csv"
    options = dict(metadata)
    if codebook_path.is_file():
        options["codebook"] = load_codebook(codebook_path)
    with tempfile.TemporaryDirectory(prefix="upload-") as temp:
        path = Path(temp) / f"{_safe_stem(filename)}{suffix if suffix in accepted_suffixes() else '.bin'}"
        path.write_bytes(data)
        try:
            result = load_file(path, kind=kind, progress=progress, **options)
        except FileRejected as rejected:
            findings = _rows("error", rejected.findings) + _rows("warning", getattr(rejected, "warnings", []))
            missing = [k for k in REQUIRED.get(rejected.kind or kind or "", ()) if k not in metadata]
            return Checked(filename, data, None, rejected.kind or kind, rejected.format,
                           _frame(findings), metadata, missing)
    known = {**clean_metadata(result.metadata or {}), **metadata}
    for column in ("wave_date", "snapshot_date"):
        dates = canonical_dates(result)
        if column not in known and column in dates and dates[column].nunique() == 1:
            known[column] = str(dates[column].dropna().iloc[0])[:10]
    missing = [k for k in REQUIRED.get(result.kind, ()) if k not in known]
    return Checked(filename, data, result, result.kind, result.format,
                   _frame(_rows("warning", result.warnings)), known, missing)


@dataclass(frozen=True)
class Kept:
    """Where the bytes of an upload are already kept."""
    file: str                        # as stored, or the path inside the data folder
    where: str                       # "store" | "folder"
    stored_at: str | None = None     # ISO, UTC (store only)
    by: str | None = None
    state: str = "current"           # store: "current" | "removed" | "superseded"


def already_kept(store: UploadStore, data: bytes, folder: str | Path | None = None,
                 names: Iterable[str] = ()) -> Kept | None:
    """The store's entry with these exact bytes, else the first of the data folder's files
    ``names`` (paths inside ``folder``: the files the dashboard reads from it) with them (only
    a file of the same size is read), else None."""
    sha = content_hash(data)
    entry = store.find(sha)
    if entry is not None:
        state = "removed" if entry.removed else "superseded" if entry.superseded_by else "current"
        return Kept(entry.file, "store", entry.stored_at, entry.by, state)
    for name in names if folder is not None else ():
        path = Path(folder) / name
        if (path.parts and Path(name).parts[0] not in STORE_SUBFOLDERS and path.is_file()
                and path.stat().st_size == len(data) and content_hash(path.read_bytes()) == sha):
            return Kept(Path(name).as_posix(), "folder")
    return None


def kept_sentence(kept: Kept) -> str:
    """What the Data page says when an upload is already kept: where, since when, what to do."""
    if kept.where == "folder":
        return (f"This file is already in the data folder as '{kept.file}', and the dashboard reads it from "
                "there; nothing was changed.")
    stamp = pd.Timestamp(kept.stored_at).tz_convert("UTC")
    when = f"{stamp.day} {stamp:%B %Y} at {stamp:%H:%M} UTC" + (f" by {kept.by}" if kept.by else "")
    said = f"This file is already stored as '{kept.file}', uploaded on {when}"
    if kept.state == "removed":
        return (f"{said}. It was removed, so the dashboard does not use it: choose it under Uploaded files and "
                "press Undo removal to use it again. Nothing was changed.")
    if kept.state == "superseded":
        return (f"{said}. A later version replaced it: choose it under Uploaded files and press Make this version "
                "current to use it again. Nothing was changed.")
    return f"{said}; nothing was changed."


def keep(store: UploadStore, checked: Checked, by: str | None = None) -> Saved:
    """Store a checked upload in ``store`` (the Confirm button)."""
    if not checked.ok:
        raise ValueError("Only a file that loaded, with its details filled in, can be stored.")
    return store.add(checked.data, checked.filename, checked.result, checked.metadata, by=by)


def stored_table(store: UploadStore, policy: DisclosurePolicy) -> pd.DataFrame:
    """Every stored upload with its provenance, newest first. A survey version held back
    (``store.revisions``) is "held back"; the version shown in its place is "published"."""
    rows = []
    publication = survey_publication(store, policy)
    shown = {e.sha256 for e in publication.entries()}
    for e in store.entries():
        state = "removed" if e.removed else ("superseded" if e.superseded_by else "current")
        if e.sha256 in publication.held:
            state = "held back" if state == "current" else f"{state}, never published"
        elif e.sha256 in shown and state == "superseded":
            state = "published (a later version is held back)"
        rows.append({"file": e.file, "state": state, "kind": e.kind, "layout": e.format, "records": e.records,
                     "details": ", ".join(f"{field_label(k)}: {v}" for k, v in e.metadata.items()),
                     "stored": pd.Timestamp(e.stored_at).tz_convert(None), "by": e.by or "",
                     "hash": e.sha256[:12], "sha256": e.sha256, "note": publication.held.get(e.sha256, "")})
    return pd.DataFrame(rows, columns=["file", "state", "kind", "layout", "records", "details", "stored", "by",
                                       "hash", "sha256", "note"])


def _rows(severity: str, findings) -> list[dict]:
    return [{"severity": severity, **f.as_dict(PAGE)} for f in findings]


def _frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=FINDING_COLUMNS).astype({"row": "Int64"})


def _safe_stem(filename: str) -> str:
    """The uploaded file's own name for the copy that is read, so a CSV's sheet is called by
    it in every message ("Staff pulse (Responses)", not "upload"); only characters that are
    safe in a file name are kept."""
    stem = re.sub(r"[^\w .()&,'-]", "_", Path(filename).stem).strip(" .")[:80]
    return stem or "upload"

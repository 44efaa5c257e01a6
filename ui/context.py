"""What every page reads, cached: the settings and the published edition, the data (one
shared Bundle per state of the data folder, so a new file is seen without a restart), the
upload check of this session's file, the store of uploads, and the scrutiny scheme of the scores.

With the PostgreSQL store the data is the viewer's authority's (ui/auth.py ``authority``): the
Bundle is cached per (data folder state, edition, authority), and ``store()`` opens that authority's
store, so one authority's data is never given to another's viewer."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import streamlit as st

from assembly.bundle import Bundle, load_bundle
from settings.config import Settings, editions, load_settings
from settings.vocabulary import DEFAULT_SCHEME, Scheme, scrutiny_schemes
from store.intake import Checked, check_upload
from store.interface import UploadStore, open_store
from ui.auth import authority, viewer
from ui.cache import tag


def settings() -> Settings:
    """The settings, read once per data folder and edition named in the environment
    (``load_settings`` caches them)."""
    return load_settings()


def edition() -> dict:
    """The published edition's entry in config/editions.toml (sections, options), plus its name."""
    name = settings().edition
    return {"name": name, **editions()[name]}


def is_full_edition() -> bool:
    return settings().edition == "full"


def show_owner_names() -> bool:
    """False in an edition that must not name people (the staff edition), and for a viewer whose
    roles may not read owners' names (config/roles.toml [may] owner_names)."""
    edition_names = bool(edition().get("show_owner_names", edition()["name"] == "full"))   # fail closed
    return edition_names and viewer().may("owner_names")


def data_state(folder: Path) -> str:
    """A key that changes whenever a file in the data folder is added, removed or changed."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        stat = path.stat()
        digest.update(f"{path.relative_to(folder)}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


@st.cache_resource(show_spinner="Reading the data…", max_entries=load_settings().bundle_cache_entries)
def _cached_bundle(folder: str, state: str, edition_name: str, authority_name: str | None = None) -> Bundle:
    """One shared Bundle per data state, edition and authority, as many at once as ``[cache] bundles``
    in config/settings.toml says (the least recently used goes first) (cache_resource: no copy per rerun;
    pages never change it; its frames are tagged with the same key, so what `shared` computes from
    them is kept per key too). The edition is in the key: the full edition's Bundle carries the
    comments, and must never be the one another edition is given; the authority too (None without
    a database): one authority's uploads are never another's viewer's."""
    data = load_bundle(Path(folder), edition=edition_name, authority=authority_name)
    for name, value in vars(data).items():
        if isinstance(value, pd.DataFrame):
            tag(value, "bundle", folder, state, edition_name, authority_name, name)
    tag(data.surveys.answers, "bundle", folder, state, edition_name, authority_name, "survey answers")
    tag(data.surveys.reach, "bundle", folder, state, edition_name, authority_name, "survey reach")
    return data


def store() -> UploadStore:
    """The store of uploads this run reads and changes: the data folder's, or with the PostgreSQL
    store the viewer's authority's (ui/auth.py ``authority``)."""
    return open_store(settings().data_dir, authority())


UPLOAD_CHECKS = "_upload_checks"   # session state: the last few checks of this session's upload
KEPT_CHECKS = 2    # the check without details and the one with them


def checked_upload(data: bytes, filename: str, kind: str | None, metadata: dict | None = None,
                   progress=None) -> Checked:
    """``check_upload`` of the chosen file, remembered in this session for the same bytes, kind,
    details and data folder state: a widget change on the Data page does not read a
    100,000-row export again (seconds each time). ``progress`` is told each step of a new check."""
    folder = settings().data_dir
    key = (hashlib.sha256(data).hexdigest(), filename, kind, tuple(sorted((metadata or {}).items())),
           data_state(Path(folder)))
    kept = st.session_state.setdefault(UPLOAD_CHECKS, {})
    if key not in kept:
        while len(kept) >= KEPT_CHECKS:
            kept.pop(next(iter(kept)))
        kept[key] = check_upload(data, filename, folder, kind=kind, metadata=metadata, progress=progress)
    return kept[key]


def bundle() -> Bundle:
    """Every canonical frame, loaded from the data folder and cached on its state.

    The frames are shared by every session and rerun: read them, never change them in place
    (derive a new frame instead). Pass them to ``shared`` to cache what is computed from them.
    The full edition's Bundle has the comments (``bundle().comments``, unredacted: redact before
    showing) and the officers' theme corrections (``bundle().theme_corrections``); any other
    edition's has none."""
    folder, name = settings().data_dir, authority()
    state = data_state(folder) if name is None else f"{data_state(folder)}|{store().state()}"   # the database's own
    return _cached_bundle(str(folder), state, settings().edition, name)


def scrutiny_scheme(scores: pd.DataFrame) -> Scheme:
    """The scheme the scores were made on (the default scheme when there are none)."""
    ids = scores["scheme"].dropna().unique()
    schemes = scrutiny_schemes()
    return schemes.get(ids[0] if len(ids) else DEFAULT_SCHEME, schemes[DEFAULT_SCHEME])

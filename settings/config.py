"""Reads the declarative settings in config/settings.toml.

Paths in the file are relative to the repository root; ``IMPROVEMENT_DATA_DIR`` in the
environment overrides the data folder (tests and the benchmark point it elsewhere), and
``IMPROVEMENT_EDITION`` the edition the server publishes (config/editions.toml) and
``IMPROVEMENT_AUTH_REQUIRED`` (true/false) whether viewers must sign in ([auth]);
``IMPROVEMENT_ORIGINALS_DIR`` (a folder) keeps the PostgreSQL store's originals on disk there
(``[store] originals``). An
edition name that is not in editions.toml falls back to the staff edition, the one that
shows least, so a typo never publishes more than intended.
"""
from __future__ import annotations

import os
import tomllib
from functools import lru_cache
from dataclasses import dataclass
from pathlib import Path

from .analysis import EngagementIndexSpec, KeyDriverSpec, engagement_index_spec, key_driver_spec
from .disclosure import DisclosurePolicy

REPO_ROOT = Path(__file__).resolve().parent.parent
CONFIG_DIR = REPO_ROOT / "config"


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    #: The disclosure policy every survey figure is decided by ([disclosure] in settings.toml).
    disclosure: DisclosurePolicy
    confidence: float
    edition: str = "full"
    organisation: str = ""
    #: Temporary files of a killed save older than this are removed when the store opens ([store]).
    stale_temp_minutes: float = 10.0
    #: The engagement index's statements and name ([engagement_index]).
    engagement: EngagementIndexSpec = EngagementIndexSpec("staff", "", ())
    #: The key-driver analysis' outcome and bootstrap ([key_drivers]).
    drivers: KeyDriverSpec = KeyDriverSpec("staff", "", 1000, 0, 50)
    #: Whether viewers must sign in ([auth] required; docs/sign-in.md).
    auth_required: bool = False
    #: Where the PostgreSQL store keeps originals: None in the database, else this folder ([store] originals).
    originals_dir: Path | None = None
    #: How many Bundles (data state, edition, authority) the app keeps cached at once ([cache] bundles).
    bundle_cache_entries: int = 16


def load_settings(path: Path = CONFIG_DIR / "settings.toml") -> Settings:
    """The settings, read once for each file and environment (the two variables above)."""
    return _settings(path, os.environ.get("IMPROVEMENT_DATA_DIR", ""), os.environ.get("IMPROVEMENT_EDITION", ""),
                     os.environ.get("IMPROVEMENT_AUTH_REQUIRED", ""), os.environ.get(ORIGINALS_DIR_VARIABLE, ""))


ORIGINALS_DIR_VARIABLE = "IMPROVEMENT_ORIGINALS_DIR"
ORIGINALS_PLACES = ("database", "disk")


@lru_cache(maxsize=16)
def _settings(path: Path, data_dir_override: str, edition_override: str, auth_override: str = "",
              originals_override: str = "") -> Settings:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    publishing = raw.get("publishing", {})
    data_dir = Path(data_dir_override or REPO_ROOT / raw["data"]["sample_dir"])
    return Settings(
        data_dir=data_dir,
        disclosure=DisclosurePolicy(int(raw["disclosure"]["min_group_size"]),
                                    float(raw["disclosure"]["protection_points"])),
        confidence=float(raw["statistics"]["confidence"]),
        edition=chosen_edition(edition_override or publishing.get("edition", SAFEST_EDITION)),
        organisation=str(publishing.get("organisation", "")),
        stale_temp_minutes=float(raw.get("store", {}).get("stale_temp_minutes", 10)),
        engagement=engagement_index_spec(raw),
        drivers=key_driver_spec(raw),
        auth_required=_required(auth_override, raw.get("auth", {}).get("required", False)),
        originals_dir=_originals_dir(raw.get("store", {}), originals_override),
        bundle_cache_entries=int(raw.get("cache", {}).get("bundles", 16)),
    )


def _originals_dir(store: dict, override: str) -> Path | None:
    """The folder of the PostgreSQL store's originals: the environment's, else ``originals_dir`` when
    ``originals = "disk"``; None keeps them in the database. Another word than the two is refused."""
    if override.strip():
        return Path(override.strip())
    place = str(store.get("originals", "database")).strip().casefold()
    if place not in ORIGINALS_PLACES:
        raise ValueError(f"[store] originals in config/settings.toml is {place!r}: give one of {ORIGINALS_PLACES}")
    if place == "database":
        return None
    folder = str(store.get("originals_dir", "")).strip()
    if not folder:
        raise ValueError('[store] originals = "disk" needs originals_dir, the folder the originals are kept in')
    return REPO_ROOT / folder    # an absolute path stays itself


def _required(override: str, configured: object) -> bool:
    """The environment's true/false over the file's; anything else in the environment is ignored."""
    words = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}
    return words.get(override.strip().casefold(), configured is True)


SAFEST_EDITION = "staff"


@lru_cache(maxsize=1)
def editions() -> dict:
    """config/editions.toml: edition name -> its description, sections and options."""
    return tomllib.loads((CONFIG_DIR / "editions.toml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def page_registry() -> dict[str, dict[str, str]]:
    """config/pages.toml: url path -> script, title and icon of every page."""
    return tomllib.loads((CONFIG_DIR / "pages.toml").read_text(encoding="utf-8"))


def edition_pages(name: str) -> dict[str, list[str]]:
    """The top-bar sections of an edition and the url paths of their pages, in order."""
    return {section: list(paths) for section, paths in editions()[chosen_edition(name)]["sections"].items()}


def unpublished_paths(name: str) -> list[str]:
    """The url paths of the registry's pages that an edition does not publish (another
    edition's pages): the router answers them with a notice, never with the page."""
    published = {path for paths in edition_pages(name).values() for path in paths}
    return [path for path in page_registry() if path not in published]


def edition_has_comments(name: str) -> bool:
    """Whether an edition's data carries the free-text comments (``comments = true`` in
    editions.toml); an unknown edition is the staff edition, which never does (fail closed)."""
    return editions()[chosen_edition(name)].get("comments", False) is True


def chosen_edition(name: str) -> str:
    """``name`` when it is a known edition, else the staff edition (fail closed)."""
    name = str(name).strip().casefold()
    return name if name in editions() else SAFEST_EDITION

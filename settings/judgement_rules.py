"""The judgement rule of config/expectations.toml: how the evidence for an expectation is
turned into a word ("on track", "at risk"...), so an authority changes it in the file."""
from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

from .config import CONFIG_DIR


@lru_cache(maxsize=4)
def load_judgement_rules(path: Path | None = None) -> dict:
    """``{"thresholds": {...}, "words": {...}}`` from config/expectations.toml (or ``path``)."""
    return tomllib.loads((path or CONFIG_DIR / "expectations.toml").read_text(encoding="utf-8"))

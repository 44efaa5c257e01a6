"""The plain words of the staff pages (config/plain_words.toml): where an action stands, in
plain English, and the tracker's abbreviations spelt out. Read once."""
from __future__ import annotations

import tomllib
from functools import cache

from .config import CONFIG_DIR


@cache
def plain_words() -> dict:
    """{"status": {status or "overdue" or "due": sentence}, "abbreviations": {short: spelt out}}."""
    raw = tomllib.loads((CONFIG_DIR / "plain_words.toml").read_text(encoding="utf-8"))
    return {"status": dict(raw.get("status", {})), "abbreviations": dict(raw.get("abbreviations", {}))}

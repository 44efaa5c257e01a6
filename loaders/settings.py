"""Reads the declarative settings in config/settings.toml.

Paths in the file are relative to the repository root; ``IMPROVEMENT_DATA_DIR`` in the
environment overrides the data folder (tests and the benchmark point it elsewhere).
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
CONFIG_DIR = REPO_ROOT / "config"


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    min_group_size: int
    confidence: float


def load_settings(path: Path = CONFIG_DIR / "settings.toml") -> Settings:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    data_dir = Path(os.environ.get("IMPROVEMENT_DATA_DIR") or REPO_ROOT / raw["data"]["sample_dir"])
    return Settings(
        data_dir=data_dir,
        min_group_size=int(raw["disclosure"]["min_group_size"]),
        confidence=float(raw["statistics"]["confidence"]),
    )

"""What each page's simulated user does, read from ``scenarios.toml`` (configuration as data).

A ``Scenario`` is a url path, the widget to change after the first render (by the end of its
widget key) and which of its options to choose, and how many main-area elements a full
render has at least. A page without an entry only opens (no interaction).
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

FILE = Path(__file__).with_name("scenarios.toml")


@dataclass(frozen=True)
class Scenario:
    path: str                      # url path, '' for the edition's first page
    widget: str = ""               # end of the widget key to change; '' = no interaction
    option: int = 1                # index of the option to choose
    min_elements: int = 1          # a full render has at least this many main-area elements

    @property
    def label(self) -> str:
        return self.path or "/"


def scenarios(file: Path = FILE) -> dict[str, Scenario]:
    """url path -> its Scenario, from the file."""
    table = tomllib.loads(file.read_text(encoding="utf-8"))
    return {path: Scenario(path=path, **entry) for path, entry in table.items()}


def scenario_for(path: str, file: Path = FILE) -> Scenario:
    """The scenario of ``path`` (leading and trailing slashes ignored), or open-only."""
    path = path.strip("/")
    return scenarios(file).get(path, Scenario(path=path))

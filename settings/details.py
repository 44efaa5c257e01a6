"""The details a user gives with a file (config/details.toml), and how a message asks for
one where it is read: "fill in Wave date above" on the Data page, "give --wave-date
YYYY-MM-DD" in the command line. Loaders say which detail would fix a problem
(``Finding.needs``); they never name a page field or a flag themselves."""
from __future__ import annotations

import tomllib
from functools import cache

from .config import CONFIG_DIR

#: Where a message is read: the Data page, or the command line (python -m loaders check).
PAGE, CLI = "page", "cli"


@cache
def details() -> dict[str, dict[str, str]]:
    """Detail name (wave_date) -> its field label, CLI flag and example."""
    return tomllib.loads((CONFIG_DIR / "details.toml").read_text(encoding="utf-8"))


def field_label(detail: str) -> str:
    """The Data page's name for a detail ("Wave date")."""
    return details().get(detail, {}).get("field", detail.replace("_", " ").capitalize())


def ask_for(detail: str, where: str) -> str:
    """The words asking for ``detail`` where the message is read."""
    entry = details().get(detail, {})
    example = entry.get("example", "")
    if where == CLI and entry.get("flag"):
        return f"give {entry['flag']}{' ' + example if example else ''}"
    return f"fill in “{field_label(detail)}”{f' ({example})' if example else ''} with the file"

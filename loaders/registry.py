"""Which layouts exist, in which order they are tried, and which one claims a sheet.

The registry is config/layouts.toml: one line per layout naming its module in loaders/
and its precedence. Each module declares its ``Layout`` as data (``LAYOUT``, or ``LAYOUTS``
when it reads two layouts); the registry imports the modules by name and orders their
layouts by the declared precedence, so the order a file is detected in is written down,
not implied by the order of imports. A bad registry (a name twice, a module or layout that
does not exist, a precedence missing or shared) fails loudly on first use.
"""
from __future__ import annotations

import importlib
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from .grid import Sheet
from model.text import one_line
from .layout import Layout
from settings.config import CONFIG_DIR

CONFIG = CONFIG_DIR / "layouts.toml"


class RegistryError(ValueError):
    """config/layouts.toml does not describe the layouts there are."""


class Found(NamedTuple):
    layout: Layout
    sheet: Sheet


@lru_cache(maxsize=1)
def layouts() -> tuple[Layout, ...]:
    """Every layout, in the order a sheet is offered to them (rising precedence)."""
    return build(read_entries(CONFIG))


def read_entries(path: Path) -> list[dict]:
    try:
        entries = tomllib.loads(path.read_text(encoding="utf-8"))["layouts"]
    except (OSError, KeyError, tomllib.TOMLDecodeError) as exc:
        raise RegistryError(f"{path.name}: cannot read the list of layouts ({exc})") from exc
    return entries


def build(entries: list[dict]) -> tuple[Layout, ...]:
    """The layouts of ``entries`` ({name, module, precedence} each), sorted by precedence."""
    seen: dict[str, object] = {}
    ranked = []
    for entry in entries:
        name, precedence = entry.get("name"), entry.get("precedence")
        if not isinstance(name, str) or not name:
            raise RegistryError(f"an entry in {CONFIG.name} has no name: {entry}")
        if name in seen:
            raise RegistryError(f"layout {name!r} is listed twice in {CONFIG.name}")
        if not isinstance(precedence, int) or isinstance(precedence, bool):
            raise RegistryError(f"layout {name!r} in {CONFIG.name} has no whole-number precedence")
        if precedence in seen.values():
            raise RegistryError(f"layout {name!r} in {CONFIG.name} shares precedence {precedence} with another")
        seen[name] = precedence
        ranked.append((precedence, declared(entry.get("module"), name)))
    return tuple(layout for _, layout in sorted(ranked, key=lambda pair: pair[0]))


def declared(module_name: object, name: str) -> Layout:
    """The layout called ``name`` that loaders.<module_name> declares."""
    full = f"{__package__}.{module_name}"
    try:
        module = importlib.import_module(full)
    except ModuleNotFoundError as exc:
        if exc.name != full:
            raise                                # the module exists; something it imports does not
        raise RegistryError(f"layout {name!r} in {CONFIG.name}: there is no module {full}") from exc
    offered = (*getattr(module, "LAYOUTS", ()), *filter(None, [getattr(module, "LAYOUT", None)]))
    for layout in offered:
        if isinstance(layout, Layout) and layout.name == name:
            return layout
    raise RegistryError(f"layout {name!r} in {CONFIG.name}: {full} declares no layout of that name")


def detect(sheets: list[Sheet], kind: str | None = None) -> Found | None:
    """The first (layout, sheet) pair that matches, sheet by sheet, or None."""
    for sheet in sheets:
        if not sheet.rows:
            continue
        for layout in layouts():
            if (kind is None or layout.kind == kind) and layout.matches(sheet):
                return Found(layout, sheet)
    return None


def not_recognised(sheets: list[Sheet], kind: str | None) -> str:
    """What a file that no layout claims is told: which layouts it came close to and what it
    lacked, its first row with data, the layouts expected, and its kind if it has another."""
    expected = [l.description for l in layouts() if kind is None or l.kind == kind]
    message = "This file is not in a layout we recognise." + "".join(f" {s}." for s in closest(sheets, kind))
    first = next(((sheet, row) for sheet in sheets for row in sheet.rows if any(one_line(v) for v in row)), None)
    if first is not None:
        cells = [one_line(v) for v in first[1] if one_line(v)]
        shown = ", ".join(f"'{c[:40]}'" for c in cells[:6]) + (", ..." if len(cells) > 6 else "")
        message += f" Its first row with data (sheet '{first[0].name}') reads: {shown}."
    message += " Expected one of: " + "; ".join(expected) + "."
    if kind is not None:
        other = detect(sheets)
        if other is not None:
            message += f" It looks like a {other.layout.kind} file ({other.layout.description}), not {kind}."
    return message


def closest(sheets: list[Sheet], kind: str | None, most: int = 2) -> list[str]:
    """What the layouts a sheet came close to say it lacks, in precedence order: at most
    ``most`` sentences, each naming its sheet ("Sheet 'Responses' has ... but no ...")."""
    said: list[str] = []
    for sheet in sheets:
        for layout in layouts():
            if not sheet.rows or layout.near is None or kind not in (None, layout.kind):
                continue
            sentence = layout.near(sheet)
            if sentence and len(said) < most:
                said.append(f"Sheet '{sheet.name}' {sentence}")
    return said

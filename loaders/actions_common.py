"""What every action-tracker layout shares once its rows are read.

A tracker loader (council spreadsheet, Planner, ...) produces ``RawAction`` objects:
the cells as written plus where they came from. ``build_actions`` normalises them into
the ACTIONS frame: due dates parsed (dates.parse_due_date), RAG text mapped to one status
(config/rag_vocabulary.csv, original kept in rag_text), area matched to its theme
(config/improvement_areas.csv), and a warning naming row and column for anything it
could not read. A snapshot with no date anywhere is rejected.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from model.text import match_key
from .dates import parse_date, parse_due_date
from model.frames import ACTIONS, CLOSURE_CATEGORIES, conform, empty
from .report import FileRejected, Finding, LoadResult
from settings.vocabulary import improvement_areas, rag_status

_AREA_NUMBER = re.compile(r"^(?:(?:area|theme)\s*)?\d+[.):]?\s+|^[A-Z][.)]\s+", re.IGNORECASE)


@dataclass
class RawAction:
    row: int                      # Excel row
    reference: str
    area: str
    action: str
    owner: str = ""
    due: object = ""
    rag: str = ""
    progress: str = ""
    closure: str = ""
    source: str = ""
    evidence: str = ""
    phase: str = ""
    start: object = ""


@dataclass
class TrackerColumns:
    """Which header names the findings should cite."""

    sheet: str
    due: str = "Due date"
    rag: str = "RAG"
    area: str = "Area"
    closure: str = "Close-down category"


def resolve_snapshot(given: object, found: pd.Timestamp | None, where: str, sheet: str,
                     format: str) -> tuple[pd.Timestamp, list[Finding]]:
    """The snapshot date: the caller's, else the file's; rejected when neither exists."""
    date = parse_date(given) if given not in (None, "") else None
    if date is None and found is None:
        raise FileRejected([Finding(f"No snapshot date: the file has no dated {where} and none was given.",
                                    sheet=sheet, needs="snapshot_date")], kind="actions", format=format)
    if date is not None and found is not None and date != found:
        return date, [Finding(f"Snapshot date given as {date.date()} but the file says "
                              f"{found.date()}; using {date.date()}.", sheet=sheet)]
    return (date if date is not None else found), []


def area_theme(area: str) -> tuple[str, str | None]:
    """(area as configured, theme) for an area written in a file, numbering ignored."""
    known = improvement_areas()
    for candidate in (area, _AREA_NUMBER.sub("", area)):
        if match_key(candidate) in known:
            return known[match_key(candidate)]
    return area, None


def closure_category(text: str) -> str | None:
    key = re.sub(r"\s*-\s*", "-", match_key(text))
    for category in CLOSURE_CATEGORIES:
        if re.sub(r"\s*-\s*", "-", match_key(category)) == key:
            return category
    return text or None


def build_actions(raw: list[RawAction], *, snapshot: pd.Timestamp, columns: TrackerColumns,
                  format: str, dayfirst: bool = True, metadata: dict | None = None) -> LoadResult:
    """RawActions -> the ACTIONS LoadResult with findings for unreadable cells."""
    warnings: list[Finding] = []
    unknown_areas: set[str] = set()
    records = []
    for item in raw:
        due = parse_due_date(item.due, dayfirst=dayfirst)
        start = parse_due_date(item.start, dayfirst=dayfirst) if item.start not in (None, "") else None
        if not due.understood:
            warnings.append(Finding(f"Due date {due.text!r} is not a date we can read; kept as text.",
                                    sheet=columns.sheet, row=item.row, column=columns.due))
        status = rag_status(item.rag) if item.rag else None
        if item.rag and status is None:
            warnings.append(Finding(f"RAG {item.rag!r} is not in config/rag_vocabulary.csv; "
                                    "status left blank.", sheet=columns.sheet, row=item.row,
                                    column=columns.rag))
        area, theme = area_theme(item.area) if item.area else ("", None)
        if item.area and theme is None and item.area not in unknown_areas:
            unknown_areas.add(item.area)
            warnings.append(Finding(f"Improvement area {item.area!r} is not in "
                                    "config/improvement_areas.csv; theme left blank.",
                                    sheet=columns.sheet, row=item.row, column=columns.area))
        records.append({
            "snapshot_date": snapshot, "reference": item.reference, "area": area or None,
            "theme": theme, "action": item.action or None, "owner": item.owner or None,
            "due_date": due.date, "due_text": due.text or None, "status": status,
            "rag_text": item.rag or None, "progress_note": item.progress or None,
            "closure_category": closure_category(item.closure), "source": item.source or None,
            "evidence": item.evidence or None, "phase": item.phase or None,
            "start_date": start.date if start is not None else None,
        })
    frame = conform(pd.DataFrame(records), ACTIONS) if records else empty(ACTIONS)
    meta = {"snapshot_date": snapshot.date().isoformat(), **(metadata or {})}
    return LoadResult(kind="actions", format=format, frame=frame, records=len(frame),
                      warnings=warnings, metadata=meta)


def unknown_statuses(raw: list[RawAction], columns: TrackerColumns, format: str) -> None:
    """Refuse a file whose status column holds words but not one RAG or status word: an issue
    list (new, assigned) read as a tracker would show every action without a status."""
    words = sorted({item.rag for item in raw if item.rag})
    if words and not any(rag_status(word) for word in words):
        shown = ", ".join(f"'{w}'" for w in words[:5]) + (" ..." if len(words) > 5 else "")
        raise FileRejected([Finding(f"None of the statuses in this file ({shown}) is a RAG or status word, so it "
                                    "does not read as an action tracker: every action would show without a status. "
                                    "If these words are statuses, add each with its meaning to "
                                    "config/rag_vocabulary.csv.", sheet=columns.sheet, column=columns.rag)],
                           kind="actions", format=format)


def duplicate_references(raw: list[RawAction], sheet: str, column: str) -> list[Finding]:
    """One warning per reference used on more than one row, at its second row, naming them all:
    a tracker's references should be unique (two actions with one reference look like one)."""
    rows: dict[str, list[int]] = {}
    for item in raw:
        rows.setdefault(item.reference, []).append(item.row)
    out = []
    for reference, used in rows.items():
        if len(used) > 1:
            shown = ", ".join(str(r) for r in used[:8]) + (", ..." if len(used) > 8 else "")
            out.append(Finding(f"Reference {reference!r} is used on {len(used)} rows ({shown}); each action "
                               "should have its own. They are kept as separate actions.",
                               sheet=sheet, row=used[1], column=column))
    return out

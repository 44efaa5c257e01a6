"""The milestones drawn on every trend chart (events.csv: ``date,label,kind[,short_label]
[,baseline]``; a chart draws the short label where there is one, the alt text and tables
give the label; ``baseline`` yes on one row names the milestone results are compared with,
"since the notice": without one, the first notice is).

Milestones are data, never code (DOMAIN.md). Dates are ISO ``YYYY-MM-DD`` (UK day-first
text is accepted too); a row whose date cannot be read is a warning naming its row.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from model.text import match_key, one_line
from .dates import parse_date
from .grid import Sheet, read_text_table
from .layout import Layout
from model.frames import EVENTS, conform, empty
from .report import FileRejected, Finding, LoadResult

REQUIRED = ("date", "label")
YES = {"yes", "y", "true", "1", "x", "baseline"}


def is_events_table(sheet: Sheet) -> bool:
    return bool(sheet.rows) and {"date", "label", "kind"} <= {match_key(v) for v in sheet.rows[0]}


def reference_header(sheet: Sheet, required: tuple[str, ...], kind: str, expected: str) -> list[str]:
    """The header of a small reference table (events, headcount), or a rejection naming
    the missing columns."""
    header = [match_key(v) for v in sheet.rows[0]] if sheet.rows else []
    missing = [c for c in required if c not in header]
    if missing:
        raise FileRejected([Finding(f"{kind.capitalize()} file has no {', '.join(missing)} column "
                                    f"(expected {expected}).", sheet=sheet.name, row=1)], kind=kind)
    return header


def events_from_sheet(sheet: Sheet) -> LoadResult:
    """An events sheet -> the EVENTS LoadResult."""
    header = reference_header(sheet, REQUIRED, "events", "date,label,kind")
    records, warnings = [], []
    for index, values in enumerate(sheet.rows[1:], start=1):
        row = dict(zip(header, values))
        if not one_line(row.get("label")):
            continue
        date = parse_date(row["date"])
        if date is None:
            warnings.append(Finding(f"Date {one_line(row['date'])!r} is not a date; event skipped.",
                                    sheet=sheet.name, row=Sheet.excel_row(index), column="date"))
            continue
        records.append({"date": date, "label": one_line(row["label"]),
                        "kind": one_line(row.get("kind")) or None,
                        "short_label": one_line(row.get("short_label")) or None,
                        "baseline": match_key(row.get("baseline")) in YES})
    frame = conform(pd.DataFrame(records), EVENTS) if records else empty(EVENTS)
    frame = frame.sort_values("date", kind="stable").reset_index(drop=True)
    return LoadResult(kind="events", format=f"events-{sheet.container}", frame=frame,
                      records=len(frame), warnings=warnings)


def load_events(path: str | Path) -> pd.DataFrame:
    """Read events.csv into the EVENTS frame (sorted by date)."""
    return events_from_sheet(read_text_table(path)).frame


LAYOUT = Layout("events", "events", "events table (date,label,kind)", is_events_table, events_from_sheet)

"""The Code of Conduct complaints register: one row per complaint (date received, subject
member or officer, category, outcome; a reference if the register has one).

The header row is found by name within the first rows (council registers carry a title
above it), its columns by the spellings in config/complaints.toml. The register counts
complaints, never people: a column that could identify someone (a name, the complainant,
a summary of the allegation) is never read, and the upload says which were left out.
A register with a bad row is rejected whole, each problem named by sheet, Excel row and
column with how to fix it, so a half-read register never reaches the board.
"""
from __future__ import annotations

import pandas as pd

from model.frames import COMPLAINTS, conform, empty
from model.text import match_key, one_line
from settings.complaints import complaints_vocabulary
from .dates import parse_date
from .grid import Sheet
from .layout import Layout
from .report import FileRejected, Finding, LoadResult

REQUIRED = ("date_received", "subject", "outcome")
HEADER_HELP = "Date received, Subject (member or officer), Category, Outcome"


def header_row(sheet: Sheet) -> tuple[int, dict[int, str]] | None:
    """(0-based index, {column position: canonical column}) of the register's header row."""
    vocabulary = complaints_vocabulary()
    for index, row in enumerate(sheet.rows[:vocabulary.header_within]):
        found = {}
        for position, value in enumerate(row):
            column = vocabulary.column_of(value)
            if column and column not in found.values():
                found[position] = column
        if set(REQUIRED) <= set(found.values()):
            return index, found
    return None


def is_complaints_register(sheet: Sheet) -> bool:
    return bool(sheet.rows) and header_row(sheet) is not None


def near_register(sheet: Sheet) -> str | None:
    """A sheet with two of the three required columns: which one it lacks."""
    vocabulary = complaints_vocabulary()
    for row in sheet.rows[:vocabulary.header_within]:
        have = {vocabulary.column_of(v) for v in row} & set(REQUIRED)
        if len(have) == 2:
            lacking = (set(REQUIRED) - have).pop().replace("_", " ")
            return f"looks like a complaints register but has no '{lacking}' column"
    return None


def complaints_from_sheet(sheet: Sheet) -> LoadResult:
    """A register sheet -> the COMPLAINTS LoadResult, or FileRejected naming every bad row."""
    fmt = f"complaints-register-{sheet.container}"
    found = header_row(sheet)
    if found is None:
        raise FileRejected([Finding(f"No header row with the columns {HEADER_HELP} in the first rows.",
                                    sheet=sheet.name)], kind="complaints", format=fmt)
    at, columns = found
    warnings = _unread_columns(sheet, at, columns)
    records, errors = [], []
    for index in range(at + 1, len(sheet.rows)):
        values = {column: sheet.rows[index][position] for position, column in columns.items()}
        if not any(one_line(v) for v in values.values()):
            continue
        excel_row = Sheet.excel_row(index)
        record, problems, notes = _read_row(values)
        errors += [Finding(m, sheet=sheet.name, row=excel_row, column=_header(sheet, at, columns, c))
                   for c, m in problems]
        warnings += [Finding(m, sheet=sheet.name, row=excel_row, column=_header(sheet, at, columns, c))
                     for c, m in notes]
        if not problems:
            records.append(record)
    if errors:
        raise FileRejected(errors, kind="complaints", format=fmt)
    frame = conform(pd.DataFrame(records), COMPLAINTS) if records else empty(COMPLAINTS)
    frame = frame.sort_values("date_received", kind="stable").reset_index(drop=True)
    return LoadResult(kind="complaints", format=fmt, frame=frame, records=len(frame), warnings=warnings)


def _read_row(values: dict[str, object]) -> tuple[dict, list[tuple[str, str]], list[tuple[str, str]]]:
    """One row: (record, problems, notes), each problem and note as (column, message)."""
    vocabulary = complaints_vocabulary()
    problems, notes = [], []
    text = {c: one_line(v) for c, v in values.items()}
    date = parse_date(values.get("date_received"))
    if date is None:
        problems.append(("date_received", f"Date received {text.get('date_received', '')!r} is not a date: "
                                          "write it as a date, such as 14/03/2024." if text.get("date_received")
                         else "Date received is empty: give the date the complaint was received."))
    subject = vocabulary.subjects.get(match_key(text.get("subject")))
    if subject is None:
        problems.append(("subject", f"Subject {text.get('subject', '')!r} is not Member or Officer: say whether "
                                    "the complaint is about a member or an officer (never their name)."))
    category = vocabulary.categories.get(match_key(text.get("category")))
    if category is None:
        if text.get("category"):
            problems.append(("category", f"Category {text['category']!r} is not one we know: use one of "
                                         f"{', '.join(vocabulary.category_order)}."))
        else:
            category = "Other"
            notes.append(("category", "Category is empty: counted as Other."))
    outcome = vocabulary.outcomes.get(match_key(text.get("outcome")))
    if not text.get("outcome"):
        outcome = "Ongoing"
        notes.append(("outcome", "Outcome is empty: counted as Ongoing until an outcome is entered."))
    elif outcome is None:
        problems.append(("outcome", f"Outcome {text['outcome']!r} is not one we know: use one of "
                                    f"{', '.join(vocabulary.outcome_order)}."))
    record = {"reference": text.get("reference", ""), "date_received": date, "subject": subject,
              "category": category, "outcome": outcome}
    return record, problems, notes


def _header(sheet: Sheet, at: int, columns: dict[int, str], column: str) -> str:
    """The column as the register heads it ("Date received")."""
    position = next(p for p, c in columns.items() if c == column) if column in columns.values() else None
    return one_line(sheet.rows[at][position]) if position is not None else column.replace("_", " ")


def _unread_columns(sheet: Sheet, at: int, columns: dict[int, str]) -> list[Finding]:
    """A warning naming the headed columns left unread (those that could identify someone said so)."""
    vocabulary = complaints_vocabulary()
    others = [one_line(v) for p, v in enumerate(sheet.rows[at]) if p not in columns and one_line(v)]
    identifying = [h for h in others if match_key(h) in vocabulary.identifying]
    rest = [h for h in others if h not in identifying]
    found = []
    if identifying:
        many = len(identifying) > 1
        found.append(Finding(f"Column{'s' if many else ''} {', '.join(identifying)} could identify a person, so "
                             f"{'they were' if many else 'it was'} not read or kept: the dashboard counts "
                             "complaints, never people.", sheet=sheet.name, row=Sheet.excel_row(at)))
    if rest:
        found.append(Finding(f"Column{'s' if len(rest) > 1 else ''} {', '.join(rest)} not read (only {HEADER_HELP} "
                             "and a reference are).", sheet=sheet.name, row=Sheet.excel_row(at)))
    return found


LAYOUT = Layout("complaints-register", "complaints", f"Code of Conduct complaints register ({HEADER_HELP})",
                is_complaints_register, complaints_from_sheet, near=near_register)

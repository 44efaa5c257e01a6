"""Dates as councils write them: real Excel dates, UK or US text, months, quarters, words.

``parse_date`` reads one cell that should hold a date (day-first by default: UK text
30/01/2024; ``dayfirst=False`` for Planner and SurveyMonkey US text). ``parse_due_date``
also understands the loose forms trackers use for a due date: ``Sept 2023`` (end of that
month), ``Q3 2023/24`` (end of that financial quarter, Q1 = Apr-Jun), ``Ongoing`` (no
date). ``find_title_date`` picks the reporting date out of a title like ``Reported to
Audit and Governance Committee 9 June 2023``.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd

from model.text import one_line

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4,
    "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sep": 9, "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11,
    "november": 11, "dec": 12, "december": 12,
}
#: Due-date words meaning "no date", kept only in due_text.
NO_DATE_WORDS = {"ongoing", "on-going", "tbc", "tbd", "n/a", "na", "none", "-", "continuous",
                 "various", "to be confirmed", "complete", "completed", "monthly", "quarterly",
                 "annually", "annual"}
_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_NUMERIC = re.compile(r"^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{2,4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$")
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_RE})\.?,?\s+(\d{{4}})\b", re.I)
_MONTH_YEAR = re.compile(rf"^({_MONTH_RE})\.?[\s\-/,]+(\d{{4}}|\d{{2}})$", re.I)
_QUARTER = re.compile(r"^Q([1-4])\s*(?:FY\s*)?(\d{4})\s*[/\-]\s*(\d{2,4})$|^(\d{4})\s*[/\-]\s*(\d{2,4})\s*Q([1-4])$", re.I)
_CAL_QUARTER = re.compile(r"^Q([1-4])\s+(\d{4})$", re.I)
#: A time zone after a time, as survey tools write it: Google Forms' own download
#: ("2018/04/09 2:30:02 PM MDT"), UK forms (GMT, BST), offsets (+01:00, GMT+1, UTC-05:00).
#: The time is kept as written (the respondent's wall clock), the zone dropped.
_ZONE = re.compile(r"(?<=[\dMm])\s*(?:(?:GMT|UTC)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?|BST|IST|WET|WEST|CET|CEST|EET|EEST"
                   r"|[ECMP][SD]T|AK[SD]T|HST|NZ[SD]T|AE[SD]T|Z|[+-]\d{2}:?\d{2})$")
_PREFIX = re.compile(r"^(?:(?:by|end of|end|before|due|w/?c|from)\s+)+", re.I)


@dataclass(frozen=True)
class DueDate:
    date: pd.Timestamp | None      # midnight; None when no date (Ongoing) or unreadable
    text: str                      # as written in the file
    understood: bool               # False: a warning is due


def _excel_serial(number: float) -> pd.Timestamp | None:
    if 20000 <= number <= 80000:  # 1954..2119: plausible dates only
        return pd.Timestamp("1899-12-30") + pd.to_timedelta(int(number), unit="D")
    return None


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def _safe(year: int, month: int, day: int) -> pd.Timestamp | None:
    try:
        return pd.Timestamp(year=year, month=month, day=day)
    except ValueError:
        return None


def parse_date(value: object, *, dayfirst: bool = True, keep_time: bool = False) -> pd.Timestamp | None:
    """One date cell: Excel date/datetime, serial number, ISO, dd/mm/yyyy (or mm/dd), d Month yyyy;
    a time may follow (24-hour or AM/PM), and a time zone after it is dropped (``_ZONE``)."""
    if isinstance(value, (dt.datetime, pd.Timestamp)):
        stamp = pd.Timestamp(value)
        return stamp if keep_time else stamp.normalize()
    if isinstance(value, dt.date):
        return pd.Timestamp(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _excel_serial(float(value))
    text = _ZONE.sub("", one_line(value))
    if not text:
        return None
    numeric = _NUMERIC.match(text)
    if numeric:
        return _numeric_date(numeric, dayfirst, keep_time)
    words = _DAY_MONTH_YEAR.fullmatch(text)
    if words:
        return _safe(int(words[3]), MONTHS[words[2].lower()], int(words[1]))
    if not re.match(r"^\d{4}-\d{2}-\d{2}", text):
        return None
    try:  # ISO with fractions of a second or a time zone
        stamp = pd.Timestamp(text).tz_localize(None)
    except (ValueError, TypeError):
        return None
    return None if pd.isna(stamp) else (stamp if keep_time else stamp.normalize())


def _numeric_date(m: re.Match, dayfirst: bool, keep_time: bool) -> pd.Timestamp | None:
    a, b, c = m[1], m[2], m[3]
    if len(a) == 4:
        year, month, day = int(a), int(b), int(c)
    elif dayfirst:
        day, month, year = int(a), int(b), _year(c)
    else:
        month, day, year = int(a), int(b), _year(c)
    stamp = _safe(year, month, day)
    if stamp is None or not keep_time or m[4] is None:
        return stamp
    hour = int(m[4]) % 12 + (12 if (m[7] or "").lower() == "pm" else 0) if m[7] else int(m[4])
    return stamp + pd.Timedelta(hours=hour, minutes=int(m[5]), seconds=int(m[6] or 0))


def month_end(year: int, month: int) -> pd.Timestamp:
    return pd.Timestamp(year=year, month=month, day=1) + pd.offsets.MonthEnd(0)


def financial_quarter_end(quarter: int, start_year: int) -> pd.Timestamp:
    """End of quarter ``quarter`` of the financial year starting 1 April ``start_year``."""
    month = 3 * quarter + 3  # Q1 -> June, Q2 -> Sept, Q3 -> Dec, Q4 -> March next year
    return month_end(start_year + (month > 12), (month - 1) % 12 + 1)


def parse_due_date(value: object, *, dayfirst: bool = True) -> DueDate:
    """A tracker's due date in any of the forms in DOMAIN.md; see the module docstring."""
    text = one_line(value)
    if not text or text.casefold().strip(" .") in NO_DATE_WORDS:
        return DueDate(None, text, True)
    stamp = parse_date(value, dayfirst=dayfirst)
    if stamp is None:
        stamp = _loose_due(_PREFIX.sub("", text).strip(" ."), dayfirst)
    return DueDate(stamp, text, stamp is not None)


def _loose_due(text: str, dayfirst: bool) -> pd.Timestamp | None:
    month_year = _MONTH_YEAR.match(text)
    if month_year:
        return month_end(_year(month_year[2]), MONTHS[month_year[1].lower()])
    quarter = _QUARTER.match(text)
    if quarter:
        q, start = (quarter[1], quarter[2]) if quarter[1] else (quarter[6], quarter[4])
        return financial_quarter_end(int(q), int(start))
    calendar = _CAL_QUARTER.match(text)
    if calendar:
        return month_end(int(calendar[2]), 3 * int(calendar[1]))
    return parse_date(text, dayfirst=dayfirst) if text else None


def find_title_date(text: object) -> pd.Timestamp | None:
    """The first 'd Month yyyy' or dd/mm/yyyy date inside a title line."""
    line = one_line(text)
    found = _DAY_MONTH_YEAR.search(line)
    if found:
        return _safe(int(found[3]), MONTHS[found[2].lower()], int(found[1]))
    numeric = re.search(r"\b\d{1,2}/\d{1,2}/\d{4}\b", line)
    return parse_date(numeric[0]) if numeric else None

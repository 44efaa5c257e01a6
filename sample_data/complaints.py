"""The Code of Conduct complaints register: registers/code_of_conduct_complaints.xlsx.

A Monitoring Officer's spreadsheet, one row per complaint: a reference, the date received,
whether it is about a member or an officer, the category and the outcome. A title row and
a blank row stand above the header, as council registers have. It never holds a name: who
complained and who the complaint is about stay in the Monitoring Officer's case files.
Complaints about members run at about five a quarter until the revised notice and fall
after it; the latest quarter's complaints are still ongoing at the register's date.
"""
from __future__ import annotations

import datetime as dt
import math

from openpyxl import Workbook

from .outputs import Output
from .story import (AUTHORITY, COMPLAINT_RATES, COMPLAINTS_FALL_FROM, COMPLAINTS_FROM, COMPLAINTS_REGISTER_DATE,
                    COMPLAINTS_TO, rng)
from .xlsx_bytes import workbook_bytes

HEADER = ["Ref", "Date received", "Subject", "Category", "Outcome"]
SUBJECT_WORDS = {"member": "Member", "officer": "Officer"}
CATEGORIES = {"member": (("Failure to treat others with respect", 0.45), ("Bullying or harassment", 0.15),
                         ("Disclosure of interests", 0.20), ("Bringing the office into disrepute", 0.20)),
              "officer": (("Failure to treat others with respect", 0.40), ("Bullying or harassment", 0.30),
                          ("Disclosure of interests", 0.15), ("Bringing the office into disrepute", 0.15))}
OUTCOMES = (("No further action", 0.50), ("Informal resolution", 0.32), ("Breach found", 0.18))
ONGOING_DAYS = 75


def _poisson(r, mean: float) -> int:
    """Knuth's method: a Poisson draw from ``random.Random`` (no numpy, so the bytes are stable)."""
    limit, k, p = math.exp(-mean), 0, 1.0
    while True:
        p *= r.random()
        if p <= limit:
            return k
        k += 1


def _quarters():
    start = COMPLAINTS_FROM
    while start < COMPLAINTS_TO:
        month = start.month + 3
        end = dt.date(start.year + (month > 12), (month - 1) % 12 + 1, 1)
        yield start, end
        start = end


def _pick(r, weighted) -> str:
    return r.choices([w for w, _ in weighted], [p for _, p in weighted])[0]


def rows() -> list[list[object]]:
    r = rng("complaints")
    out, number = [], 0
    for start, end in _quarters():
        for subject, (before, after) in COMPLAINT_RATES.items():
            mean = before if start < COMPLAINTS_FALL_FROM else after
            for _ in range(_poisson(r, mean)):
                received = start + dt.timedelta(days=r.randrange((end - start).days))
                ongoing = (COMPLAINTS_REGISTER_DATE - received).days < ONGOING_DAYS
                out.append([received, subject, _pick(r, CATEGORIES[subject]),
                            "Ongoing" if ongoing else _pick(r, OUTCOMES)])
    out.sort(key=lambda row: row[0])
    for row in out:
        number += 1
        row.insert(0, f"CoC-{row[0].year}-{number:03d}")
        row[2] = SUBJECT_WORDS[row[2]]
    return out


def build() -> list[Output]:
    wb = Workbook()
    ws = wb.active
    ws.title = "Register"
    ws.append([f"{AUTHORITY}: Code of Conduct complaints register"])
    ws.append([])
    ws.append(HEADER)
    register = rows()
    for row in register:
        ws.append([row[0], dt.datetime.combine(row[1], dt.time()), *row[2:]])
    for (cell,) in ws.iter_rows(min_row=4, min_col=2, max_col=2):
        cell.number_format = "dd/mm/yyyy"
    return [Output(path="registers/code_of_conduct_complaints.xlsx", data=workbook_bytes(wb), kind="complaints",
                   records=len(register))]

"""Staff survey: six Microsoft Forms xlsx exports (surveys/staff_survey_YYYY-MM.xlsx).

One sheet ``Sheet1``, one header row: ``ID, Start time, Completion time, Email, Name``
(from 2023-11 also ``Last modified time``), the directorate question, one column per
agreement statement headed by its text, a multi-select joined by ``;`` with a trailing
``;`` and a free-text question. Times are real Excel datetimes; a few answers are skipped.
"""
from __future__ import annotations

import datetime as dt
import random

from openpyxl import Workbook

from .outputs import Output
from .staff_comments import staff_comment
from .statements import STAFF_STATEMENTS, answer_for
from .story import (DIRECTORATES, STAFF_EMPTY_RESPONDENT_WAVE, STAFF_REWORDED_FROM,
                    STAFF_WAVES, rng)
from .xlsx_bytes import workbook_bytes

DIRECTORATE_QUESTION = "Which directorate do you work in?"
ACTIVITY_QUESTION = "Which of these have you taken part in?"
COMMENT_QUESTION = "Is there anything else you would like to tell us?"
SKIP_RATE = 0.025
ACTIVITIES = (
    "All staff conference",
    "Values workshop",
    "Appraisal and objective setting training",
    "Corporate induction",
    "Team away day",
    "Staff network meeting",
)
def header(wave: str) -> list[str]:
    """The header row of a wave's export."""
    columns = ["ID", "Start time", "Completion time", "Email", "Name"]
    if wave >= STAFF_REWORDED_FROM:
        columns.append("Last modified time")
    columns.append(DIRECTORATE_QUESTION)
    columns += [s.wording_in(wave, STAFF_REWORDED_FROM) for s in STAFF_STATEMENTS]
    return columns + [ACTIVITY_QUESTION, COMMENT_QUESTION]


def _respondent_times(r: random.Random, opened: dt.date, n: int) -> list[tuple[dt.datetime, dt.datetime]]:
    times = []
    for _ in range(n):
        day = opened + dt.timedelta(days=r.randrange(14))
        start = dt.datetime(day.year, day.month, day.day, 8, 0) + dt.timedelta(
            seconds=r.randrange(10 * 3600))
        times.append((start, start + dt.timedelta(seconds=r.randrange(240, 1500))))
    return sorted(times)


def _activities(r: random.Random, wave: str) -> str | None:
    pool = ACTIVITIES if wave >= "2023-05" else ACTIVITIES[3:]
    chosen = [a for a in pool if r.random() < 0.3]
    return "".join(f"{a};" for a in chosen) or None


def build_rows(wave: str, opened: dt.date, n: int, level: float) -> list[list[object]]:
    """The data rows of one wave, in submission order."""
    r = rng(f"staff:{wave}")
    texts = rng(f"staff-comments:{wave}")
    position = [w[0] for w in STAFF_WAVES].index(wave) / (len(STAFF_WAVES) - 1)
    names = [d[0] for d in DIRECTORATES]
    weights = [d[1] for d in DIRECTORATES]
    offsets = {d[0]: d[2] for d in DIRECTORATES}
    newer = wave >= STAFF_REWORDED_FROM
    empty_row = r.randrange(n) if wave == STAFF_EMPTY_RESPONDENT_WAVE else -1
    rows = []
    for i, (start, done) in enumerate(_respondent_times(r, opened, n)):
        directorate = r.choices(names, weights)[0]
        person = r.gauss(0, 0.55)
        row: list[object] = [i + 1, start, done, "anonymous", None]
        if newer:
            edited = r.random() < 0.06
            row.append(done + dt.timedelta(minutes=r.randrange(5, 90)) if edited else None)
        row.append(directorate)
        for s in STAFF_STATEMENTS:
            latent = s.baseline + level + offsets[directorate] + person + r.gauss(0, 0.8)
            skipped = i == empty_row or r.random() < SKIP_RATE
            row.append(None if skipped else answer_for(latent, s.negative))
        if i == empty_row:
            row += [None, None]
        else:
            row.append(_activities(r, wave))
            # The answer stream once drew the comment here (15%, one of ten texts). The draws
            # stay, so every answer keeps its value; the comment comes from its own stream.
            if r.random() < 0.15:
                r.randrange(10)
            row.append(staff_comment(texts, position))
        rows.append(row)
    return rows


def build_wave(wave: str, opened: dt.date, n: int, level: float) -> Output:
    columns = header(wave)
    rows = build_rows(wave, opened, n, level)
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(columns)
    first_statement = columns.index(DIRECTORATE_QUESTION) + 1
    for row in rows:
        ws.append(row)
    for cells in ws.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, dt.datetime):
                cell.number_format = "m/d/yy h:mm:ss"
    answered = sum(
        any(v is not None for v in row[first_statement:first_statement + len(STAFF_STATEMENTS)])
        for row in rows)
    return Output(
        path=f"surveys/staff_survey_{wave}.xlsx", data=workbook_bytes(wb), kind="survey",
        records=answered, questions=len(STAFF_STATEMENTS), audience="staff", wave=wave,
        wave_date=opened)


def build() -> list[Output]:
    return [build_wave(wave, opened, n, level) for wave, opened, n, level in STAFF_WAVES]

"""Partner survey: SurveyMonkey exports, two xlsx waves and one csv wave (UTF-8 with BOM).

Two header rows. Row 1: the respondent metadata columns (the 2023-03 export uses the older
``RespondentID, CollectorID, StartDate, EndDate`` spellings), then each question's text over
the first column of its block; row 2: ``Response``, the matrix row labels, or
``Open-Ended Response``. Dates are US text ``MM/DD/YYYY HH:MM:SS AM``. Some matrix labels
carry an NBSP or ``<br>`` as SurveyMonkey writes them.
"""
from __future__ import annotations

import csv
import datetime as dt
import io

from openpyxl import Workbook

from .outputs import Output
from .statements import PARTNER_STATEMENTS, answer_for
from .story import ORGANISATIONS, PARTNER_WAVES, rng
from .xlsx_bytes import workbook_bytes

ORGANISATION_QUESTION = "Which organisation do you represent?"
MATRIX_QUESTION = "How far do you agree with the following statements about the Combined Authority?"
OPEN_QUESTION = "What one thing could the Combined Authority do to improve how it works with your organisation?"
OLD_META = ["RespondentID", "CollectorID", "StartDate", "EndDate"]
NEW_META = ["Respondent ID", "Collector ID", "Start Date", "End Date"]
OTHER_META = ["IP Address", "Email Address", "First Name", "Last Name", "Custom Data 1"]
CSV_WAVE = "2024-09"
OLD_WAVE = "2023-03"
SKIP_RATE = 0.03
COMMENTS = (
    "Involve district councils earlier, before papers are published.",
    "More joint officer working on the strategic ambitions.",
    "Share forward plans of decisions with partners.",
    "Keep up the improved engagement of the last year.",
    "Clearer information about funding rounds and timescales.",
    "Fewer changes of contact at officer level.",
    "Better feedback on how partner views have been used.",
)


def header_rows(wave: str) -> tuple[list[str], list[str]]:
    meta = (OLD_META if wave == OLD_WAVE else NEW_META) + OTHER_META
    labels = [s.file_label or s.wording for s in PARTNER_STATEMENTS]
    row1 = meta + [ORGANISATION_QUESTION, MATRIX_QUESTION] + [""] * (len(labels) - 1) + [OPEN_QUESTION]
    row2 = [""] * len(meta) + ["Response"] + labels + ["Open-Ended Response"]
    return row1, row2


def us_datetime(moment: dt.datetime) -> str:
    return moment.strftime("%m/%d/%Y %I:%M:%S %p")


def build_rows(wave: str, opened: dt.date, n: int, level: float, collector: int) -> list[list[str]]:
    r = rng(f"partner:{wave}")
    names = [o[0] for o in ORGANISATIONS]
    weights = [o[1] for o in ORGANISATIONS]
    offsets = {o[0]: o[2] for o in ORGANISATIONS}
    respondent = 114_000_000_000 + r.randrange(10**9)
    rows = []
    moments = sorted(dt.datetime(opened.year, opened.month, opened.day, 7, 30)
                     + dt.timedelta(days=r.randrange(21), seconds=r.randrange(11 * 3600))
                     for _ in range(n))
    for start in moments:
        respondent += r.randrange(3_000, 900_000)
        organisation = r.choices(names, weights)[0]
        person = r.gauss(0, 0.5)
        end = start + dt.timedelta(seconds=r.randrange(150, 1200))
        ip = f"{r.choice(('192.0.2', '198.51.100', '203.0.113'))}.{r.randrange(1, 255)}"
        row = [str(respondent), str(collector), us_datetime(start), us_datetime(end), ip,
               "", "", "", "", organisation]
        for s in PARTNER_STATEMENTS:
            latent = s.baseline + level + offsets[organisation] + person + r.gauss(0, 0.8)
            row.append("" if r.random() < SKIP_RATE else answer_for(latent, s.negative))
        row.append(r.choice(COMMENTS) if r.random() < 0.3 else "")
        rows.append(row)
    return rows


def _xlsx(rows: list[list[str]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet"
    for row in rows:
        ws.append([value if value != "" else None for value in row])
    return workbook_bytes(wb)


def _csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def build_wave(wave: str, opened: dt.date, n: int, level: float, collector: int) -> Output:
    row1, row2 = header_rows(wave)
    rows = build_rows(wave, opened, n, level, collector)
    first = row2.index("Response") + 1
    answered = sum(any(row[first:first + len(PARTNER_STATEMENTS)]) for row in rows)
    as_csv = wave == CSV_WAVE
    data = _csv([row1, row2, *rows]) if as_csv else _xlsx([row1, row2, *rows])
    return Output(
        path=f"surveys/partner_survey_{wave}.{'csv' if as_csv else 'xlsx'}", data=data,
        kind="survey", records=answered, questions=len(PARTNER_STATEMENTS), audience="partner",
        wave=wave, wave_date=opened)


def build() -> list[Output]:
    return [build_wave(*wave) for wave in PARTNER_WAVES]

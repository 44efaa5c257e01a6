"""Members' survey: three Microsoft Forms xlsx exports (surveys/member_survey_YYYY-MM.xlsx).

Councillors answer about officer-member relations, trust, standards, member development and
challenge in scrutiny. The layout is the staff survey's (one header row, ``ID, Start time,
Completion time, Email, Name``), with the political group as the reporting group. With about
40 responses from 58 members, the Independent and Green groups are under the disclosure
threshold in every wave (and a larger group in some): the sample is where the small-group rules are seen working.
"""
from __future__ import annotations

import datetime as dt

from openpyxl import Workbook

from .outputs import Output
from .staff_survey import SKIP_RATE, _respondent_times
from .statements import MEMBER_STATEMENTS, answer_for
from .story import MEMBER_WAVES, POLITICAL_GROUPS, rng
from .xlsx_bytes import workbook_bytes

GROUP_QUESTION = "Which political group are you a member of?"


def header() -> list[str]:
    return ["ID", "Start time", "Completion time", "Email", "Name", GROUP_QUESTION,
            *[s.wording for s in MEMBER_STATEMENTS]]


def build_rows(wave: str, opened: dt.date, n: int, level: float) -> list[list[object]]:
    """The data rows of one wave, in submission order."""
    r = rng(f"member:{wave}")
    names = [g[0] for g in POLITICAL_GROUPS]
    weights = [g[1] for g in POLITICAL_GROUPS]
    offsets = {g[0]: g[2] for g in POLITICAL_GROUPS}
    rows = []
    for i, (start, done) in enumerate(_respondent_times(r, opened, n)):
        group = r.choices(names, weights)[0]
        person = r.gauss(0, 0.5)
        row: list[object] = [i + 1, start, done, "anonymous", None, group]
        for s in MEMBER_STATEMENTS:
            latent = s.baseline + level + offsets[group] + person + r.gauss(0, 0.8)
            row.append(None if r.random() < SKIP_RATE else answer_for(latent, s.negative))
        rows.append(row)
    return rows


def build_wave(wave: str, opened: dt.date, n: int, level: float) -> Output:
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(header())
    rows = build_rows(wave, opened, n, level)
    for row in rows:
        ws.append(row)
    for cells in ws.iter_rows(min_row=2, max_col=3):
        for cell in cells:
            if isinstance(cell.value, dt.datetime):
                cell.number_format = "m/d/yy h:mm:ss"
    answered = sum(any(v is not None for v in row[6:]) for row in rows)
    return Output(path=f"surveys/member_survey_{wave}.xlsx", data=workbook_bytes(wb), kind="survey",
                  records=answered, questions=len(MEMBER_STATEMENTS), audience="member", wave=wave,
                  wave_date=opened)


def build() -> list[Output]:
    return [build_wave(*wave) for wave in MEMBER_WAVES]

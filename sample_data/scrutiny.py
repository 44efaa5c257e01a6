"""Scrutiny topic scores: scrutiny/topic_scores.xlsx, sheet ``Topic scores``, one header row.

Wide: ``Meeting date, Committee, Topic, Strategic objective, Scorer``, the eight criteria of
seed 002 (1 = Low, 2 = Medium, 3 = High), the stated ``Scrutiny Value Score`` and
``On work programme``. Each topic is scored by one to three scorers; the stated total is
stale ("right click and update field") in exactly STALE_ROWS rows.
"""
from __future__ import annotations

import datetime as dt

from openpyxl import Workbook
from openpyxl.styles import Font

from .outputs import Output
from .story import rng
from .xlsx_bytes import workbook_bytes

CRITERIA = (
    "Public Interest",
    "Strategic Value",
    "Risk to Combined Authority",
    "Alignment to Corporate Priorities",
    "Financial Value",
    "Issue of concern for partners?",
    "Will the CA be able to achieve an effective outcome?",
    "Will there be potential benefits for a significant part of the Combined Authority"
    " area/partners/stakeholders?",
)
TOTAL = "Scrutiny Value Score"
CUTOFF = 18
STALE_ROWS = 2
OS, AG = "Overview and Scrutiny Committee", "Audit and Governance Committee"
SKILLS, GROWTH = "Achieving ambitious skills and employment opportunities", "Achieving good growth"
CONNECT, RESILIENT = "Increased connectivity", "Enabling resilient communities"
BEST_VALUE = "Achieving Best Value and High Performance"
SCORERS = ("Chair", "Vice-Chair", "Scrutiny Officer")

# (meeting date, committee, [(topic, strategic objective, base scores, scorers)])
# Base scores are one digit per criterion; each scorer may differ by one on a criterion.
MEETINGS: tuple[tuple[dt.date, str, list[tuple[str, str, str, int]]], ...] = (
    (dt.date(2024, 1, 17), OS, [
        ("Bus franchising assessment", CONNECT, "33333323", 3),
        ("Budget and Medium Term Financial Plan 2024/25", BEST_VALUE, "23332322", 2),
        ("Improvement Plan progress", BEST_VALUE, "23322222", 1),
        ("Adult Education Budget performance", SKILLS, "22221222", 2),
        ("Market Towns programme", GROWTH, "21221121", 1),
    ]),
    (dt.date(2024, 3, 20), OS, [
        ("Local Transport and Connectivity Plan", CONNECT, "33332333", 3),
        ("Phase 3 Improvement Plan", BEST_VALUE, "23322322", 2),
        ("Affordable housing programme", RESILIENT, "22222212", 1),
        ("Skills Bootcamps", SKILLS, "12211222", 1),
        ("Business Board review", GROWTH, "12221211", 2),
    ]),
    (dt.date(2024, 6, 26), OS, [
        ("Tendered bus services", CONNECT, "33223333", 2),
        ("Single Assurance Framework", BEST_VALUE, "13332222", 2),
        ("Economic Growth Strategy", GROWTH, "22321232", 1),
        ("Net zero and climate programme", RESILIENT, "32211222", 1),
        ("Improvement Plan progress", BEST_VALUE, "23322222", 1),
    ]),
    (dt.date(2024, 7, 26), AG, [
        ("Procurement review action plan", BEST_VALUE, "12332222", 2),
        ("Corporate risk register", BEST_VALUE, "12331211", 1),
        ("Whistleblowing policy review", BEST_VALUE, "21221111", 1),
        ("Internal Audit annual report", BEST_VALUE, "12221111", 1),
    ]),
    (dt.date(2024, 9, 25), OS, [
        ("Employment and Skills Strategy", SKILLS, "23321232", 2),
        ("Digital connectivity", CONNECT, "22221122", 1),
        ("Strategic ambitions for the region", GROWTH, "23333332", 3),
        ("Health and Care Sector Work Academy", SKILLS, "21211222", 1),
        ("Active travel schemes", CONNECT, "32221222", 2),
    ]),
    (dt.date(2024, 11, 7), OS, [
        ("Improvement Framework - Closure of Existing Improvement Programme (Phase 3) and"
         " Next Steps", BEST_VALUE, "22221122", 1),
        ("Careers Hub", SKILLS, "12211121", 1),
        ("Corporate Plan refresh", BEST_VALUE, "22331222", 2),
        ("Mayor's devolution deal priorities", GROWTH, "33332333", 3),
        ("Community resilience funding", RESILIENT, "22211222", 1),
    ]),
)
#: The seed 002 topic is scored exactly as in the report, by one scorer, total 14.
VERBATIM_TOPIC = MEETINGS[-1][2][0][0]
HEADER = ["Meeting date", "Committee", "Topic", "Strategic objective", "Scorer", *CRITERIA,
          TOTAL, "On work programme"]


def _scores(r, base: str, verbatim: bool) -> list[int]:
    scores = [int(c) for c in base]
    if verbatim:
        return scores
    return [min(3, max(1, s + (r.choice((-1, 1)) if r.random() < 0.2 else 0))) for s in scores]


def build_rows() -> list[list[object]]:
    r = rng("scrutiny")
    rows: list[list[object]] = []
    for day, committee, topics in MEETINGS:
        for topic, objective, base, n_scorers in topics:
            scored = [(scorer, _scores(r, base, topic == VERBATIM_TOPIC))
                      for scorer in SCORERS[:n_scorers]]
            mean_total = sum(sum(s) for _, s in scored) / len(scored)
            on_programme = "Yes" if mean_total >= CUTOFF else "No"
            for scorer, scores in scored:
                rows.append([dt.datetime(day.year, day.month, day.day), committee, topic,
                             objective, scorer, *scores, sum(scores), on_programme])
    # Stale stated totals: the field was not updated after a score changed.
    candidates = [i for i, row in enumerate(rows) if row[2] != VERBATIM_TOPIC]
    for i in sorted(r.sample(candidates, STALE_ROWS)):
        rows[i][-2] += r.choice((-2, -1, 1, 2))
    return rows


def build() -> list[Output]:
    rows = build_rows()
    wb = Workbook()
    ws = wb.active
    ws.title = "Topic scores"
    ws.append(HEADER)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append(row)
    for (cell,) in ws.iter_rows(min_row=2, max_col=1):
        cell.number_format = "dd/mm/yyyy"
    pairs = {(row[0], row[2]) for row in rows}
    return [Output(path="scrutiny/topic_scores.xlsx", data=workbook_bytes(wb), kind="scrutiny",
                   records=len(pairs))]

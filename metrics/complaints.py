"""Code of Conduct complaints counted by financial quarter, subject and outcome.

The register counts complaints, not people: a quarter with one complaint about a member
is one complaint, and nothing here carries a reference, a name or a category beside a
date finer than its quarter. Every quarter from the register's first to its last is
counted, a quarter with none as 0, so a gap is never mistaken for missing data. The
judgement of an expectation that names members compares the complaints of the latest
four quarters with the four before (``recent_change``).
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from settings.complaints import complaints_vocabulary

QUARTER_COLUMNS = ["quarter", "quarter_start", "quarter_end", "date", "subject", "outcome", "complaints"]
SUBJECT_WORDS = {"member": "members", "officer": "officers", None: "members and officers"}


def quarter_start(date: pd.Timestamp, start_month: int | None = None) -> pd.Timestamp:
    """The first day of the financial quarter ``date`` falls in."""
    start_month = start_month or complaints_vocabulary().year_starts_month
    offset = (date.month - start_month) % 3
    return pd.Timestamp(date.year, date.month, 1) - pd.DateOffset(months=offset)


def quarter_label(start: pd.Timestamp, start_month: int | None = None) -> str:
    """'Q1 2024/25' for the quarter starting 1 Apr 2024 (financial years from ``start_month``)."""
    start_month = start_month or complaints_vocabulary().year_starts_month
    months_in = (start.month - start_month) % 12
    year = start.year - (1 if start.month < start_month else 0)
    if start_month == 1:
        return f"Q{months_in // 3 + 1} {year}"
    return f"Q{months_in // 3 + 1} {year}/{(year + 1) % 100:02d}"


def by_quarter(complaints: pd.DataFrame, subject: str | None = None) -> pd.DataFrame:
    """QUARTER_COLUMNS: complaints about ``subject`` (member, officer; None: both) by quarter and
    outcome, every quarter of the register and every outcome (0 where none); ``date`` is the
    quarter's middle, where a chart draws it on the journey axis."""
    vocabulary = complaints_vocabulary()
    if complaints.empty:
        return pd.DataFrame(columns=QUARTER_COLUMNS)
    frame = complaints if subject is None else complaints[complaints["subject"] == subject]
    starts = complaints["date_received"].dropna().map(quarter_start)
    quarters = pd.date_range(starts.min(), starts.max(), freq="3MS")
    counted = (frame.assign(quarter_start=frame["date_received"].map(quarter_start))
               .groupby(["quarter_start", "outcome"]).size())
    outcomes = list(vocabulary.outcome_order)
    rows = []
    for start in quarters:
        end = start + pd.DateOffset(months=3) - pd.Timedelta(days=1)
        for outcome in outcomes:
            rows.append({"quarter": quarter_label(start), "quarter_start": start, "quarter_end": end,
                         "date": start + (end - start) / 2, "subject": SUBJECT_WORDS[subject].capitalize(),
                         "outcome": outcome, "complaints": int(counted.get((start, outcome), 0))})
    return pd.DataFrame(rows, columns=QUARTER_COLUMNS)


def quarter_totals(table: pd.DataFrame) -> pd.DataFrame:
    """One row a quarter: the quarter, its dates and each outcome's count as a column, and the total
    (the table a chart's data is shown as)."""
    if table.empty:
        return pd.DataFrame(columns=["quarter", "quarter_start", "complaints"])
    wide = table.pivot_table(index=["quarter_start", "quarter"], columns="outcome", values="complaints",
                             aggfunc="sum", fill_value=0)
    outcomes = [o for o in complaints_vocabulary().outcome_order if o in wide.columns]
    wide = wide[outcomes]
    wide["complaints"] = wide.sum(axis=1)
    wide = wide.reset_index().rename_axis(columns=None).sort_values("quarter_start")
    return wide[["quarter", "quarter_start", "complaints", *outcomes]].reset_index(drop=True)


@dataclass(frozen=True)
class RecentChange:
    """Complaints about one subject in the latest ``quarters`` quarters and the same span before."""
    subject: str
    quarters: int
    recent: int
    before: int | None             # None: the register does not reach back that far
    recent_breaches: int
    recent_span: str               # "Q4 2023/24 to Q3 2024/25"
    before_span: str

    @property
    def rising(self) -> bool:
        return self.before is not None and self.recent > self.before

    def sentence(self) -> str:
        """'Code of Conduct complaints about members: 9 received in Q4 2023/24 to Q3 2024/25, down from 20
        in the four quarters before; 1 breach found.'"""
        who = SUBJECT_WORDS[self.subject]
        said = f"Code of Conduct complaints about {who}: {self.recent} received in {self.recent_span}"
        if self.before is None:
            said += f" (the register does not reach back a further {self.quarters} quarters to compare)"
        else:
            word = "up from" if self.recent > self.before else "down from" if self.recent < self.before else "the same as"
            said += f", {word} {self.before} in the {self.quarters} quarters before ({self.before_span})"
        breaches = f"{self.recent_breaches} breach{'' if self.recent_breaches == 1 else 'es'} found"
        return f"{said}; {breaches} (counts of complaints, not of people)"


def recent_change(complaints: pd.DataFrame, subject: str, quarters: int = 4,
                  until: pd.Timestamp | None = None) -> RecentChange | None:
    """The latest ``quarters`` quarters of the register (to ``until``'s quarter, else its latest
    complaint's) against the ``quarters`` before; None when the register is empty."""
    frame = complaints if until is None else complaints[complaints["date_received"] <= until]
    if frame.empty:
        return None
    last = quarter_start(pd.Timestamp(until) if until is not None else frame["date_received"].max())
    first_recent = last - pd.DateOffset(months=3 * (quarters - 1))
    first_before = first_recent - pd.DateOffset(months=3 * quarters)
    starts = frame["date_received"].map(quarter_start)
    about = frame["subject"] == subject
    recent = about & (starts >= first_recent) & (starts <= last)
    before = about & (starts >= first_before) & (starts < first_recent)
    reaches = quarter_start(frame["date_received"].min()) <= first_before
    return RecentChange(
        subject=subject, quarters=quarters, recent=int(recent.sum()), before=int(before.sum()) if reaches else None,
        recent_breaches=int((recent & (frame["outcome"] == "Breach found")).sum()),
        recent_span=f"{quarter_label(first_recent)} to {quarter_label(last)}",
        before_span=f"{quarter_label(first_before)} to {quarter_label(first_recent - pd.DateOffset(months=3))}")

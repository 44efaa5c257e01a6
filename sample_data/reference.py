"""Reference files that are not uploads: events.csv (milestones), codebook.csv and
headcount.csv (people invited per survey wave, for response rates)."""
from __future__ import annotations

import csv
import io

from .statements import MEMBER_STATEMENTS, PARTNER_STATEMENTS, STAFF_STATEMENTS
from .story import HEADCOUNTS, MEMBER_WAVES, PARTNER_WAVES, STAFF_REWORDED_FROM, STAFF_WAVES, EVENTS


def csv_bytes(rows: list[list[str]]) -> bytes:
    """Rows as UTF-8 csv (the sample's reference files)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def events_csv() -> bytes:
    return csv_bytes([["date", "label", "kind", "short_label", "baseline"], *[list(e) for e in EVENTS]])


def codebook_csv() -> bytes:
    rows = [["question_id", "wording", "waves", "theme", "negative", "positive_means"]]
    staff_waves = [w[0] for w in STAFF_WAVES]
    for s in STAFF_STATEMENTS:
        by_wording: dict[str, list[str]] = {}
        for wave in staff_waves:
            by_wording.setdefault(s.wording_in(wave, STAFF_REWORDED_FROM), []).append(wave)
        for wording, waves in by_wording.items():
            rows.append([s.qid, wording, ";".join(waves), s.theme, str(s.negative).lower(), s.positive_means])
    partner_waves = ";".join(w[0] for w in PARTNER_WAVES)
    for s in PARTNER_STATEMENTS:
        rows.append([s.qid, s.wording, partner_waves, s.theme, str(s.negative).lower(), s.positive_means])
    member_waves = ";".join(w[0] for w in MEMBER_WAVES)
    for s in MEMBER_STATEMENTS:
        rows.append([s.qid, s.wording, member_waves, s.theme, str(s.negative).lower(), s.positive_means])
    return csv_bytes(rows)


def headcount_csv() -> bytes:
    return csv_bytes([["audience", "wave", "headcount"], *[[a, w, str(n)] for a, w, n in HEADCOUNTS]])


def files() -> dict[str, bytes]:
    return {"events.csv": events_csv(), "codebook.csv": codebook_csv(), "headcount.csv": headcount_csv()}

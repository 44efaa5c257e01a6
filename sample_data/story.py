"""The narrative behind the sample data: one seed, the dates, the sizes and the trends.

A ~180-person combined authority receives a Best Value Notice (Jan 2023), improves,
dips around the revised notice (staff wave of Nov 2023, notice re-issued Jan 2024) and
recovers in 2024 until the notice is not re-issued (Sep 2024). Every generator draws its
randomness from ``rng(name)``, a generator seeded from SEED and the file's own name, so a
file's bytes never depend on which other files were written or in which order.
"""
from __future__ import annotations

import datetime as dt
import random

SEED = 20240130
AUTHORITY = "Cambridgeshire and Peterborough Combined Authority"


def rng(name: str) -> random.Random:
    """A generator for one file, seeded from SEED and a stable name (str seeds use SHA-512)."""
    return random.Random(f"{SEED}:{name}")


# --- Staff survey -------------------------------------------------------------------------
# (wave label, first response date, responses, culture level on a latent scale)
# The level drives every statement: better after the first notice, a dip in Nov 2023,
# recovery in 2024. One wave has exactly 47 responses.
STAFF_WAVES: tuple[tuple[str, dt.date, int, float], ...] = (
    ("2022-09", dt.date(2022, 9, 12), 96, -0.55),
    ("2023-01", dt.date(2023, 1, 16), 47, -0.30),
    ("2023-05", dt.date(2023, 5, 15), 118, 0.10),
    ("2023-11", dt.date(2023, 11, 13), 104, -0.15),
    ("2024-04", dt.date(2024, 4, 15), 140, 0.35),
    ("2024-10", dt.date(2024, 10, 7), 131, 0.55),
)
#: Waves from this label on use the newer Forms layout and the reworded statements.
STAFF_REWORDED_FROM = "2023-11"
#: In this wave one respondent answered the directorate question and nothing else.
STAFF_EMPTY_RESPONDENT_WAVE = "2024-10"

# (directorate, share of staff, latent offset). The two small ones fall under 10 a wave.
DIRECTORATES: tuple[tuple[str, float, float], ...] = (
    ("Chief Executive's Office", 0.07, 0.25),
    ("Economy and Growth", 0.17, 0.05),
    ("Legal and Governance", 0.06, -0.20),
    ("Place and Connectivity", 0.30, -0.10),
    ("Resources and Performance", 0.24, 0.10),
    ("Skills and Employment", 0.16, 0.00),
)

# --- Partner survey -----------------------------------------------------------------------
# (wave label, first response date, responses, partnership level, collector id)
PARTNER_WAVES: tuple[tuple[str, dt.date, int, float, int], ...] = (
    ("2023-03", dt.date(2023, 3, 6), 38, -0.45, 404117852),
    ("2024-02", dt.date(2024, 2, 5), 52, -0.20, 431905266),
    ("2024-09", dt.date(2024, 9, 16), 64, 0.10, 452770391),
)
# (organisation, weight, latent offset)
ORGANISATIONS: tuple[tuple[str, float, float], ...] = (
    ("Cambridgeshire County Council", 0.17, -0.05),
    ("Peterborough City Council", 0.16, 0.05),
    ("Cambridge City Council", 0.13, -0.10),
    ("East Cambridgeshire District Council", 0.10, 0.00),
    ("Fenland District Council", 0.10, -0.25),
    ("Huntingdonshire District Council", 0.12, -0.05),
    ("South Cambridgeshire District Council", 0.12, -0.10),
    ("Business Board", 0.10, 0.30),
)

# --- Members' survey ---------------------------------------------------------------------
# (wave label, first response date, responses, officer-member culture level). Councillors are
# few (MEMBERS_IN_OFFICE a wave), so the Independent and Green groups fall under the threshold every
# wave, and a larger group some waves.
MEMBER_WAVES: tuple[tuple[str, dt.date, int, float], ...] = (
    ("2022-11", dt.date(2022, 11, 7), 36, -0.50),
    ("2023-06", dt.date(2023, 6, 12), 41, -0.25),
    ("2024-06", dt.date(2024, 6, 10), 47, 0.25),
)
MEMBERS_IN_OFFICE = 58
# (political group, share of members, latent offset)
POLITICAL_GROUPS: tuple[tuple[str, float, float], ...] = (
    ("Conservative", 0.34, -0.15),
    ("Liberal Democrat", 0.26, 0.10),
    ("Labour", 0.24, 0.05),
    ("Independent", 0.10, -0.25),
    ("Green", 0.06, 0.10),
)

# --- Code of Conduct complaints register ------------------------------------------------
#: The register covers financial quarters from this date to COMPLAINTS_TO (exclusive).
COMPLAINTS_FROM, COMPLAINTS_TO = dt.date(2022, 4, 1), dt.date(2025, 1, 1)
#: Mean complaints a quarter about (members, officers) before and after the revised notice:
#: complaints about members fall as member culture improves through 2024.
COMPLAINT_RATES = {"member": (5.5, 2.5), "officer": (2.5, 2.0)}
COMPLAINTS_FALL_FROM = dt.date(2024, 1, 30)
#: Complaints received within this many days of the register's date are still ongoing.
COMPLAINTS_REGISTER_DATE = dt.date(2024, 12, 31)

# --- Improvement-plan tracker -------------------------------------------------------------
# (snapshot date, layout, committee the update was reported to)
SNAPSHOTS: tuple[tuple[dt.date, str, str], ...] = (
    (dt.date(2023, 3, 14), "council", "Audit and Governance Committee"),
    (dt.date(2023, 6, 9), "council", "Audit and Governance Committee"),
    (dt.date(2023, 9, 26), "council", "Overview and Scrutiny Committee"),
    (dt.date(2023, 11, 28), "planner", ""),
    (dt.date(2024, 1, 23), "council", "Combined Authority Board"),
    (dt.date(2024, 3, 19), "council", "Combined Authority Board"),
    (dt.date(2024, 6, 11), "planner", ""),
    (dt.date(2024, 9, 17), "council", "Audit and Governance Committee"),
    (dt.date(2024, 10, 16), "council", "Combined Authority Board"),
)
#: Index in SNAPSHOTS of the phase-3 plan, where new actions first appear.
PHASE3_SNAPSHOT = 5
#: After the close-down: the quarterly Directorate Business Plan monitoring reports that follow
#: the actions moved into the plans, the last at the Advisory and Support Group's end.
#: (report date, committee). Their layout differs from the plan's (sample_data/dbp_monitoring.py).
MONITORING: tuple[tuple[dt.date, str], ...] = (
    (dt.date(2025, 1, 21), "Audit and Governance Committee"),
    (dt.date(2025, 4, 15), "Audit and Governance Committee"),
    (dt.date(2025, 5, 30), "Independent Advisory and Support Group"),
)

# --- Events (DOMAIN.md milestones; month-only dates fall on the 1st) ------------------------
#: (date, label, kind, short label, baseline): "yes" names the milestone results are compared
#: with ("since the notice"); the last result before it is the baseline.
EVENTS: tuple[tuple[str, str, str, str, str], ...] = (
    ("2022-06-01", "External auditor's letter", "audit", "Auditor's letter", ""),
    ("2022-07-27", "Improvement Framework report to the Combined Authority Board", "plan", "Improvement Framework", ""),
    ("2022-10-01", "Independent Improvement Board set up", "board", "Board set up", ""),
    ("2023-01-24", "Best Value Notice issued", "notice", "Notice issued", "yes"),
    ("2024-01-30", "Revised Best Value Notice issued", "notice", "Revised notice", ""),
    ("2024-03-01", "Phase 3 Improvement Plan agreed", "plan", "Phase 3 plan", ""),
    ("2024-09-09", "Best Value Notice not re-issued", "notice", "Notice not re-issued", ""),
    ("2024-10-16", "Improvement Plan (phase 3) closed", "plan", "Phase 3 closed", ""),
    ("2025-05-30", "Independent Advisory and Support Group ends", "milestone", "Advisory group ends", ""),
)


# --- Headcount (for response rates) -------------------------------------------------------
# (audience, wave label, people invited): staff in post at each wave; partner contacts invited.
HEADCOUNTS: tuple[tuple[str, str, int], ...] = (
    ("staff", "2022-09", 168), ("staff", "2023-01", 171), ("staff", "2023-05", 176),
    ("staff", "2023-11", 181), ("staff", "2024-04", 186), ("staff", "2024-10", 184),
    ("partner", "2023-03", 120), ("partner", "2024-02", 125), ("partner", "2024-09", 130),
    ("member", "2022-11", 58), ("member", "2023-06", 58), ("member", "2024-06", 58),
)

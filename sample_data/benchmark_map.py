"""benchmark_map.csv: which sample staff statement has a Civil Service People Survey
counterpart, matched by meaning to the CSPS Annex wording (data/benchmarks/csps).

``wording`` is "same" when the statements say the same words (allowing "[my organisation]"
for the authority's name) and "close" when they differ; a negatively worded statement is
mapped only where the CSPS measure counts the same direction as our "positive" (bullying:
our positive = have not experienced it = the CSPS "% No"). Statements with no genuine
counterpart (opinions count, confidence in direction, CIVIL values, manager support,
effective and efficient, how decisions are made, connected to other teams, optimism) are
left out rather than stretched.
"""
from __future__ import annotations

from .reference import csv_bytes

HEADER = ["question_id", "csps_code", "wording", "note"]
ROWS = (
    ("STAFF-PROUD", "B47", "close",
     "CSPS: I am proud when I tell others I am part of [my organisation]"),
    ("STAFF-VALUED", "B27", "same", "CSPS: I feel valued for the work I do"),
    ("STAFF-LEADERSHIP", "B40", "close",
     "CSPS: I believe that [my organisation]'s senior leaders have a clear vision for the future of [my organisation]"),
    ("STAFF-ACTION", "B52", "close",
     "CSPS: I believe that senior managers in [my organisation] will take action on the results from this survey"),
    ("STAFF-SPEAKUP", "B46", "close",
     "CSPS: I think it is safe to challenge the way things are done in [my organisation]"),
    ("STAFF-BULLYING", "E03_no", "close",
     "CSPS asks yes/no: Have you been bullied or harassed at work, in the past 12 months? (% No); "
     "ours is an agreement scale, positive = disagree"),
)


def files() -> dict[str, bytes]:
    return {"benchmark_map.csv": csv_bytes([HEADER, *[list(r) for r in ROWS]])}

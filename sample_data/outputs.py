"""What a generator hands back: a file's bytes and the facts manifest.csv and expected.json need."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Output:
    path: str                          # relative to the output folder, "/"-separated
    data: bytes
    kind: str                          # survey | actions | scrutiny | complaints
    records: int
    questions: int | None = None       # agreement-scale questions (surveys only)
    audience: str = ""
    wave: str = ""
    wave_date: dt.date | None = None
    snapshot_date: dt.date | None = None

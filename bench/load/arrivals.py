"""When the simulated users arrive: ``users`` over ``seconds``, evenly or as a Poisson stream.

Launch day on an intranet is many people opening the link from one all-staff email; a
Poisson stream (seeded, so a rerun sees the same gaps) is the usual model of independent
arrivals, and ``even`` spacing is the steady comparison. Offsets are seconds from the start.
"""
from __future__ import annotations

import random

PATTERNS = ("poisson", "even")


def schedule(users: int, seconds: float, pattern: str = "poisson", seed: int = 20) -> list[float]:
    """Arrival offsets (sorted, within [0, seconds]) of ``users`` users."""
    if users <= 0:
        return []
    if pattern not in PATTERNS:
        raise ValueError(f"unknown arrival pattern {pattern!r}: one of {', '.join(PATTERNS)}")
    if seconds <= 0 or users == 1:
        return [0.0] * users
    if pattern == "even":
        return [seconds * i / (users - 1) for i in range(users)]
    rng = random.Random(seed)
    gaps = [rng.expovariate(1.0) for _ in range(users - 1)]
    total = sum(gaps)
    out, at = [0.0], 0.0
    for gap in gaps:
        at += gap / total * seconds
        out.append(min(at, seconds))
    return out

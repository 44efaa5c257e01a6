"""Case profiles for the audit: the generated cases, and the same with corrections the store publishes.

``cases.generate`` makes small corrections (a few people dropped, moved or recoded), which
the store rightly holds back today (``store.revisions``: each change must be none or at
least min_size answers), so the audit would never see two published versions of a wave.
``corrected(seed)`` is ``generate(seed)`` plus, for each wave, one more correction of the
wave's first upload that the store's rule lets through when one exists: a whole team
dropped whose every answer cell has at least min_size answers, or min_size late
respondents added to one team, answering every statement. Two published versions of a wave
then differ by a big group only; what the audit checks is that nothing else differs
between what they publish (a complement chosen differently in each, say).
"""
from __future__ import annotations

import numpy as np

from model.frames import AGREEMENT_SCALE
from settings.config import load_settings
from tests.disclosure.cases import Case, Upload, generate

PROFILES = ("plain", "corrected")


def case_for(seed: int, profile: str = "plain", min_size: int | None = None) -> Case:
    """The case of ``seed`` in ``profile`` (plain: ``cases.generate``); ``min_size``: the
    settings' disclosure policy's unless given."""
    if profile not in PROFILES:
        raise ValueError(f"profile is one of {PROFILES}, not {profile!r}")
    return generate(seed) if profile == "plain" else corrected(seed, min_size)


def corrected(seed: int, min_size: int | None = None) -> Case:
    """``generate(seed)`` with a publishable correction of each wave appended (module docstring)."""
    min_size = load_settings().disclosure.min_size if min_size is None else min_size
    case = generate(seed)
    rng = np.random.default_rng(10_000 + seed)
    firsts = {}
    for item in case.uploads:
        firsts.setdefault(item.wave, item)
    for first in firsts.values():
        extra = _big_correction(rng, case, first, min_size)
        if extra is not None:
            case.uploads.append(extra)
    return case


def _big_correction(rng, case: Case, first: Upload, min_size: int) -> Upload | None:
    groups = sorted({r["group"] for r in first.rows})
    droppable = [g for g in groups if _all_big(case, [r for r in first.rows if r["group"] == g], min_size)]
    if droppable and rng.random() < 0.5:
        team = droppable[int(rng.integers(len(droppable)))]
        rows = [dict(r) for r in first.rows if r["group"] != team]
        return Upload(first.audience, first.wave, first.wave_date, rows, note=f"correction: {team} dropped")
    if not groups:
        return None
    team = groups[int(rng.integers(len(groups)))]
    late = [{"id": f"late-big-{k}", "group": team,
             **{q.question_id: AGREEMENT_SCALE[int(rng.integers(0, len(AGREEMENT_SCALE)))] for q in case.questions}}
            for k in range(min_size + int(rng.integers(0, 4)))]
    rows = [dict(r) for r in first.rows] + late
    return Upload(first.audience, first.wave, first.wave_date, rows, note=f"correction: {len(late)} late in {team}")


def _all_big(case: Case, members: list[dict], min_size: int) -> bool:
    """Every question answered by none or at least min_size of ``members``, and some answered."""
    answered = [sum(1 for r in members if r[q.question_id]) for q in case.questions]
    return any(answered) and all(a == 0 or a >= min_size for a in answered) and len(members) >= min_size

"""Which counts of comments may be shown: the disclosure rule for themes and topics.

A line is a whole (the comments of one wave, or the unthemed comments a topic view splits)
and its cells (a count per theme, the "no theme" count; a count per topic). The whole is
published beside its cells, so hiding a small cell alone is not enough: the whole minus the
shown cells is what the hidden cells hold together. Themes overlap (a comment may carry
several), so that difference is only a lower bound of the hidden cells' sum; the attacker
assumed here is stronger than anyone reading the pages: they know the hidden cells' exact
sum ``H`` (as if they knew every overlap), which cells are hidden for being small (each
then holds 0 .. min_size - 1) and that every other hidden cell holds at least ``min_size``
(all smaller cells are hidden for size). The rule, with ``min_size = policy.min_size``:

1. **Size.** A whole under ``min_size`` is not shown, nor any of its cells. A cell under
   ``min_size`` is hidden (SMALL).
2. **Complements.** While the hidden cells hold fewer than two non-empty cells, or fewer
   than ``min_size`` comments together, or any small hidden cell could be pinned to a single
   value from ``H`` and the bounds above (the bounds of a sum with known parts: its range is
   ``[max(lo, H - sum of the others' highs), min(hi, H - sum of the others' lows)]``), the
   smallest shown cell is hidden too (COMPLEMENT; ties by the order given).
3. **Protect.** When hiding every cell still leaves a small one pinned, the whole is not
   shown either (PROTECT), and so none of its cells.

It is the same policy object as the survey cells' (``metrics.publishable``); a hidden count
is worded with ``policy.too_few("comments")`` or what hid it (``reason_words``).
"""
from __future__ import annotations

import numpy as np

from settings.disclosure import DisclosurePolicy

SMALL, COMPLEMENT, PROTECT = "small", "complement", "protect"
REASONS = {
    COMPLEMENT: "hidden so that a smaller count cannot be worked out by subtraction",
    PROTECT: "hidden so that a small count cannot be worked out",
}


def reason_words(reason: object, policy: DisclosurePolicy) -> str | None:
    """A hidden count's reason in words ("fewer than 10 comments"); None for a shown one."""
    if reason is None:
        return None
    return REASONS.get(str(reason)) or policy.too_few("comments")


def small_ranges(sizes: np.ndarray, hidden: np.ndarray, small: np.ndarray, min_size: int) -> np.ndarray:
    """For each cell, the number of values (hi - lo + 1) a small hidden one could hold, known
    the hidden cells' sum and the bounds of the module docstring (other cells: 0)."""
    hidden_total = int(sizes[hidden].sum())
    lows = np.where(small, 0, min_size)[hidden]
    highs = np.where(small, min_size - 1, hidden_total)[hidden]
    out = np.zeros(len(sizes), dtype=np.int64)
    for pos, i in enumerate(np.flatnonzero(hidden)):
        if not small[i]:
            continue
        lo = max(0, hidden_total - int(highs.sum() - highs[pos]))
        hi = min(min_size - 1, hidden_total - int(lows.sum() - lows[pos]))
        out[i] = hi - lo + 1
    return out


def _safe(sizes: np.ndarray, hidden: np.ndarray, small: np.ndarray, min_size: int) -> bool:
    if not hidden.any():
        return True
    held = sizes[hidden]
    if int((held > 0).sum()) < 2 or int(held.sum()) < min_size:
        return False
    # below 2 (no threshold to speak of) a small cell is 0 by its reason alone: nothing to protect
    return bool((small_ranges(sizes, hidden, small, min_size)[hidden & small] >= min(2, min_size)).all())


def decide_line(sizes: np.ndarray, whole: int, policy: DisclosurePolicy) -> tuple[np.ndarray, list, str | None]:
    """One line: which cells are shown, each hidden cell's reason (None when shown) and why
    the whole is not shown (None when it is). ``sizes`` in their order of precedence for
    ties (the codebook's order)."""
    min_size = policy.min_size
    sizes = np.asarray(sizes, dtype=np.int64)
    if whole < min_size:
        return np.zeros(len(sizes), dtype=bool), [SMALL] * len(sizes), SMALL
    small = sizes < min_size
    hidden = small.copy()
    reasons: list = [SMALL if s else None for s in small]
    order = sorted(range(len(sizes)), key=lambda i: (sizes[i], i))
    while not _safe(sizes, hidden, small, min_size):
        nxt = next((i for i in order if not hidden[i]), None)
        if nxt is None:
            return np.zeros(len(sizes), dtype=bool), [SMALL if s else PROTECT for s in small], PROTECT
        hidden[nxt], reasons[nxt] = True, COMPLEMENT
    return ~hidden, reasons, None

"""Which survey cells may be published: the one disclosure policy every survey figure obeys.

A published survey figure is built from **cells**: the answers of one group of one wave to
one question (a *fine* cell), or of the whole wave (a *whole-wave* cell, the sum of its
fine cells). Statements, theme scores, changes, question trends, heatmaps and the board
summary are all made of them, so a figure is safe when every cell it is built from may be
shown; a theme score is the mean of the % positive of the cells that may be shown, never
of a hidden one (a hidden cell inside a mean is recovered by subtraction).

The policy's parameters come from the settings as one ``DisclosurePolicy`` (``policy``:
``min_size`` and ``protection_points``), passed down by every caller. For every
(audience, wave, question):

1. **Size.** A whole-wave cell answered by fewer than ``min_size`` people is hidden, and so
   are all its fine cells. A fine cell answered by fewer than ``min_size`` is hidden (primary).
2. **Complements.** As in ``metrics.disclosure``: while the hidden fine cells of a question
   hold fewer than two non-empty groups or fewer than ``min_size`` answers in all, the
   smallest shown group is hidden too, so the whole wave minus the shown groups is never
   one small group.
3. **Protection.** Hiding by size alone is not enough when the hidden groups answered
   alike: if every hidden answer was positive, a hidden team of 3 is 100% positive, whatever
   the table hides. The attacker is assumed to know every shown fine cell exactly, every
   cell's number of answers, and the whole wave (stronger than anyone reading the pages,
   which show no fine cell on its own today). The hidden fine cells of a question then
   hold a known number of positive answers ``K`` over ``N_H`` answers, and a hidden cell
   of ``n`` answers holds between ``max(0, K - (N_H - n))`` and ``min(n, K)`` of them (the
   Frechet bounds, exact for a table with known margins). Complements are added (the one
   that widens the narrowest interval most) until every small cell's interval of
   % positive spans at least ``protection_points``; when even hiding every group cannot,
   the whole-wave cell is hidden as well ("protect").

4. **History.** What an earlier published version of a wave showed is published for good
   (``store.revisions`` lets a correction through only when it changes each group by none
   or at least ``min_size`` answers). A group hidden in any earlier version of the wave
   stays hidden in every later one, with the same reason, whatever its new counts: shown
   unchanged, it would give the earlier version's hidden total away by subtraction (a group
   hidden then for being small, and big enough now, says so: ``EARLIER``). A cell
   shown unchanged in an earlier version is known to the attacker, so hiding it protects
   nothing: it is never chosen as a complement, and it counts as shown in rules 2 and 3.
   Earlier versions are decided in the order they were published, each knowing those
   before it, exactly as they were decided when they were shown.

``docs/disclosure.md`` states the policy, the attacker it defeats and why 20 points.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from model.survey_counts import SurveyCounts
from metrics.survey import scored_counts
from settings.disclosure import DisclosurePolicy

#: The group shown for respondents who did not say which group they belong to.
NOT_STATED = "Not stated"
CELL_KEYS = ["audience", "wave", "wave_date", "group", "question_id"]
WHOLE_KEYS = ["audience", "wave", "wave_date", "question_id"]
#: Why a cell is hidden, in words a page can show (SMALL: the policy's ``too_few``).
SMALL, COMPLEMENT, PROTECT, EARLIER = "small", "complement", "protect", "earlier"
REASONS = {
    COMPLEMENT: "hidden so that a smaller group cannot be worked out by subtraction",
    PROTECT: "hidden so that a small group's answers cannot be worked out",
    EARLIER: "hidden as in the version of this wave published before, so that comparing the two "
             "cannot give a small group away",
}


@dataclass(frozen=True)
class Publishable:
    """The cells of some survey waves and whether each may be shown.

    ``fine``: CELL_KEYS, n (answers on the scale), positive, shown, reason.
    ``whole``: WHOLE_KEYS, n, positive, shown, reason."""

    fine: pd.DataFrame
    whole: pd.DataFrame

    def shown_fine(self) -> pd.DataFrame:
        return self.fine.loc[self.fine["shown"], CELL_KEYS]

    def shown_whole(self) -> pd.DataFrame:
        return self.whole.loc[self.whole["shown"], WHOLE_KEYS]


def reason_text(reason: object, policy: DisclosurePolicy) -> str:
    """A hidden cell's reason in words (SMALL, or a reason not known: "fewer than 10 answers")."""
    return REASONS.get(str(reason)) or policy.too_few("answers")


def blank_hidden(table: pd.DataFrame, columns: list[str], shown: pd.Series | np.ndarray) -> pd.DataFrame:
    """``table`` with ``columns`` (figures) blank (NA) on the rows that may not be shown."""
    hide = ~np.asarray(shown, dtype=bool)
    out = table.copy()
    for column in columns:
        if column in out:
            out[column] = pd.to_numeric(out[column]).astype("Float64").mask(hide)
    return out


def fine_cells(counts: SurveyCounts, codebook: pd.DataFrame) -> pd.DataFrame:
    """Answers on the scale and positive answers per fine cell (a missing group is NOT_STATED)."""
    answers = scored_counts(counts, codebook)
    weight = answers["n"].to_numpy(dtype=np.int64)
    work = answers[CELL_KEYS[:-1] + ["question_id"]].assign(
        group=answers["group"].astype("string").fillna(NOT_STATED),
        n=weight, positive=weight * answers["is_positive"].to_numpy())
    out = work.groupby(CELL_KEYS, dropna=False, sort=True, observed=True)[["n", "positive"]].sum().reset_index()
    return out[out["n"] > 0].reset_index(drop=True)


def publishable(counts: SurveyCounts, codebook: pd.DataFrame, policy: DisclosurePolicy) -> Publishable:
    """Every cell of ``counts`` with whether it may be shown (module docstring)."""
    min_size, protection = policy.min_size, policy.protection_points
    earlier = _earlier_cells(counts, codebook, min_size, protection)
    return _decide_cells(fine_cells(counts, codebook), earlier, min_size, protection)


def _earlier_cells(counts: SurveyCounts, codebook: pd.DataFrame, min_size: int, protection: float) -> pd.DataFrame:
    """The fine cells of every earlier published version (rule 4), each version decided
    knowing the ones before it: CELL_KEYS, n, positive, shown, reason."""
    decided = pd.DataFrame(columns=[*CELL_KEYS, "n", "positive", "shown", "reason"])
    versions = counts.earlier
    for version in sorted(versions["version"].unique()):
        part = SurveyCounts(versions[versions["version"] == version], counts.reach.iloc[0:0])
        fine = _decide_cells(fine_cells(part, codebook), decided, min_size, protection).fine
        decided = pd.concat([decided, fine], ignore_index=True) if len(decided) else fine
    return decided


def _decide_cells(fine: pd.DataFrame, earlier: pd.DataFrame, min_size: int, protection: float) -> Publishable:
    """Rules 1-4 for every (audience, wave, question) of ``fine``, knowing ``earlier``."""
    part = fine.groupby(WHOLE_KEYS, dropna=False, sort=True, observed=True).ngroup().to_numpy()
    order = np.argsort(part, kind="stable")
    bounds = np.flatnonzero(np.diff(part[order])) + 1
    n, positive = fine["n"].to_numpy(dtype=np.int64), fine["positive"].to_numpy(dtype=np.int64)
    names = fine["group"].astype(str).to_numpy()
    kept, known = _history(fine, earlier)
    shown, reasons, whole_reasons = np.ones(len(fine), dtype=bool), np.full(len(fine), None, dtype=object), []
    for rows in np.split(order, bounds) if len(order) else []:
        cell_shown, cell_reasons, whole_reason = _decide(n[rows], positive[rows], list(names[rows]), min_size,
                                                         protection, kept[rows], known[rows])
        shown[rows], reasons[rows] = cell_shown, cell_reasons
        whole_reasons.append(whole_reason)
    fine = fine.assign(shown=shown, reason=pd.array(reasons, dtype="string"))
    whole = fine.groupby(WHOLE_KEYS, dropna=False, sort=True, observed=True)[["n", "positive"]].sum().reset_index()
    whole["shown"] = [r is None for r in whole_reasons]
    whole["reason"] = pd.array(whole_reasons, dtype="string")
    return Publishable(fine, whole.astype({"shown": bool}))


def _history(fine: pd.DataFrame, earlier: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Per fine cell: the reason it was hidden in an earlier version (None: it was not), and
    whether an earlier version showed it with the same counts (rule 4)."""
    kept, known = np.full(len(fine), None, dtype=object), np.zeros(len(fine), dtype=bool)
    if earlier.empty or fine.empty:
        return kept, known
    group_keys = ["audience", "wave", "group", "question_id"]
    hidden = earlier.loc[~earlier["shown"].astype(bool), [*group_keys, "reason"]].drop_duplicates(group_keys)
    seen = earlier.loc[earlier["shown"].astype(bool), [*group_keys, "n", "positive"]].drop_duplicates()
    cells = fine[group_keys + ["n", "positive"]].astype({"n": "int64", "positive": "int64"})
    merged = cells.merge(hidden.astype({k: "string" for k in group_keys}), on=group_keys, how="left")
    kept = merged["reason"].astype(object).where(merged["reason"].notna(), None).to_numpy()
    seen = seen.astype({**{k: "string" for k in group_keys}, "n": "int64", "positive": "int64"})
    known = cells.merge(seen.assign(_seen=True), on=[*group_keys, "n", "positive"], how="left")["_seen"]
    return kept, known.fillna(False).astype(bool).to_numpy()


def _decide(n: np.ndarray, positive: np.ndarray, names: list[str], min_size: int, protection: float,
            kept: np.ndarray, known: np.ndarray) -> tuple[np.ndarray, list, str | None]:
    """One question of one wave: which groups' cells are shown, why the others are not,
    and why the whole-wave cell is hidden (None when it is shown). ``kept``: the reason a
    cell was hidden in an earlier version, or None; ``known``: shown unchanged before."""
    if n.sum() < min_size:
        return np.zeros(len(n), dtype=bool), [SMALL] * len(n), SMALL
    primary = n < min_size
    hidden = primary | (kept != None)                        # noqa: E711 - elementwise on objects
    reasons: list = [SMALL if p else EARLIER if k == SMALL else k for p, k in zip(primary, kept)]
    unknown = ~known
    order = [i for i in sorted(range(len(n)), key=lambda i: (n[i], names[i])) if unknown[i]]
    while (hidden & unknown).any() and not _size_safe(n[hidden & unknown], min_size):
        nxt = next((i for i in order if not hidden[i]), None)
        if nxt is None:
            break
        hidden[nxt], reasons[nxt] = True, COMPLEMENT
    while primary.any() and _narrowest(n, positive, hidden & unknown, primary) < protection:
        nxt = _best_complement(n, positive, hidden & unknown, primary, [i for i in order if not hidden[i]])
        if nxt is None:
            return np.zeros(len(n), dtype=bool), [PROTECT if not p else SMALL for p in primary], PROTECT
        hidden[nxt], reasons[nxt] = True, PROTECT
    return ~hidden, reasons, None


def _size_safe(hidden_n: np.ndarray, min_size: int) -> bool:
    return len(hidden_n) == 0 or (int((hidden_n > 0).sum()) >= 2 and hidden_n.sum() >= min_size)


def protection_widths(n: np.ndarray, positive: np.ndarray, hidden: np.ndarray) -> np.ndarray:
    """For each hidden cell, the width (points) of the range its % positive can be pinned to,
    knowing the hidden cells' total positives and every cell's size (Frechet bounds)."""
    total_n, total_k = n[hidden].sum(), positive[hidden].sum()
    upper = np.minimum(n, total_k)
    lower = np.maximum(0, total_k - (total_n - n))
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(n > 0, (upper - lower) / n * 100.0, np.inf)


def _narrowest(n, positive, hidden, primary) -> float:
    widths = protection_widths(n, positive, hidden)[primary & (n > 0)]
    return float(widths.min()) if len(widths) else np.inf


def _best_complement(n, positive, hidden, primary, order) -> int | None:
    """The shown group whose hiding widens the narrowest small cell's range most (ties: the smallest)."""
    best, best_width = None, -1.0
    for i in order:
        if hidden[i]:
            continue
        trial = hidden.copy()
        trial[i] = True
        width = _narrowest(n, positive, trial, primary)
        if width > best_width + 1e-9:
            best, best_width = i, width
    return best

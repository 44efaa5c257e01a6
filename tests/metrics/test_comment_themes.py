"""Comment themes: the codebook's matching, officers' corrections, counts and shares per wave
worked by hand, and the count disclosure rule attacked with linear programmes."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import linprog

from metrics.comment_themes import assign_themes, codebook_themes, theme_counts
from model.frames import COMMENTS, conform
from settings.comment_themes import NO_THEME, comment_codebook
from settings.disclosure import DisclosurePolicy

CODEBOOK = comment_codebook()
THEMES = CODEBOOK.keys()


def comments_frame(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    """rows: (comment_id, wave, text); the wave date is the wave's first day."""
    frame = pd.DataFrame(rows, columns=["comment_id", "wave", "text"])
    return conform(frame.assign(audience="staff", wave_date=frame["wave"] + "-01", group="", question_id="Q99",
                                question_text="Is there anything else you would like to tell us?"), COMMENTS)


@pytest.mark.parametrize("text", ["Workload is high", "Our workloads are huge", "Teams are stretched",
                                  "There is too much work", "We are understaffed", "WORKLOADS!"])
def test_the_workload_terms_match_their_forms(text):
    assert codebook_themes(text, CODEBOOK) == ["workload"]


@pytest.mark.parametrize("text", ["The repayment scheme is confusing", "Work is too much", "The paywall is down"])
def test_a_term_matches_whole_words_in_order_only(text):
    assert codebook_themes(text, CODEBOOK) == []


def test_a_comment_may_carry_several_themes_or_none():
    frame = comments_frame([("a", "2023-05", "Senior leaders never communicate and pay is low"),
                            ("b", "2023-05", "The canteen is nice")])
    out = assign_themes(frame, CODEBOOK)
    assert sorted(map(tuple, out[out["comment_id"] == "a"][["theme", "source"]].to_numpy())) == [
        ("communication", "codebook"), ("leadership_visibility", "codebook"), ("pay", "codebook")]
    assert out[out["comment_id"] == "b"][["theme", "source"]].to_numpy().tolist() == [[NO_THEME, "codebook"]]


def test_a_correction_replaces_the_codebook_themes_and_the_latest_one_wins():
    frame = comments_frame([("a", "2023-05", "Workloads are high"), ("b", "2023-05", "The canteen is nice"),
                            ("c", "2023-05", "Pay is low")])
    corrections = pd.DataFrame({
        "comment_id": ["a", "a", "b", "b", "c", "zz"],
        "theme": ["bullying", "pay", "hybrid_working", NO_THEME, NO_THEME, "pay"],
        "who": ["officer 1", "officer 1", "officer 2", "officer 2", "officer 1", "officer 1"],
        "when": ["2025-01-01", "2025-01-01", "2025-01-01", "2025-02-01", "2025-01-03", "2025-01-01"]})
    out = assign_themes(frame, CODEBOOK, corrections)
    got = {cid: sorted(zip(part["theme"], part["source"])) for cid, part in out.groupby("comment_id")}
    assert got == {"a": [("bullying", "correction"), ("pay", "correction")],     # workload replaced
                   "b": [(NO_THEME, "correction")],                               # 1 Feb beats 1 Jan
                   "c": [(NO_THEME, "correction")]}                               # no theme, said by an officer


# The hand-worked example. Threshold 3.
# 2023-05, 8 comments: workload a1 a2 a6 (3); leadership a3 a4 (2); communication a3 a4 a5 (3);
#   pay a6 (1); no theme a7 a8 (2); bullying, hybrid 0. Small: leadership, pay, no theme,
#   bullying, hybrid, holding 5 comments in 3 non-empty cells: enough. Shown: workload 3/8 =
#   37.5%, communication 3/8 = 37.5%.
# 2024-01, 7 comments: hybrid b1-b3 (3), workload b4-b6 (3), bullying b7 (1), the rest 0.
#   Hidden for size: bullying 1 and four zeros: one non-empty cell, so the total minus the
#   shown would be bullying's 1: the smallest shown cell, workload (3; ties in the codebook's
#   order), is hidden too. Shown: hybrid 3/7 = 42.857%.
WORKED = [("a1", "2023-05", "Workloads are high and teams are stretched"),
          ("a2", "2023-05", "Too much work and we are understaffed"),
          ("a3", "2023-05", "Senior leaders are never visible and communication is poor"),
          ("a4", "2023-05", "Communication from senior leaders has improved"),
          ("a5", "2023-05", "Better communication please"),
          ("a6", "2023-05", "The workload is fine but pay is low"),
          ("a7", "2023-05", "Nothing to add"),
          ("a8", "2023-05", "The canteen is good"),
          ("b1", "2024-01", "Hybrid working suits me"),
          ("b2", "2024-01", "Working from home helps a lot"),
          ("b3", "2024-01", "Flexible working is good"),
          ("b4", "2024-01", "Workload keeps growing"),
          ("b5", "2024-01", "We are short staffed"),
          ("b6", "2024-01", "Overworked again this year"),
          ("b7", "2024-01", "I was bullied by a manager")]


def test_counts_and_shares_of_the_hand_worked_example():
    frame = comments_frame(WORKED)
    counts = theme_counts(frame, assign_themes(frame, CODEBOOK), DisclosurePolicy(3, 20), CODEBOOK)
    shown = counts[counts["shown"]]
    assert {(r.wave, r.theme): (r.comments, r.wave_comments, round(r.share, 3)) for r in shown.itertuples()} == {
        ("2023-05", "workload"): (3, 8, 37.5), ("2023-05", "communication"): (3, 8, 37.5),
        ("2024-01", "hybrid_working"): (3, 7, 42.857)}
    assert list(counts["theme"][:7]) == THEMES                    # every theme, in the codebook's order
    hidden = counts[~counts["shown"]]
    assert hidden["comments"].isna().all() and hidden["share"].isna().all()
    why = dict(zip(hidden["wave"] + ":" + hidden["theme"], hidden["reason"]))
    assert why["2024-01:bullying"] == "fewer than 3 comments"
    assert why["2024-01:workload"] == "hidden so that a smaller count cannot be worked out by subtraction"
    # the hidden counts are those worked above
    themes = assign_themes(frame, CODEBOOK)
    first = themes[themes["comment_id"].str.startswith("a")]["theme"].value_counts()
    assert first.reindex(THEMES, fill_value=0).tolist() == [3, 2, 3, 0, 1, 0, 2]


def test_a_wave_under_the_threshold_shows_nothing_not_even_its_total():
    frame = comments_frame(WORKED[:8])
    counts = theme_counts(frame, assign_themes(frame, CODEBOOK), DisclosurePolicy(9, 20), CODEBOOK)
    assert not counts["shown"].any() and counts["wave_comments"].isna().all()


def _attack(sizes: np.ndarray, hidden: np.ndarray, small: np.ndarray, min_size: int, total: int) -> dict[int, tuple]:
    """The range of each small hidden cell for an attacker who knows the hidden cells' exact sum
    (as if they knew every overlap), that a small cell holds 0..min_size-1 and any other hidden
    cell min_size..total: linear programmes, rounded inwards to whole comments."""
    index = np.flatnonzero(hidden)
    bounds = [(0, min_size - 1) if small[i] else (min_size, total) for i in index]
    held = float(sizes[index].sum())
    out = {}
    for pos, i in enumerate(index):
        if not small[i]:
            continue
        goal = np.zeros(len(index))
        goal[pos] = 1.0
        low = linprog(goal, A_eq=[np.ones(len(index))], b_eq=[held], bounds=bounds)
        high = linprog(-goal, A_eq=[np.ones(len(index))], b_eq=[held], bounds=bounds)
        assert low.status == 0 and high.status == 0
        out[i] = (math.ceil(low.fun - 1e-9), math.floor(-high.fun + 1e-9))
    return out


@pytest.mark.parametrize("seed", range(40))
def test_no_hidden_count_can_be_worked_out_from_the_shown_ones_and_the_total(seed):
    rng = np.random.default_rng(seed)
    min_size = int(rng.integers(2, 8))
    rows, themes = [], []
    for w, wave in enumerate(["2022-09", "2023-05", "2024-01"]):
        n = int(rng.integers(0, 40))
        weights = rng.dirichlet(np.ones(len(THEMES) - 1) * 0.6)
        for i in range(n):
            cid = f"{wave}-{i}"
            rows.append((cid, wave, "text"))
            k = int(rng.choice([0, 1, 1, 2, 3]))                   # overlapping themes, or none
            picked = rng.choice(THEMES[:-1], size=k, replace=False, p=weights) if k else [NO_THEME]
            themes += [(cid, t) for t in picked]
    frame = comments_frame(rows)
    assignments = pd.DataFrame(themes, columns=["comment_id", "theme"])
    counts = theme_counts(frame, assignments, DisclosurePolicy(min_size, 20), CODEBOOK)
    for wave, part in counts.groupby("wave"):
        true = assignments[assignments["comment_id"].str.startswith(wave)]["theme"].value_counts()
        sizes = true.reindex(THEMES, fill_value=0).to_numpy()
        total = int((frame["wave"] == wave).sum())
        shown = part["shown"].to_numpy(dtype=bool)
        assert (part.loc[part["shown"], "comments"].to_numpy() == sizes[shown]).all()
        assert (sizes[shown] >= min_size).all()                     # no small count is shown
        if total < min_size:
            assert not shown.any() and part["wave_comments"].isna().all()
            continue
        if part["wave_comments"].isna().all():                       # the whole wave protected
            assert not shown.any()
            continue
        assert int(part["wave_comments"].iloc[0]) == total
        hidden, small = ~shown, sizes < min_size
        if hidden.any():
            assert (sizes[hidden] > 0).sum() >= 2 and sizes[hidden].sum() >= min_size
        for i, (low, high) in _attack(sizes, hidden, small, min_size, total).items():
            assert low <= sizes[i] <= high
            assert high > low, f"{wave} {THEMES[i]}: pinned to {low}"



"""Every page of both editions survives the survey data a council can upload.

No traceback, no exception and no "Something went wrong" because of data: each block that
meets missing, suppressed or degenerate data says so in words, and the rest of the page
still works. Generated cases (tests/disclosure/cases.py: small teams, groups of exactly
the threshold, sparse statements, one-question themes, corrections) and hand-made
degenerate ones (an all-suppressed wave, one wave only, a statement nobody answered, a
theme with one question, groups of exactly 10, a group not stated, a single group, no
survey at all) are written through the store, and page_sweep opens every page of every
edition on each, choosing every wave, theme and question of the survey pages once.
None of the folders has an action tracker, scrutiny scores or a partner survey, so
Overview, Governance, Scrutiny, Data and Partnership meet those missing too.

A quick profile runs in the normal suite: PAGE_CASES seeds, a fifth of them also with
published corrections (default below; set the environment variable for a long run, e.g.
PAGE_CASES=200). The last test prints the figures: cases, page runs, failures and the slowest run of each page.
"""
from __future__ import annotations

import json
import os
from collections import defaultdict

import pandas as pd
import pytest

from charts.change import change_bars
from charts.text import alt_text
from tests.disclosure.cases import generate, write_case
from tests.disclosure.profiles import corrected
from tests.disclosure.page_sweep import PageRun, hand_cases, open_page, page_words, slowest, sweep

DEFAULT_CASES = 25
SEEDS = range(int(os.environ.get("PAGE_CASES", DEFAULT_CASES)))
#: and one in five again with the corrections the store publishes (profiles.corrected), so
#: the pages also meet waves whose earlier published versions keep cells hidden
CORRECTED_SEEDS = range(max(1, len(SEEDS) // 5))
RUNS: list[PageRun] = []          # every run of this session, for the closing figures
HAND = dict(hand_cases())


def survives(folder, case: str) -> None:
    """Sweep ``folder``; fail naming the case, edition, page, choice and what went wrong."""
    runs = sweep(folder, case)
    RUNS.extend(runs)
    failed = [run.report() for run in runs if run.problems]
    assert not failed, f"{len(failed)} of {len(runs)} page runs failed:\n" + "\n".join(failed)


def test_change_bars_list_a_question_with_no_comparison_in_words():
    # the crash: a colour list with None for the question with no comparison
    table = pd.DataFrame({"question": ["Asked of 4 people", "Asked of many"], "pct_positive": [None, 61.0],
                          "change": [None, 6.0], "lower": [None, -4.0], "upper": [None, 16.0],
                          "verdict": [None, "within the noise"], "hidden_because": ["fewer than 10 answers", None],
                          "questions_used": [None, 3]})
    fig = change_bars(table, title="Change since the previous wave")
    colours = fig.data[0].marker.color
    assert None not in colours and len(colours) == 2
    words = [a.text.replace("<br>", " ") for a in fig.layout.annotations]
    assert words == ["+6 pts, within the noise", "no comparison this wave: fewer than 10 answers"]
    assert "1 question with no comparison" in alt_text(fig)
    json.loads(fig.to_json())


def test_change_bars_with_no_change_at_all_still_draw():
    table = pd.DataFrame({"question": ["A", "B"], "pct_positive": [40.0, None], "change": [None, None],
                          "lower": [None, None], "upper": [None, None], "verdict": [None, None]})
    fig = change_bars(table)
    assert None not in fig.data[0].marker.color
    assert alt_text(fig) == "No changes to show: 2 questions with no comparison."


def test_a_published_table_says_why_and_shows_only_named_columns():
    from ui import widgets

    statements = pd.DataFrame({"question": ["A", "B", "C"], "pct_positive": [None, 55.0, None],
                               "suppressed": [True, False, True], "questions_used": [0, 3, 0],
                               "hidden_because": ["fewer than 10 answers", None, None]})
    shown = widgets.published_table(statements, "fewer than 10 responses", {"question": "Statement",
                                                                      "pct_positive": "% positive"})
    assert list(shown.columns) == ["Statement", "% positive"]
    assert list(shown["% positive"]) == ["fewer than 10 answers", "55", "fewer than 10 responses"]


def test_a_statement_answered_by_four_people_leaves_staff_results_working(tmp_path):
    folder = write_case(HAND["a statement answered by 4 people in the latest wave"], tmp_path / "four")
    for edition in ("full", "staff"):
        at = open_page(folder, edition, "staff-results")
        assert not at.exception and not at.error, [e.value for e in [*at.exception, *at.error]]
        words = page_words(at)
        assert "no comparison this wave: fewer than 10 answers" in words, "the statement says why"
        assert "Answers to each statement" in words, "the rest of the page still works"


@pytest.mark.parametrize("seed", SEEDS)
def test_generated_case_every_page_survives(seed, tmp_path):
    survives(write_case(generate(seed), tmp_path / f"seed-{seed}"), f"seed {seed}")


@pytest.mark.parametrize("seed", CORRECTED_SEEDS)
def test_generated_case_with_published_corrections_every_page_survives(seed, tmp_path):
    survives(write_case(corrected(seed), tmp_path / f"corrected-{seed}"), f"corrected seed {seed}")


@pytest.mark.parametrize("name", list(HAND))
def test_degenerate_case_every_page_survives(name, tmp_path):
    survives(write_case(HAND[name], tmp_path / "case"), name)


#: (case, edition, page, words the page must say)
SAYS = [
    ("an all-suppressed latest wave", "staff", "staff-results", "All results of this wave are hidden: fewer than 10 answers"),
    ("an all-suppressed latest wave", "staff", "staff-results", "The last figure shown was"),
    ("an all-suppressed latest wave", "full", "culture", "All results of this wave are hidden: fewer than 10 answers"),
    ("an only wave, all suppressed", "full", "culture", "Every theme score so far is hidden"),
    ("one wave only", "full", "culture", "There is no earlier wave to compare with yet."),
    ("one wave only", "staff", "staff-results", "There is no earlier wave to compare with yet."),
    ("no survey uploaded yet", "full", "overview", "No survey results or action reports yet"),
    ("no survey uploaded yet", "staff", "staff-results", "No staff survey results yet."),
    ("no survey uploaded yet", "full", "governance", "No improvement plan actions yet"),
    ("no survey uploaded yet", "full", "scrutiny", "No scrutiny topic scores yet"),
    ("no survey uploaded yet", "full", "partnership", "No partnership actions in the latest tracker."),
    ("no survey uploaded yet", "full", "data", "No survey responses or tracker snapshots have been read yet"),
]


@pytest.mark.parametrize("name,edition,page,words", SAYS, ids=[f"{c}-{e}-{p}" for c, e, p, _ in SAYS])
def test_a_block_with_nothing_to_draw_says_why(name, edition, page, words, tmp_path):
    at = open_page(write_case(HAND[name], tmp_path / "case"), edition, page)
    assert not at.exception and not at.error
    assert words in page_words(at)


def test_closing_figures(capsys):
    """The figures of this session's sweeps: cases, page runs, failures, slowest pages."""
    if not RUNS:
        pytest.skip("no sweep ran in this session")
    by_case = defaultdict(list)
    for run in RUNS:
        by_case[run.case].append(run)
    worst = max(by_case, key=lambda case: max(r.seconds for r in by_case[case]))
    worst_run = max(by_case[worst], key=lambda r: r.seconds)
    lines = [f"page sweep: {len(by_case)} cases, {len(RUNS)} page runs, "
             f"{sum(bool(r.problems) for r in RUNS)} failed",
             *(f"  slowest {page}: {run.seconds:.2f} s ({run.case}, {run.edition} edition, {run.action})"
               for page, run in sorted(slowest(RUNS).items(), key=lambda item: -item[1].seconds)),
             f"  worst case: {worst}; its slowest page {worst_run.page} ({worst_run.edition} edition, "
             f"{worst_run.action}) took {worst_run.seconds:.2f} s"]
    with capsys.disabled():
        print("\n" + "\n".join(lines))

"""The directorate filter of Culture and Staff results (issue 16), against generated cases.

For each seed (cases.generate: small teams, groups of exactly 10, sparse statements,
one-question themes, unanimous teams, corrections, several waves), the case is written
through the store, and for every wave and every choice of the filter (all staff, then each
directorate) everything the filter shows is collected by the functions the pages call
(``metrics.published.group_views``, ``group_question_history``). Then, against the truth
(``publication.truth``: every fine cell's answers; the people of each group):

1. **Size.** Every number shown is from a group at or above the threshold: a head count only
   for a group of ``min_size`` people or more (and it is theirs); a statement's % positive
   only for a cell of ``min_size`` answers or more, of a group of ``min_size`` people or more,
   in a wave of ``min_size`` answers or more (and it is that cell's); a theme score only for
   a group of ``min_size`` in the theme. A figure not shown says why, in words; a group under
   the threshold says "fewer than 10 responses", never a number.
2. **Differencing against the all-staff figure.** For each wave and statement, the
   all-staff figure minus every directorate's figure shown under any choice leaves the
   hidden cells: none, or two or more non-empty groups of ``min_size`` answers in all, and
   each small hidden cell's % positive still spread over ``protection_points`` or more
   (the Frechet bounds an attacker who knows every count has). For the head counts, the
   wave's total (published with the response rate) minus every directorate shown: none, or
   two or more groups of ``min_size`` people in all.
3. **Across waves.** A directorate's history of one statement shows, wave by wave, exactly
   its figures of that wave's statements, so comparing waves adds nothing a wave hides.

``check`` takes the views function, so the same checks run on a naive filter (each
directorate's own % positive, hidden under 10 only), which they must catch; and the
linear-programming audit (attack.py, which now collects the filter's views too) must pin a
small team through the naive filter and not through the app's. DIRECTORATE_CASES=N runs
more seeds (default below).
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from assembly.bundle import load_bundle
from metrics.breakdowns import statement_results
from metrics.published import (GroupViews, group_choices, group_question_history, group_tables, group_views,
                               wave_dates)
from metrics.publishable import NOT_STATED
from settings.labels import survey_measure
from tests.disclosure.attack import attack_case, describe
from tests.disclosure.cases import WAVES, Case, Question, Upload, generate, write_case
from tests.disclosure.publication import Table, collect, group_theme_people, settings, truth

SEEDS = range(int(os.environ.get("DIRECTORATE_CASES", 12)))
SA, A, N, D, SD = "Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree"


def app_views(data, audience: str, group, date) -> GroupViews:
    """The app's views, as the page gets them (the group tables computed once per data)."""
    policy = settings().disclosure
    themes, people = tables(data, audience)
    return group_views(data.surveys, data.codebook, audience, group, policy, settings().confidence, wave_date=date,
                       themes=themes, people=people)


_TABLES: dict[tuple, tuple] = {}


def tables(data, audience: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    key = (id(data.surveys), audience)
    if key not in _TABLES or _TABLES[key][0] is not data.surveys:
        _TABLES[key] = (data.surveys, group_tables(data.surveys, data.codebook, audience, settings().disclosure))
    return _TABLES[key][1]


def naive_views(data, audience: str, group, date) -> GroupViews:
    """A careless filter: the group's own head count and % positive, hidden under min_size only."""
    min_size = settings().disclosure.min_size
    cells = truth(data)
    mine = cells[(cells["audience"] == audience) & (cells["wave_date"] == date) & (cells["group"] == group)]
    per_q = mine.groupby(["question_id", "question_text"])[["n", "pos"]].sum().reset_index()
    people = heads(data, audience).get((pd.Timestamp(date), group), 0)
    shown = per_q["n"] >= min_size
    table = pd.DataFrame({"question": per_q["question_text"], "question_id": per_q["question_id"],
                          "pct_positive": (100 * per_q["pos"] / per_q["n"]).round(1).where(shown),
                          "suppressed": ~shown, "hidden_because": np.where(shown, None, "fewer than 10 answers"),
                          "all_staff": np.nan})
    return GroupViews(group, pd.Timestamp(date), people if people >= min_size else None,
                      None if people >= min_size else "fewer than 10 responses", pd.DataFrame(), table)


def heads(data, audience: str) -> dict[tuple, int]:
    """(wave date, group) -> people who responded (a group not stated is NOT_STATED)."""
    people = data.surveys.where(audience=audience).with_group(NOT_STATED).people(["wave_date", "group"])
    return {(pd.Timestamp(d), g): int(n) for d, g, n in people.itertuples(index=False)}


def frechet_width(n: np.ndarray, positive: np.ndarray, i: int) -> float:
    """Points an attacker who knows every count and the hidden cells' total positives is left
    with for hidden cell ``i``'s % positive."""
    total_n, total_k = n.sum(), positive.sum()
    upper, lower = min(n[i], total_k), max(0, total_k - (total_n - n[i]))
    return (upper - lower) / n[i] * 100.0


def check(data, views=app_views, audience: str = "staff") -> list[str]:
    """Every breach of the module docstring's rules by what ``views`` shows, in words."""
    policy = settings().disclosure
    min_size, too_few = policy.min_size, f"fewer than {policy.min_size} "
    cells = truth(data)
    cells = cells[cells["audience"] == audience]
    people = heads(data, audience)
    theme_n = {(w, g, t): int(n) for _, w, g, t, n in group_theme_people(data).itertuples(index=False)}
    wave_of = dict(zip(pd.to_datetime(cells["wave_date"]), cells["wave"]))
    asked = cells["theme"].dropna().unique()       # a trend's series names its theme, however worded
    theme_of = {**{t.capitalize(): t for t in asked}, **{survey_measure(audience, t): t for t in asked}}
    problems: list[str] = []
    shown_cells: dict[tuple, float] = {}          # (date, group, question) -> % positive shown
    shown_heads: dict[tuple, int] = {}
    for date in wave_dates(data.surveys, audience):
        wave = cells[cells["wave_date"] == date]
        whole = wave.groupby("question_id")[["n", "pos"]].sum()
        for group in [None, *group_choices(data.surveys, audience)]:
            where = f"{date:%Y-%m} {group or 'all staff'}"
            got = views(data, audience, group, date)
            n_people = sum(v for (d, _), v in people.items() if d == date) if group is None \
                else people.get((date, group), 0)
            if got.respondents is not None:
                if n_people < min_size or got.respondents != n_people:
                    problems.append(f"{where}: head count {got.respondents} shown for {n_people} people")
                if group is not None:
                    shown_heads[(date, group)] = got.respondents
            elif n_people < min_size and not str(got.hidden_because or "").startswith(too_few):
                problems.append(f"{where}: {n_people} people and the page does not say too few: {got.hidden_because}")
            if group is None:
                continue
            for row in got.statements.itertuples(index=False):
                mine = wave[(wave["group"] == group) & (wave["question_id"] == row.question_id)]
                n, pos = int(mine["n"].sum()), int(mine["pos"].sum())
                everyone = whole.loc[row.question_id] if row.question_id in whole.index else None
                if pd.notna(row.all_staff) and (everyone is None or everyone["n"] < min_size or
                                                abs(row.all_staff - round(100 * everyone["pos"] / everyone["n"], 1)) > 1e-6):
                    problems.append(f"{where} {row.question_id}: all-staff figure {row.all_staff} is not a shown one")
                if pd.isna(row.pct_positive):
                    if not (isinstance(row.hidden_because, str) and row.hidden_because):
                        problems.append(f"{where} {row.question_id}: hidden without saying why")
                    elif (n < min_size or n_people < min_size) and not row.hidden_because.startswith(too_few):
                        problems.append(f"{where} {row.question_id}: {n} answers, but says {row.hidden_because!r}")
                    continue
                if n < min_size or n_people < min_size or everyone is None or everyone["n"] < min_size:
                    problems.append(f"{where} {row.question_id}: {row.pct_positive}% shown for a cell of {n} answers "
                                    f"in a group of {n_people}")
                elif abs(row.pct_positive - round(100 * pos / n, 1)) > 1e-6:
                    problems.append(f"{where} {row.question_id}: {row.pct_positive}% is not the cell's figure")
                shown_cells[(date, group, row.question_id)] = row.pct_positive
            for row in got.trend.itertuples(index=False) if len(got.trend) else []:
                key = (wave_of.get(pd.Timestamp(row.date)), group, theme_of.get(row.series, row.series))
                if pd.notna(row.value) and theme_n.get(key, 0) < min_size:
                    problems.append(f"{where}: {row.series} {row.date:%Y-%m} shown for {theme_n.get(key, 0)} people")
        everyone = statement_results(data.surveys.where(audience=audience, wave_date=date), data.codebook, policy)
        published = set(everyone.loc[everyone["pct_positive"].notna(), "question_id"])
        problems += differencing(wave[wave["question_id"].isin(published)], date, shown_cells, min_size,
                                 policy.protection_points)
        problems += head_differencing(people, date, shown_heads, min_size)
    return problems


def differencing(wave: pd.DataFrame, date, shown: dict, min_size: int, protection: float) -> list[str]:
    """All staff minus every directorate shown, statement by statement (rule 2), for the
    statements whose all-staff figure is shown (``wave``'s cells of those)."""
    problems = []
    for qid, part in wave.groupby("question_id"):
        by_group = part.groupby("group")[["n", "pos"]].sum()
        by_group = by_group[by_group["n"] > 0]
        if by_group["n"].sum() < min_size:
            continue                               # the all-staff figure is hidden too
        hidden = by_group[[(date, g, qid) not in shown for g in by_group.index]]
        if hidden.empty:
            continue
        if len(hidden) < 2 or hidden["n"].sum() < min_size:
            problems.append(f"{date:%Y-%m} {qid}: all staff minus the directorates shown leaves "
                            f"{ {g: int(v) for g, v in hidden['n'].items()} }")
            continue
        n, positive = hidden["n"].to_numpy(), hidden["pos"].to_numpy()
        for i, group in enumerate(hidden.index):
            if n[i] < min_size and frechet_width(n, positive, i) < protection - 1e-9:
                problems.append(f"{date:%Y-%m} {qid}: {group} ({n[i]} answers) pinned to "
                                f"{frechet_width(n, positive, i):.1f} points by subtraction")
    return problems


def head_differencing(people: dict, date, shown: dict, min_size: int) -> list[str]:
    """The wave's total head count minus every directorate's shown (rule 2, for counts)."""
    groups = {g: n for (d, g), n in people.items() if d == date and n > 0}
    hidden = {g: n for g, n in groups.items() if (date, g) not in shown}
    if sum(groups.values()) < min_size or not hidden:
        return []
    if len(hidden) < 2 or sum(hidden.values()) < min_size:
        return [f"{date:%Y-%m}: the total head count minus the directorates shown leaves {hidden}"]
    return []


def history_problems(data, audience: str = "staff") -> list[str]:
    """Rule 3: each directorate's statement history is its statements' figures, wave by wave."""
    policy, problems = settings().disclosure, []
    dates = wave_dates(data.surveys, audience)
    asked = sorted(data.surveys.answers.loc[data.surveys.answers["audience"] == audience, "question_id"].unique())
    for group in group_choices(data.surveys, audience):
        statements = {d: app_views(data, audience, group, d).statements.set_index("question_id") for d in dates}
        for qid in asked:
            history, _ = group_question_history(data.surveys, data.codebook, audience, group, qid, policy,
                                                people=tables(data, audience)[1])
            for row in history.itertuples(index=False):
                table = statements[pd.Timestamp(row.date)]
                same = table.loc[qid, "pct_positive"] if qid in table.index else pd.NA
                if not (pd.isna(row.value) and pd.isna(same)) and not (pd.notna(same) and row.value == same):
                    problems.append(f"{group} {qid} {row.date:%Y-%m}: history {row.value}, statements {same}")
                if pd.isna(row.value) and not (isinstance(row.hidden_because, str) and row.hidden_because):
                    problems.append(f"{group} {qid} {row.date:%Y-%m}: hidden without saying why")
    return problems


@pytest.mark.parametrize("seed", SEEDS)
def test_every_directorate_choice_publishes_only_safe_numbers(seed, tmp_path):
    data = load_bundle(write_case(generate(seed), tmp_path / "data"))
    if data.surveys.empty:
        pytest.skip("every upload of this case was refused")
    problems = check(data) + history_problems(data)
    assert not problems, f"seed {seed}:\n" + "\n".join(problems)


def members(prefix: str, group: str, answers: dict[str, list[str]]) -> list[dict]:
    size = max(len(a) for a in answers.values())
    return [{"id": f"{prefix}-{i}", "group": group, **{q: (a[i] if i < len(a) else "") for q, a in answers.items()}}
            for i in range(size)]


def small_team_case() -> Case:
    """A team of 4 who all agreed beside teams of 12 and 30: the filter shows the 12 and the 30,
    the all-staff figure is shown, so a naive filter gives the 4 away by subtraction."""
    wave, date = WAVES[0]
    rows = (members("a", "Directorate A", {"Q1": [SA, SA, A, A]})
            + members("b", "Directorate B", {"Q1": [SA, A, N, D, SD, D] * 2})
            + members("c", "Directorate C", {"Q1": [SA, A, N, D, SD] * 6}))
    return Case(9101, [Question("Q1", "culture", False, ("Statement Q1 about culture",))],
                [Upload("staff", wave, date, rows)])


def test_the_checks_catch_a_naive_filter_and_pass_the_apps():
    with tempfile.TemporaryDirectory(prefix="directorate-") as tmp:
        data = load_bundle(write_case(small_team_case(), Path(tmp) / "data"))
        naive = check(data, naive_views)
        assert any("all staff minus the directorates shown leaves {'Directorate A': 4}" in p for p in naive), naive
        assert any("total head count minus the directorates shown leaves {'Directorate A': 4}" in p for p in naive)
        assert check(data) == [] and history_problems(data) == []
        legal = app_views(data, "staff", "Directorate A", pd.Timestamp(WAVES[0][1]))
        assert legal.respondents is None and legal.hidden_because == "fewer than 10 responses"
        assert legal.statements["pct_positive"].isna().all()
        everyone = statement_results(data.surveys, data.codebook, settings().disclosure)
        assert everyone["pct_positive"].notna().all(), "the all-staff figure is shown: the attack is real"


def naive_collector(data) -> list[Table]:
    """The app's publication with the naive filter's statements in place of its own."""
    tables = [t for t in collect(data) if t.group is None]
    for date in wave_dates(data.surveys, "staff"):
        for group in group_choices(data.surveys, "staff"):
            tables.append(Table("statements", "staff", date, naive_views(data, "staff", group, date).statements,
                                group=group, source=f"naive filter({group})"))
    return tables


def test_the_audit_pins_the_small_team_through_a_naive_filter_and_not_through_the_apps():
    """attack.py's linear programme, given everything the pages publish: the naive filter's
    B and C with the all-staff figure pin A's 100% exactly; the app's filter leaves it open."""
    targets, _ = attack_case(small_team_case(), publish=naive_collector)
    leak = [t for t in targets if t.kind == "fine" and "Directorate A" in t.label]
    assert leak and leak[0].width < 1 and leak[0].true == pytest.approx(100.0)
    targets, _ = attack_case(small_team_case())
    open_ = [t for t in targets if t.width < settings().disclosure.protection_points - 1e-6]
    assert not open_, "\n".join(describe(t) for t in open_)
    assert any(t.source.startswith("group_views") for t in collect_tables(small_team_case())), \
        "the app's publication includes the filter's views"


def collect_tables(case: Case) -> list[Table]:
    with tempfile.TemporaryDirectory(prefix="directorate-") as tmp:
        return collect(load_bundle(write_case(case, Path(tmp) / "data")))

"""An automated differencing attack on everything the survey pages publish.

For each audience and each wave the pages can show (the wave selector is their filter),
collect what metrics.published returns: the theme trend (whole-audience n per theme and
wave), the questions that moved, the statements, the theme drill-downs and the group x
theme table. Every hidden group cell is an unknown; every published total gives a linear
equation (parent total = sum over groups); the attacker also assumes each respondent
answered every theme (so a group's n is the same in every theme) and, for a theme with
one question, that the group's positives add up to the published positives. A hidden
cell is RECOVERED when it is fixed by those equations (its unit vector lies in their row
space). The test fails if any is recovered: on the sample data and on seeded random data.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from assembly.bundle import load_bundle
from model.frames import AGREEMENT_SCALE, CODEBOOK, SURVEY_RESPONSES, conform
from metrics.disclosure import suppress_small_groups
from metrics.published import survey_views, theme_drill, wave_dates
from metrics.survey import question_lookup
from model.survey_counts import SurveyCounts, count_responses
from settings.disclosure import DisclosurePolicy

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
MIN_SIZE = 10
POLICY = DisclosurePolicy(MIN_SIZE, protection_points=20)


class Attack:
    """Linear equations over hidden cells; ``recovered`` lists the cells they pin down."""

    def __init__(self):
        self.index: dict[tuple, int] = {}
        self.rows: list[dict[int, float]] = []
        self.shown: dict[tuple, float] = {}

    def var(self, key: tuple) -> int:
        return self.index.setdefault(key, len(self.index))

    def equation(self, total: float | None, cells: list[tuple]) -> None:
        """total = sum of cells; shown cells are moved to the left-hand side."""
        if total is None or pd.isna(total):
            return
        row = {}
        for cell in cells:
            if cell not in self.shown:
                row[self.var(cell)] = row.get(self.var(cell), 0) + 1.0
        if row:
            self.rows.append(row)

    def equal(self, a: tuple, b: tuple) -> None:
        if a in self.shown or b in self.shown or a == b:
            return
        self.rows.append({self.var(a): 1.0, self.var(b): -1.0})

    def recovered(self) -> list[tuple]:
        if not self.index:
            return []
        matrix = np.zeros((len(self.rows), len(self.index)))
        for r, row in enumerate(self.rows):
            for c, v in row.items():
                matrix[r, c] = v
        rank = np.linalg.matrix_rank(matrix) if len(self.rows) else 0
        out = []
        for key, i in self.index.items():
            unit = np.zeros((1, len(self.index)))
            unit[0, i] = 1.0
            if np.linalg.matrix_rank(np.vstack([matrix, unit]) if len(self.rows) else unit) == rank:
                out.append(key)
        return out


def attack_published(counts: SurveyCounts, codebook: pd.DataFrame, audience: str,
                     policy: DisclosurePolicy = POLICY) -> list[tuple]:
    """Run the attack on what the pages publish for one audience; the recovered cells."""
    attack = Attack()
    lookup = question_lookup(codebook)
    single = {t: ids.iloc[0] for t, ids in lookup.groupby("theme")["question_id"] if len(ids) == 1}
    for date in wave_dates(counts, audience):
        views = survey_views(counts, codebook, audience, policy, wave_date=date)
        groups = views.groups
        assert not groups.empty
        wave = groups["wave"].iloc[0]
        names = sorted(groups["group"].unique())
        for row in groups.itertuples():
            if not row.suppressed:
                attack.shown[("n", wave, row.theme, row.group)] = float(row.n_respondents)
                if pd.notna(row.score):
                    attack.shown[("pos", wave, row.theme, row.group)] = float(row.score) * float(row.n_respondents)
        trend = views.trend[views.trend["date"] == date]
        for row in trend.itertuples():
            theme = row.series.lower()
            attack.equation(row.n, [("n", wave, theme, g) for g in names])
        statements = views.statements
        for theme in views.themes:
            drill = theme_drill(counts, codebook, audience, theme, date, policy)
            if theme in single:
                for table in (statements, drill):
                    wording = counts.answers.loc[(counts.answers["question_id"] == single[theme])
                                                 & (counts.answers["wave_date"] == date), "question_text"]
                    for row in table[table["question"].isin(set(wording))].itertuples():
                        attack.equation(row.n_respondents, [("n", wave, theme, g) for g in names])
                        if pd.notna(row.pct_positive):
                            attack.equation(row.pct_positive * row.n_respondents,
                                            [("pos", wave, theme, g) for g in names])
        for g in names:
            for a, b in zip(views.themes, views.themes[1:]):
                attack.equal(("n", wave, a, g), ("n", wave, b, g))
        latest = views.moved
        if date == wave_dates(counts, audience)[0]:
            for theme, qid in single.items():
                for row in latest[latest["question_id"] == qid].itertuples():
                    attack.equation(row.n_respondents, [("n", wave, theme, g) for g in names])
    return attack.recovered()


@pytest.fixture(scope="module")
def sample():
    return load_bundle(SAMPLE)


@pytest.mark.parametrize("audience", ["staff", "partner"])
def test_sample_pages_leak_no_hidden_cell(sample, audience):
    assert attack_published(sample.surveys, sample.codebook, audience) == []


def test_sample_has_hidden_cells_to_attack(sample):
    views = survey_views(sample.surveys, sample.codebook, "partner", POLICY)
    assert views.groups["suppressed"].sum() >= 4


def random_survey(seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Seeded random responses: 3 waves, 3-12 groups of 0-25 people, skipped questions."""
    rng = np.random.default_rng(seed)
    themes = {"culture": ["C1", "C2", "C3"][: rng.integers(1, 4)], "governance": ["G1"]}
    book = conform(pd.DataFrame([{"question_id": q, "wording": q, "waves": "", "theme": t, "negative": q == "C2"}
                                 for t, qs in themes.items() for q in qs]), CODEBOOK)
    rows = []
    for w, date in enumerate(["2023-01-10", "2023-06-10", "2024-01-10"]):
        n_groups = int(rng.integers(3, 13))
        for g in range(n_groups):
            size = int(rng.choice([0, 1, 2, 3, 5, 8, 9, 10, 11, 14, 20, 25]))
            group = None if g == 0 and rng.random() < 0.3 else f"G{g:02d}"
            for r in range(size):
                for qs in themes.values():
                    for q in qs:
                        if rng.random() < 0.08:
                            continue
                        rows.append({"audience": "staff", "wave": date[:7], "wave_date": date,
                                     "respondent": f"{w}-{g}-{r}", "group": group, "question_id": q,
                                     "question_text": q, "answer": AGREEMENT_SCALE[int(rng.integers(0, 5))]})
    return conform(pd.DataFrame(rows), SURVEY_RESPONSES), book


@pytest.mark.parametrize("seed", range(12))
def test_random_stress_no_hidden_cell_recovered(seed):
    responses, book = random_survey(seed)
    assert attack_published(count_responses(responses), book, "staff") == []


def test_the_attack_has_teeth():
    """Primary suppression alone is beaten: parent minus shown gives the hidden group."""
    table = pd.DataFrame({"wave": "w", "theme": "t", "group": ["A", "B", "C"], "n_respondents": [4, 20, 30]})
    naive = table.assign(suppressed=table["n_respondents"] < MIN_SIZE)
    attack = Attack()
    for row in naive.itertuples():
        if not row.suppressed:
            attack.shown[("n", "w", "t", row.group)] = row.n_respondents
    attack.equation(54, [("n", "w", "t", g) for g in "ABC"])
    assert attack.recovered() == [("n", "w", "t", "A")]
    safe = suppress_small_groups(table, policy=POLICY, partition=["wave", "theme"])
    attack = Attack()
    for row in safe.itertuples():
        if not row.suppressed:
            attack.shown[("n", "w", "t", row.group)] = row.n_respondents
    attack.equation(54, [("n", "w", "t", g) for g in "ABC"])
    assert attack.recovered() == []

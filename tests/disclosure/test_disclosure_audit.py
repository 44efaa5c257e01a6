"""The adversarial audit of what the survey pages publish (tests/disclosure/attack.py).

First that the audit has teeth: hand-built cases that a naive publication leaks (a theme
score that averages in a statement answered by 4 people; a correction that drops a team of
5), fed through the same LP, must be found; a hidden pair of teams must not be. The naive
publication is a tiny function here, so these tests prove the attack whatever the app's
code does. Then the audit of the app itself: over a quick profile of generated cases, no
sensitive cell may be narrowed to fewer than ``protection_points`` (DISCLOSURE_CASES=N
overrides the number of cases; ``python -m tests.disclosure.attack --cases 200`` is the
long run). That test fails, loudly, with the seed, the cell and its interval, for as long
as the app publishes something that pins a hidden figure.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd
import pytest

from assembly.bundle import load_bundle
from settings.labels import survey_measure
from tests.disclosure.attack import KINDS, attack_case, audit, describe
from tests.disclosure.cases import WAVES, Case, Question, Upload, generate, replay, start_folder, upload
from tests.disclosure.lp import Expr, Model, ModelError
from tests.disclosure.publication import ANSWERS, NOT_STATED, Table, group_theme_people, settings, truth
from tests.disclosure.readers import used_questions

SA, A, N, D, SD = "Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree"
QUICK_CASES = 9           # 9 plain + 3 corrected cases: about 55 s on this machine alone


def naive_publication(data) -> list[Table]:
    """What a careless dashboard would publish: each statement over the whole wave (hidden
    under min_size answers), each theme score as the mean of EVERY question of the theme,
    and the group x theme table hiding small groups only (no complements), all to 1 dp."""
    min_size, cells, people = settings().disclosure.min_size, truth(data), group_theme_people(data)
    tables = []
    for (audience, date), wave in cells.groupby(["audience", "wave_date"]):
        by_q = wave.groupby("question_text")[["n", "pos", "neu", "neg"]].sum().reset_index()
        shown = by_q["n"] >= min_size
        statements = pd.DataFrame({"question": by_q["question_text"], "n_respondents": by_q["n"],
                                   "suppressed": ~shown})
        for part in ("pos", "neu", "neg"):
            column = {"pos": "pct_positive", "neu": "pct_neutral", "neg": "pct_negative"}[part]
            statements[column] = (100 * by_q[part] / by_q["n"]).round(1).where(shown)
        tables.append(Table("statements", audience, date, statements, source="naive statements"))
        trend = [{"series": survey_measure(audience, theme), "date": date, "value": _score(part)}
                 for theme, part in wave.groupby("theme")]
        tables.append(Table("trend", audience, None, pd.DataFrame(trend), source="naive trend"))
        rows = []
        for (group, theme), part in wave.groupby(["group", "theme"]):
            match = people[(people["wave"] == part.iloc[0].wave) & (people["group"] == group)
                           & (people["theme"] == theme)]
            small = int(match["n_respondents"].sum()) < min_size
            rows.append({"wave": part.iloc[0].wave, "group": group, "theme": theme,
                         "score": None if small else _score(part), "suppressed": small})
        tables.append(Table("groups", audience, date, pd.DataFrame(rows), source="naive groups"))
    return tables


def _score(cells: pd.DataFrame) -> float:
    per_q = cells.groupby("question_id")[["pos", "n"]].sum()
    return round(float((100 * per_q["pos"] / per_q["n"]).mean()), 1)


def members(prefix: str, group: str, answers: dict[str, list[str]]) -> list[dict]:
    """People of one team: ``answers[qid][i]`` is person i's answer ("" = not answered)."""
    size = max(len(a) for a in answers.values())
    return [{"id": f"{prefix}-{i}", "group": group, **{q: (a[i] if i < len(a) else "") for q, a in answers.items()}}
            for i in range(size)]


def culture(*ids: str) -> list[Question]:
    return [Question(q, "culture", False, (f"Statement {q} about culture",)) for q in ids]


def found(targets, kind: str, text: str) -> list:
    return [t for t in targets if t.kind == kind and text in t.label]


def unprotected(targets) -> list:
    return [t for t in targets if t.width < settings().disclosure.protection_points - 1e-6]


def hidden_statement_case() -> Case:
    """A theme of 3 statements, the third answered by 4 people (3 of them positive)."""
    mixed = [SA, A, N, D, SD] * 3
    wave, date = WAVES[0]
    rows = (members("a", "Directorate A", {"Q1": mixed, "Q2": mixed[::-1], "Q3": [A, SA]})
            + members("b", "Directorate B", {"Q1": mixed[1:] + [A], "Q2": mixed, "Q3": [D, A]}))
    return Case(9001, culture("Q1", "Q2", "Q3"), [Upload("staff", wave, date, rows)])


def dropped_team_case() -> Case:
    """A wave of teams of 5, 12 and 20, then a correction that drops the team of 5."""
    wave, date = WAVES[0]
    team = members("t", "Directorate T", {"Q1": [SA, SA, A, A, D], "Q2": [SA, SA, SA, SA, SA]})
    rest = (members("b", "Directorate B", {"Q1": [SA, A, N, D, SD, A] * 2, "Q2": [N, D, SD, A] * 3})
            + members("c", "Directorate C", {"Q1": [D, SD, N, A] * 5, "Q2": [A, N, D, SA, SD] * 4}))
    return Case(9002, culture("Q1", "Q2"), [Upload("staff", wave, date, team + rest),
                                            Upload("staff", wave, date, rest, note="correction: drop")])


def hidden_pair_case() -> Case:
    """Two small teams (4 and 7 people, mixed answers) beside a team of 30."""
    wave, date = WAVES[0]
    rows = (members("a", "Directorate A", {"Q1": [SA, D, A, SD]})
            + members("b", "Directorate B", {"Q1": [D, A, N, SA, SD, D, A]})
            + members("c", "Directorate C", {"Q1": [SA, A, N, D, SD] * 6}))
    return Case(9003, culture("Q1"), [Upload("staff", wave, date, rows)])


def complement_swap_case() -> Case:
    """Teams of 12, 15 and 4; a correction drops the team of 12 (every cell of it 12 answers,
    so the store publishes it). The team of 4 is hidden in both versions, but with the 12 as
    its complement in the first and the unchanged 15 in the second: the first version's
    15, shown, splits the second's hidden pair."""
    wave, date = WAVES[0]
    big = members("a", "Directorate A", {"Q1": [SA, A, N, D, SD, A] * 2, "Q2": [A, N, D, SA, SD, D] * 2})
    rest = (members("b", "Directorate B", {"Q1": [D, SD, N, A, SA] * 3, "Q2": [N, D, SD, A, A] * 3})
            + members("c", "Directorate C", {"Q1": [SA, SA, A, D], "Q2": [SA, A, A, SA]}))
    return Case(9004, culture("Q1", "Q2"), [Upload("staff", wave, date, big + rest),
                                            Upload("staff", wave, date, rest, note="correction: drop")])


def naive_replay(case: Case, folder: Path):
    """The history as a dashboard without revision control publishes it: after each upload,
    the latest upload of each wave (a fresh folder each time, so no store holds one back)."""
    for number in range(1, len(case.uploads) + 1):
        latest = {u.wave: u for u in case.uploads[:number]}
        start_folder(case, folder)
        for index, item in enumerate(latest.values()):
            upload(case, folder, item, index)
        yield folder


def test_a_theme_score_over_a_hidden_statement_pins_it():
    """The hidden statement of 4 people is averaged into the published theme score, so
    score x 3 minus the two shown statements pins it."""
    targets, _ = attack_case(hidden_statement_case(), publish=naive_publication)
    leak = found(unprotected(targets), "whole-wave", "whole wave x Q3")
    assert leak, "the audit missed a statement of 4 people averaged into a published theme score"
    assert leak[0].true == pytest.approx(75.0) and leak[0].low <= 75.0 <= leak[0].high and leak[0].width < 1


def test_a_correction_dropping_a_team_of_five_reveals_the_team():
    """Both versions of the wave published: their statements differ by exactly the dropped
    team's answers, so the delta's % positive is pinned (and, with no complement hidden,
    the team's cells already were)."""
    targets, _ = attack_case(dropped_team_case(), publish=naive_publication, replayer=naive_replay)
    leaks = {t.label.split(": ")[1].split(" (")[0]: t for t in found(unprotected(targets), "version-delta", "")}
    assert set(leaks) >= {"whole wave x Q1", "whole wave x Q2", "Directorate T x Q1", "Directorate T x Q2"}
    assert leaks["whole wave x Q1"].true == pytest.approx(80.0) and leaks["whole wave x Q1"].width < 1
    assert leaks["whole wave x Q2"].low == pytest.approx(100.0, abs=1e-6)
    assert found(unprotected(targets), "group-theme", "Directorate T x culture")


def test_a_hidden_pair_of_teams_with_mixed_answers_stays_protected():
    """The whole wave minus the big team gives only the two small teams' sum, which leaves
    each team's % positive wide open: the audit does not cry wolf."""
    targets, _ = attack_case(hidden_pair_case(), publish=naive_publication)
    small = [t for t in targets if t.kind in ("fine", "group-theme")]
    assert len(small) == 4 and not unprotected(targets), [describe(t) for t in unprotected(targets)]


@pytest.mark.parametrize("make", [hidden_statement_case, dropped_team_case, hidden_pair_case, complement_swap_case])
def test_the_apps_pages_leak_none_of_the_hand_built_cases(make):
    """The same cases, published by the app's own functions through its store."""
    targets, _ = attack_case(make())
    if unprotected(targets):
        pytest.fail("\n".join(describe(t) for t in unprotected(targets)), pytrace=False)


def test_a_published_number_the_truth_breaks_fails_loudly():
    """The model checks the truth against every constraint it is given: a misread published
    number is a ModelError, never a silently wrong interval."""
    model = Model()
    cell = pd.DataFrame([{"audience": "staff", "wave": "w", "group": "g", "question_id": "Q", "question_text": "q",
                          "n": 4, "pos": 1, "neu": 1, "fingerprint": "f", "version": "v"}])
    cells = model.register(cell)
    model.rounded(model.pct(cells), 25.0, 1, "right")
    with pytest.raises(ModelError, match="wrong"):
        model.rounded(model.pct(cells), 50.0, 1, "wrong")
    assert isinstance(model.pct(cells), Expr)


def test_theme_scores_average_the_questions_the_app_says_it_used():
    """Today every answered question; a questions_used list is taken as it is; a count is
    checked against the cells the app shows."""
    row = pd.Series({"score": 50.0})
    assert used_questions(row, ["Q1", "Q2"], set) == ["Q1", "Q2"]
    assert used_questions(pd.Series({"questions_used": ["Q2"]}), ["Q1", "Q2"], set) == ["Q2"]
    assert used_questions(pd.Series({"questions_used": 2}), ["Q1", "Q2"], set) == ["Q1", "Q2"]
    assert used_questions(pd.Series({"questions_used": 1}), ["Q1", "Q2"], lambda: {"Q1"}) == ["Q1"]
    with pytest.raises(ModelError):
        used_questions(pd.Series({"questions_used": 1}), ["Q1", "Q2"], lambda: {"Q1", "Q2"})


def test_the_audit_truth_is_an_upload_the_council_sent():
    """The audit's truth (the bundle's counts) is, for each wave and state, the case's own rows
    of one upload of that wave sent so far: the latest, unless the bundle warns that the
    store held it back."""
    case = generate(3)
    with tempfile.TemporaryDirectory(prefix="disclosure-truth-") as tmp:
        for number, folder in enumerate(replay(case, Path(tmp) / "data"), start=1):
            data = load_bundle(folder)
            got = truth(data).groupby(["wave", "group", "question_id"])[ANSWERS].sum().sum(axis=1)
            sent = [(i, u) for i, u in enumerate(case.uploads[:number])]
            for wave in {u.wave for _, u in sent}:
                mine = {k[1:]: v for k, v in got.to_dict().items() if k[0] == wave}
                versions = [(i, _counts(case, u)) for i, u in sent if u.wave == wave]
                matches = [i for i, counts in versions if counts == mine]
                assert matches, f"upload {number}: wave {wave} is none of the uploads sent"
                latest = versions[-1][0]
                warned = data.findings["file"].astype(str).str.contains(f"_v{latest}.csv", regex=False).any()
                assert matches[-1] == latest or warned, f"upload {number}: wave {wave} shows an older upload"


def _counts(case: Case, item: Upload) -> dict:
    out: dict = {}
    for row in item.rows:
        for q in case.questions:
            if row[q.question_id]:
                key = (row["group"] or NOT_STATED, q.question_id)
                out[key] = out.get(key, 0) + 1
    return out


def test_generated_cases_leave_no_cell_unprotected():
    """The app's pages, audited over generated cases (seeds 0..N-1, and the first N/3 of them
    with corrections the store publishes, profiles.py): no sensitive cell narrowed to fewer
    than protection_points. Fails with the seed, the cell and the interval of each leak."""
    n = int(os.environ.get("DISCLOSURE_CASES", QUICK_CASES))
    reports = {"plain": audit(range(n)), "corrected": audit(range(max(1, n // 3)), profile="corrected")}
    leaks = [(name, t) for name, report in reports.items() for t in report.unprotected]
    if leaks:
        leaks.sort(key=lambda item: (item[0] != "plain", KINDS.index(item[1].kind), item[1].width, item[1].seed))
        listed = "\n".join(f"  [{name}] {describe(t)}" for name, t in leaks[:30])
        more = f"\n  ... and {len(leaks) - 30} more" if len(leaks) > 30 else ""
        summaries = "".join(f"\n[{name}]\n{report.summary()}" for name, report in reports.items())
        pytest.fail(f"{len(leaks)} sensitive cells are not protected to {settings().disclosure.protection_points:g} points "
                    f"(rerun one: python -m tests.disclosure.attack --seed SEED [--profile corrected])"
                    f"{summaries}\n{listed}{more}", pytrace=False)
    print("".join(f"\n[{name}]\n{report.summary()}" for name, report in reports.items()))

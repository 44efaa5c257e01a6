"""Corrected uploads of a survey wave (store.revisions): leak 3 of issue 13 reproduced as
found (the difference between two published versions is a small team's answers), then
shown closed: a correction that would reveal a small group is held back, with the reason,
and the pages keep showing the version published before."""
import csv
import io
import shutil
from pathlib import Path

import pytest

from assembly.bundle import load_bundle
from model.survey_counts import SurveyCounts
from metrics.breakdowns import statement_results
from metrics.publishable import EARLIER, publishable, reason_text
from store.interface import open_store
from store.intake import check_upload, keep, stored_table
from store.revisions import survey_publication
from settings.disclosure import DisclosurePolicy

ROOT = Path(__file__).resolve().parents[2]
STATEMENTS = [f"Statement {i}" for i in range(1, 15)]
META = {"audience": "staff", "wave": "2024-05", "wave_date": "2024-05-13"}
POLICY = DisclosurePolicy(min_size=10, protection_points=20)


def export(teams: dict[str, tuple[int, int]]) -> bytes:
    """A one-header-row export: team -> (people agreeing with everything, people disagreeing)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Record ID", "Directorate", *STATEMENTS])
    for team, (agree, disagree) in teams.items():
        for i in range(agree + disagree):
            writer.writerow([f"{team}-{i}", team, *(["Agree" if i < agree else "Disagree"] * len(STATEMENTS))])
    return out.getvalue().encode()


@pytest.fixture
def folder(tmp_path):
    shutil.copy(ROOT / "data" / "sample" / "events.csv", tmp_path / "events.csv")
    return tmp_path


def upload(folder: Path, data: bytes, name: str) -> None:
    checked = check_upload(data, name, folder, kind="survey", metadata=META)
    assert checked.ok, checked.findings
    keep(open_store(folder), checked)


def statements(folder: Path):
    data = load_bundle(folder)
    return statement_results(data.surveys, data.codebook, POLICY).set_index("question")


FIRST = {"Place": (20, 10), "Resources": (15, 15), "Small team": (5, 0)}
WITHOUT_SMALL_TEAM = {"Place": (20, 10), "Resources": (15, 15)}


def test_subtracting_two_published_versions_gives_a_small_team_away(folder):
    """As found: both versions published, the difference is the team of 5, all 14 statements."""
    upload(folder, export(FIRST), "v1.csv")
    before = statements(folder)
    second = folder / "second"
    shutil.copytree(folder, second, ignore=shutil.ignore_patterns("uploads"))
    upload(second, export(WITHOUT_SMALL_TEAM), "v2.csv")
    after = statements(second)
    positives = (before["pct_positive"].astype(float) * before["n_respondents"].astype(float)
                 - after["pct_positive"].astype(float) * after["n_respondents"].astype(float)) / 100
    team_n = before["n_respondents"].astype(int) - after["n_respondents"].astype(int)
    recovered = (positives / team_n * 100).round()
    assert (team_n == 5).all() and (recovered == 100).all() and len(recovered) == 14


def test_a_correction_that_would_reveal_a_small_team_is_held_back(folder):
    upload(folder, export(FIRST), "v1.csv")
    before = statements(folder)
    upload(folder, export(WITHOUT_SMALL_TEAM), "v2.csv")
    after = statements(folder)
    assert after.equals(before)                  # the pages still show what was published
    table = stored_table(open_store(folder), POLICY).set_index("file")
    assert table.loc["v2.csv", "state"] == "held back"
    assert "Small team" in table.loc["v2.csv", "note"] and "fewer than 10" in table.loc["v2.csv", "note"]
    findings = load_bundle(folder).findings
    assert findings["message"].str.startswith("Held back").any()


def test_a_correction_changing_ten_or_more_in_every_cell_is_published(folder):
    upload(folder, export(FIRST), "v1.csv")
    upload(folder, export({**FIRST, "Place": (15, 5)}), "v2.csv")      # 10 people of Place dropped
    after = statements(folder)
    assert (after["n_respondents"].astype(int) == 55).all()
    assert stored_table(open_store(folder), POLICY).set_index("file").loc["v2.csv", "state"] == "current"


def test_a_held_back_version_never_counts_as_published(folder):
    """v2 held back; v3 differs from v2 by a small team but from v1 (published) by 10 or more."""
    upload(folder, export(FIRST), "v1.csv")
    upload(folder, export(WITHOUT_SMALL_TEAM), "v2.csv")
    upload(folder, export({**FIRST, "Place": (20, 0)}), "v3.csv")
    publication = survey_publication(open_store(folder), POLICY)
    assert [e.file for e in publication.entries()] == ["v3.csv"]


def test_removing_the_published_version_does_not_publish_the_held_back_one(folder):
    upload(folder, export(FIRST), "v1.csv")
    upload(folder, export(WITHOUT_SMALL_TEAM), "v2.csv")
    store = open_store(folder)
    store.remove(next(e.sha256 for e in store.entries() if e.file == "v1.csv"))
    assert survey_publication(store, POLICY).entries() == []
    assert load_bundle(folder).surveys.empty


def groups_shown(folder: Path, alone: bool = False):
    """Per group, whether the policy shows its cells; ``alone``: deciding the current
    version on its own, as if no earlier version had been published."""
    data = load_bundle(folder)
    counts = SurveyCounts(data.surveys.answers, data.surveys.reach) if alone else data.surveys
    cells = publishable(counts.with_group("Not stated"), data.codebook, POLICY).fine
    return cells.groupby("group")["shown"].all()


V1 = {"Big": (15, 15), "Middle": (6, 6), "Small team": (5, 0)}
V2 = {**V1, "Late team": (5, 5)}                  # a team of 10 sent its answers late


def test_a_group_hidden_in_a_published_version_stays_hidden_in_its_correction(folder):
    """Found by the audit (tests/disclosure/attack.py, profile corrected): v1 hides the small
    team and Middle (its complement); v2 adds a late team of 10 (published: a change of 10),
    and, decided on its own, hides the late team as the complement and shows Middle,
    unchanged. v1's hidden total minus Middle is then the small team, 5 of 5 positive."""
    upload(folder, export(V1), "v1.csv")
    first = groups_shown(folder)
    assert not first["Small team"] and not first["Middle"] and first["Big"]
    upload(folder, export(V2), "v2.csv")
    assert survey_publication(open_store(folder), POLICY).entries()[0].file == "v2.csv"
    alone = groups_shown(folder, alone=True)
    assert alone["Middle"] and not alone["Late team"]             # the leak, without the history rule
    second = groups_shown(folder)
    assert not second["Small team"] and not second["Middle"]      # hidden as before
    assert second["Big"]


def test_a_version_shown_again_keeps_hidden_what_any_published_version_hid(folder):
    """v1 hides the small team and Middle; v2 takes 10 disagreeing people out of Middle, so
    the small team would sit beside 10 who all agreed, and the whole wave's figure is
    hidden too. Shown again, v1 hides everything either version hid: it was decided, and
    published, knowing v1 only, but now a reader has seen both."""
    v1 = {"Big": (15, 15), "Other": (15, 15), "Middle": (10, 10), "Small team": (5, 0)}
    upload(folder, export(v1), "v1.csv")
    first = groups_shown(folder)
    upload(folder, export({**v1, "Middle": (10, 0)}), "v2.csv")
    second = groups_shown(folder)
    assert list(first[~first].index) == ["Middle", "Small team"] and not second.any()
    store = open_store(folder)
    store.reinstate(next(e.sha256 for e in store.entries() if e.file == "v1.csv"))
    assert survey_publication(open_store(folder), POLICY).entries()[0].file == "v1.csv"
    assert not groups_shown(folder).any()


def test_a_small_team_grown_by_a_correction_stays_hidden_and_says_why(folder):
    """The team of 5 gains 10 late respondents: 15 now, but hidden as before (shown, 15 of 15
    positive would pin the first 5), and the reason says so rather than "fewer than 10"."""
    upload(folder, export(V1), "v1.csv")
    upload(folder, export({**V1, "Small team": (15, 0)}), "v2.csv")
    data = load_bundle(folder)
    fine = publishable(data.surveys, data.codebook, POLICY).fine.set_index("group")
    small = fine.loc["Small team"]
    assert (small["n"] == 15).all() and not small["shown"].any()
    assert (small["reason"] == EARLIER).all()
    assert reason_text(EARLIER, POLICY).startswith("hidden as in the version of this wave published before")

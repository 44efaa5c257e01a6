"""The expectations file: the shipped notice and peer-challenge examples load; a bad file is
rejected whole with every problem named by row and column; the bundle survives a bad file."""
from __future__ import annotations

import shutil

import pytest

from assembly.bundle import load_bundle
from loaders.expectations import expectations_from_sheet
from model.text import split_list
from loaders.grid import read_text_table
from loaders.report import FileRejected

from conftest import SAMPLE

HEADER = "id,expectation,source,front,action_areas,action_refs,survey_measures,milestone_kinds\n"


def load_expectations(path):
    """expectations.csv as the app reads it (raises FileRejected on a bad file)."""
    return expectations_from_sheet(read_text_table(path)).frame


def test_the_notice_and_the_peer_challenge_load():
    notice = load_expectations(SAMPLE / "expectations.csv")
    assert list(notice["id"]) == ["BVN-1", "BVN-2", "BVN-3", "BVN-4", "BVN-5"]
    assert set(notice["front"]) == {"culture", "partnership", "governance"}
    assert notice["source"].str.startswith("Best Value Notice").all()
    peer = load_expectations(SAMPLE / "examples" / "expectations_peer_challenge.csv")
    assert len(peer) == 6 and peer["source"].str.contains("Peer Challenge").all()


def test_a_list_keeps_an_area_whose_name_has_a_comma():
    notice = load_expectations(SAMPLE / "expectations.csv")
    areas = split_list(notice.loc[notice["id"] == "BVN-3", "action_areas"].iloc[0])
    assert "Confidence, culture and capacity" in areas


def test_every_problem_is_named_by_row_and_column(tmp_path):
    path = tmp_path / "expectations.csv"
    path.write_text(HEADER + "E1,Do a thing,Notice,governance,Procurement,,,\n"
                             "E1,Do another,Notice,finance,,,,\n"
                             "E3,,Notice,culture,,,staff culture,\n", encoding="utf-8")
    with pytest.raises(FileRejected) as caught:
        load_expectations(path)
    where = {(f.row, f.column) for f in caught.value.findings}
    assert where == {(3, "id"), (3, "front"), (4, "expectation"), (4, "survey_measures")}
    messages = " ".join(f.message for f in caught.value.findings)
    assert "used twice (first on row 2)" in messages and "'finance'" in messages and "audience:theme" in messages


def test_a_missing_column_is_named(tmp_path):
    path = tmp_path / "expectations.csv"
    path.write_text("id,expectation\nE1,Do a thing\n", encoding="utf-8")
    with pytest.raises(FileRejected) as caught:
        load_expectations(path)
    assert "front" in caught.value.findings[0].message and caught.value.findings[0].row == 1


def test_an_expectation_without_evidence_is_a_warning(tmp_path):
    from loaders.expectations import expectations_from_sheet
    from loaders.grid import read_text_table

    path = tmp_path / "expectations.csv"
    path.write_text(HEADER + "E1,Do a thing,Notice,Governance,,,,\n", encoding="utf-8")
    result = expectations_from_sheet(read_text_table(path))
    assert result.records == 1 and result.frame["front"].iloc[0] == "governance"
    assert result.warnings[0].row == 2 and "No evidence" in result.warnings[0].message


def test_a_bad_expectations_file_leaves_the_rest_of_the_bundle_alone(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns("uploads"))
    good = load_bundle(folder)
    (folder / "expectations.csv").write_text(HEADER + "E1,,Notice,nowhere,,,,\n", encoding="utf-8")
    bad = load_bundle(folder)
    assert bad.expectations.empty and len(good.expectations) == 5
    assert len(bad.surveys.answers) == len(good.surveys.answers) and len(bad.actions) == len(good.actions)
    row = bad.sources[bad.sources["file"] == "expectations.csv"].iloc[0]
    assert "front" in row["error"].lower()
    assert set(bad.findings.loc[bad.findings["file"] == "expectations.csv", "row"]) == {2}


def test_a_bad_reference_table_is_listed_and_every_page_still_has_data(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns("uploads"))
    (folder / "events.csv").write_text("when,what\n2024-01-01,Something\n", encoding="utf-8")
    (folder / "headcount.csv").write_bytes(b"")
    data = load_bundle(folder)
    assert data.events.empty and data.headcount.empty and len(data.surveys.answers) and len(data.expectations) == 5
    errors = dict(zip(data.sources["file"], data.sources["error"]))
    assert "label" in errors["events.csv"] and errors["headcount.csv"]

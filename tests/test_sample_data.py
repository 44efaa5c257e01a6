"""The committed sample data: reproducible, in the layouts docs/sample-layouts.md describes."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
AGREEMENT = {"Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree",
             "Strongly agree"}
CLOSURE_CATEGORIES = {
    "Completed - any future review at Directorate level",
    "Completed - no further action",
    "Open - outstanding actions moved into Directorate Business Plans",
}


def _tree_hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.relative_to(folder).parts[0] != "uploads"}


def _manifest() -> list[dict[str, str]]:
    with (SAMPLE / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _files(kind: str, audience: str = "") -> list[dict[str, str]]:
    return [row for row in _manifest()
            if row["kind"] == kind and (not audience or row["audience"] == audience)]


def _clean(label: str) -> str:
    return " ".join(label.replace("<br>", " ").split())


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    subprocess.run([sys.executable, "-m", "sample_data", "--out", str(out)], cwd=ROOT,
                   check=True, capture_output=True, env={**os.environ, "PYTHONHASHSEED": "12345"})
    return out


def test_regeneration_is_byte_identical_to_shipped_data(regenerated):
    shipped = _tree_hashes(SAMPLE)
    fresh = _tree_hashes(regenerated)
    assert sorted(fresh) == sorted(shipped)
    assert [f for f in fresh if fresh[f] != shipped[f]] == []


def test_manifest_and_expected_cover_the_same_data_files():
    manifest = _manifest()
    expected = json.loads((SAMPLE / "expected.json").read_text(encoding="utf-8"))
    listed = [row["file"] for row in manifest]
    assert sorted(listed) == sorted(expected)
    on_disk = {p.relative_to(SAMPLE).as_posix() for p in SAMPLE.rglob("*")
                if p.is_file() and p.relative_to(SAMPLE).parts[0] != "uploads"}   # uploads: not shipped
    assert on_disk - set(listed) == {"manifest.csv", "expected.json", "events.csv",
                                     "codebook.csv", "headcount.csv", "expectations.csv", "benchmark_map.csv",
                                     "examples/expectations_peer_challenge.csv"}
    for row in manifest:
        assert row["kind"] in {"survey", "actions", "scrutiny", "complaints"}
        for column in ("wave_date", "snapshot_date"):
            assert row[column] == "" or re.fullmatch(r"\d{4}-\d{2}-\d{2}", row[column])
        if row["kind"] == "survey":
            assert expected[row["file"]]["questions"] > 0
        assert expected[row["file"]]["records"] > 0
    assert len(_files("survey", "staff")) == 6
    assert len(_files("survey", "partner")) == 3
    assert len(_files("survey", "member")) == 3
    assert len(_files("actions")) == 9 + 3      # the plan's nine reports, three DBP monitoring reports after it
    assert len(_files("complaints")) == 1


def test_every_xlsx_opens_and_has_fixed_zip_dates():
    xlsx = sorted(p for p in SAMPLE.rglob("*.xlsx") if "uploads" not in p.relative_to(SAMPLE).parts)
    assert len(xlsx) == 6 + 2 + 3 + 9 + 3 + 1 + 1     # staff, partner, member, trackers, DBP monitoring, scrutiny, complaints
    for path in xlsx:
        wb = openpyxl.load_workbook(path)
        assert wb.active.max_row > 1, path.name
        with zipfile.ZipFile(path) as archive:
            assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_staff_waves_sizes_layout_and_skips():
    expected = json.loads((SAMPLE / "expected.json").read_text(encoding="utf-8"))
    sizes = []
    for row in _files("survey", "staff"):
        ws = openpyxl.load_workbook(SAMPLE / row["file"])["Sheet1"]
        rows = list(ws.iter_rows(values_only=True))
        header, body = rows[0], rows[1:]
        assert header[:5] == ("ID", "Start time", "Completion time", "Email", "Name")
        assert ("Last modified time" in header) == (row["wave"] >= "2023-11")
        first = header.index("Which directorate do you work in?") + 1
        last = header.index("Which of these have you taken part in?")
        statements = range(first, last)
        assert len(statements) == expected[row["file"]]["questions"]
        answered = [r for r in body if any(r[i] is not None for i in statements)]
        assert len(answered) == expected[row["file"]]["records"]
        assert 47 <= len(answered) <= 140
        sizes.append(len(answered))
        assert {r[3] for r in body} == {"anonymous"}
        assert all(r[i] in AGREEMENT for r in answered for i in statements if r[i] is not None)
        assert any(r[i] is None for r in answered for i in statements)  # some skipped
        multi = [r[last] for r in body if r[last]]
        assert multi and all(v.endswith(";") for v in multi)
        groups = [r[first - 1] for r in body]
        assert len(set(groups)) == 6
        assert min(groups.count(g) for g in set(groups)) < 10
    assert 47 in sizes


def test_codebook_maps_every_statement_wording():
    with (SAMPLE / "codebook.csv").open(encoding="utf-8", newline="") as handle:
        codebook = list(csv.DictReader(handle))
    by_wording = {(_clean(r["wording"]), w) for r in codebook for w in r["waves"].split(";")}
    assert {r["negative"] for r in codebook} == {"true", "false"}
    assert {r["theme"] for r in codebook} <= {"culture", "partnership", "governance"}
    reworded = [q for q in {r["question_id"] for r in codebook}
                if sum(r["question_id"] == q for r in codebook) > 1]
    assert len(reworded) == 2
    for row in _files("survey", "staff"):
        header = next(openpyxl.load_workbook(SAMPLE / row["file"])["Sheet1"].iter_rows(
            max_row=1, values_only=True))
        first = header.index("Which directorate do you work in?") + 1
        last = header.index("Which of these have you taken part in?")
        for wording in header[first:last]:
            assert (_clean(wording), row["wave"]) in by_wording, wording
    for row in _files("survey", "partner"):
        labels = _partner_rows(SAMPLE / row["file"])[1]
        matrix = labels[labels.index("Response") + 1:labels.index("Open-Ended Response")]
        assert len(matrix) == 8
        for label in matrix:
            assert (_clean(label), row["wave"]) in by_wording, label


def _partner_rows(path: Path) -> list[list[str]]:
    if path.suffix == ".csv":
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    ws = openpyxl.load_workbook(path).active
    return [["" if v is None else str(v) for v in r] for r in ws.iter_rows(values_only=True)]


def test_partner_survey_layout():
    expected = json.loads((SAMPLE / "expected.json").read_text(encoding="utf-8"))
    organisations = set()
    for row in _files("survey", "partner"):
        rows = _partner_rows(SAMPLE / row["file"])
        first = "RespondentID" if row["wave"] == "2023-03" else "Respondent ID"
        assert rows[0][0] == first
        assert rows[1][9] == "Response" and rows[1][-1] == "Open-Ended Response"
        body = rows[2:]
        assert 30 <= len(body) <= 70
        assert len(body) == expected[row["file"]]["records"]
        assert all(re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d:\d\d [AP]M", r[2]) for r in body)
        organisations |= {r[9] for r in body}
    labels = "".join(_partner_rows(SAMPLE / _files("survey", "partner")[0]["file"])[1])
    assert "\u00a0" in labels and "<br>" in labels
    assert len(organisations) == 8 and "Business Board" in organisations


def _council_files() -> list[Path]:
    paths = [SAMPLE / r["file"] for r in _files("actions")]
    return [p for p in paths if "Improvement Plan" in openpyxl.load_workbook(p).sheetnames]


def _planner_files() -> list[Path]:
    paths = [SAMPLE / r["file"] for r in _files("actions")]
    return [p for p in paths if "Tasks" in openpyxl.load_workbook(p).sheetnames]


def test_council_layout_has_merged_area_rows():
    areas = {r["area"] for r in csv.DictReader(
        (ROOT / "config" / "improvement_areas.csv").open(encoding="utf-8", newline=""))}
    expected = json.loads((SAMPLE / "expected.json").read_text(encoding="utf-8"))
    councils = _council_files()
    assert len(councils) == 7
    for path in councils:
        ws = openpyxl.load_workbook(path)["Improvement Plan"]
        assert ws["A3"].value.startswith("Reported to ")
        width = ws.max_column
        merged = [m for m in ws.merged_cells.ranges if m.min_row > 5]
        assert len(merged) == 8
        assert all(m.min_row == m.max_row and m.min_col == 1 and m.max_col == width
                   for m in merged)
        assert {ws.cell(m.min_row, 1).value for m in merged} == areas
        action_rows = ws.max_row - 5 - len(merged)
        assert action_rows == expected[path.relative_to(SAMPLE).as_posix()]["records"]
        header = [c.value for c in ws[5]]
        column = next(i for i, h in enumerate(header) if h in ("Progress Update", "Commentary"))
        progress = [r[column] for r in ws.iter_rows(min_row=6, values_only=True) if r[column]]
        assert any("\n" in p for p in progress)
    last = openpyxl.load_workbook(councils[-1])["Improvement Plan"]
    header = [c.value for c in last[5]]
    column = header.index("Close-down category")
    closures = {r[column] for r in last.iter_rows(min_row=6, values_only=True) if r[1]}
    assert closures == CLOSURE_CATEGORIES


def test_planner_files_are_all_strings():
    planners = _planner_files()
    assert len(planners) == 2
    headers = []
    for path in planners:
        ws = openpyxl.load_workbook(path)["Tasks"]
        assert [ws.cell(i, 1).value for i in (1, 2, 3)] == ["Plan name", "Plan ID",
                                                             "Date of export"]
        assert all(c.value is None for c in ws[4])
        values = [c.value for r in ws.iter_rows() for c in r if c.value is not None]
        assert values and all(isinstance(v, str) for v in values)
        header = [c.value for c in ws[5]]
        headers.append(header)
        due = [r[header.index("Due date")] for r in ws.iter_rows(min_row=6, values_only=True)]
        assert all(re.fullmatch(r"\d\d/\d\d/\d{4}", d) for d in due if d)
        names = [r[1] for r in ws.iter_rows(min_row=6, values_only=True)]
        assert all(re.match(r"[A-Z]{3}-\d\d ", n) for n in names)
    assert headers[0] != headers[1]
    assert sorted(h.lower() for h in headers[0]) == sorted(h.lower() for h in headers[1])


def test_scrutiny_scores():
    ws = openpyxl.load_workbook(SAMPLE / "scrutiny" / "topic_scores.xlsx")["Topic scores"]
    rows = list(ws.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    criteria = header[5:13]
    assert header[13] == "Scrutiny Value Score"
    stale = [r for r in body if sum(r[5:13]) != r[13]]
    assert len(stale) == 2
    assert all(1 <= v <= 3 for r in body for v in r[5:13])
    assert len(criteria) == 8
    assert len({r[2] for r in body}) >= 25
    assert len({r[0] for r in body}) == 6
    pairs = {(r[0], r[2]) for r in body}
    expected = json.loads((SAMPLE / "expected.json").read_text(encoding="utf-8"))
    assert len(pairs) == expected["scrutiny/topic_scores.xlsx"]["records"]
    scorers = [sum((r[0], r[2]) == p for r in body) for p in pairs]
    assert min(scorers) == 1 and max(scorers) == 3


def test_events_are_the_domain_milestones():
    with (SAMPLE / "events.csv").open(encoding="utf-8", newline="") as handle:
        events = list(csv.DictReader(handle))
    assert {e["kind"] for e in events} == {"audit", "notice", "board", "plan", "milestone"}
    dates = [e["date"] for e in events]
    assert dates == sorted(dates)
    assert {"2023-01-24", "2024-01-30", "2024-09-09", "2025-05-30"} <= set(dates)


def test_monitoring_reports_follow_the_moved_actions_without_a_closedown_column():
    """After 16 Oct 2024 the Directorate Business Plan reports carry only the actions moved into
    the plans, in their own layout (no Close-down category column)."""
    reports = sorted(SAMPLE.glob("trackers/dbp_monitoring_*.xlsx"))
    assert [p.stem[-10:] for p in reports] == ["2025-01-21", "2025-04-15", "2025-05-30"]
    for path in reports:
        ws = openpyxl.load_workbook(path)["DBP Monitoring"]
        header = [c.value for c in ws[5]]
        assert "Close-down category" not in header and "Revised target date" in header
    refs = {r[0] for r in openpyxl.load_workbook(reports[0])["DBP Monitoring"].iter_rows(min_row=6, values_only=True)
            if r[1]}
    assert refs == {"GOV-05", "GOV-06", "PAR-02", "PAR-06", "PAR-07", "IPP-06", "CCC-05", "CCC-06", "CCC-07"}

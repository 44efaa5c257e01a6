"""The sample data folder: every manifest file checks out as the generator says it wrote it.

Runs ``python -m loaders check`` as a user would, on EVERY file in data/sample/manifest.csv,
and compares records / questions with data/sample/expected.json. No skips: a missing
sample folder is a failure.
"""
import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample"


def manifest_rows():
    with (SAMPLE / "manifest.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def expected():
    return json.loads((SAMPLE / "expected.json").read_text(encoding="utf-8"))


def test_sample_folder_is_complete():
    rows = manifest_rows()
    assert len(rows) >= 19
    assert {r["file"] for r in rows} == set(expected())


@pytest.mark.parametrize("row", manifest_rows(), ids=lambda r: r["file"])
def test_check_every_sample_file(row):
    args = [sys.executable, "-m", "loaders", "check", str(SAMPLE / row["file"]), "--kind", row["kind"]]
    for option in ("audience", "wave", "wave_date", "snapshot_date"):
        if row.get(option):
            args += [f"--{option.replace('_', '-')}", row[option]]
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=60)
    out = json.loads(done.stdout)
    assert done.returncode == 0, out
    assert out["errors"] == []
    assert out["kind"] == row["kind"]
    want = expected()[row["file"]]
    assert out["records"] == want["records"]
    if "questions" in want:
        assert out["questions"] == want["questions"]


def test_bundle_loads_the_sample_whole():
    """Every sample file loads (its speed is measured by `make bench`, never timed here)."""
    from assembly.bundle import load_bundle

    bundle = load_bundle(SAMPLE)
    sources = bundle.sources.set_index("file")
    assert sources["error"].isna().all()
    for name, want in expected().items():
        assert sources.loc[name, "records"] == want["records"]
    assert bundle.unmapped.empty                      # the sample codebook covers every wording
    assert bundle.surveys.answers["question_id"].str.startswith("UNMAPPED").sum() == 0
    assert bundle.surveys.answers["group"].notna().all()
    assert bundle.actions["status"].notna().all() and bundle.actions["theme"].notna().all()
    assert bundle.actions["snapshot_date"].nunique() == 9     # the plan's own reports, to its close-down
    later = bundle.after_closedown                          # the three monitoring reports after it: 9 + 8 + 8 rows
    assert later.groupby("snapshot_date").size().tolist() == [9, 8, 8] and later["closure_category"].isna().all()
    assert len(bundle.events) >= 9 and bundle.codebook["negative"].any()
    scrutiny = bundle.scrutiny
    assert scrutiny[["meeting_date", "topic"]].drop_duplicates().shape[0] == expected()["scrutiny/topic_scores.xlsx"]["records"]

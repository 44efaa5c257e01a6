"""``python -m loaders check``: one JSON object on stdout, exit codes 0 / 1 / 2."""
import json
import subprocess
import sys
from pathlib import Path

import pytest
from loader_builders import council_rows, forms_rows, matrix_rows

ROOT = Path(__file__).resolve().parents[2]


def check(*args):
    done = subprocess.run([sys.executable, "-m", "loaders", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    return done.returncode, json.loads(done.stdout), done.stderr


def test_loaded_file_reports_findings_with_rows(write_xlsx):
    rows = matrix_rows()
    rows[3][-2] = 20
    code, out, stderr = check("check", str(write_xlsx(rows)))
    assert code == 0
    assert out["kind"] == "scrutiny" and out["format"] == "scrutiny-matrix-xlsx" and out["records"] == 2
    assert out["errors"] == []
    assert out["warnings"][0]["row"] == 4 and out["warnings"][0]["sheet"] == "Sheet1"
    assert "Traceback" not in stderr


def test_rejected_file_exits_1_with_errors(write_xlsx):
    rows = matrix_rows()
    rows[1][5] = 9
    code, out, _ = check("check", str(write_xlsx(rows)), "--kind", "scrutiny")
    assert code == 1
    assert out["kind"] == "scrutiny" and out["records"] == 0
    assert out["errors"][0] == {**out["errors"][0], "row": 2, "column": "Public Interest"}


def test_survey_metadata_options(write_xlsx):
    code, out, _ = check("check", str(write_xlsx(forms_rows())), "--kind", "survey", "--audience", "staff",
                         "--wave", "2023-01", "--wave-date", "2023-01-31")
    assert code == 0
    assert (out["records"], out["questions"]) == (12, 2)


@pytest.mark.parametrize("args", [[], ["check"], ["check", "x.xlsx", "--kind", "budget"], ["frobnicate"],
                                  ["check", "x.xlsx", "--bogus"], ["--help"]])
def test_usage_errors_print_json_and_exit_2(args):
    code, out, stderr = check(*args)
    assert code == 2
    assert out["errors"] and out["errors"][0]["message"].startswith("Usage:")
    assert "Traceback" not in stderr


def test_missing_file_and_garbage_are_rejected(tmp_path):
    code, out, _ = check("check", str(tmp_path / "missing.xlsx"))
    assert code == 1 and "not found" in out["errors"][0]["message"]
    garbage = tmp_path / "garbage.xlsx"
    garbage.write_bytes(b"PK\x03\x04\x00\x00garbage")
    code, out, stderr = check("check", str(garbage))
    assert code == 1 and out["errors"] and "Traceback" not in stderr


def test_tracker_without_date_is_rejected_then_accepted_with_option(write_xlsx):
    path = str(write_xlsx(council_rows(title="Improvement plan")))
    code, out, _ = check("check", path)
    assert code == 1 and "snapshot date" in out["errors"][0]["message"]
    code, out, _ = check("check", path, "--snapshot-date", "2023-07-01")
    assert (code, out["records"]) == (0, 4)

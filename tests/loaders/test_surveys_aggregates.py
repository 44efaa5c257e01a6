"""Aggregated results tables (question x group): loaded into the separate AGGREGATES frame."""
import json
import subprocess
import sys

import pytest

from loaders import load_file
from model.frames import AGGREGATES
from loaders.report import FileRejected

from conftest import ROOT


def test_answer_counts_by_group(write_xlsx, codebook):
    rows = [["Provider summary"], [],
            ["Question", "Group", "Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree",
             "Strongly agree"],
            ["I am proud to work here", "Finance", 1, 2, 3, 10, 4],
            ["I am proud to work here", "Legal", 0, 1, 1, 3, 0],
            ["I have experienced bullying", "Finance", 12, 5, 1, 1, 1]]
    result = load_file(write_xlsx(rows), codebook=codebook, wave_date="2024-05-01")
    assert (result.kind, result.format) == ("aggregates", "aggregated-results-xlsx")
    assert (result.records, result.questions) == (3, 2)
    frame = result.frame
    assert list(frame.columns) == list(AGGREGATES)
    first = frame.iloc[0]
    assert (first["n_respondents"], round(first["pct_positive"], 1)) == (20, 70.0)
    bully = frame[frame["question_id"] == "Q-BULLY"].iloc[0]
    assert round(bully["pct_positive"], 1) == 85.0          # negatively worded: disagree is positive


def test_answer_percentages_with_base(write_text, codebook):
    rows = [["Statement", "Strongly agree", "Agree", "Neither", "Disagree", "Strongly disagree", "Base"],
            ["My opinions count", "20%", "40%", "10%", "20%", "10%", "47"]]
    frame = load_file(write_text(rows), codebook=codebook, wave="2023-01").frame
    row = frame.iloc[0]
    assert (row["question_id"], row["n_respondents"], row["pct_positive"], row["pct_negative"]) == ("Q-VOICE", 47, 60, 30)


def test_wide_benchmark_percent_positive(write_xlsx, codebook):
    rows = [["Question", "All staff", "Civil Service median"],
            ["I am proud to work here", 0.64, 0.71], ["A question we have never seen", 0.5, 0.55]]
    result = load_file(write_xlsx(rows), codebook=codebook, wave_date="2024-10-01", audience="benchmark")
    frame = result.frame
    assert (result.records, result.questions) == (4, 2)
    assert set(frame["group"]) == {"All staff", "Civil Service median"}
    assert frame["pct_positive"].round(0).tolist() == [64, 71, 50, 55]
    assert frame["n_respondents"].isna().all()
    assert result.metadata["unmapped"][0]["question_id"].startswith("UNMAPPED-")


def test_percent_positive_column(write_text, codebook):
    rows = [["Question", "Directorate", "% positive", "% negative", "Responses"],
            ["I am proud to work here", "Place", "64", "20", "33"]]
    row = load_file(write_text(rows), codebook=codebook, wave_date="2024-10-01").frame.iloc[0]
    assert (row["group"], row["pct_positive"], row["pct_negative"], row["n_respondents"]) == ("Place", 64, 20, 33)


def test_aggregates_need_a_wave_date(write_text, codebook):
    rows = [["Question", "All staff"], ["I am proud to work here", "64%"]]
    with pytest.raises(FileRejected, match="wave date"):
        load_file(write_text(rows), codebook=codebook)


def test_check_reports_aggregates(write_text):
    path = write_text([["Question", "All staff"], ["I am proud to work here", "64%"], ["Other", "50%"]])
    out = subprocess.run([sys.executable, "-m", "loaders", "check", str(path), "--wave-date", "2024-01-01"],
                         capture_output=True, text=True, cwd=ROOT)
    payload = json.loads(out.stdout)
    assert (payload["kind"], payload["records"], payload["questions"]) == ("aggregates", 2, 2)


def test_a_price_list_is_not_taken_for_survey_results(tmp_path):
    import json
    import subprocess
    import sys

    path = tmp_path / "items.csv"
    path.write_text("Item,Price\nPens,2.50\nPaper,4.00\nStapler,7\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "loaders", "check", str(path)], capture_output=True, text=True)
    report = json.loads(done.stdout)
    assert done.returncode == 1
    assert report["format"] is None
    assert "layout" in report["errors"][0]["message"].lower()

"""The CSPS median benchmark files as published (data/benchmarks/csps), read into the tidy
frame: cells checked against values read by hand from the workbooks and the CSV."""
from pathlib import Path

import math

import pytest

from loaders.benchmarks import BenchmarkFileError, load_benchmark_map, load_benchmarks, read_benchmark_file

CSPS = Path(__file__).resolve().parents[2] / "data" / "benchmarks" / "csps"
ODS_2024 = CSPS / "Civil_Service_People_Survey_2024_Benchmark_Results.ods"
ODS_2021 = CSPS / "Civil_Service_People_Survey_2009_2021_Benchmarks_v2.ods"
CSV_2020 = CSPS / "Civil_Service_People_Survey_2009_to_2020_Median_Benchmark_Scores.csv"


def cell(table, code, year):
    rows = table[(table["question_code"] == code) & (table["year"] == year)]
    assert len(rows) == 1, (code, year)
    return rows.iloc[0]


def test_2024_workbook_table_1_cells_read_by_hand():
    table = read_benchmark_file(ODS_2024)
    # Table_1, row "B27 | I feel valued for the work I do\n(% selecting 'Strongly agree' or 'Agree')":
    # 2023 = 72.133, 2024 = 71.631
    b27 = cell(table, "B27", 2024)
    assert b27["median_pct"] == pytest.approx(71.631) and b27["status"] == "published"
    assert cell(table, "B27", 2023)["median_pct"] == pytest.approx(72.133)
    assert b27["question"] == "I feel valued for the work I do"
    assert b27["scored_as"] == "% selecting 'Strongly agree' or 'Agree'"
    # "E03_no | Have you been bullied or harassed at work, in the past 12 months?\n(% selecting 'No')": 2024 86.867
    assert cell(table, "E03_no", 2024)["median_pct"] == pytest.approx(86.867)
    # "B16A | Have you heard of the Civil Service Line Management Standards?": 2023 [z], 2024 48.98
    b16a = cell(table, "B16A", 2023)
    assert b16a["status"] == "not asked" and math.isnan(b16a["median_pct"])
    assert cell(table, "B16A", 2024)["median_pct"] == pytest.approx(48.98)
    assert b27["source_file"] == ODS_2024.name


def test_2009_2021_workbook_older_layout_cells_read_by_hand():
    table = read_benchmark_file(ODS_2021)
    # Numbers stored as text, labels "B27. I feel valued for the work I do (% strongly agree or agree)":
    # 2020 "74.037", 2021 "73.454"; EES 2009 "58.347"
    b27 = cell(table, "B27", 2021)
    assert b27["median_pct"] == pytest.approx(73.454)
    assert b27["question"] == "I feel valued for the work I do"
    assert b27["scored_as"] == "% strongly agree or agree"
    assert cell(table, "B27", 2020)["median_pct"] == pytest.approx(74.037)
    assert cell(table, "EES", 2009)["median_pct"] == pytest.approx(58.347)
    assert sorted(table["year"].unique()) == list(range(2009, 2022))


def test_csv_proportions_become_percent_and_na_is_not_asked():
    table = read_benchmark_file(CSV_2020)
    # "B27,B27. I feel valued for the work I do (% strongly agree or agree),...,0.74" (2020 column)
    assert cell(table, "B27", 2020)["median_pct"] == pytest.approx(74.0)
    assert cell(table, "B27", 2009)["median_pct"] == pytest.approx(62.0)
    b53 = cell(table, "B53", 2009)          # "NA" in the 2009 column: not asked then
    assert b53["status"] == "not asked" and math.isnan(b53["median_pct"])
    assert "2010 change" not in table.columns and sorted(table["year"].unique()) == list(range(2009, 2021))


def test_csv_agrees_with_the_ods_for_2020_within_its_rounding():
    ods, csv = read_benchmark_file(ODS_2021), read_benchmark_file(CSV_2020)
    both = ods[ods["year"] == 2020].merge(csv[csv["year"] == 2020], on="question_code", suffixes=("_ods", "_csv"))
    assert len(both) == 157
    same = both[both["status_ods"] == both["status_csv"]]
    published = same[same["status_ods"] == "published"]
    assert len(published) > 100
    # the CSV has two decimals of a proportion: at most half a point from the ODS's three-decimal percent
    assert (published["median_pct_ods"] - published["median_pct_csv"]).abs().max() <= 0.5 + 1e-9
    # the one disagreement: D01 is a different question in the two files, not the same figure rounded
    differ = both[both["status_ods"] != both["status_csv"]]
    assert differ["question_code"].tolist() == ["D01"]
    assert differ.iloc[0]["question_csv"] == "Are you aware of the Civil Service Code?"


def test_suppressed_marker_is_never_zero_and_newest_file_wins(tmp_path):
    (tmp_path / "b.csv").write_text("Measure,Label,Section,2019,2020\nB27,B27. I feel valued (% agree),X,[c],0.5\n",
                                    encoding="utf-8")
    table = read_benchmark_file(tmp_path / "b.csv")
    assert cell(table, "B27", 2019)["status"] == "suppressed" and math.isnan(cell(table, "B27", 2019)["median_pct"])
    merged = load_benchmarks(CSPS)
    assert cell(merged, "B27", 2020)["source_file"] == ODS_2024.name
    assert merged.duplicated(["question_code", "year"]).sum() == 0


def test_a_bad_file_says_what_and_how_to_fix(tmp_path):
    (tmp_path / "bad.csv").write_text("Code,Value\nB27,0.5\n", encoding="utf-8")
    with pytest.raises(BenchmarkFileError, match="bad.csv: no header row starting 'Measure'"):
        read_benchmark_file(tmp_path / "bad.csv")
    (tmp_path / "text.csv").write_text("Measure,Label,2020\nB27,x,lots\n", encoding="utf-8")
    with pytest.raises(BenchmarkFileError, match=r"B27, 2020: 'lots' is neither a number"):
        read_benchmark_file(tmp_path / "text.csv")
    (tmp_path / "map.csv").write_text("question_id,csps_code,wording\nQ1,B27,similar\n", encoding="utf-8")
    with pytest.raises(BenchmarkFileError, match="row 2, column wording: 'similar' is not 'same' or 'close'"):
        load_benchmark_map(tmp_path / "map.csv")

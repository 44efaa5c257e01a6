"""Scrutiny topic scores: wide matrix and long table, scheme choice, range and total checks."""
import datetime as dt

import pandas as pd
import pytest

from loaders import load_file
from model.frames import SCRUTINY_SCORES
from loaders.report import FileRejected
from loader_builders import CPCA, TOPICC, matrix_rows


def test_matrix(write_xlsx):
    result = load_file(write_xlsx(matrix_rows(), sheet="Topic scores"))
    assert (result.kind, result.format) == ("scrutiny", "scrutiny-matrix-xlsx")
    assert result.records == 2                       # distinct (meeting, topic)
    assert result.warnings == []
    frame = result.frame
    assert list(frame.columns) == list(SCRUTINY_SCORES)
    assert len(frame) == 3 * 8
    assert frame["scheme"].unique().tolist() == ["cpca-8"]
    assert frame["meeting_date"].unique().tolist() == [pd.Timestamp("2024-01-17")]
    chair = frame.query("topic == 'Bus franchising' and scorer == 'Chair'")
    assert chair["score"].sum() == 23


def test_out_of_range_score_is_an_error_naming_row_and_criterion(write_xlsx):
    rows = matrix_rows()
    rows[2][5 + 4] = 4                              # Financial Value = 4 on a 1-3 scale, Excel row 3
    with pytest.raises(FileRejected) as caught:
        load_file(write_xlsx(rows))
    [error] = caught.value.findings
    assert (error.row, error.column) == (3, "Financial Value")
    assert "outside" in error.message and "Bus franchising" in error.message


def test_stale_total_is_a_warning_naming_topic_and_row(write_xlsx):
    rows = matrix_rows()
    rows[3][-2] = 20                                # Skills bootcamps: real sum 14
    result = load_file(write_xlsx(rows))
    [warning] = result.warnings
    assert warning.row == 4 and "Skills bootcamps" in warning.message
    assert "20" in warning.message and "14" in warning.message
    assert warning.column == "Scrutiny Value Score"


def test_scheme_chosen_by_criteria_headers(write_xlsx):
    rows = matrix_rows(criteria=TOPICC, total_name="TOPICC score",
                       scores={("Housing", "Chair"): [2, 1, 0, 2, 1, 1]})
    result = load_file(write_xlsx(rows))
    assert result.frame["scheme"].unique().tolist() == ["oxford-topicc"]
    assert result.frame["score"].sum() == 7


def test_score_labels_and_csv_reordered(write_text):
    rows = matrix_rows()
    rows = [[r[i] for i in [2, 0, 1, *range(5, 13), 3, 4]] for r in rows]     # no total column
    rows[1][3] = "High"
    rows = [[v.strftime("%d/%m/%Y") if isinstance(v, dt.datetime) else v for v in r] for r in rows]
    result = load_file(write_text(rows), kind="scrutiny")
    assert result.format == "scrutiny-matrix-csv"
    assert result.frame["meeting_date"].iloc[0] == pd.Timestamp("2024-01-17")
    assert result.frame.query("topic == 'Bus franchising' and scorer == 'Chair'")["score"].iloc[0] == 3


def test_missing_criterion_column_is_an_error(write_xlsx):
    rows = [r[:6] + r[7:] for r in matrix_rows()]           # drop "Strategic Value"
    with pytest.raises(FileRejected, match="Strategic Value"):
        load_file(write_xlsx(rows))


def test_long_table(write_text):
    rows = [["Meeting date", "Topic", "Criterion", "Score", "Scorer"]]
    for criterion, score in zip(CPCA, [3, 3, 2, 2, 1, 1, 2, 3]):
        rows.append(["17/01/2024", "Bus franchising", criterion.upper(), score, "Chair"])
    rows.append(["17/01/2024", "Skills", "Public Interest", 2, "Chair"])
    result = load_file(write_text(rows))
    assert (result.format, result.records) == ("scrutiny-long-csv", 2)
    assert set(result.frame["criterion"]) == set(CPCA)
    bad = rows + [["17/01/2024", "Skills", "Strategic Value", 0, "Chair"]]
    with pytest.raises(FileRejected) as caught:
        load_file(write_text(bad))
    assert (caught.value.findings[0].row, caught.value.findings[0].column) == (11, "Strategic Value")


def test_blank_score_is_a_warning_and_skips_the_total_check(write_xlsx):
    rows = matrix_rows()
    rows[1][6] = None                               # Strategic Value blank, total now stale
    result = load_file(write_xlsx(rows))
    [warning] = result.warnings
    assert (warning.row, warning.column) == (2, "Strategic Value")
    assert result.frame["score"].isna().sum() == 1

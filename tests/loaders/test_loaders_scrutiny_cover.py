"""The report cover-sheet layout (seed 002): the seed's own scoring table, typed in."""
import pandas as pd
import pytest

from loaders import load_file
from model.frames import SCRUTINY_SCORES
from loaders.report import FileRejected
from loader_builders import CPCA, TOPICC, matrix_rows

SEED_SCORES = [2, 2, 2, 2, 1, 1, 2, 2]            # seed 002, "Numerical Score" column
TOTAL_LABEL = "Scrutiny Value Score [right click on the value and \u201cupdate field\u201d to total the score]"
TITLE = "Improvement Framework \u2013 Closure of Existing Improvement Programme (Phase 3) and Next Steps"
TOPIC = TITLE.replace("\u2013", "-")              # cells are read as one line, dashes normalised


def cover_rows(scores=SEED_SCORES, total=14, criteria=CPCA, total_label=TOTAL_LABEL, title=TITLE):
    """The seed's cover sheet: committee heading, date, title rows, then the scoring table."""
    rows = [["Overview and Scrutiny Committee"], ["7 November 2024"], [],
            ["Title:", title], ["Report of:", "Janice Gotts, Executive Director - Resources"],
            ["Strategic Objective(s):", "Achieving Best Value and High Performance"], [],
            ["Topic Scoring", None], [None, "Numerical Score"]]
    rows += [[c, s] for c, s in zip(criteria, scores)]
    rows += [[total_label, total], [], ["Rating Scores"], ["1 = Low"], ["2 = Medium"], ["3 = High"]]
    return rows


def test_seed_table_loads_and_totals_14(write_xlsx):
    result = load_file(write_xlsx(cover_rows(), sheet="Report"))
    assert (result.kind, result.format, result.records) == ("scrutiny", "scrutiny-cover-xlsx", 1)
    assert result.warnings == []
    frame = result.frame
    assert list(frame.columns) == list(SCRUTINY_SCORES)
    assert frame["criterion"].tolist() == list(CPCA)
    assert frame["score"].sum() == 14
    first = frame.iloc[0]
    assert first["topic"] == TOPIC and first["committee"] == "Overview and Scrutiny Committee"
    assert first["meeting_date"] == pd.Timestamp("2024-11-07")
    assert first["objective"] == "Achieving Best Value and High Performance"
    assert first["scheme"] == "cpca-8"


def test_stale_total_is_a_warning_naming_the_topic(write_xlsx):
    result = load_file(write_xlsx(cover_rows(total=16)))
    [warning] = result.warnings
    assert TOPIC in warning.message and "16" in warning.message and "14" in warning.message
    assert (warning.row, warning.column) == (18, "Scrutiny Value Score")
    assert result.frame["score"].sum() == 14


def test_out_of_range_score_is_an_error_with_row_and_criterion(write_xlsx):
    scores = list(SEED_SCORES)
    scores[4] = 4                                   # Financial Value, Excel row 14
    with pytest.raises(FileRejected) as caught:
        load_file(write_xlsx(cover_rows(scores=scores)))
    [error] = caught.value.findings
    assert (error.row, error.column) == (14, "Financial Value")
    assert "outside" in error.message and TOPIC in error.message


def test_one_report_per_sheet(write_xlsx):
    second = cover_rows(scores=[3] * 8, total=24, title="Bus franchising")
    path = write_xlsx(cover_rows(), sheet="Report 1", extra_sheets={"Report 2": second, "Notes": [["notes"]]})
    result = load_file(path, kind="scrutiny")
    assert result.records == 2
    assert result.frame.groupby("topic")["score"].sum().to_dict() == {TOPIC: 14, "Bus franchising": 24}


def test_minimal_cover_without_title_uses_sheet_name(write_text):
    rows = [["Topic Scoring", "Numerical Score"], *[[c, "Medium"] for c in CPCA], ["Scrutiny Value Score", 16]]
    result = load_file(write_text(rows, name="Skills bootcamps.csv"))
    assert result.format == "scrutiny-cover-csv" and result.warnings == []
    assert result.frame["score"].sum() == 16


def test_topicc_cover_loads_with_the_oxford_scheme(write_xlsx):
    rows = cover_rows(scores=[2, 1, 0, 2, 1, 1], total=7, criteria=TOPICC, total_label="TOPICC score")
    result = load_file(write_xlsx(rows))
    assert result.frame["scheme"].unique().tolist() == ["oxford-topicc"]
    assert result.frame["score"].sum() == 7 and result.warnings == []


def test_topicc_matrix_score_of_3_is_out_of_range(write_xlsx):
    rows = matrix_rows(criteria=TOPICC, total_name="TOPICC score", scores={("Housing", "Chair"): [2, 1, 3, 2, 1, 1]})
    with pytest.raises(FileRejected) as caught:
        load_file(write_xlsx(rows))
    [error] = caught.value.findings
    assert (error.row, error.column) == (2, "Public interest") and "0-2" in error.message


def test_matrix_reads_work_programme_status(write_xlsx):
    rows = matrix_rows()
    rows[3][-1] = "No"
    frame = load_file(write_xlsx(rows)).frame
    status = frame.groupby("topic")["on_work_programme"].first().to_dict()
    assert status == {"Bus franchising": True, "Skills bootcamps": False}
    assert str(frame["on_work_programme"].dtype) == "boolean"


def test_check_command_detects_the_cover_layout(write_xlsx, capsys):
    from loaders.cli import main

    main(["check", str(write_xlsx(cover_rows(total=15)))])
    out = capsys.readouterr().out
    assert "scrutiny-cover-xlsx" in out and "15" in out

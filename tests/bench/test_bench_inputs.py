"""The benchmark's generator makes files of the declared shape that load through the real
loaders (no timing here: the benchmark prints times, tests never assert them)."""
import datetime as dt

from bench.inputs import Spec, make_inputs, staff_rows, statements
from bench.report import rows as table_rows
from bench.xlsx_stream import column_letters, excel_serial
from loaders.codebook import load_codebook
from loaders.pipeline import load_file
from sample_data.statements import AGREEMENT, STAFF_STATEMENTS

SMALL = Spec(respondents=40, questions=18, waves=2, actions=12, snapshots=2, topics=7)


def test_statements_extend_the_sample_ones():
    items = statements(50)
    assert len(items) == 50 and len({s.qid for s in items}) == 50
    assert items[:len(STAFF_STATEMENTS)] == list(STAFF_STATEMENTS)


def test_staff_rows_have_the_forms_columns_and_agreement_answers():
    rows = list(staff_rows("2022-09", dt.date(2022, 9, 12), 30, 0.0, statements(20)))
    header, data = rows[0], rows[1:]
    assert header[:5] == ["ID", "Start time", "Completion time", "Email", "Name"]
    assert len(header) == 5 + 1 + 20 + 2 and len(data) == 30
    assert all(len(r) == len(header) for r in data)
    answers = {v for r in data for v in r[6:26]}
    assert answers <= set(AGREEMENT) | {None} and len(answers) > 3


def test_same_arguments_same_rows():
    first = list(staff_rows("2023-05", dt.date(2023, 5, 15), 20, 0.1, statements(14)))
    assert first == list(staff_rows("2023-05", dt.date(2023, 5, 15), 20, 0.1, statements(14)))


def test_generated_files_load_with_the_declared_shape(tmp_path):
    inputs = make_inputs(SMALL, tmp_path)
    assert len(inputs.surveys) == SMALL.waves and len(inputs.trackers) == SMALL.snapshots
    codebook = load_codebook(inputs.codebook)
    for path, meta in inputs.surveys:
        result = load_file(path, codebook=codebook, **meta)
        assert result.kind == "survey" and result.format == "microsoft-forms-xlsx"
        assert result.records == SMALL.respondents and result.questions == SMALL.questions
        assert not result.metadata["unmapped"]
    tracker = load_file(inputs.trackers[0][0], **inputs.trackers[0][1])
    assert tracker.kind == "actions" and tracker.frame["reference"].nunique() == SMALL.actions
    scrutiny = load_file(inputs.scrutiny)
    assert scrutiny.kind == "scrutiny" and scrutiny.frame["topic"].nunique() == SMALL.topics
    assert make_inputs(SMALL, tmp_path).folder == inputs.folder     # cached: reused, not rebuilt


def test_column_letters_and_serial_dates():
    assert column_letters(28)[-3:] == ["Z", "AA", "AB"]
    assert excel_serial(dt.date(1900, 3, 1)) == 61


def test_table_marks_targets_pass_or_fail():
    result = {"respondents": 20_000, "ingest_median": 1.0, "fastexcel_median": 0.8, "ratio_median": 1.25,
              "openpyxl": 20.0, "ingest_peak_mb": 300, "tracker_ingest": 0.2, "scrutiny_ingest": 0.1,
              "start": {"first_page": 1.5},
              "pages": {"pages/culture.py": {"first": 2.0, "median": 0.12, "reruns": 10, "figure_bytes": 150_000}},
              "server": {"peak_mb": 500}}
    verdicts = {row[0]: row[3] for row in table_rows([result])}
    assert verdicts["[20,000] ingest / bare fastexcel read, same wave (median of 3)"] == "pass"
    assert verdicts["[20,000] ingest speed-up over pandas + openpyxl"] == "pass"
    assert verdicts["[20,000] app start to first page, from the store (median of 3)"] == "FAIL"
    assert verdicts["[20,000] warm rerun culture (median)"] == "pass"
    assert verdicts["[20,000] largest plotly figure JSON, any page"] == "FAIL"


def test_the_big_survey_csv_loads_as_a_generic_survey_from_columns(tmp_path):
    from bench.inputs import big_survey_csv
    from bench.report import big_csv_rows
    from loaders.guards import check_file
    from loaders.pipeline import load_columns

    path = big_survey_csv(tmp_path, 500)
    loaded = load_columns(check_file(path), "survey", {"wave_date": "2026-03-01"})
    assert loaded is not None and loaded.result.records == 500 and loaded.result.questions == 1
    assert loaded.result.metadata["group_column"]
    said = big_csv_rows({"rows": 500, "mb": 0.01, "format": "generic-survey-csv", "records": 500, "peak_mb": 90,
                         "check": 3.0, "arrow_csv": 1.0, "pandas_csv": 1.0})
    assert ("[500-row CSV, 0 MB] check / bare pandas read", "3.00x", "<= 2x", "FAIL") in said

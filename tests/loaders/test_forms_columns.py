"""The Microsoft Forms layout's columnar loader (loaders.columns, forms.load_forms_columns):
a Forms export read as Arrow columns gives exactly what the cell grid gives (counts, records, warnings with their Excel rows), and files it cannot read as
safely go the grid way."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from loaders import forms
from loaders.codebook import load_codebook
from loaders import load_file, pipeline
from loaders.guards import check_file
from loaders.grid import read_workbook
from loaders.registry import detect
from model.survey_counts import count_responses
from settings.disclosure import DisclosurePolicy

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"
BOOK = load_codebook(SAMPLE / "codebook.csv")
META = {"audience": "staff", "wave": "2024-04", "wave_date": "2024-04-15", "codebook": BOOK}
HEADER = ["ID", "Start time", "Completion time", "Email", "Name", "Which directorate do you work in?",
          "I feel valued for the work I do", "My opinions count at work", "I feel safe to speak up",
          "Is there anything else you would like to tell us?"]
SA, A, N, D, SD = "Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree"


def _columns(path: Path, **metadata):
    loaded = pipeline.load_columns(check_file(path), None, metadata)
    return None if loaded is None else loaded.result


def _grid(path: Path, **metadata):
    book = read_workbook(path)
    layout, _ = detect(book.sheets, None)
    return forms.load_forms_export(book.sheets[0], **pipeline.options(layout, check_file(path), metadata))


def _same(fast, grid) -> None:
    pd.testing.assert_frame_equal(fast.counts.answers, grid.counts.answers)
    pd.testing.assert_frame_equal(fast.counts.reach, grid.counts.reach)
    assert (fast.records, fast.questions, fast.format) == (grid.records, grid.questions, grid.format)
    assert fast.warnings == grid.warnings
    assert {k: v for k, v in fast.metadata.items()} == {k: v for k, v in grid.metadata.items()}
    rows = count_responses(grid.frame)          # counted the slow way, from respondent rows
    pd.testing.assert_frame_equal(fast.counts.answers, rows.answers)
    pd.testing.assert_frame_equal(fast.counts.reach, rows.reach)


def _write(path: Path, rows: list[list], start: str = "A1", sheets: int = 1) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    column, row = openpyxl.utils.cell.coordinate_from_string(start)
    first = openpyxl.utils.column_index_from_string(column)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if value is not None:
                sheet.cell(row=row + r, column=first + c, value=value)
    for n in range(1, sheets):
        book.create_sheet(f"Other {n}")["A1"] = "notes"
    book.save(path)
    return path


def _awkward(tmp_path: Path, **kwargs) -> Path:
    """Blank answers, a blank row, a repeated ID, an ID-less row, an off-scale answer, a
    respondent with no answer at all, a row without a directorate."""
    when = dt.datetime(2024, 4, 16, 9, 30)
    answers = [(SA, A, D), (A, None, SD), (N, "Maybe", A), (None, None, None), (D, D, SA), (SA, SA, SA), (A, N, D)]
    groups = ["Place", "Resources", "Place", "Resources", None, "Place", "Resources"]
    ids = [1, 2, 3, 4, 5, 2, None]
    rows = [HEADER]
    for i, (who, group, answer) in enumerate(zip(ids, groups, answers)):
        rows.append([who, when, when + dt.timedelta(minutes=9), "anonymous", None, group, *answer, None])
        if i == 2:
            rows.append([None] * len(HEADER))
    return _write(tmp_path / "forms.xlsx", rows, **kwargs)


@pytest.mark.parametrize("name", ["staff_survey_2022-09.xlsx", "staff_survey_2024-04.xlsx"])
def test_sample_exports_read_as_columns_match_the_grid(name):
    path = SAMPLE / "surveys" / name
    fast = _columns(path, **META)
    assert fast is not None, "a plain Forms export must take the column path"
    _same(fast, _grid(path, **META))


def test_awkward_rows_give_the_same_counts_rows_and_warnings(tmp_path):
    path = _awkward(tmp_path)
    fast, grid = _columns(path, **META), _grid(path, **META)
    assert fast is not None
    _same(fast, grid)
    assert any(w.row == 4 and "Maybe" in w.message for w in fast.warnings)   # Excel row of the odd cell


def test_wave_date_from_completion_times_when_none_is_given(tmp_path):
    path = _awkward(tmp_path)
    meta = {"audience": "staff", "codebook": BOOK}
    fast, grid = _columns(path, **meta), _grid(path, **meta)
    assert fast.metadata["wave_date"] == grid.metadata["wave_date"] == "2024-04-16"


@pytest.mark.parametrize("kwargs", [{"start": "B3"}, {"sheets": 2}])
def test_a_sheet_not_at_a1_or_a_second_sheet_goes_the_grid_way(tmp_path, kwargs):
    path = _awkward(tmp_path, **kwargs)
    assert _columns(path, **META) is None
    result = load_file(path, **{k: v for k, v in META.items()})
    assert result.records == _grid(path, **META).records


def test_load_file_takes_the_column_path_and_keeps_the_guards(tmp_path, monkeypatch):
    path = _awkward(tmp_path)
    taken = []
    original = pipeline.load_columns
    monkeypatch.setattr(pipeline, "load_columns", lambda *a: taken.append(original(*a)) or taken[-1])
    result = load_file(path, **{**META, "wave_date": "2099-01-01"})
    assert taken[0] is not None and taken[0].result is result and result.counts is not None
    assert any("in the future" in w.message for w in result.warnings)


def _rows_with(group_values: list, answers: list[tuple], ids: list | None = None, done=None) -> list[list]:
    when = dt.datetime(2024, 4, 16, 9, 30)
    ids = ids or list(range(1, len(answers) + 1))
    return [HEADER] + [[who, when, when if done is None else done, "anonymous", None, group, *answer, None]
                       for who, group, answer in zip(ids, group_values, answers)]


def test_a_formatted_empty_a1_goes_the_grid_way_and_rows_stay_right(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"].font = openpyxl.styles.Font(bold=True)          # styled, no value: the header is on row 2
    for row in _rows_with(["Place"] * 6, [(SA, "Maybe", A)] + [(A, A, D)] * 5):
        sheet.append(row)
    book.save(path := tmp_path / "styled.xlsx")
    assert _columns(path, **META) is None
    warnings = load_file(path, **META).warnings
    assert [w.row for w in warnings if "Maybe" in w.message] == [3]


def test_completion_times_stored_as_numbers_go_the_grid_way(tmp_path):
    path = _write(tmp_path / "numbers.xlsx", _rows_with(["Place"] * 3, [(SA, A, A)] * 3, done=45398.4))
    meta = {"audience": "staff", "codebook": BOOK}
    assert _columns(path, **meta) is None
    assert load_file(path, **meta).metadata["wave_date"] == _grid(path, **meta).metadata["wave_date"]


@pytest.mark.parametrize("odd", [True, dt.datetime(2024, 1, 1), dt.time(9, 30)])
def test_cells_that_were_not_text_go_the_grid_way(tmp_path, odd):
    path = _write(tmp_path / "odd.xlsx", _rows_with([odd, "Place", "Place"], [(SA, A, A), (A, odd, A), (D, D, D)]))
    assert _columns(path, **META) is None
    assert load_file(path, **META).warnings == _grid(path, **META).warnings


def test_a_statement_in_two_columns_counts_each_person_once(tmp_path):
    from metrics.breakdowns import statement_results

    header = HEADER[:7] + HEADER[6:7] + HEADER[7:]              # "I feel valued..." twice
    rows = [header] + [[i, dt.datetime(2024, 4, 16), dt.datetime(2024, 4, 16), "x", None, "Place", A, A, D, D, None]
                       for i in range(1, 7)]
    path = _write(tmp_path / "twice.xlsx", rows)
    fast, grid = _columns(path, **META), _grid(path, **META)
    _same(fast, grid)
    table = statement_results(fast.counts, BOOK, DisclosurePolicy(5, protection_points=20)).set_index("question")
    assert table.loc[HEADER[6], "n_respondents"] == 6                # six people, twelve answers
    assert statement_results(fast.counts, BOOK, DisclosurePolicy(10, protection_points=20))["suppressed"].all()


def test_repeated_ids_are_one_person_and_say_so(tmp_path):
    answers = [(A, A, D)] * 12
    path = _write(tmp_path / "pasted.xlsx", _rows_with(["Place"] * 12, answers, ids=list(range(1, 7)) * 2))
    result = load_file(path, **META)
    assert result.records == 6
    assert any("more than one row" in w.message and w.row == 2 for w in result.warnings)

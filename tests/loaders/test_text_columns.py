"""A CSV read as Arrow text columns (loaders.columns.read_columns) gives exactly what the
cell grid gives, and a file Arrow cannot read the grid's way goes the grid way.

Seeded generator: each case is a survey CSV drawn at random (delimiter, BOM, quoting, line
breaks inside quoted cells, CRLF, blank cells and rows, rows of invisible characters only,
no-break spaces and zero-width spaces in groups and answers, HTML, repeated and missing IDs,
with or without an ID or a date column, off-scale answers). The invariant: the columnar
load and the grid load agree on counts, records, questions, format, warnings (with their
rows) and metadata, and both agree with the counts of the respondent-level frame.
"""
from __future__ import annotations

import codecs
import csv
import io
import random
from pathlib import Path

import pandas as pd
import pytest

from loaders import load_file, pipeline
from loaders.columns import read_columns
from loaders.grid import read_workbook
from loaders.guards import check_file
from loaders.registry import detect
from model.survey_counts import count_responses

SCALE = ["Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree"]
ODD = ["", "", " ", "Don't know", "Maybe", "agree", "STRONGLY AGREE", "Agree\u00a0", "Dis\u200bagree", "<b>Agree</b>"]
GROUPS = ["Place", "Resources", "Fin\u200bance", "Finance", "Adults\u00a0", "", "People, and Change"]
WAVE = {"audience": "staff", "wave": "2026-03", "wave_date": "2026-03-01"}


def _case(seed: int) -> tuple[bytes, str]:
    """One generated survey CSV (its bytes) and its suffix."""
    rng = random.Random(seed)
    delimiter = rng.choice([",", ",", ";", "\t", "|"])
    with_id, with_date = rng.random() < 0.7, rng.random() < 0.4
    items = rng.randint(1, 5)
    header = ([rng.choice(["Respondent ID", "ID", "Response ID"])] if with_id else []) + (["Completed"] if with_date else []) + \
        ["Directorate"] + [f"Statement {i + 1}: I feel {rng.choice(['valued', 'safe', 'heard'])}" for i in range(items)]
    rows = [header]
    for n in range(rng.randint(2, 60)):
        if rng.random() < 0.05:
            rows.append([rng.choice(["", " ", "\u200b"]) for _ in header])     # a blank or invisible row
            continue
        row = ([str(rng.choice([n, n, n, 3, ""])) if rng.random() < 0.95 else f"id {n}\u200b"] if with_id else [])
        row += [f"0{rng.randint(1, 9)}/03/2026 10:0{rng.randint(0, 9)}"] if with_date else []
        row.append(rng.choice(GROUPS))
        row += [rng.choice(SCALE) if rng.random() < 0.8 else rng.choice(ODD) for _ in range(items)]
        if rng.random() < 0.05:
            row[-1] = "Agree\nreally"                                           # a line break inside a cell
        rows.append(row)
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=rng.choice(["\n", "\r\n"]),
               quoting=rng.choice([csv.QUOTE_MINIMAL, csv.QUOTE_ALL])).writerows(rows)
    data = out.getvalue().encode("utf-8")
    return (codecs.BOM_UTF8 + data if rng.random() < 0.2 else data), (".tsv" if delimiter == "\t" else ".csv")


def _grid(path: Path):
    """The grid load, and whether its layout has a columnar loader at all."""
    book = read_workbook(path)
    found = detect(book.sheets, "survey")
    loaded = found.layout.load(found.sheet, **pipeline.options(found.layout, check_file(path), dict(WAVE)))
    return loaded, found.layout.columnar is not None


def _columnar(path: Path):
    loaded = pipeline.load_columns(check_file(path), "survey", dict(WAVE))
    return None if loaded is None else loaded.result


def _same(fast, grid) -> None:
    pd.testing.assert_frame_equal(fast.counts.answers, grid.counts.answers)
    pd.testing.assert_frame_equal(fast.counts.reach, grid.counts.reach)
    assert (fast.records, fast.questions, fast.format) == (grid.records, grid.questions, grid.format)
    assert fast.warnings == grid.warnings
    assert fast.metadata == grid.metadata
    rows = count_responses(grid.frame)
    pd.testing.assert_frame_equal(fast.counts.answers, rows.answers)
    pd.testing.assert_frame_equal(fast.counts.reach, rows.reach)
    pd.testing.assert_frame_equal(fast.frame, grid.frame)


@pytest.mark.parametrize("seed", range(60))
def test_generated_csv_reads_the_same_as_columns_and_as_a_grid(tmp_path, seed):
    data, suffix = _case(seed)
    path = tmp_path / f"survey-{seed}{suffix}"
    path.write_bytes(data)
    try:
        grid, columnar = _grid(path)
    except Exception as refused:                      # the grid refuses: the columnar path must not load it
        assert _columnar(path) is None, refused
        return
    fast = _columnar(path)
    if not columnar:                                  # a layout read from the grid only (SurveyMonkey's 'Respondent ID')
        assert fast is None
        return
    assert fast is not None, "a UTF-8 CSV of even rows went the grid way"
    _same(fast, grid)


def test_most_generated_files_take_the_columnar_way(tmp_path):
    taken = 0
    for seed in range(60):
        data, suffix = _case(seed)
        path = tmp_path / f"s{seed}{suffix}"
        path.write_bytes(data)
        taken += _columnar(path) is not None
    assert taken >= 40, taken


def test_a_ragged_file_goes_the_grid_way_and_still_loads(tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("ID,Directorate,I feel valued\n1,Place,Agree\n2,Place,Agree,extra\n3,Place,Agree\n")
    assert _columnar(path) is None
    assert load_file(path, "survey", **WAVE).records == 3


def test_a_blank_line_is_a_row_both_ways_so_rows_are_numbered_alike(tmp_path):
    path = tmp_path / "blank.csv"
    path.write_text("ID,Directorate,I feel valued\n1,Place,Agree\n\n2,Place,Maybe\n" +
                    "".join(f"{n},Place,Disagree\n" for n in range(3, 9)))
    fast = _columnar(path)
    _same(fast, _grid(path)[0])
    assert [w.row for w in fast.warnings if "Maybe" in w.message] == [4]


def test_a_cp1252_file_is_read_by_the_grid_with_its_accents(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes("ID,Directorate,I feel valued\n1,Caf\xe9 services,Agree\n2,Caf\xe9 services,Disagree\n"
                     .encode("cp1252"))
    assert read_columns(check_file(path)) is None
    result = load_file(path, "survey", **WAVE)
    assert set(result.counts.answers["group"]) == {"Café services"}


def test_a_forms_csv_reads_the_same_both_ways(tmp_path):
    path = tmp_path / "forms.csv"
    path.write_text("ID,Start time,Completion time,Email,Name,Which directorate do you work in?,I feel valued\n"
                    "1,3/1/26 9:00,3/1/26 9:05,anonymous,,Place,Agree\n"
                    "2,3/1/26 9:00,3/1/26 9:07,anonymous,,Place,Strongly agree\n"
                    "2,3/1/26 9:00,3/1/26 9:09,anonymous,,Resources,Disagree\n", encoding="utf-8")
    fast = _columnar(path)
    assert fast is not None and fast.format == "microsoft-forms-csv"
    _same(fast, _grid(path)[0])

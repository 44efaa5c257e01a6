"""The survey build classifies each distinct value once and builds the frame from arrays
(issue 8); it must give exactly what the former cell-by-cell build gave. The reference
below is that former build, kept here only to compare with."""
import dataclasses
import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from loaders import survey_common
from model.text import cell_text, one_line
from loaders.column_profile import agreement_answer
from loaders import load_file
from model.frames import AGREEMENT_SCALE, SURVEY_RESPONSES, conform, empty
from loaders.report import Finding

ROOT = Path(__file__).resolve().parents[2]
SURVEYS = sorted((ROOT / "data" / "sample" / "surveys").glob("*.*"))


def _old_is_agreement(column) -> bool:
    answers = [agreement_answer(v) for v in column.cells if one_line(v)]
    labels = [a for a in answers if a]
    recognised = [a for a in answers if a is not None]
    return bool(labels) and len(recognised) >= survey_common.MIN_RECOGNISED * len(answers)


def _old_odd(item, sheet):
    odd = [(row, one_line(v)) for row, v in zip(item.rows, item.cells) if one_line(v) and agreement_answer(v) is None]
    if not odd:
        return []
    more = f" (and {len(odd) - 1} more)" if len(odd) > 1 else ""
    return [Finding(f"{odd[0][1]!r} is not an agreement answer; ignored{more}.", sheet=sheet, row=odd[0][0],
                    column=item.header)]


def old_frame(rows, columns, audience, wave, date, group):
    """The former records loop and frame, for the items the new build chose."""
    records = []
    for item, qid in columns:
        for i, value in enumerate(item.cells):
            answer = agreement_answer(value)
            if answer:
                records.append((rows.respondents[i], one_line(group.cells[i]) if group else None, qid,
                                item.wording, answer))
    if not records:
        return empty(SURVEY_RESPONSES)
    frame = pd.DataFrame(records, columns=["respondent", "group", "question_id", "question_text", "answer"])
    frame["group"] = frame["group"].replace("", None)
    frame["score"] = frame["answer"].map({a: i + 1 for i, a in enumerate(AGREEMENT_SCALE)})
    frame["audience"], frame["wave"], frame["wave_date"] = audience, wave, date
    return conform(frame, SURVEY_RESPONSES)


def _as_list(column):
    """A column read as Arrow (loaders.columns) as the grid gives it: a list, '' when empty."""
    if isinstance(column.cells, list):
        return column
    return dataclasses.replace(column, cells=["" if v is None else v for v in column.cells.to_pylist()])


@pytest.fixture
def compare(monkeypatch):
    """Wrap build_survey: check classification, warnings and frame against the former build."""
    real = survey_common.build_survey
    checked = []

    def checking(rows, arrow_or_list_columns, **kw):
        result = real(rows, arrow_or_list_columns, **kw)
        columns = [_as_list(c) for c in arrow_or_list_columns]
        items = [c for c in columns if _old_is_agreement(c)]
        assert [c.header for c in columns if survey_common.is_agreement(c)] == [c.header for c in items]
        assert [survey_common.is_multi_select(c) for c in columns] == [
            any(cell_text(v).endswith(";") for v in c.cells if one_line(v)) for c in columns]
        odd = [w for c in items for w in _old_odd(c, rows.sheet)]
        assert [w.as_dict("cli") for w in odd] == [w.as_dict("cli") for w in result.warnings if "agreement answer" in w.message]
        group = next((c for c in columns if c.header == result.metadata["group_column"]), None)
        from loaders.codebook import QuestionMap
        questions = QuestionMap(kw["codebook"], result.metadata["wave"])
        expected = old_frame(rows, [(c, questions.question_id(c.wording)) for c in items], kw["audience"],
                             result.metadata["wave"], pd.Timestamp(result.metadata["wave_date"]), group)
        pd.testing.assert_frame_equal(result.frame, expected)
        checked.append(result)
        return result

    for module in ("forms", "surveymonkey", "qualtrics", "google_forms", "generic_survey"):
        monkeypatch.setattr(f"loaders.{module}.build_survey", checking)
    return checked


@pytest.mark.parametrize("path", SURVEYS, ids=lambda p: p.name)
def test_sample_surveys_load_as_before(path, compare):
    load_file(path)
    assert compare, "the survey went through build_survey"


def test_odd_cells_mixed_types_and_blanks_as_before(tmp_path, compare):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["ID", "Start time", "Completion time", "Email", "Name", "Directorate", "Q one", "Q two", "Picks"])
    values = ["Agree", " strongly  agree ", "N/A", 7, "Agree\u00a0", "", "Disagree", "Strongly disagree",
              "Neither agree nor disagree", "Agree", 7.0, "Disagree", "Agree", True, "Strongly agree", "Agree", "",
              "Disagree", "Agree", "Disagree"]      # 3 odd cells (7, 7.0, TRUE) of 18 answered: still a question
    for i, value in enumerate(values * 3):
        ws.append([i + 1, dt.datetime(2024, 1, 2, 9), dt.datetime(2024, 1, 2, 10), "anonymous", None,
                   ["Place", "Resources", ""][i % 3], value, values[(i + 3) % len(values)], "a;b;" if i % 4 else None])
    path = tmp_path / "mixed.xlsx"
    wb.save(path)
    load_file(path)
    assert compare

"""What every survey export shares once its header is understood.

A survey loader (Forms, SurveyMonkey, ...) turns its layout into ``Column`` objects, one
per candidate question, and calls ``build_survey``. Here columns are classified by their
CONTENT: an agreement item has cells that are agreement labels (config/
agreement_vocabulary.csv); multi-select (``a;b;``) and free text are not questions; the
reporting group is found by header text and categorical content. The result is the
SURVEY_RESPONSES long frame with valid answers only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from .cells import cell_text, match_key, one_line
from .codebook import QuestionMap
from .dates import parse_date
from .model import AGREEMENT_SCALE, SURVEY_RESPONSES, conform, empty
from .report import FileRejected, Finding, LoadResult
from .vocab import agreement_vocabulary, header_config

MIN_RECOGNISED = 0.8  # share of non-empty cells that must be agreement text


@dataclass
class Column:
    """One candidate question column, its data cells and their Excel rows."""

    index: int
    header: str          # as shown in findings
    wording: str         # statement text used for the codebook
    cells: list[object]
    rows: list[int]


@dataclass
class SurveyRows:
    """The respondent-level columns of a survey, parallel to every Column.cells."""

    respondents: list[str]
    completed: list[pd.Timestamp | None]
    sheet: str


def agreement_answer(value: object) -> str | None:
    """Scale label, '' for a recognised non-answer, None when not agreement text."""
    return agreement_vocabulary().get(match_key(value))


def is_agreement(column: Column) -> bool:
    answers = [agreement_answer(v) for v in column.cells if one_line(v)]
    labels = [a for a in answers if a]
    recognised = [a for a in answers if a is not None]
    return bool(labels) and len(recognised) >= MIN_RECOGNISED * len(answers)


def is_multi_select(column: Column) -> bool:
    texts = [cell_text(v) for v in column.cells if one_line(v)]
    return any(t.endswith(";") for t in texts)


def is_group(column: Column, respondents: int) -> bool:
    config = header_config("survey_headers")["groups"]
    if not re.search(config["header_pattern"], column.wording, re.IGNORECASE):
        return False
    values = {one_line(v) for v in column.cells if one_line(v)}
    limit = min(int(config["max_categories"]), max(5, respondents // 2))
    return bool(values) and len(values) <= limit and not is_multi_select(column)


def resolve_wave(rows: SurveyRows, wave: str | None, wave_date: object) -> tuple[str, pd.Timestamp]:
    """wave/wave_date from the caller, else from the earliest completion time."""
    date = parse_date(wave_date) if wave_date not in (None, "") else None
    if date is None:
        times = [t for t in rows.completed if t is not None]
        date = min(times).normalize() if times else None
    if date is None and wave and re.fullmatch(r"\d{4}-\d{2}", wave):
        date = pd.Timestamp(f"{wave}-01")
    if date is None:
        raise FileRejected([Finding("No completion times in the file and no wave date given: "
                                    "give --wave-date (YYYY-MM-DD).", sheet=rows.sheet)], kind="survey")
    return (wave or date.strftime("%Y-%m")), date


def build_survey(rows: SurveyRows, columns: list[Column], *, format: str, audience: str,
                 wave: str | None, wave_date: object, codebook: pd.DataFrame | None) -> LoadResult:
    """Classify ``columns`` and return the SURVEY_RESPONSES LoadResult."""
    wave, date = resolve_wave(rows, wave, wave_date)
    items = [c for c in columns if is_agreement(c)]
    groups = [c for c in columns if c not in items and is_group(c, len(rows.respondents))]
    group = groups[0] if groups else None
    warnings = [] if group else [Finding("No directorate/organisation column found: results "
                                         "cannot be broken down by group.", sheet=rows.sheet)]
    if not items:
        raise FileRejected([Finding("No agreement-scale questions found (columns whose cells are "
                                    "Strongly disagree ... Strongly agree).", sheet=rows.sheet)],
                           kind="survey", format=format)
    questions = QuestionMap(codebook, wave)
    records = []
    for item in items:
        qid = questions.question_id(item.wording)
        warnings += _odd_cells(item, rows.sheet)
        for i, value in enumerate(item.cells):
            answer = agreement_answer(value)
            if answer:
                records.append((rows.respondents[i], one_line(group.cells[i]) if group else None,
                                qid, item.wording, answer))
    frame = _frame(records, audience, wave, date)
    return LoadResult(
        kind="survey", format=format, frame=frame,
        records=int(frame["respondent"].nunique()), questions=len(items), warnings=warnings,
        metadata={"audience": audience, "wave": wave, "wave_date": date.date().isoformat(),
                  "group_column": group.header if group else None,
                  "unmapped": questions.unmapped()},
    )


def _frame(records: list[tuple], audience: str, wave: str, date: pd.Timestamp) -> pd.DataFrame:
    if not records:
        return empty(SURVEY_RESPONSES)
    frame = pd.DataFrame(records, columns=["respondent", "group", "question_id", "question_text", "answer"])
    frame["group"] = frame["group"].replace("", None)
    frame["score"] = frame["answer"].map({a: i + 1 for i, a in enumerate(AGREEMENT_SCALE)})
    frame["audience"], frame["wave"], frame["wave_date"] = audience, wave, date
    return conform(frame, SURVEY_RESPONSES)


def _odd_cells(item: Column, sheet: str) -> list[Finding]:
    """One warning per item for cells that are neither an agreement label nor a non-answer."""
    odd = [(row, one_line(v)) for row, v in zip(item.rows, item.cells)
           if one_line(v) and agreement_answer(v) is None]
    if not odd:
        return []
    row, text = odd[0]
    more = f" (and {len(odd) - 1} more)" if len(odd) > 1 else ""
    return [Finding(f"{text!r} is not an agreement answer; ignored{more}.",
                    sheet=sheet, row=row, column=item.header)]


def respondent_id(value: object, excel_row: int) -> str:
    text = one_line(value)
    return text if text else f"row-{excel_row}"

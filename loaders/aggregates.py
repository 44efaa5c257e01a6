"""Aggregated survey results: a provider's summary export or a published benchmark.

Such a table has no respondent rows, so it cannot become SURVEY_RESPONSES (respondents,
answers per person and the disclosure checks on them are unknown). It is loaded into the
separate AGGREGATES frame (model/frames.py, docs/data-model.md): one row per question x
group, with n_respondents when the table gives counts or a base, and % positive /
neutral / negative (0-100). Three shapes are read, columns found by header text
(config/survey_headers.toml ``[aggregates]``) and by content:

- answer columns: a question column and one column per answer label (``Strongly agree``
  ... ``Strongly disagree``) holding counts or percentages, with an optional group column
  and base (n) column. Rows whose answers sum to 100 are percentages, otherwise counts
  (n = their sum). Positive = Agree + Strongly agree, flipped for a question the codebook
  marks negative.
- a ``% positive`` column (optional neutral / negative, group, base), taken as published.
- wide: a question column, then one column per group (e.g. ``All staff``, ``Civil Service
  median``), each cell a % positive.
The wave date must be given (such tables carry none). Default audience: staff.
"""
from __future__ import annotations

import re

import pandas as pd

from model.text import match_key, one_line
from .codebook import QuestionMap
from .grid import Sheet
from .layout import Layout
from model.frames import AGGREGATES, AGREEMENT_SCALE, conform, empty
from .report import FileRejected, Finding, LoadResult
from .survey_common import SURVEY_OPTIONS, SurveyRows, resolve_wave
from settings.vocabulary import agreement_vocabulary, header_config

FORMAT = "aggregated-results"
HEADER_SEARCH_ROWS = 6
_NUMBER = re.compile(r"^-?\d+(\.\d+)?\s*%?$")
_POSITIVE, _NEUTRAL = set(AGREEMENT_SCALE[3:]), AGREEMENT_SCALE[2]


MIN_STATEMENT_WORDS = 3  # median words in a question cell of a wide results table


def _config() -> dict:
    return header_config("survey_headers")["aggregates"]


def number(value: object) -> float | None:
    """A count or percentage cell ("64", "64%", 0.64 stays 0.64) as a float, else None."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = one_line(value).replace(",", "")
    return float(text.rstrip("% ")) if _NUMBER.match(text) else None


def _match(header: list[str], key: str) -> int | None:
    pattern = _config()[key]
    return next((c for c, h in enumerate(header) if h and re.search(pattern, h, re.IGNORECASE)), None)


def _answer_columns(header: list[str]) -> dict[int, str]:
    vocabulary = agreement_vocabulary()
    return {c: vocabulary[match_key(h)] for c, h in enumerate(header) if vocabulary.get(match_key(h))}


def _shape(sheet: Sheet) -> tuple[int, str] | None:
    """(header row index, shape) with shape in answers | positive | wide, else None."""
    for index, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        header = [one_line(v) for v in row]
        question = _match(header, "question_pattern")
        if question is None:
            continue
        body = [r for r in sheet.rows[index + 1:] if one_line(r[question])]
        numeric = [c for c in range(len(header)) if c != question and header[c] and body
                   and all(number(r[c]) is not None for r in body if one_line(r[c]))
                   and any(one_line(r[c]) for r in body)]
        if len(set(_answer_columns(header).values())) >= 3 and set(_answer_columns(header)) <= set(numeric):
            return index, "answers"
        positive = _match(header, "positive_pattern")
        if positive is not None and positive in numeric:
            return index, "positive"
        if numeric and _reads_like_statements(body, question) and \
                not any(agreement_vocabulary().get(match_key(r[question])) for r in body):
            return index, "wide"
    return None


def _reads_like_statements(body: list, question: int) -> bool:
    """A wide table is only taken for survey results when its question cells read like
    survey statements (most have several words), not like a price list or an inventory."""
    words = sorted(len(one_line(r[question]).split()) for r in body)
    return bool(words) and words[len(words) // 2] >= MIN_STATEMENT_WORDS


def is_aggregated_results(sheet: Sheet) -> bool:
    return _shape(sheet) is not None


def load_aggregated_results(sheet: Sheet, *, codebook: pd.DataFrame | None = None, audience: str | None = None,
                            wave: str | None = None, wave_date: object = None) -> LoadResult:
    """An aggregated results table -> the AGGREGATES LoadResult (kind "aggregates")."""
    head, shape = _shape(sheet)
    header = [one_line(v) for v in sheet.rows[head]]
    question = _match(header, "question_pattern")
    body = [r for r in sheet.rows[head + 1:] if one_line(r[question])]
    wave, date = resolve_wave(SurveyRows([], [], sheet.name), wave, wave_date)
    questions = QuestionMap(codebook, wave)
    negative = set()
    if codebook is not None and not codebook.empty:
        negative = set(codebook.loc[codebook["negative"], "question_id"].astype(str))
    records = {"answers": _from_answers, "positive": _from_positive, "wide": _from_wide}[shape](header, body, question)
    for record in records:
        record["question_id"] = questions.question_id(record["question_text"])
        if shape == "answers" and record["question_id"] in negative:
            record["pct_positive"], record["pct_negative"] = record["pct_negative"], record["pct_positive"]
    frame = pd.DataFrame(records)
    if shape != "answers" and not frame.empty:
        frame = _as_percent(frame)
    if frame.empty:
        raise FileRejected([Finding("The aggregated results table has no rows.", sheet=sheet.name)], kind="survey")
    frame["audience"], frame["wave"], frame["wave_date"] = audience or "staff", wave, date
    frame = conform(frame, AGGREGATES) if not frame.empty else empty(AGGREGATES)
    return LoadResult(kind="aggregates", format=f"{FORMAT}-{sheet.container}", frame=frame, records=len(frame),
                      questions=int(frame["question_id"].nunique()),
                      warnings=[Finding(f"Aggregated results ({shape} layout): no respondent rows, so these "
                                        "figures are kept apart from the survey responses.", sheet=sheet.name)],
                      metadata={"audience": audience or "staff", "wave": wave, "wave_date": date.date().isoformat(),
                                "unmapped": questions.unmapped(), "shape": shape})


def _as_percent(frame: pd.DataFrame) -> pd.DataFrame:
    """Shares written as fractions (0.64, from a percent-formatted Excel cell) -> 64."""
    columns = [c for c in ("pct_positive", "pct_neutral", "pct_negative") if c in frame]
    values = frame[columns].apply(pd.to_numeric, errors="coerce")
    if values.notna().any().any() and values.max().max() <= 1.0:
        frame[columns] = values * 100
    return frame


def _group(header: list[str], row: list) -> str:
    column = _match(header, "group_pattern")
    return one_line(row[column]) if column is not None and one_line(row[column]) else "All"


def _base(header: list[str], row: list) -> float | None:
    column = _match(header, "base_pattern")
    return number(row[column]) if column is not None else None


def _from_answers(header: list[str], body: list[list], question: int) -> list[dict]:
    answers = _answer_columns(header)
    out = []
    for row in body:
        values = {label: 0.0 for label in AGREEMENT_SCALE}
        for c, label in answers.items():
            values[label] += number(row[c]) or 0.0
        total = sum(values.values())
        base = _base(header, row)
        is_percent = abs(total - 100) <= 1.5 and (base is None or base != total)
        n = base if is_percent else total
        shares = {k: (v if is_percent else (100 * v / total if total else None)) for k, v in values.items()}
        out.append({"group": _group(header, row), "question_text": one_line(row[question]),
                    "n_respondents": None if n is None else round(n),
                    "pct_positive": _sum(shares, _POSITIVE), "pct_neutral": shares[_NEUTRAL],
                    "pct_negative": _sum(shares, set(AGREEMENT_SCALE[:2]))})
    return out


def _sum(shares: dict, labels: set) -> float | None:
    values = [shares[k] for k in labels]
    return None if any(v is None for v in values) else sum(values)


def _from_positive(header: list[str], body: list[list], question: int) -> list[dict]:
    columns = {k: _match(header, f"{k}_pattern") for k in ("positive", "neutral", "negative")}
    return [{"group": _group(header, row), "question_text": one_line(row[question]),
             "n_respondents": _base(header, row),
             **{f"pct_{k}": number(row[c]) if c is not None else None for k, c in columns.items()}}
            for row in body]


def _from_wide(header: list[str], body: list[list], question: int) -> list[dict]:
    return [{"group": header[c], "question_text": one_line(row[question]), "pct_positive": number(row[c])}
            for row in body for c in range(len(header))
            if c != question and header[c] and number(row[c]) is not None]


LAYOUT = Layout(FORMAT, "survey",
                "aggregated results table (a Question column, then answer counts/percentages, "
                "a % positive column, or one % positive column per group)",
                is_aggregated_results, load_aggregated_results, SURVEY_OPTIONS)

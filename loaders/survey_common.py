"""What every survey export shares once its header is understood.

A survey loader (Forms, SurveyMonkey, ...) turns its layout into ``Column`` objects, one
per candidate question, and calls ``build_survey``. Here columns are classified by their
CONTENT: an agreement item has cells that are agreement labels (config/
agreement_vocabulary.csv); multi-select (``a;b;``) and free text are not questions; the
reporting group is found by header text and categorical content. The result is the
survey's counts (model.survey_counts), made from the answer columns, and on demand the
SURVEY_RESPONSES long frame: one row per answered cell (an answer off the scale is NA).
The free-text columns (the codebook's ``kind`` or their content says so, loaders/free_text.py)
give the result's ``comments`` (COMMENTS), and the name and email columns its ``known_names``;
neither changes the counts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd
import pyarrow as pa

from model.text import one_line
from .column_profile import Profile, agreement_answer, profile
from .codebook import QuestionMap
from . import free_text
from .dates import parse_date
from model.frames import AGREEMENT_DTYPE, AGREEMENT_SCALE, SURVEY_RESPONSES, conform, empty
from .report import FileRejected, Finding, SurveyResult
from model.survey_counts import RESPONDENTS, count_answer_columns, respondent_codes
from settings.vocabulary import header_config

MIN_RECOGNISED = 0.8  # share of non-empty cells that must be agreement text
SURVEY_OPTIONS = ("codebook", "audience", "wave", "wave_date")   # what a survey layout's loader accepts


@dataclass
class Column:
    """One candidate question column, its data cells and their Excel rows."""

    index: int
    header: str          # as shown in findings
    wording: str         # statement text used for the codebook
    cells: list[object]
    rows: list[int]

    @cached_property
    def profile(self) -> Profile:
        """The cells classified once per distinct value (loaders.column_profile)."""
        return profile(self.cells)


@dataclass
class SurveyRows:
    """The respondent-level columns of a survey, parallel to every Column.cells."""

    respondents: list[str] | pa.Array     # an Arrow string array from the columnar readers
    completed: list[pd.Timestamp | None]
    sheet: str
    #: (header, cells) of the fixed columns a layout did not offer as questions (a Forms export's
    #: Name and Email): only their people's names are taken, as ``known_names`` for redaction
    people: list[tuple[str, object]] = field(default_factory=list)


def is_agreement(column: Column) -> bool:
    """Most non-empty cells are agreement text, and at least one is a scale label."""
    p = column.profile
    counts = p.counts()
    filled = [i for i, text in enumerate(p.texts) if text]
    answers = sum(int(counts[i]) for i in filled)
    labels = sum(int(counts[i]) for i in filled if p.answers[i])
    recognised = sum(int(counts[i]) for i in filled if p.answers[i] is not None)
    return labels > 0 and recognised >= MIN_RECOGNISED * answers


def is_multi_select(column: Column) -> bool:
    return any(column.profile.multi)


def is_group(column: Column, respondents: int) -> bool:
    config = header_config("survey_headers")["groups"]
    if not re.search(config["header_pattern"], column.wording, re.IGNORECASE):
        return False
    values = {text for text in column.profile.texts if text}
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
        raise FileRejected([Finding("No completion times in the file and no wave date given.", sheet=rows.sheet,
                                    needs="wave_date")], kind="survey")
    return (wave or date.strftime("%Y-%m")), date


def build_survey(rows: SurveyRows, columns: list[Column], *, format: str, audience: str,
                 wave: str | None, wave_date: object, codebook: pd.DataFrame | None) -> SurveyResult:
    """Classify ``columns`` and return the survey's result: counts now, the long frame on demand."""
    if not len(rows.respondents):
        raise FileRejected([Finding("This file has its header row but no responses: there is nothing to count. "
                                    "Export the responses again once people have answered.", sheet=rows.sheet)],
                           kind="survey", format=format)
    marks = QuestionMap(codebook, wave)
    items = [c for c in columns if not free_text.marked_free_text(c.wording, marks) and is_agreement(c)]
    candidates = [c for c in columns if c not in items and is_group(c, len(rows.respondents))]
    group = candidates[0] if candidates else None
    warnings = [] if group else [Finding("No directorate/organisation column found: results "
                                         "cannot be broken down by group.", sheet=rows.sheet)]
    ids = respondent_codes(rows.respondents)
    warnings += _repeated_ids(rows, ids, columns[0].rows if columns else [])
    if not items:
        raise FileRejected([Finding("No agreement-scale questions found (columns whose cells are "
                                    "Strongly disagree ... Strongly agree).", sheet=rows.sheet)],
                           kind="survey", format=format)
    wave, date = resolve_wave(rows, wave, wave_date)    # after the questions: a file with none says so first
    questions = QuestionMap(codebook, wave)
    parts = []
    for item in items:
        warnings += _odd_cells(item, rows.sheet)
        parts.append((questions.question_id(item.wording), item.wording, *_answered(item.profile)))
    warnings += hidden_text([*items, *([group] if group else [])], rows.sheet)
    group_texts = _group_texts(group, len(rows.respondents))
    counts = count_answer_columns(parts, ids, group_texts, audience, wave, date)
    people = free_text.known_names([*rows.people, *((c.header, c.cells) for c in columns)])
    comments = free_text.mask_known_people(_comments([c for c in columns if c not in items and c is not group],
                                                     questions, rows.sheet, group_texts, audience, wave, date), people)
    return SurveyResult(
        build=lambda: _frame(parts, rows.respondents, group_texts, audience, wave, date),
        preview=lambda n: _frame(_first_rows_only(parts, n), rows.respondents, group_texts, audience, wave, date),
        kind="survey", format=format, counts=counts,
        records=int(counts.reach[RESPONDENTS].sum()), questions=len(items), warnings=warnings, comments=comments,
        known_names=people,
        metadata={"audience": audience, "wave": wave, "wave_date": date.date().isoformat(),
                  "group_column": group.header if group else None,
                  "unmapped": questions.unmapped()},
    )


def _comments(columns: list[Column], questions: QuestionMap, sheet: str, groups: np.ndarray, audience: str,
              wave: str, date: pd.Timestamp) -> pd.DataFrame:
    """COMMENTS of the free-text columns among ``columns`` (loaders/free_text.py)."""
    parts = []
    for column in columns:
        if free_text.is_comment_column(column.wording, column.header, column.profile, questions):
            parts.append((free_text.question_id(column.wording, questions), column.wording,
                          *free_text.comment_rows(column.cells, column.profile, column.rows, column.index, sheet)))
    return free_text.comments_frame(parts, groups, audience, wave, date)


def _answered(p: Profile) -> tuple[np.ndarray, np.ndarray]:
    """(row positions, scale codes) of a column's cells that hold an answer on the scale.

    A cell counts when its agreement answer is a label ('' is a recognised non-answer);
    its code is the label's position on AGREEMENT_SCALE (-1, i.e. missing, if not on it)."""
    answered = np.asarray([bool(a) for a in p.answers], dtype=bool)[p.codes]
    scale = np.asarray([AGREEMENT_SCALE.index(a) if a in AGREEMENT_SCALE else -1 for a in p.answers],
                       dtype=np.int8)
    positions = np.flatnonzero(answered)
    return positions, scale[p.codes[positions]] if len(positions) else np.empty(0, dtype=np.int8)


def _arrow(texts: list[str] | pa.Array) -> pa.Array:
    return texts if isinstance(texts, pa.Array) else pa.array(texts, type=pa.string())


def _strings(values: pa.Array) -> pd.api.extensions.ExtensionArray:
    return pd.array(values, dtype="string")


def _repeated_ids(rows: SurveyRows, codes: np.ndarray, excel_rows: list[int]) -> list[Finding]:
    """One warning when respondent IDs repeat: rows with the same ID (in the same group)
    are counted as one person, which is right for a corrected resubmission and wrong for
    an export pasted in twice."""
    repeated = np.bincount(codes)[codes] > 1 if len(codes) else np.zeros(0, dtype=bool)
    if not repeated.any():
        return []
    first = int(np.flatnonzero(repeated)[0])
    where = excel_rows[first] if first < len(excel_rows) else None
    n_ids = len(np.unique(codes[repeated]))
    return [Finding(f"{n_ids} respondent ID{'s' if n_ids > 1 else ''} appear on more than one row (first "
                    f"{str(rows.respondents[first])!r}); rows with the same ID are counted as one person. If the export was "
                    "pasted in twice, remove the repeat and upload again.", sheet=rows.sheet, row=where)]


def _group_texts(group: Column | None, rows: int) -> np.ndarray:
    """Each data row's group (None when not stated or when the file has no group column)."""
    if group is None:
        return np.full(rows, None, dtype=object)
    return np.asarray([t or None for t in group.profile.texts], dtype=object)[group.profile.codes]


def _first_rows_only(parts: list[tuple], rows: int) -> list[tuple]:
    """``parts`` cut to their answers among the first ``rows`` data rows (a preview)."""
    return [(qid, wording, positions[positions < rows], codes[positions < rows])
            for qid, wording, positions, codes in parts]


def _frame(parts: list[tuple], respondents: list[str] | pa.Array, groups: np.ndarray, audience: str, wave: str,
           date: pd.Timestamp) -> pd.DataFrame:
    """The long frame, item after item, each item's answered cells in row order.

    Built from arrays (respondent and group taken by row position, question id and wording
    repeated per item, answer from its scale code), never cell by cell."""
    sizes = [len(p[2]) for p in parts]
    if not sum(sizes):
        return empty(SURVEY_RESPONSES)
    at = pa.array(np.concatenate([p[2] for p in parts]))
    codes = np.concatenate([p[3] for p in parts])
    item = pa.array(np.repeat(np.arange(len(parts), dtype=np.int32), sizes))
    frame = pd.DataFrame({
        "respondent": _strings(_arrow(respondents).take(at)),
        "group": _strings(pa.array(groups, type=pa.string()).take(at)),
        "question_id": _strings(pa.DictionaryArray.from_arrays(item, pa.array([p[0] for p in parts], type=pa.string()))
                                .dictionary_decode()),
        "question_text": _strings(pa.DictionaryArray.from_arrays(item, pa.array([p[1] for p in parts],
                                                                                type=pa.string())).dictionary_decode()),
        "answer": pd.Categorical.from_codes(codes, dtype=AGREEMENT_DTYPE),
        "score": pd.array(np.where(codes >= 0, codes + 1, 0), dtype="Int64"),
    })
    frame.loc[codes < 0, "score"] = pd.NA
    frame["audience"], frame["wave"], frame["wave_date"] = audience, wave, date
    return conform(frame, SURVEY_RESPONSES)


def hidden_text(columns: list[Column], sheet: str) -> list[Finding]:
    """One warning for the cells of the columns read whose text held what cannot be seen
    (zero-width spaces, direction marks, NUL, no-break spaces, HTML): it was taken out, so
    "Fin\u200bance" counts with "Finance"; the stored original keeps the text as uploaded."""
    found = []
    for column in columns:
        p = column.profile
        marked = [i for i, marks in enumerate(p.hidden or []) if marks]
        if marked:
            cells = np.flatnonzero(np.isin(p.codes, marked))
            if len(cells):
                found.append((column, cells, sorted({m for i in marked for m in p.hidden[i]})))
    if not found:
        return []
    total = sum(len(cells) for _, cells, _ in found)
    marks = sorted({m for *_, names in found for m in names})
    where = "; ".join(f"'{c.header[:40]}' (first at row {c.rows[cells[0]]})" for c, cells, _ in found[:4])
    first, cells, _ = min(found, key=lambda f: f[0].rows[f[1][0]])     # the earliest cell in the file
    return [Finding(f"{total} cell{'s' if total > 1 else ''} held characters that cannot be seen "
                    f"({', '.join(marks)}); they were taken out, so the text counts as it reads. "
                    f"Columns: {where}. The stored original keeps the file as uploaded.",
                    sheet=sheet, row=first.rows[cells[0]], column=first.header)]


def _odd_cells(item: Column, sheet: str) -> list[Finding]:
    """One warning per item for cells that are neither an agreement label nor a non-answer."""
    p = item.profile
    odd_value = np.asarray([bool(t) and a is None for t, a in zip(p.texts, p.answers)], dtype=bool)
    if not odd_value.any():
        return []
    odd = np.flatnonzero(odd_value[p.codes])
    row, text = item.rows[odd[0]], p.texts[p.codes[odd[0]]]
    more = f" (and {len(odd) - 1} more)" if len(odd) > 1 else ""
    return [Finding(f"{text!r} is not an agreement answer; ignored{more}.",
                    sheet=sheet, row=row, column=item.header)]


def numeric_scale() -> list[str]:
    """The agreement scale numeric answers stand for: 1 = its first label ... 5 = its last."""
    return header_config("survey_headers")["numeric"]["scale"]


def recode_numeric(cells: list[object], scale: list[str]) -> list[object] | None:
    """Cells as scale labels when every answer is a whole number 1..len(scale), else None."""
    values = [one_line(v) for v in cells]
    answered = [v for v in values if v]
    if not answered or not all(re.fullmatch(r"\d+(\.0+)?", v) for v in answered):
        return None
    numbers = [int(float(v)) if v else None for v in values]
    if not all(1 <= n <= len(scale) for n in numbers if n is not None):
        return None
    return [scale[n - 1] if n is not None else "" for n in numbers]


def says_agreement(text: str, wording: str, known: QuestionMap) -> bool:
    """Numbers 1-5 are agreement answers only where the export says so (its question asks
    how far one agrees) or the codebook knows the statement (Qualtrics recodes, long exports)."""
    return known.knows(wording) or "agree" in text.casefold()


def respondent_id(value: object, excel_row: int) -> str:
    text = one_line(value)
    return text if text else f"row-{excel_row}"

"""Long-format HR survey exports: one row per answer, not one row per respondent.

HR systems and SQL extracts write a staff survey as ``Response ID, Status, Department, ...,
Question, Response, Response Text``: a respondent's answers on as many rows as there are
statements, the answer agreement words or numbers 1-5 with 0 = invalid (the layout of
github.com/Ugochiekoh/Employee-Engagement-Survey-Analysis). Read as a plain sheet that is one
"question" answered by every row, so this layout stands before the generic survey sheet and
the aggregated tables (config/layouts.toml). Columns are found by header (config/
survey_headers.toml ``[long]``; case, spacing and ``_`` ignored); two columns that could each
hold the statements, or the answers, are refused. Only Complete rows are kept. The rows are
pivoted to one record per respondent and loaded by survey_common.build_survey like any
export: one question per statement (``match_key``), wordings differing only in spacing or
"&"/"and" read as one, under the codebook's wording where it has one (codebook.variant_key).
Numbers are agreement answers only where the statement or the codebook says so (the
Qualtrics rule, survey_common.says_agreement). Without an ID column the number of people
cannot be told: the k-th answer to a statement in a group is given to the group's k-th
person, the fewest people the answers allow, so no group is counted larger than it is.
Free-text comments are left out (a later issue).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd

from model.text import match_key, one_line
from .cells import column_letter, find_columns
from .codebook import QuestionMap, variant_key
from .column_profile import agreement_answer
from .dates import parse_date
from .generic_survey import find_header
from .grid import Sheet
from .layout import Layout
from .report import FileRejected, Finding, LoadResult
from .survey_common import (MIN_RECOGNISED, SURVEY_OPTIONS, Column, SurveyRows, build_survey, numeric_scale,
                            recode_numeric, respondent_id, says_agreement)
from settings.vocabulary import header_config

FORMAT = "long-survey"
_WHOLE = re.compile(r"\d+(\.0+)?")


def _config() -> dict:
    return header_config("survey_headers")["long"]


@dataclass
class LongHeader:
    """Where a long export's columns are (0-based): its header row and each role's column."""

    head: int
    header: list[str]
    questions: list[int]          # columns that could hold the statements: one, unless ambiguous
    answers: list[int]            # columns that could hold the answers: one, unless ambiguous
    respondent: int | None
    status: int | None
    completed: int | None
    groups: list[int]             # group candidates by header (survey_common.is_group decides)


def _headed(header: list[str], names: list[str]) -> list[int]:
    """Columns whose header is one of ``names`` (case, spacing and ``_`` ignored, as find_columns)."""
    return [c for c, h in enumerate(header) if h and find_columns([h], {"role": names})]


def _whole(text: str) -> int | None:
    return int(float(text)) if _WHOLE.fullmatch(text) else None


def _holds_statements(texts: list[str], ids: list[str]) -> bool:
    """Several distinct statements, repeated over the rows (or a respondent's ID on several rows)."""
    filled, people = [t for t in texts if t], [i for i in ids if i]
    distinct = {match_key(t) for t in filled}
    return len(distinct) >= 2 and (len(filled) > len(distinct) or len(people) > len(set(people)))


def _holds_answers(texts: list[str]) -> bool:
    """Most filled cells are agreement words, non-answers or small whole numbers."""
    counts, limit = Counter(t for t in texts if t), int(_config()["max_answer_number"])
    good = sum(n for t, n in counts.items()
               if agreement_answer(t) is not None or (_whole(t) is not None and _whole(t) <= limit))
    return bool(counts) and good >= MIN_RECOGNISED * sum(counts.values())


def read_header(sheet: Sheet) -> LongHeader | None:
    """The long layout's columns, or None when the sheet is not a long survey export."""
    head = find_header(sheet)
    if head is None:
        return None
    config, header = _config(), [one_line(v) for v in sheet.rows[head]]
    questions, answers = _headed(header, config["question"]), _headed(header, config["answer"])
    if not questions or not answers:
        return None
    body = sheet.rows[head + 1:]
    texts = lambda c: [one_line(r[c]) for r in body]                               # noqa: E731
    respondent = next(iter(_headed(header, config["respondent"])), None)
    ids = texts(respondent) if respondent is not None else []
    questions = [c for c in questions if _holds_statements(texts(c), ids)]
    answers = [c for c in answers if _holds_answers(texts(c))]
    if not questions or not answers:
        return None
    taken = {*questions, *answers, respondent}
    first = lambda key: next((c for c in _headed(header, config[key]) if c not in taken), None)  # noqa: E731
    pattern = header_config("survey_headers")["groups"]["header_pattern"]
    groups = [c for c, h in enumerate(header) if h and c not in taken and re.search(pattern, h, re.IGNORECASE)]
    return LongHeader(head, header, questions, answers, respondent, first("status"), first("completed"), groups)


def is_long_survey(sheet: Sheet) -> bool:
    return read_header(sheet) is not None


def load_long_survey(sheet: Sheet, *, codebook: pd.DataFrame | None = None, audience: str | None = None,
                     wave: str | None = None, wave_date: object = None) -> LoadResult:
    """A long export -> SURVEY_RESPONSES, one record per respondent (see survey_common.build_survey)."""
    found = read_header(sheet)
    _refuse_ambiguous(found, sheet)
    body = [(Sheet.excel_row(i), r) for i, r in enumerate(sheet.rows[found.head + 1:], start=found.head + 1)
            if any(one_line(v) for v in r)]
    data, warnings = _complete(body, found, sheet)
    known = QuestionMap(codebook, wave)
    statements, found_wordings = _statements(data, found, known, sheet)
    data, statements = [d for d, s in zip(data, statements) if s], [s for s in statements if s]
    cells, read_numbers = _numbers(data, statements, found, known, sheet)
    rows, columns, pivoted = _pivot(data, statements, cells, found, sheet)
    result = build_survey(rows, columns, format=f"{FORMAT}-{sheet.container}", audience=audience or "staff",
                          wave=wave, wave_date=wave_date, codebook=codebook)
    result.warnings = warnings + found_wordings + read_numbers + pivoted + result.warnings
    return result


def _refused(message: str, sheet: Sheet, **where) -> FileRejected:
    return FileRejected([Finding(message, sheet=sheet.name, **where)], kind="survey", format=FORMAT)


def _refuse_ambiguous(found: LongHeader, sheet: Sheet) -> None:
    """Two columns that could each hold the statements (or the answers): which to read cannot be told."""
    for role, columns in (("statements", found.questions), ("answers", found.answers)):
        if len(columns) > 1:
            named = " and ".join(f"'{found.header[c]}' (column {column_letter(c)})" for c in columns)
            raise _refused(f"This looks like a survey export with one row per answer, but {named} could each "
                           f"hold the {role}, so which to read cannot be told. Remove or rename the one that "
                           "does not, and upload again.", sheet, row=Sheet.excel_row(found.head),
                           column=found.header[columns[1]])


def _how_many(rows: list[tuple[int, list]], found: LongHeader) -> str:
    people = len({one_line(r[found.respondent]) for _, r in rows}) if found.respondent is not None else 0
    return f"{people} response{'s' * (people > 1)} ({len(rows)} rows)" if people else f"{len(rows)} rows"


def _complete(body: list[tuple[int, list]], found: LongHeader, sheet: Sheet) -> tuple[list, list[Finding]]:
    """The rows of complete responses; the others (Incomplete, Partial, Test, blank) are left out."""
    if found.status is None:
        return body, []
    complete = _config()["complete_status"]
    keep, word = {match_key(s) for s in complete}, complete[0]
    data, left = [], []
    for n, r in body:
        (data if match_key(r[found.status]) in keep else left).append((n, r))
    if not left:
        return data, []
    words = ", ".join(sorted({f"'{one_line(r[found.status])}'" * bool(one_line(r[found.status])) or "blank"
                              for _, r in left}))
    where = {"row": left[0][0], "column": found.header[found.status]}
    if not data:
        raise _refused(f"Every response in this file ({_how_many(left, found)}) has Status {words}; only "
                       f"{word} responses are counted, so there is nothing to count. Export the completed "
                       "responses.", sheet, **where)
    return data, [Finding(f"{_how_many(left, found)} with Status {words} were not counted: only "
                          f"{word} responses are.", sheet=sheet.name, **where)]


def _statements(data: list[tuple[int, list]], found: LongHeader, known: QuestionMap,
                sheet: Sheet) -> tuple[list[str], list[Finding]]:
    """Each row's statement as read ('' for none): one per ``match_key``; wordings that differ
    only in spacing or "&"/"and" are one, worded as the codebook has it, else as most rows do."""
    column = found.header[found.questions[0]]
    texts = [one_line(r[found.questions[0]]) for _, r in data]
    tally, first = Counter(map(match_key, filter(None, texts))), {}      # match_key -> (wording, Excel row)
    for (n, _), text in zip(data, texts):
        first.setdefault(match_key(text), (text, n))
    families: dict[str, list[str]] = {}
    for key in tally:
        families.setdefault(variant_key(key), []).append(key)
    read_as, warnings = {"": ""}, []
    for keys in families.values():
        wordings = [first[k][0] for k in keys]
        chosen = (next((w for w in wordings if known.knows(w)), None) or known.variant_of(wordings[0])
                  or first[max(keys, key=tally.get)][0])
        read_as.update(dict.fromkeys(keys, chosen))
        if others := [k for k in keys if k != match_key(chosen)]:
            whose = "" if match_key(chosen) in tally else " (the codebook's wording)"
            named = " and ".join(f"“{first[k][0]}”" for k in others)
            warnings.append(Finding(f"{named} differ{'s' * (len(others) == 1)} from “{chosen}”{whose} only in "
                                    "spacing or “&”/“and”: read as one question.",
                                    sheet=sheet.name, row=first[others[0]][1], column=column))
    if blank := [n for (n, _), t in zip(data, texts) if not t]:
        warnings.append(Finding(f"{len(blank)} row{'s' * (len(blank) > 1)} with no statement in column "
                                f"'{column}': not counted.", sheet=sheet.name, row=blank[0], column=column))
    return [read_as[match_key(t)] for t in texts], warnings


def _numeric(texts: list[str]) -> bool:
    """Whole numbers (and perhaps non-answers such as N/A), not words."""
    filled = [t for t in texts if t]
    return any(_whole(t) is not None for t in filled) and all(
        _whole(t) is not None or agreement_answer(t) == "" for t in filled)


def _numbers(data: list[tuple[int, list]], statements: list[str], found: LongHeader, known: QuestionMap,
             sheet: Sheet) -> tuple[list[object], list[Finding]]:
    """The answer cells, each statement's numbers read as the agreement scale where the statement
    or the codebook says they are agreement answers; an invalid number (0) is no answer."""
    cells, column = [r[found.answers[0]] for _, r in data], found.header[found.answers[0]]
    at: dict[str, list[int]] = {}
    for i, statement in enumerate(statements):
        at.setdefault(statement, []).append(i)
    invalid = {match_key(v) for v in _config()["invalid_numbers"]}
    unread, dropped = {"unlabelled": [], "off scale": []}, []
    for statement, positions in at.items():
        texts = [one_line(cells[i]) for i in positions]
        if not _numeric(texts):
            continue
        recoded = recode_numeric(["" if t in invalid or agreement_answer(t) == "" else t for t in texts],
                                 numeric_scale())
        if recoded is None or not says_agreement(statement, statement, known):
            unread["off scale" if recoded is None else "unlabelled"].append(statement)
            continue
        dropped += [data[i][0] for i, t in zip(positions, texts) if t in invalid]
        for i, label in zip(positions, recoded):
            cells[i] = label
    findings = _unread_numbers(unread, len(at), sheet, column, lambda s: data[at[s][0]][0])
    if dropped:
        findings.append(Finding(f"{len(dropped)} answer{'s are' if len(dropped) > 1 else ' is'} "
                                f"{'/'.join(sorted(invalid))}, which is not a valid answer: not counted.",
                                sheet=sheet.name, row=dropped[0], column=column))
    return cells, findings


def _unread_numbers(unread: dict[str, list[str]], statements: int, sheet: Sheet, column: str,
                    row_of) -> list[Finding]:
    """Statements whose numbers cannot be read as agreement answers: a warning, or, when no
    statement can be read, the refusal with its reason."""
    scale = numeric_scale()
    why = {"unlabelled": (f"answers are numbers 1-{len(scale)} with no labels, and neither the statement nor the "
                          f"codebook says they are agreement answers (1 = {scale[0]} ... {len(scale)} = {scale[-1]})",
                          "add the statements to the codebook (codebook.csv) or export the answer labels"),
           "off scale": (f"answers are numbers outside 1-{len(scale)} (0 = no answer), so not an agreement scale",
                         "export the answer labels")}
    reasons = [(f"{why[k][0]}: {_some(found)}. To count them, {why[k][1]}", row_of(found[0]))
               for k, found in unread.items() if found]
    if reasons and sum(map(len, unread.values())) == statements:
        raise _refused(f"No statement in column '{column}' can be counted: its "
                       + "; its ".join(r for r, _ in reasons) + ".", sheet, row=reasons[0][1], column=column)
    return [Finding(f"Some statements were not counted: their {reason}.", sheet=sheet.name, row=row, column=column)
            for reason, row in reasons]


def _some(statements: list[str]) -> str:
    shown = ", ".join(f"“{s}”" for s in statements[:3])
    return shown + (f" and {len(statements) - 3} more" if len(statements) > 3 else "")


def _people(data: list[tuple[int, list]], statements: list[str], found: LongHeader,
            sheet: Sheet) -> tuple[list[object], list[Finding]]:
    """Each row's respondent: its ID; without an ID column, the k-th answer to a statement in a
    group is the group's k-th person (the fewest people the answers allow)."""
    if found.respondent is not None:
        return [one_line(r[found.respondent]) or f"row-{n}" for n, r in data], []
    seen: Counter = Counter()
    people = []
    for (_, r), statement in zip(data, statements):
        group = tuple(one_line(r[g]) for g in found.groups)
        people.append((group, seen[group, statement]))
        seen[group, statement] += 1
    return people, [Finding(f"There is no respondent ID column ({', '.join(_config()['respondent'][:3])}), so the "
                            "number of people cannot be told: each row is one answer. The counts per statement are "
                            "right; each group's number of respondents is the most answers one statement has there, "
                            "which may be fewer than the people who answered.", sheet=sheet.name)]


def _pivot(data: list[tuple[int, list]], statements: list[str], cells: list[object], found: LongHeader,
           sheet: Sheet) -> tuple[SurveyRows, list[Column], list[Finding]]:
    """One record per respondent: the group and completion date of their first row, and per
    statement their answer and its Excel row; a second, different answer is warned about."""
    people, warnings = _people(data, statements, found, sheet)
    index = {person: n for n, person in enumerate(dict.fromkeys(people))}
    record = [index[p] for p in people]
    first = np.unique(record, return_index=True)[1].tolist()    # each record's first row (numbered in row order)
    excel = [data[i][0] for i in first]
    table = {s: ([""] * len(index), list(excel)) for s in dict.fromkeys(statements)}
    clashes = []
    for i, (statement, n) in enumerate(zip(statements, record)):
        answers, rows = table[statement]
        if not one_line(answers[n]):
            answers[n], rows[n] = cells[i], data[i][0]
        elif one_line(cells[i]) and match_key(cells[i]) != match_key(answers[n]):
            clashes.append((rows[n], data[i][0], statement, people[i]))
    answer = found.header[found.answers[0]]
    if clashes:
        (was, again, statement, person), more = clashes[0], len(clashes) - 1
        warnings.append(Finding(f"Respondent {person!r} answers “{statement}” twice, differently (rows {was} and "
                                f"{again}): the first answer is counted{f' ({more} more such repeats)' * bool(more)}.",
                                sheet=sheet.name, row=again, column=answer))
    ids = [respondent_id(data[i][1][found.respondent] if found.respondent is not None else "", data[i][0])
           for i in first]
    done = [parse_date(data[i][1][found.completed], keep_time=True) if found.completed is not None else None
            for i in first]
    columns = [Column(g, found.header[g], found.header[g], [data[i][1][g] for i in first], excel)
               for g in found.groups]
    columns += [Column(found.answers[0], answer, s, cells_, rows) for s, (cells_, rows) in table.items()]
    return SurveyRows(respondents=ids, completed=done, sheet=sheet.name), columns, warnings


LAYOUT = Layout(FORMAT, "survey",
                "survey export with one row per answer (a question column, an answer column, "
                "and a respondent ID such as Response ID)",
                is_long_survey, load_long_survey, SURVEY_OPTIONS)

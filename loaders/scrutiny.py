"""Overview & Scrutiny topic-scoring sheets, wide (a matrix) or long (one score a row).

Wide: ``Meeting date, Committee, Topic, Strategic objective, [Scorer]``, one column per
criterion of a scheme, optional stated total, optional ``On work programme``. Long:
``Topic, Criterion, Score`` (+ meeting date, committee, scorer). The scheme (criteria,
scale) is chosen by matching the criteria against config/scrutiny_schemes/*.toml,
default cpca-8. A score outside the scale is an ERROR naming row and criterion (the
file is rejected); a stated total that differs from the recomputed sum is a WARNING
naming topic and row (totals in committee papers are often stale fields).
"""
from __future__ import annotations

import pandas as pd

from model.text import match_key, one_line

from .cells import find_columns
from .dates import parse_date
from .grid import Sheet
from .layout import Layout
from model.frames import SCRUTINY_SCORES, conform, empty
from .report import FileRejected, Finding, LoadResult
from settings.vocabulary import DEFAULT_SCHEME, Scheme, header_config, scrutiny_schemes

HEADER_SEARCH_ROWS = 10
MIN_CRITERIA_SHARE = 0.5
CONTEXT = ("meeting_date", "committee", "topic", "objective", "scorer")


def _synonyms(*fields: str) -> dict[str, list[str]]:
    names = header_config("scrutiny_headers")["columns"]
    return {f: names[f] for f in fields}


def match_scheme(names: list[object]) -> tuple[Scheme, dict[str, int]]:
    """The scheme whose criteria best match ``names``; criterion -> position in names."""
    keys = [match_key(n) for n in names]
    best, best_hits = scrutiny_schemes()[DEFAULT_SCHEME], {}
    for scheme in scrutiny_schemes().values():
        hits = {c: keys.index(match_key(c)) for c in scheme.criteria if match_key(c) in keys}
        if len(hits) > len(best_hits):
            best, best_hits = scheme, hits
    return best, best_hits


def find_wide_header(sheet: Sheet) -> tuple[int, Scheme, dict[str, int]] | None:
    for index in range(min(HEADER_SEARCH_ROWS, len(sheet.rows))):
        row = sheet.rows[index]
        scheme, hits = match_scheme(row)
        if "topic" in find_columns(row, _synonyms("topic")) and len(hits) >= MIN_CRITERIA_SHARE * len(scheme.criteria):
            return index, scheme, hits
    return None


def find_long_header(sheet: Sheet) -> tuple[int, dict[str, int]] | None:
    for index in range(min(HEADER_SEARCH_ROWS, len(sheet.rows))):
        found = find_columns(sheet.rows[index], _synonyms(*CONTEXT, "criterion", "score"))
        if {"topic", "criterion", "score"} <= found.keys():
            return index, found
    return None


def is_scrutiny_matrix(sheet: Sheet) -> bool:
    return find_wide_header(sheet) is not None


def is_scrutiny_long(sheet: Sheet) -> bool:
    return find_long_header(sheet) is not None


def read_score(value: object, scheme: Scheme) -> tuple[int | None, str | None]:
    """(score, problem): a number on the scale or a scale label ('High'); None if blank."""
    text = one_line(value)
    if not text:
        return None, None
    if match_key(text) in scheme.labels:
        return scheme.labels[match_key(text)], None
    try:
        number = float(text)
    except ValueError:
        return None, f"{text!r} is not a score"
    if not number.is_integer() or not scheme.scale_min <= number <= scheme.scale_max:
        return None, f"score {text} is outside the {scheme.id} scale {scheme.scale_min}-{scheme.scale_max}"
    return int(number), None


YES_NO = {"yes": True, "y": True, "true": True, "no": False, "n": False, "false": False}


def read_yes_no(value: object) -> bool | None:
    """'Yes' / 'No' (and Y/N, True/False) -> True / False; anything else None."""
    return YES_NO.get(match_key(value))


def _context(values: list[object], columns: dict[str, int]) -> dict[str, object]:
    out = {f: one_line(values[columns[f]]) or None for f in CONTEXT if f in columns}
    out["meeting_date"] = parse_date(values[columns["meeting_date"]]) if "meeting_date" in columns else None
    if "on_programme" in columns:
        out["on_work_programme"] = read_yes_no(values[columns["on_programme"]])
    return out


def load_scrutiny_matrix(sheet: Sheet) -> LoadResult:
    """A wide topic-scoring sheet -> SCRUTINY_SCORES (one row per topic x scorer x criterion)."""
    head, scheme, criteria = find_wide_header(sheet)
    header = sheet.rows[head]
    columns = find_columns(header, _synonyms(*CONTEXT, "on_programme"))
    errors = [Finding(f"No column for criterion {c!r} of scheme {scheme.id}.", sheet=sheet.name,
                      row=Sheet.excel_row(head)) for c in scheme.criteria if c not in criteria]
    total = find_columns(header, {"total": [scheme.total_name, *_synonyms("total")["total"]]})
    records, warnings = [], []
    for index in range(head + 1, len(sheet.rows)):
        values, row = sheet.rows[index], Sheet.excel_row(index)
        context = _context(values, columns)
        if not context.get("topic"):
            continue
        scores = {}
        for criterion, col in criteria.items():
            score, problem = read_score(values[col], scheme)
            if problem:
                errors.append(Finding(f"{context['topic']}: {problem}.", sheet=sheet.name, row=row,
                                      column=criterion))
            elif score is None:
                warnings.append(Finding(f"{context['topic']}: no score for this criterion.",
                                        sheet=sheet.name, row=row, column=criterion))
            scores[criterion] = score
            records.append({**context, "criterion": criterion, "score": score, "scheme": scheme.id})
        warnings += _check_total(values, total, scores, context["topic"], sheet.name, row, header)
    return result(records, errors, warnings, scheme, f"scrutiny-matrix-{sheet.container}")


def _check_total(values, total, scores, topic, sheet_name, row, header) -> list[Finding]:
    if "total" not in total or None in scores.values():
        return []
    stated = one_line(values[total["total"]])
    try:
        stated_number = float(stated)
    except ValueError:
        return []
    return total_mismatch(stated_number, scores, topic, sheet_name, row, one_line(header[total["total"]]))


def total_mismatch(stated: float, scores: dict[str, int], topic, sheet_name, row, column) -> list[Finding]:
    """A warning naming the topic when a stated total differs from the sum of its scores."""
    recomputed = sum(scores.values())
    if stated == recomputed:
        return []
    shown = int(stated) if float(stated).is_integer() else stated
    return [Finding(f"{topic}: stated total {shown} differs from the recomputed sum {recomputed} "
                    "(a stale field?); the recomputed sum is used.", sheet=sheet_name, row=row,
                    column=column)]


def load_scrutiny_long(sheet: Sheet) -> LoadResult:
    """A long topic-scoring table -> SCRUTINY_SCORES."""
    head, columns = find_long_header(sheet)
    body = sheet.rows[head + 1:]
    scheme, _ = match_scheme(sorted({one_line(r[columns["criterion"]]) for r in body}))
    known = {match_key(c): c for c in scheme.criteria}
    records, errors, warnings = [], [], []
    for index, values in enumerate(body, start=head + 1):
        row, context = Sheet.excel_row(index), _context(values, columns)
        written = one_line(values[columns["criterion"]])
        if not context.get("topic") or not written:
            continue
        criterion = known.get(match_key(written), written)
        if criterion not in scheme.criteria:
            warnings.append(Finding(f"Criterion {written!r} is not in scheme {scheme.id}.",
                                    sheet=sheet.name, row=row, column="Criterion"))
        score, problem = read_score(values[columns["score"]], scheme)
        if problem:
            errors.append(Finding(f"{context['topic']}: {problem}.", sheet=sheet.name, row=row,
                                  column=criterion))
        records.append({**context, "criterion": criterion, "score": score, "scheme": scheme.id})
    return result(records, errors, warnings, scheme, f"scrutiny-long-{sheet.container}")


def result(records, errors, warnings, scheme: Scheme, fmt: str) -> LoadResult:
    if errors:
        rejected = FileRejected(errors, kind="scrutiny", format=fmt)
        rejected.warnings = warnings
        raise rejected
    frame = conform(pd.DataFrame(records), SCRUTINY_SCORES) if records else empty(SCRUTINY_SCORES)
    topics = frame[["meeting_date", "topic"]].drop_duplicates()
    return LoadResult(kind="scrutiny", format=fmt, frame=frame, records=len(topics),
                      warnings=warnings, metadata={"scheme": scheme.id})


LAYOUTS = (
    Layout("scrutiny-matrix", "scrutiny",
           "scrutiny scoring matrix (header 'Meeting date, Committee, Topic, ...' and one "
           "column per criterion of a scheme in config/scrutiny_schemes/)",
           is_scrutiny_matrix, load_scrutiny_matrix),
    Layout("scrutiny-long", "scrutiny", "scrutiny scores as a long table (Topic, Criterion, Score)",
           is_scrutiny_long, load_scrutiny_long),
)

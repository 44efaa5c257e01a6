"""The report cover-sheet layout (seed 002): one topic's scoring table inside a report.

A sheet holds one report: a "Topic Scoring" cell, a "Numerical Score" heading (same row
or the next), one row per criterion (its name, then its score in a later cell), then the
scheme's total row ("Scrutiny Value Score [right click ... update field]" and the stated
total). Optional label rows above the table: "Title:", "Meeting date:", "Committee:",
"Strategic objective:", "Scorer:"; a lone date cell is the meeting date and a lone cell
ending in "Committee" is the committee (the report's own heading). The topic is the title,
else the sheet name. A workbook may hold one report per sheet: every matching sheet is
loaded. Spellings are data (config/scrutiny_headers.toml, [cover]). Checks are those of
the matrix loader: an out-of-range score is an error naming the Excel row and criterion,
a stale stated total a warning naming the topic.
"""
from __future__ import annotations

from model.text import match_key, one_line
from .dates import parse_date
from .grid import Sheet
from .layout import Layout
from .report import Finding, LoadResult
from .scrutiny import match_scheme, read_score, result, total_mismatch
from settings.vocabulary import Scheme, header_config, scrutiny_schemes

FIELDS = ("topic", "meeting_date", "committee", "objective", "scorer")


def _cover(name: str) -> list[str]:
    return [match_key(v) for v in header_config("scrutiny_headers")["cover"][name]]


def _filled(values: list[object]) -> list[tuple[int, object]]:
    return [(i, v) for i, v in enumerate(values) if one_line(v)]


def find_table(sheet: Sheet) -> int | None:
    """The 0-based row of the "Numerical Score" heading under "Topic Scoring", or None."""
    anchors, headings = _cover("anchor"), _cover("score_heading")
    for index, values in enumerate(sheet.rows):
        keys = [match_key(v) for v in values]
        if not any(k in anchors for k in keys):
            continue
        for candidate in (index, index + 1):
            if any(match_key(v) in headings for v in sheet.row(candidate)):
                return candidate
    return None


def is_scrutiny_cover(sheet: Sheet) -> bool:
    return find_table(sheet) is not None


def _is_total(label: str, total_names: list[str]) -> bool:
    key = match_key(label)
    return any(key.startswith(name) for name in total_names)


def _table_rows(sheet: Sheet, heading: int, total_names: list[str]):
    """(row index, label, score cell) for each criterion row, and the total row or None."""
    rows, total = [], None
    for index in range(heading + 1, len(sheet.rows)):
        filled = _filled(sheet.rows[index])
        if not filled:
            if rows:
                break
            continue
        label, value = one_line(filled[0][1]), filled[1][1] if len(filled) > 1 else None
        if _is_total(label, total_names):
            total = (index, label, value)
            break
        rows.append((index, label, value))
    return rows, total


def read_context(sheet: Sheet, before: int) -> dict[str, object]:
    """Title, meeting date, committee, objective and scorer from the rows above the table."""
    spellings = {f: _cover(f) for f in FIELDS}
    found: dict[str, object] = {}
    for values in sheet.rows[:before]:
        filled = _filled(values)
        if not filled:
            continue
        key = match_key(filled[0][1])
        field = next((f for f, names in spellings.items() if key in names), None)
        if field and len(filled) > 1:
            found.setdefault(field, filled[1][1])
        elif len(filled) == 1 and parse_date(filled[0][1]) is not None:
            found.setdefault("meeting_date", filled[0][1])
        elif len(filled) == 1 and key.endswith("committee"):
            found.setdefault("committee", filled[0][1])
    context = {f: one_line(found.get(f)) or None for f in FIELDS}
    context["meeting_date"] = parse_date(found.get("meeting_date")) if "meeting_date" in found else None
    context["topic"] = context["topic"] or sheet.name
    return context


def _read_sheet(sheet: Sheet):
    """(records, errors, warnings, scheme) of one report's scoring table."""
    heading = find_table(sheet)
    context = read_context(sheet, heading)
    topic = context["topic"]
    total_names = sorted({match_key(s.total_name) for s in scrutiny_schemes().values()} | {"total"})
    rows, total = _table_rows(sheet, heading, total_names)
    scheme, hits = match_scheme([label for _, label, _ in rows])
    errors = [Finding(f"{topic}: no row for criterion {c!r} of scheme {scheme.id}.", sheet=sheet.name)
              for c in scheme.criteria if c not in hits]
    records, warnings, scores = [], [], {}
    for criterion, position in hits.items():
        index, _, value = rows[position]
        score, problem = read_score(value, scheme)
        if problem:
            errors.append(Finding(f"{topic}: {problem}.", sheet=sheet.name, row=Sheet.excel_row(index),
                                  column=criterion))
        elif score is None:
            warnings.append(Finding(f"{topic}: no score for this criterion.", sheet=sheet.name,
                                    row=Sheet.excel_row(index), column=criterion))
        scores[criterion] = score
        records.append({**context, "criterion": criterion, "score": score, "scheme": scheme.id})
    warnings += _stated_total(total, scores, topic, sheet.name, scheme)
    return records, errors, warnings, scheme


def _stated_total(total, scores: dict, topic: str, sheet_name: str, scheme: Scheme) -> list[Finding]:
    if total is None or None in scores.values():
        return []
    try:
        stated = float(one_line(total[2]))
    except ValueError:
        return []
    return total_mismatch(stated, scores, topic, sheet_name, Sheet.excel_row(total[0]), scheme.total_name)


def load_scrutiny_covers(sheets: Sheet | list[Sheet]) -> LoadResult:
    """Every report cover sheet of a file -> SCRUTINY_SCORES (one row per criterion)."""
    sheets = [sheets] if isinstance(sheets, Sheet) else sheets
    records, errors, warnings, schemes = [], [], [], []
    for sheet in sheets:
        sheet_records, sheet_errors, sheet_warnings, scheme = _read_sheet(sheet)
        records += sheet_records
        errors += sheet_errors
        warnings += sheet_warnings
        schemes.append(scheme)
    return result(records, errors, warnings, schemes[0], f"scrutiny-cover-{sheets[0].container}")


LAYOUT = Layout("scrutiny-cover", "scrutiny",
                "scrutiny report cover sheet ('Topic Scoring' / 'Numerical Score', one row per "
                "criterion, then the stated Scrutiny Value Score; one report per sheet or per file)",
                is_scrutiny_cover, load_scrutiny_covers, every_sheet=True)

"""Microsoft Forms "Open results in Excel" exports (old and new fixed columns).

One header row with ``ID, Start time, Completion time, Email, Name`` (newer exports add
``Last modified time``), then one column per question headed by its text. Columns are
found by header NAME (config/survey_headers.toml), never by position, so reordered or
extra fixed columns are fine. Every other column is classified by content
(survey_common). Default audience: staff.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from model.text import match_key, one_line
from .dates import parse_date
from .grid import Sheet
from .survey_common import Column, SurveyRows, build_survey, respondent_id
from .report import LoadResult
from settings.vocabulary import header_config

FORMAT = "microsoft-forms"
HEADER_SEARCH_ROWS = 5


def forms_headers() -> dict:
    return header_config("survey_headers")["forms"]


def find_forms_header(sheet: Sheet) -> int | None:
    """0-based index of the Forms header row, or None when this is not a Forms export."""
    required = {match_key(h) for h in forms_headers()["required"]}
    for index in range(min(HEADER_SEARCH_ROWS, len(sheet.rows))):
        if required <= {match_key(v) for v in sheet.rows[index]}:
            return index
    return None


def is_forms_export(sheet: Sheet) -> bool:
    return find_forms_header(sheet) is not None


def is_fixed(header: str) -> bool:
    config = forms_headers()
    fixed = {match_key(h) for h in config["fixed"]}
    prefixes = tuple(p.casefold() for p in config["fixed_prefixes"])
    return match_key(header) in fixed or header.casefold().startswith(prefixes)


@dataclass(frozen=True)
class FormsHeader:
    """Where a Forms export's columns are: its header texts, the ID and completion-time
    columns, and the question columns (every column that is not a fixed one)."""

    texts: list[str]
    id_column: int
    completed_column: int

    @property
    def questions(self) -> list[tuple[int, str]]:
        return [(c, h) for c, h in enumerate(self.texts) if h and not is_fixed(h)]


def forms_header(row: list[object]) -> FormsHeader:
    """The FormsHeader of a header row (find_forms_header says which row it is)."""
    texts = [one_line(v) for v in row]
    keys = [match_key(h) for h in texts]
    config = forms_headers()
    return FormsHeader(texts, keys.index(match_key(config["respondent"])), keys.index(match_key(config["completed"])))


def load_forms_export(sheet: Sheet, *, codebook: pd.DataFrame | None = None, audience: str | None = None,
                      wave: str | None = None, wave_date: object = None) -> LoadResult:
    """A Forms export sheet -> SURVEY_RESPONSES (see survey_common.build_survey)."""
    top = find_forms_header(sheet)
    header = forms_header(sheet.rows[top])
    data = [(i, r) for i, r in enumerate(sheet.rows[top + 1:], start=top + 1) if any(map(one_line, r))]
    excel_rows = [Sheet.excel_row(i) for i, _ in data]
    rows = SurveyRows(
        respondents=[respondent_id(r[header.id_column], n) for (_, r), n in zip(data, excel_rows)],
        completed=[parse_date(r[header.completed_column], dayfirst=False, keep_time=True) for _, r in data],
        sheet=sheet.name,
    )
    by_column = list(zip(*(r for _, r in data))) or [()] * len(header.texts)   # one pass, not one per column
    columns = [Column(index=c, header=h, wording=h, cells=list(by_column[c]), rows=excel_rows)
               for c, h in header.questions]
    return build_survey(rows, columns, format=f"{FORMAT}-{sheet.container}", audience=audience or "staff",
                        wave=wave, wave_date=wave_date, codebook=codebook)

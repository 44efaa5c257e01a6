"""Google Forms responses, downloaded as csv (or the linked Google Sheet saved as xlsx).

One header row: ``Timestamp`` (Google's name, in a few UI languages, config/
survey_headers.toml ``[google_forms]``), an optional ``Email address``, then one column
per question headed by its text; a grid question gives one column per row, headed
``Question [Row]``, whose wording is the row label. Timestamps come as
``2023/05/04 10:12:33 AM GMT+1`` (the csv download), or in the sheet's locale
(``04/05/2023 10:12:33`` or ``5/4/2023 10:12:33``): the day/month order is decided from
the whole column (a first number above 12 means day first). Default audience: staff.
"""
from __future__ import annotations

import re

import pandas as pd

from model.text import match_key, one_line
from .dates import parse_date
from .grid import Sheet
from .layout import Layout
from .report import LoadResult
from .survey_common import SURVEY_OPTIONS, Column, SurveyRows, build_survey
from settings.vocabulary import header_config

FORMAT = "google-forms"
_GRID = re.compile(r"^(?P<question>.*\S)\s*\[(?P<row>[^\[\]]+)\]$")
_LEADING = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-]\d{2,4}")


def _config() -> dict:
    return header_config("survey_headers")["google_forms"]


def find_timestamp_column(sheet: Sheet) -> int | None:
    """Column of the Timestamp header on row 1 (first two columns only), else None."""
    if not sheet.rows:
        return None
    wanted = {match_key(n) for n in _config()["timestamp"]}
    for index, value in enumerate(sheet.rows[0][:2]):
        if match_key(value) in wanted:
            return index
    return None


def is_google_forms_export(sheet: Sheet) -> bool:
    return find_timestamp_column(sheet) is not None


def grid_wording(header: str) -> str:
    """``Question [Row]`` -> ``Row``; any other header unchanged."""
    match = _GRID.match(header)
    return match["row"].strip() if match else header


def parse_timestamps(values: list[object]) -> list[pd.Timestamp | None]:
    """Google timestamps, with the day/month order chosen for the whole column."""
    texts = [one_line(v) if isinstance(v, str) else v for v in values]
    leading = [_LEADING.match(t) for t in texts if isinstance(t, str)]
    dayfirst = any(int(m[1]) > 12 for m in leading if m) or not any(int(m[2]) > 12 for m in leading if m)
    return [parse_date(t, dayfirst=dayfirst, keep_time=True) for t in texts]


def load_google_forms_export(sheet: Sheet, *, codebook: pd.DataFrame | None = None, audience: str | None = None,
                             wave: str | None = None, wave_date: object = None) -> LoadResult:
    """A Google Forms responses sheet -> SURVEY_RESPONSES (see survey_common.build_survey)."""
    stamp_col = find_timestamp_column(sheet)
    header = [one_line(v) for v in sheet.rows[0]]
    data = [(i, r) for i, r in enumerate(sheet.rows[1:], start=1) if any(one_line(v) for v in r)]
    excel_rows = [Sheet.excel_row(i) for i, _ in data]
    rows = SurveyRows(respondents=[f"row-{n}" for n in excel_rows],
                      completed=parse_timestamps([r[stamp_col] for _, r in data]), sheet=sheet.name)
    fixed = {match_key(h) for h in _config()["fixed"]}
    columns = [Column(index=c, header=h, wording=grid_wording(h), cells=[r[c] for _, r in data], rows=excel_rows)
               for c, h in enumerate(header) if h and c != stamp_col and match_key(h) not in fixed]
    rows.people = [(h, [r[c] for _, r in data]) for c, h in enumerate(header) if h and match_key(h) in fixed]
    return build_survey(rows, columns, format=f"{FORMAT}-{sheet.container}", audience=audience or "staff",
                        wave=wave, wave_date=wave_date, codebook=codebook)


LAYOUT = Layout(FORMAT, "survey", "Google Forms responses (header 'Timestamp', then the questions)",
                is_google_forms_export, load_google_forms_export, SURVEY_OPTIONS)

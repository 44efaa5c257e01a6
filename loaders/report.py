"""What a loader says about a file: its findings (errors, warnings) and its result.

Every finding names where it is, as a user sees it in Excel: the sheet, the row with
the header on row 1 (or the file's real row where there are title rows above), the
column letter or header. A loader raises ``FileRejected`` with its findings when the
file cannot be used; otherwise it returns a ``LoadResult`` whose warnings may be non-empty.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from settings.details import ask_for

if TYPE_CHECKING:
    from model.survey_counts import SurveyCounts


@dataclass(frozen=True)
class Finding:
    message: str                 # what is wrong and how to fix it, in plain English
    sheet: str | None = None
    row: int | None = None       # Excel row number (1-based, as the user sees it)
    column: str | None = None    # column header or letter
    needs: str | None = None     # a detail the user can give to fix it (config/details.toml)

    def worded(self, where: str) -> str:
        """The message as read ``where`` (settings.details: PAGE or CLI): a missing detail is
        asked for by its field on the page, by its flag in the command line."""
        return f"{self.message} To fix it, {ask_for(self.needs, where)}." if self.needs else self.message

    def as_dict(self, where: str) -> dict:
        plain = {k: v for k, v in asdict(self).items() if v is not None and k != "needs"}
        return {**plain, "message": self.worded(where)}


@dataclass
class LoadResult:
    kind: str                    # survey | actions | scrutiny | events | codebook
    format: str                  # detected layout, e.g. "microsoft-forms-xlsx"
    frame: pd.DataFrame          # canonical frame (model/frames.py)
    records: int                 # responses / actions / scored topics loaded
    questions: int | None = None  # surveys: agreement-scale items found
    warnings: list[Finding] = field(default_factory=list)
    metadata: dict = field(default_factory=dict)  # e.g. snapshot_date found in the file
    counts: SurveyCounts | None = None  # surveys: what the store keeps (model.survey_counts)
    #: surveys: the free-text answers (model.frames COMMENTS; loaders/free_text.py), kept by the
    #: store apart from the counts and read by the full edition only
    comments: pd.DataFrame | None = None
    #: surveys: the distinct names and emails of the export's name/email columns, for redaction;
    #: never stored, never in a published frame
    known_names: tuple[str, ...] = ()

    def preview_frame(self, rows: int = 20) -> pd.DataFrame:
        """The first ``rows`` rows of the canonical frame, for a person to look at."""
        return self.frame.head(rows)


class SurveyResult(LoadResult):
    """A survey's LoadResult: its counts are made at once, its respondent-level frame (a
    million rows for 20,000 people x 50 statements) only if something asks for it."""

    def __init__(self, *, build, preview, **fields):
        self._frame, self._build, self._preview = None, build, preview
        super().__init__(frame=None, **fields)

    @property
    def frame(self) -> pd.DataFrame:
        if self._frame is None:
            self._frame = self._build()
        return self._frame

    @frame.setter
    def frame(self, value: pd.DataFrame | None) -> None:
        self._frame = value          # None (from __init__) keeps it lazy

    def preview_frame(self, rows: int = 20) -> pd.DataFrame:
        return (self._frame if self._frame is not None else self._preview(rows)).head(rows)

    def __repr__(self) -> str:      # the dataclass repr would build the whole frame
        return f"SurveyResult({self.format}, {self.records} respondents, {self.questions} questions)"


def canonical_dates(result: LoadResult) -> pd.DataFrame:
    """A frame with the result's dates (wave_date, snapshot_date, ...) to check and show:
    a survey's counts (small), else its canonical frame."""
    return result.counts.answers if result.counts is not None else result.frame


class FileRejected(Exception):
    """The file cannot be used. ``findings`` says why and where."""

    def __init__(self, findings: list[Finding], kind: str | None = None, format: str | None = None):
        self.findings = findings
        self.kind = kind
        self.format = format
        super().__init__("; ".join(f.message for f in findings))

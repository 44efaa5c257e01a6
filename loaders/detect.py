"""Which layout is this file? A registry of layouts, each a detector plus a loader.

``load_file`` reads the file once (grid.read_workbook), then offers each sheet, visible
sheets first, to each registered ``Layout`` of the wanted kind, in registration order;
the first whose ``matches`` accepts the sheet loads it. A new export format (Qualtrics,
Google Forms, ...) is one module with a ``matches(sheet)`` and a ``load(sheet, **options)``
plus one ``register(Layout(...))`` call below. An unknown layout raises FileRejected
listing the layouts that were expected.
"""
from __future__ import annotations

import gc
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import guards
from . import council_tracker, forms, planner, scrutiny, scrutiny_cover, surveymonkey
from . import aggregates, generic_survey, google_forms, qualtrics
from .codebook import codebook_from_sheet, is_codebook_table, load_codebook
from .events import events_from_sheet, is_events_table
from .expectations import expectations_from_sheet, is_expectations_table
from .forms_columns import load_forms_columns
from .grid import Sheet, read_workbook
from .report import FileRejected, Finding, LoadResult, canonical_dates
from settings.config import load_settings

KINDS = ("survey", "actions", "scrutiny", "events", "codebook", "expectations")
CODEBOOK_NAME = "codebook.csv"


@dataclass(frozen=True)
class Layout:
    name: str                                  # format stem; the container is appended
    kind: str                                  # one of KINDS
    description: str                           # what the user should have uploaded
    matches: Callable[[Sheet], bool]
    load: Callable[..., LoadResult]            # load(sheet, **options)
    options: tuple[str, ...] = ()              # keyword arguments ``load`` accepts
    every_sheet: bool = False                  # one record per sheet: ``load`` gets every matching sheet


LAYOUTS: list[Layout] = []


def register(layout: Layout) -> Layout:
    """Add a layout to the registry (detection order = registration order)."""
    LAYOUTS.append(layout)
    return layout


SURVEY_OPTIONS = ("codebook", "audience", "wave", "wave_date")
register(Layout("surveymonkey", "survey",
                "SurveyMonkey export (two header rows starting 'Respondent ID')",
                surveymonkey.is_surveymonkey_export, surveymonkey.load_surveymonkey_export, SURVEY_OPTIONS))
register(Layout("microsoft-forms", "survey",
                "Microsoft Forms export (header 'ID, Start time, Completion time, Email, Name')",
                forms.is_forms_export, forms.load_forms_export, SURVEY_OPTIONS))
register(Layout("planner", "actions",
                "Microsoft Planner 'Export plan to Excel' (header 'Task ID, Task Name, Bucket Name, ...')",
                planner.is_planner_export, planner.load_planner_export, ("snapshot_date",)))
register(Layout("council-tracker", "actions",
                "council action tracker (header row with Ref/No., Action/Recommendation, "
                "Lead Officer/Owner, Target Date/Timescale, RAG/Status, Progress/Update)",
                council_tracker.is_council_tracker, council_tracker.load_council_tracker, ("snapshot_date",)))
register(Layout("scrutiny-matrix", "scrutiny",
                "scrutiny scoring matrix (header 'Meeting date, Committee, Topic, ...' and one "
                "column per criterion of a scheme in config/scrutiny_schemes/)",
                scrutiny.is_scrutiny_matrix, scrutiny.load_scrutiny_matrix))
register(Layout("scrutiny-long", "scrutiny", "scrutiny scores as a long table (Topic, Criterion, Score)",
                scrutiny.is_scrutiny_long, scrutiny.load_scrutiny_long))
register(Layout("scrutiny-cover", "scrutiny",
                "scrutiny report cover sheet ('Topic Scoring' / 'Numerical Score', one row per "
                "criterion, then the stated Scrutiny Value Score; one report per sheet or per file)",
                scrutiny_cover.is_scrutiny_cover, scrutiny_cover.load_scrutiny_covers, every_sheet=True))
register(Layout("events", "events", "events table (date,label,kind)", is_events_table, events_from_sheet))
register(Layout("codebook", "codebook", "codebook (question_id,wording,waves,theme,negative)",
                is_codebook_table, codebook_from_sheet))
register(Layout("expectations", "expectations", "expectations of a notice or peer challenge (id, expectation, "
                "source, front, action_areas, action_refs, survey_measures, milestone_kinds)",
                is_expectations_table, expectations_from_sheet))
# Survey layouts added by issue 3. The generic sheet and the aggregated table come last:
# they accept what no named export layout claimed.
register(Layout("qualtrics", "survey",
                "Qualtrics export (three header rows: export tags, question text, {\"ImportId\": ...})",
                qualtrics.is_qualtrics_export, qualtrics.load_qualtrics_export, SURVEY_OPTIONS))
register(Layout("google-forms", "survey", "Google Forms responses (header 'Timestamp', then the questions)",
                google_forms.is_google_forms_export, google_forms.load_google_forms_export, SURVEY_OPTIONS))
register(Layout("generic-survey", "survey",
                "survey sheet with one header row and agreement answers (Strongly disagree ... Strongly agree)",
                generic_survey.is_generic_survey, generic_survey.load_generic_survey, SURVEY_OPTIONS))
register(Layout("aggregated-results", "survey",
                "aggregated results table (a Question column, then answer counts/percentages, "
                "a % positive column, or one % positive column per group)",
                aggregates.is_aggregated_results, aggregates.load_aggregated_results, SURVEY_OPTIONS))


def detect(sheets: list[Sheet], kind: str | None = None) -> tuple[Layout, Sheet] | None:
    """The first (layout, sheet) pair that matches, or None."""
    for sheet in sheets:
        if not sheet.rows:
            continue
        for layout in LAYOUTS:
            if (kind is None or layout.kind == kind) and layout.matches(sheet):
                return layout, sheet
    return None


@contextmanager
def _gc_paused():
    """Pause the cyclic garbage collector while a sheet is read: a 100,000-row export is
    millions of cell objects with no cycles, and each collection would walk them all
    (measured: a third of the load time). Reference counting still frees everything."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_file(path: str | Path, kind: str | None = None, **metadata) -> LoadResult:
    """Detect the file's kind and layout and load it into its canonical frame.

    ``metadata`` carries what the user or manifest says: audience, wave, wave_date,
    snapshot_date, codebook (a CODEBOOK frame). Unknown keys are ignored.
    """
    with _gc_paused():
        return _load_file(path, kind, **metadata)


def _load_file(path: str | Path, kind: str | None = None, **metadata) -> LoadResult:
    if kind is not None and kind not in KINDS:
        raise FileRejected([Finding(f"Unknown kind {kind!r}; expected one of {', '.join(KINDS)}.")])
    checked = guards.check_file(path)          # hostile/broken files refused before parsing
    with ThreadPoolExecutor(max_workers=1) as pool:     # formulas without values: a warning, looked
        formulas = pool.submit(guards.workbook_formulas, Path(path))   # for while the sheet is read
        result, ignored = _read_and_load(Path(path), kind, metadata)
        result.warnings = (checked + formulas.result() + ignored + result.warnings
                           + guards.check_result(canonical_dates(result)))
    return result


def _read_and_load(path: Path, kind: str | None, metadata: dict) -> tuple[LoadResult, list[Finding]]:
    """The loaded result, and warnings about sheets that were not read."""
    columns = load_forms_columns(path, kind, detect, lambda layout: _options(layout, path, metadata))
    if columns is not None:                    # a plain Forms export, read as Arrow columns
        return columns, []
    book = read_workbook(path)
    guards.check_not_empty(book.sheets)
    found = detect(book.sheets, kind)
    if found is None:
        raise FileRejected([Finding(_not_recognised(book.sheets, kind))], kind=kind)
    layout, sheet = found
    options = _options(layout, path, metadata)
    target = [s for s in book.sheets if s.rows and layout.matches(s)] if layout.every_sheet else sheet
    try:
        result = layout.load(target, **options)
    except FileRejected:
        raise
    except Exception as exc:  # a layout that matched but could not be read: say so plainly
        raise FileRejected([Finding(f"Could not read this {layout.description}: "
                                    f"{type(exc).__name__}: {exc}", sheet=sheet.name)],
                           kind=layout.kind, format=layout.name) from exc
    used = {s.name for s in (target if isinstance(target, list) else [target])}
    return result, guards.check_workbook(book.sheets, used)


def _options(layout: Layout, path: str | Path, metadata: dict) -> dict:
    """What the layout's loader is given: the metadata it accepts, and a codebook."""
    options = {k: v for k, v in metadata.items() if k in layout.options and not _blank(v)}
    if "codebook" in layout.options and options.get("codebook") is None:
        options["codebook"] = default_codebook(Path(path))
    return options


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _not_recognised(sheets: list[Sheet], kind: str | None) -> str:
    expected = [l.description for l in LAYOUTS if kind is None or l.kind == kind]
    message = "This file is not in a layout we recognise. Expected one of: " + "; ".join(expected) + "."
    if kind is not None:
        other = detect(sheets)
        if other is not None:
            message += f" It looks like a {other[0].kind} file ({other[0].description}), not {kind}."
    return message


def default_codebook(path: Path):
    """codebook.csv beside the file or up to two folders above it, else in the data folder."""
    folders = [path.resolve().parent, *list(path.resolve().parents)[1:3], load_settings().data_dir]
    for folder in folders:
        candidate = folder / CODEBOOK_NAME
        if candidate.is_file():
            return load_codebook(candidate)
    return None

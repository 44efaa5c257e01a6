"""Everything in a data folder, loaded once for the app: ``load_bundle(data_dir) -> Bundle``.

``data_dir/manifest.csv`` (``file,kind,audience,wave,wave_date,snapshot_date``) lists each
file with the metadata an officer typed at upload; without a manifest every workbook and
csv in the folder is detected on its own. ``codebook.csv`` and ``events.csv`` are read from
the folder. Uploads kept by the store (``store.json``, see store/) are read from their
normalised parquet, so pages have one code path for both. Survey answers reach the pages
as counts (``model.survey_counts``), never as respondent rows: the store keeps counts
for each upload, and a file read from the folder is counted as it is loaded. Action reports
reach them in two frames: the improvement plan's own (``actions``) and the monitoring reports
after its close-down (``after_closedown``, read only by the close-down follow-up:
``model.plan_reports``). A rejected file never stops the bundle: it appears in ``sources`` with its
error and contributes no rows. Free-text comments (COMMENTS, with the officers' theme
corrections) are read only for an edition that carries them (config/editions.toml
``comments = true``: the full edition); in any other edition ``comments`` and
``theme_corrections`` are empty frames, so no page, address or download of it can reach one.
Of a survey wave the store keeps, the comments are those of the version published
(store.revisions), as its counts are. The app caches the Bundle; this module never imports
streamlit.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from model.text import one_line
from loaders.benchmarks import BENCHMARK_COLUMNS, MAP_COLUMNS, load_benchmark_map, load_benchmarks
from loaders.codebook import load_codebook
from loaders.pipeline import load_file
from loaders.events import load_events
from loaders.expectations import expectations_from_sheet
from settings.file_formats import folder_suffixes
from loaders.headcount import load_headcount
from loaders.grid import read_text_table
from model.frames import (ACTIONS, AGGREGATES, CODEBOOK, COMMENTS, COMPLAINTS, EVENTS, EXPECTATIONS, HEADCOUNT,
                          SCRUTINY_SCORES, THEME_CORRECTIONS, conform, empty)
from loaders.report import FileRejected, Finding, LoadResult
from settings.config import edition_has_comments, load_settings
from settings.details import PAGE
from model.plan_reports import after_closedown, plan_reports
from model.survey_counts import SurveyCounts, concat_counts, count_responses
from store.entry import Entry
from store.interface import STORE_SUBFOLDERS, UploadStore, open_store
from store.revisions import Publication, survey_publication

MANIFEST, CODEBOOK_FILE, EVENTS_FILE = "manifest.csv", "codebook.csv", "events.csv"
HEADCOUNT_FILE, EXPECTATIONS_FILE = "headcount.csv", "expectations.csv"
#: Which questions have an external benchmark (loaders.benchmarks), and the published benchmark
#: files shipped with the project (data/benchmarks/README.md says where they come from).
BENCHMARK_MAP_FILE = "benchmark_map.csv"
BENCHMARK_FOLDER = Path(__file__).resolve().parent.parent / "data" / "benchmarks" / "csps"
READERS = 4                  # stored uploads read at once
SOURCE_COLUMNS = ["file", "kind", "format", "records", "questions", "warnings", "error"]
FINDING_COLUMNS = ["file", "severity", "message", "sheet", "row", "column"]
UNMAPPED_COLUMNS = ["file", "audience", "wave", "question_id", "wording"]
FRAMES = {"actions": ("actions", ACTIONS),
          "scrutiny": ("scrutiny", SCRUTINY_SCORES), "aggregates": ("aggregates", AGGREGATES),
          "complaints": ("complaints", COMPLAINTS)}


@dataclass
class Bundle:
    surveys: SurveyCounts       # survey answer counts, all waves and audiences
    codebook: pd.DataFrame      # CODEBOOK
    actions: pd.DataFrame       # ACTIONS, the improvement plan's own reports (up to its close-down)
    scrutiny: pd.DataFrame      # SCRUTINY_SCORES
    events: pd.DataFrame        # EVENTS
    sources: pd.DataFrame       # one row per file: SOURCE_COLUMNS
    unmapped: pd.DataFrame      # survey wordings not in the codebook: UNMAPPED_COLUMNS
    findings: pd.DataFrame      # every warning and error: FINDING_COLUMNS
    aggregates: pd.DataFrame = field(default_factory=lambda: empty(AGGREGATES))  # published results tables
    headcount: pd.DataFrame = field(default_factory=lambda: empty(HEADCOUNT))    # people invited per wave
    expectations: pd.DataFrame = field(default_factory=lambda: empty(EXPECTATIONS))  # what the notice expects
    benchmark_map: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=MAP_COLUMNS))
    benchmarks: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=BENCHMARK_COLUMNS))  # CSPS medians
    complaints: pd.DataFrame = field(default_factory=lambda: empty(COMPLAINTS))  # Code of Conduct complaints register
    #: ACTIONS, the monitoring reports after the close-down (Directorate Business Plans, the Advisory
    #: and Support Group): only the close-down follow-up reads them (model.plan_reports says why)
    after_closedown: pd.DataFrame = field(default_factory=lambda: empty(ACTIONS))
    #: COMMENTS, unredacted: the full edition's only (module docstring); empty in any other
    comments: pd.DataFrame = field(default_factory=lambda: empty(COMMENTS))
    #: THEME_CORRECTIONS, the latest of each comment: as ``comments``, the full edition's only
    theme_corrections: pd.DataFrame = field(default_factory=lambda: empty(THEME_CORRECTIONS))


def read_manifest(data_dir: Path) -> list[dict[str, str]]:
    """Manifest rows (file + metadata, blanks dropped); every data file if no manifest."""
    path = data_dir / MANIFEST
    if not path.is_file():
        skip = {MANIFEST, CODEBOOK_FILE, EVENTS_FILE, HEADCOUNT_FILE, EXPECTATIONS_FILE, BENCHMARK_MAP_FILE}
        return [{"file": str(p.relative_to(data_dir))} for p in sorted(data_dir.rglob("*"))
                if p.suffix.lower() in folder_suffixes() and p.name not in skip
                and p.relative_to(data_dir).parts[0] not in STORE_SUBFOLDERS]
    sheet = read_text_table(path)
    header = [one_line(h).casefold() for h in sheet.rows[0]] if sheet.rows else []
    rows = [{k: one_line(v) for k, v in zip(header, r) if one_line(v)} for r in sheet.rows[1:]]
    return [r for r in rows if r.get("file")]


def load_bundle(data_dir: str | Path | None = None, edition: str | None = None,
                authority: str | None = None) -> Bundle:
    """Load every file of ``data_dir`` (default: the settings' data folder) for ``edition``
    (default: the one the settings publish), which says whether comments are read, with the
    uploads of ``authority``'s store (the PostgreSQL store; ``open_store``'s default when None)."""
    data_dir = Path(data_dir) if data_dir is not None else load_settings().data_dir
    with_comments = edition_has_comments(edition if edition is not None else load_settings().edition)
    parts: dict[str, list] = {kind: [] for kind in [*FRAMES, "survey"]}
    parts["comments"] = [] if with_comments else None
    sources, findings, unmapped = [], [], []
    codebook = _reference(data_dir / CODEBOOK_FILE, load_codebook, CODEBOOK, "codebook", sources, findings)
    events = _reference(data_dir / EVENTS_FILE, load_events, EVENTS, "events", sources, findings)
    headcount = _reference(data_dir / HEADCOUNT_FILE, load_headcount, HEADCOUNT, "headcount", sources, findings)
    expectations = _expectations(data_dir, sources, findings)
    benchmark_map = _reference(data_dir / BENCHMARK_MAP_FILE, load_benchmark_map, None, "benchmark map", sources,
                               findings)
    benchmark_map = benchmark_map if benchmark_map is not None else pd.DataFrame(columns=MAP_COLUMNS)
    benchmarks = _benchmarks(sources, findings) if len(benchmark_map) else None
    for entry in read_manifest(data_dir):
        name = entry.pop("file")
        kind = entry.pop("kind", None)
        try:
            result = load_file(data_dir / name, kind=kind, codebook=codebook, **entry)
        except FileRejected as rejected:
            sources.append({"file": name, "kind": rejected.kind or kind, "format": rejected.format,
                            "records": 0, "questions": None, "warnings": 0,
                            "error": "; ".join(f.worded(PAGE) for f in rejected.findings)})
            findings += _findings(name, "error", rejected.findings)
            findings += _findings(name, "warning", getattr(rejected, "warnings", []))
            continue
        _collect(result, name, parts, sources, findings, unmapped)
    uploaded = _collect_store(data_dir, parts, sources, findings, unmapped, authority)
    comments = {"comments": _concat(parts["comments"], COMMENTS),
                "theme_corrections": uploaded.pop("theme_corrections")} if with_comments else {}
    expectations = uploaded.get("expectations", expectations)
    frames = {attr: _concat(parts[kind], schema) for kind, (attr, schema) in FRAMES.items()}
    if "complaints" in uploaded:      # an uploaded register is the whole register: it replaces the folder's
        frames["complaints"] = uploaded["complaints"]
    every = frames.pop("actions")     # the plan's figures never read the reports after its close-down
    frames.update(actions=plan_reports(every), after_closedown=after_closedown(every))
    return Bundle(
        surveys=concat_counts(parts["survey"]), codebook=codebook, events=events, headcount=headcount, expectations=expectations, **frames,
        benchmark_map=benchmark_map,
        benchmarks=benchmarks if benchmarks is not None else pd.DataFrame(columns=BENCHMARK_COLUMNS),
        sources=pd.DataFrame(sources, columns=SOURCE_COLUMNS).astype(
            {"records": "Int64", "questions": "Int64", "warnings": "Int64"}),
        unmapped=pd.DataFrame(unmapped, columns=UNMAPPED_COLUMNS),
        findings=pd.DataFrame(findings, columns=FINDING_COLUMNS).astype({"row": "Int64"}),
        **comments,
    )


def _reference(path: Path, read, schema: dict | None, kind: str, sources, findings):
    """A reference table (codebook, events, headcount, expectations) when present. One that
    cannot be read is listed with its error and gives an empty table (None without a
    schema): every page still opens."""
    if not path.is_file():
        return empty(schema) if schema else None
    try:
        return read(path)
    except (FileRejected, OSError, ValueError) as problem:
        items = problem.findings if isinstance(problem, FileRejected) else [Finding(f"Could not read it: {problem}")]
        sources.append({"file": path.name, "kind": kind, "format": getattr(problem, "format", None), "records": 0,
                        "questions": None, "warnings": 0, "error": "; ".join(f.worded(PAGE) for f in items)})
        findings += _findings(path.name, "error", items)
        return empty(schema) if schema else None


def _benchmarks(sources, findings) -> pd.DataFrame | None:
    """The shipped CSPS median benchmarks; a file that cannot be read is listed with its error."""
    try:
        return load_benchmarks(BENCHMARK_FOLDER)
    except (OSError, ValueError) as problem:
        sources.append({"file": BENCHMARK_FOLDER.name, "kind": "benchmarks", "format": None, "records": 0,
                        "questions": None, "warnings": 0, "error": str(problem)})
        findings += _findings(BENCHMARK_FOLDER.name, "error", [Finding(str(problem))])
        return None


def _expectations(data_dir: Path, sources, findings) -> pd.DataFrame:
    """expectations.csv when present, its warnings listed; a rejected file gives none."""
    result = _reference(data_dir / EXPECTATIONS_FILE, lambda p: expectations_from_sheet(read_text_table(p)), None,
                        "expectations", sources, findings)
    if result is None:
        return empty(EXPECTATIONS)
    _collect(result, EXPECTATIONS_FILE, {}, sources, findings, [])
    return result.frame


def _collect(result: LoadResult, name: str, parts, sources, findings, unmapped) -> None:
    if result.kind == "survey":
        parts["survey"].append(result.counts if result.counts is not None else count_responses(result.frame))
        if parts.get("comments") is not None and result.comments is not None:
            parts["comments"].append(result.comments)
    elif result.kind in parts:
        parts[result.kind].append(result.frame)
    sources.append({"file": name, "kind": result.kind, "format": result.format,
                    "records": result.records, "questions": result.questions,
                    "warnings": len(result.warnings), "error": None})
    findings += _findings(name, "warning", result.warnings)
    for item in result.metadata.get("unmapped", []):
        unmapped.append({"file": name, "audience": result.metadata.get("audience"),
                         "wave": result.metadata.get("wave"), **item})


def _collect_store(data_dir: Path, parts, sources, findings, unmapped,
                   authority: str | None = None) -> dict[str, pd.DataFrame]:
    """The store's current uploads, from their normalised parquet; for a survey wave, the
    version that may be published (``store.revisions``: a correction that would reveal a
    small group by comparison with an earlier version is held back, with a warning). Returns
    the reference frames an upload replaces (an uploaded expectations file replaces
    expectations.csv; an uploaded complaints register replaces the folder's), and, when
    comments are read (``parts["comments"]`` a list), the officers' theme corrections."""
    store, replaced = open_store(data_dir, authority), {}
    publication = survey_publication(store, load_settings().disclosure)
    entries = [e for e in store.entries() if e.active and e.kind != "survey"] + publication.entries()
    for entry in store.entries():
        if entry.sha256 in publication.held and entry.active:
            findings.append({"file": entry.file, "severity": "warning", "message": publication.held[entry.sha256]})
    with ThreadPoolExecutor(max_workers=READERS) as pool:     # parquet reads release the GIL
        read = list(pool.map(lambda e: _read(store, publication, e), entries))
        if parts.get("comments") is not None:
            parts["comments"] += list(pool.map(store.comments, publication.entries()))
            replaced["theme_corrections"] = store.theme_corrections()
    for entry, frame in zip(entries, read):
        if entry.kind == "complaints":
            replaced["complaints"] = conform(frame, COMPLAINTS)
        elif entry.kind in parts:
            parts[entry.kind].append(frame)
        elif entry.kind == "expectations":
            replaced["expectations"] = conform(frame, EXPECTATIONS)
        sources.append({"file": entry.file, "kind": entry.kind, "format": entry.format,
                        "records": entry.records, "questions": entry.questions,
                        "warnings": len(entry.warnings), "error": None})
        findings += [{"file": entry.file, "severity": "warning", **w} for w in entry.warnings]
        unmapped += [{"file": entry.file, "audience": entry.metadata.get("audience"),
                      "wave": entry.metadata.get("wave"), **u} for u in entry.unmapped]
    return replaced


def _read(store: UploadStore, publication: Publication, entry: Entry):
    """An entry's frame; a survey wave's counts with the versions published before it."""
    if entry.kind != "survey":
        return store.frame(entry)
    return store.counts(entry).with_earlier([store.counts(e) for e in publication.earlier.get(entry.key, [])])


def _findings(name: str, severity: str, items: list[Finding]) -> list[dict]:
    return [{"file": name, "severity": severity, **f.as_dict(PAGE)} for f in items]


def _concat(frames: list[pd.DataFrame], schema: dict) -> pd.DataFrame:
    """One frame of the schema."""
    frames = [f for f in frames if not f.empty]
    return conform(pd.concat(frames, ignore_index=True), schema) if frames else empty(schema)

"""Read the published Civil Service People Survey (CSPS) median benchmark files.

Why: a council's own % positive means more beside an external reference. The Cabinet Office
publishes the CSPS benchmark results as ODS workbooks (Table_1: median benchmark scores, one
row per measure, one column per year, title rows above the header) and the 2009-2020 medians
as a CSV of proportions 0-1. This module reads those real layouts, as published, into one
tidy frame; it calculates nothing (the comparison is ``metrics.benchmarks``).

The tidy frame (``BENCHMARK_COLUMNS``): year, question_code (B01, E03_no, EES, ...),
question (the wording, without the "(% selecting ...)" note), scored_as (that note: how the
score is calculated), median_pct (the median of organisations' scores, **percent 0-100**;
the CSV's proportions are multiplied by 100), status ("published", "not asked" for ``[z]``,
"suppressed" for ``[c]``, the CSV's ``NA`` is "not asked": never a zero) and source_file. A file that is not one of these
layouts raises ``BenchmarkFileError`` saying which file, what was missing and how to fix it.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

BENCHMARK_COLUMNS = ["year", "question_code", "question", "scored_as", "median_pct", "status", "source_file"]
#: The published files' markers, in the words a table shows (never a number).
MARKERS = {"[z]": "not asked", "[c]": "suppressed", "NA": "not asked"}   # NA: the CSV's "not asked"
PUBLISHED = "published"
MEDIAN_SHEET = "Table_1"
_YEAR = re.compile(r"^(19|20)\d\d(\.0+)?$")


class BenchmarkFileError(ValueError):
    """A benchmark file that cannot be read as a CSPS median benchmark table."""


def load_benchmarks(folder: Path) -> pd.DataFrame:
    """Every benchmark file in ``folder`` (``*.ods`` Table_1 and ``*.csv``), one tidy frame.
    Where two files hold the same year and code, the ODS (three decimals) wins over the CSV
    (two), and the newer ODS over the older (it is the latest published figure)."""
    files = sorted(Path(folder).glob("*.ods")) + sorted(Path(folder).glob("*.csv"))
    frames = [read_benchmark_file(path) for path in files]
    if not frames:
        return pd.DataFrame(columns=BENCHMARK_COLUMNS)
    table = pd.concat(frames, ignore_index=True)
    rank = {name: i for i, name in enumerate(_preference(files))}
    table["_rank"] = table["source_file"].map(rank)
    table = table.sort_values(["question_code", "year", "_rank"], kind="stable")
    table = table.drop_duplicates(["question_code", "year"]).drop(columns="_rank")
    return table.sort_values(["question_code", "year"]).reset_index(drop=True)


def _preference(files: list[Path]) -> list[str]:
    ods = sorted((p.name for p in files if p.suffix == ".ods"), reverse=True)
    return ods + [p.name for p in files if p.suffix != ".ods"]


def read_benchmark_file(path: Path) -> pd.DataFrame:
    """One published file, tidy: an ODS workbook's ``Table_1`` or the median CSV."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        grid = pd.read_csv(path, header=None, dtype=str, encoding="utf-8-sig", keep_default_na=False)
        return _tidy(grid, path.name, scale=100.0)
    try:
        grid = pd.read_excel(path, sheet_name=MEDIAN_SHEET, header=None, engine="calamine", dtype=object)
    except ValueError as error:
        raise BenchmarkFileError(
            f"{path.name}: no sheet named {MEDIAN_SHEET!r} ({error}). Use the CSPS 'Benchmark Results' "
            f"workbook as published on GOV.UK, whose Table_1 holds the median benchmark scores.") from None
    return _tidy(grid, path.name, scale=1.0)


def _tidy(grid: pd.DataFrame, source: str, scale: float) -> pd.DataFrame:
    header_row = _header_row(grid, source)
    header = [_text(v) for v in grid.iloc[header_row]]
    years = {i: int(float(h)) for i, h in enumerate(header) if _YEAR.match(h)}
    if not years:
        raise BenchmarkFileError(f"{source}: the header row (row {header_row + 1}) has no year columns "
                                 "(2009, 2010, ...). Use the file as published, with its year columns.")
    label = header.index("Label") if "Label" in header else 1
    body = grid.iloc[header_row + 1:]
    rows = []
    for _, line in body.iterrows():
        code = _text(line.iloc[0])
        if not code:
            continue
        question, scored_as = split_label(code, _text(line.iloc[label]))
        for column, year in years.items():
            value, status = _value(line.iloc[column], scale, source, code, year)
            rows.append((year, code, question, scored_as, value, status, source))
    table = pd.DataFrame(rows, columns=BENCHMARK_COLUMNS)
    table["median_pct"] = table["median_pct"].astype(float)
    return table


def _header_row(grid: pd.DataFrame, source: str) -> int:
    first = grid.iloc[:, 0].map(_text)
    found = first.index[first == "Measure"]
    if not len(found):
        raise BenchmarkFileError(f"{source}: no header row starting 'Measure' in the first column. Use the "
                                 "CSPS median benchmark table as published (Measure, Label, Section, years).")
    return int(grid.index.get_loc(found[0]))


def split_label(code: str, label: str) -> tuple[str, str]:
    """A published label as (wording, how it is scored): "B27. I feel valued for the work I do
    (% strongly agree or agree)" and "I feel valued ...\\n(% selecting 'Strongly agree' or
    'Agree')" both give ("I feel valued for the work I do", the bracket's text)."""
    text = re.sub(rf"^{re.escape(code.split('_')[0])}\.\s*", "", label.strip())
    match = re.search(r"\s*\((%[^)]*(?:\([^)]*\)[^)]*)*)\)\s*$", text)
    if not match:
        return " ".join(text.split()), ""
    return " ".join(text[:match.start()].split()), " ".join(match.group(1).split())


def _value(cell: object, scale: float, source: str, code: str, year: int) -> tuple[float, str]:
    text = _text(cell)
    if text in MARKERS:
        return float("nan"), MARKERS[text]
    if text == "":
        return float("nan"), "not asked"
    try:
        return round(float(text) * scale, 6), PUBLISHED
    except ValueError:
        raise BenchmarkFileError(f"{source}: {code}, {year}: {text!r} is neither a number nor a published "
                                 "marker ([z] not asked, [c] suppressed). Restore the published file.") from None


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer() and 1900 < value < 2100:
        return str(int(value))
    return str(value).strip()


MAP_COLUMNS = ["question_id", "csps_code", "wording", "note"]
WORDINGS = ("same", "close")


def load_benchmark_map(path: Path) -> pd.DataFrame:
    """benchmark_map.csv (``question_id,csps_code,wording,note``): which of the authority's
    questions is set beside which CSPS code, and whether the wording is "same" or "close"."""
    path = Path(path)
    table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    table.columns = [c.strip().casefold() for c in table.columns]
    missing = [c for c in MAP_COLUMNS[:3] if c not in table.columns]
    if missing:
        raise BenchmarkFileError(f"{path.name}: no column {', '.join(missing)}. The first row must be "
                                 "question_id,csps_code,wording,note.")
    if "note" not in table:
        table["note"] = ""
    table = table[MAP_COLUMNS].apply(lambda c: c.str.strip())
    for row, value in enumerate(table["wording"].str.casefold(), start=2):
        if value not in WORDINGS:
            raise BenchmarkFileError(f"{path.name}, row {row}, column wording: {value!r} is not 'same' or "
                                     "'close'. Write 'same' when the statements match, 'close' when they differ.")
    table["wording"] = table["wording"].str.casefold()
    return table[table["question_id"] != ""].reset_index(drop=True)

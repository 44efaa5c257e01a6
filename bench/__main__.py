"""``python -m bench [--sizes 20000,100000] [--postgres 50x5000|off] [--pg-only] [--root DIR] [--no-write]``

For each size: generate (or reuse) the inputs, lay out a data folder (codebook, events,
headcount, an empty manifest), ingest every file through the upload path (the staff
waves one process each, so each has its own peak memory), read the first wave bare with
fastexcel (every other wave) and with pandas + openpyxl, then measure the start from the store, the warm
reruns of every page, the largest figure, and the server's memory. Then the PostgreSQL section
(bench/postgres.py): many authorities in one temporary database, one authority's user's start and
reruns, its start against the file store's at 20,000. Prints the table and writes
docs/performance.md (unless --no-write).
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from . import postgres
from .inputs import Spec, big_survey_csv, make_inputs
from .report import markdown, table
from .server_memory import server_memory
from .steps import app_figures, data_folder, run, small_files

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "performance.md"


def measure(spec: Spec, root: Path, reruns: int, log, quick: bool = False) -> dict:
    """Every figure of one size; ``quick``: the ingests, app start and reruns only (no bare reads,
    no server memory)."""
    begin = time.perf_counter()
    inputs = make_inputs(spec, root)
    log(f"  inputs ready in {time.perf_counter() - begin:.0f} s: {inputs.folder}")
    folder = data_folder(inputs, spec, root)
    waves = []
    for i, (path, meta) in enumerate(inputs.surveys):
        result = run("ingest", str(path), str(folder), json.dumps(meta))
        if i % 2 == 0 and not quick:     # a bare read of every other wave: the ratio is taken on these three
            bare = run("fastexcel", str(path))["seconds"]
            result.update(fastexcel=bare, ratio=result["seconds"] / bare)
        waves.append(result)
        bare = f", fastexcel {result['fastexcel']:.2f} s" if "fastexcel" in result else ""
        log(f"  {path.name}: ingest {result['seconds']:.2f} s{bare}, peak {result['peak_mb']:.0f} MB")
    listing = root / f"small-{spec.respondents}.json"
    listing.write_text(json.dumps(small_files(inputs, folder)), encoding="utf-8")
    small = run("ingest_many", str(listing))
    log(f"  trackers, scrutiny, partner waves: {small['seconds']:.1f} s")
    figures = app_figures(folder, reruns, {"IMPROVEMENT_DATA_DIR": str(folder)}, log)
    if quick:
        return {"respondents": spec.respondents, "quick": True, **figures}
    openpyxl = run("openpyxl", str(inputs.surveys[0][0]))
    log(f"  pandas + openpyxl read: {openpyxl['seconds']:.1f} s")
    server = server_memory(folder, root / f"server-{spec.respondents}.log")
    log(f"  server: {server}")
    tracker_files = [f for f in small["files"] if f["file"].startswith("improvement_plan")]
    return {
        "respondents": spec.respondents, "waves": waves, "openpyxl": openpyxl["seconds"],
        "ingest_median": statistics.median(w["seconds"] for w in waves),
        "fastexcel_median": statistics.median(w["fastexcel"] for w in waves if "fastexcel" in w),
        "ratio_median": statistics.median(w["ratio"] for w in waves if "ratio" in w),
        "ingest_peak_mb": max(w["peak_mb"] for w in waves),
        "tracker_ingest": statistics.median(f["seconds"] for f in tracker_files),
        "scrutiny_ingest": next(f["seconds"] for f in small["files"] if f["file"] == "topic_scores.xlsx"),
        **figures, "server": server,
    }




def measure_big_csv(rows: int, root: Path, log) -> dict:
    """The Data page's check of a big survey CSV against bare reads of the same file, each
    in a fresh process (median of 3)."""
    path = big_survey_csv(root, rows)
    meta = json.dumps({"audience": "staff", "wave": "2026-03", "wave_date": "2026-03-01"})
    runs = {task: [run(task, str(path), *([meta] if task == "check" else [])) for _ in range(3)]
            for task in ("check", "arrow_csv", "pandas_csv")}
    median = {task: statistics.median(r["seconds"] for r in done) for task, done in runs.items()}
    log(f"  big CSV ({rows:,} rows, {path.stat().st_size / 2**20:.0f} MB): check {median['check']:.2f} s, "
        f"Arrow read {median['arrow_csv']:.2f} s, pandas read {median['pandas_csv']:.2f} s")
    return {"rows": rows, "mb": path.stat().st_size / 2**20, "format": runs["check"][0]["format"],
            "records": runs["check"][0]["records"], "peak_mb": max(r["peak_mb"] for r in runs["check"]), **median}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--sizes", default="20000,100000", help="respondents per wave, comma-separated")
    parser.add_argument("--root", type=Path, default=Path("/tmp/improvement-bench"),
                        help="where inputs (cached) and data folders go; outside the repository")
    parser.add_argument("--reruns", type=int, default=10)
    parser.add_argument("--big-rows", type=int, default=1_000_000, help="rows of the big survey CSV (0: skip it)")
    parser.add_argument("--postgres", default="50x5000", metavar="AUTHORITIESxRESPONDENTS",
                        help="the PostgreSQL section: that many authorities x 6 waves of that many respondents in "
                             "one database (bench/postgres.py); 'off' to skip it")
    parser.add_argument("--no-write", action="store_true", help="print only; do not rewrite docs/performance.md")
    parser.add_argument("--pg-only", action="store_true",
                        help="quick iterations on the PostgreSQL section: the file store's sizes give only their "
                             "app start and reruns (no bare reads, server memory or big CSV); implies --no-write")
    args = parser.parse_args(argv)
    if args.pg_only:
        args.no_write, args.big_rows = True, 0
    begin = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - begin:6.0f} s] {message}", file=sys.stderr, flush=True)

    results = []
    for size in (int(s) for s in args.sizes.split(",") if s):
        log(f"{size:,} respondents x 6 waves")
        results.append(measure(Spec(respondents=size), args.root, args.reruns, log, quick=args.pg_only))
    database = None
    if (shape := postgres.parse(args.postgres)) is not None:
        log(f"PostgreSQL: {shape[0]} authorities x 6 waves x {shape[1]:,} respondents in one database")
        database = postgres.measure(*shape, args.root, args.reruns, log)
    big = None
    if args.big_rows:
        log(f"big survey CSV, {args.big_rows:,} rows")
        big = measure_big_csv(args.big_rows, args.root, log)
    elapsed = time.perf_counter() - begin
    (args.root / "results.json").write_text(json.dumps({"sizes": results, "big_csv": big, "postgres": database},
                                                       indent=1, default=str), encoding="utf-8")
    print(table(results, big, database))
    print(f"\nbenchmark took {elapsed:.0f} s")
    if not args.no_write:
        previous = DOC.read_text(encoding="utf-8") if DOC.is_file() else ""
        DOC.write_text(markdown(results, elapsed, previous, big, database), encoding="utf-8")
        print(f"written to {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

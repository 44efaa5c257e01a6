"""``python -m bench [--sizes 20000,100000] [--root /tmp/improvement-bench] [--no-write]``

For each size: generate (or reuse) the inputs, lay out a data folder (codebook, events,
headcount, an empty manifest), ingest every file through the upload path (the staff
waves one process each, so each has its own peak memory), read the first wave bare with
fastexcel (every other wave) and with pandas + openpyxl, then measure the start from the store, the warm
reruns of every page, the largest figure, and the server's memory. Prints the table and
writes docs/performance.md (unless --no-write).
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from .inputs import Inputs, Spec, big_survey_csv, make_inputs
from .report import markdown, table
from .server_memory import server_memory

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
DOC = ROOT / "docs" / "performance.md"
STARTS = 3                   # app starts, each in a fresh process: the median is reported


def run(task: str, *args: str, env: dict | None = None) -> dict:
    """A worker task in a fresh interpreter; its JSON result."""
    import os

    done = subprocess.run([sys.executable, "-m", "bench.worker", task, *args], cwd=ROOT, capture_output=True,
                          text=True, env={**os.environ, **(env or {})})
    if done.returncode != 0:
        raise RuntimeError(f"bench.worker {task} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def data_folder(inputs: Inputs, spec: Spec, root: Path) -> Path:
    """A fresh data folder: codebook (bench staff + sample partner), events, headcount, no files."""
    folder = root / f"data-{spec.respondents}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    partner = [line for line in (SAMPLE / "codebook.csv").read_text(encoding="utf-8").splitlines()[1:]
               if line.startswith("PART-")]
    (folder / "codebook.csv").write_text(inputs.codebook.read_text(encoding="utf-8") + "\n".join(partner) + "\n",
                                         encoding="utf-8")
    shutil.copy(SAMPLE / "events.csv", folder / "events.csv")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["audience", "wave", "headcount"])
    for _, meta in inputs.surveys:
        writer.writerow(["staff", meta["wave"], round(spec.respondents * 1.25)])
    (folder / "headcount.csv").write_text(out.getvalue(), encoding="utf-8")
    (folder / "manifest.csv").write_text("file,kind,audience,wave,wave_date,snapshot_date\n", encoding="utf-8")
    return folder


def small_files(inputs: Inputs, folder: Path) -> list[dict]:
    """Trackers, the scrutiny matrix and the sample's partner survey waves, with their metadata."""
    items = [{"path": str(p), "data_dir": str(folder), "metadata": m} for p, m in inputs.trackers]
    items.append({"path": str(inputs.scrutiny), "data_dir": str(folder), "metadata": {}})
    with (SAMPLE / "manifest.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["audience"] == "partner":
                meta = {k: row[k] for k in ("audience", "wave", "wave_date")}
                items.append({"path": str(SAMPLE / row["file"]), "data_dir": str(folder), "metadata": meta})
    return items


def measure(spec: Spec, root: Path, reruns: int, log) -> dict:
    begin = time.perf_counter()
    inputs = make_inputs(spec, root)
    log(f"  inputs ready in {time.perf_counter() - begin:.0f} s: {inputs.folder}")
    folder = data_folder(inputs, spec, root)
    waves = []
    for i, (path, meta) in enumerate(inputs.surveys):
        result = run("ingest", str(path), str(folder), json.dumps(meta))
        if i % 2 == 0:     # a bare read of every other wave: the ratio is taken on these three
            bare = run("fastexcel", str(path))["seconds"]
            result.update(fastexcel=bare, ratio=result["seconds"] / bare)
        waves.append(result)
        log(f"  {path.name}: ingest {result['seconds']:.2f} s, fastexcel {result.get('fastexcel', 0):.2f} s, "
            f"peak {result['peak_mb']:.0f} MB")
    listing = root / f"small-{spec.respondents}.json"
    listing.write_text(json.dumps(small_files(inputs, folder)), encoding="utf-8")
    small = run("ingest_many", str(listing))
    log(f"  trackers, scrutiny, partner waves: {small['seconds']:.1f} s")
    openpyxl = run("openpyxl", str(inputs.surveys[0][0]))
    log(f"  pandas + openpyxl read: {openpyxl['seconds']:.1f} s")
    env = {"IMPROVEMENT_DATA_DIR": str(folder)}
    pages = run("reruns", str(folder), str(reruns), env=env)
    starts = [pages.pop("start")["first_page"]] + [run("start", env=env)["first_page"] for _ in range(STARTS - 1)]
    start = {"first_page": statistics.median(starts), "runs": starts}
    log(f"  start: first page {start['first_page']:.2f} s (median of {', '.join(f'{s:.2f}' for s in starts)})")
    for page, result in pages.items():
        if isinstance(result, dict):
            log(f"  {page}: first {result['first']:.2f} s, warm median {result['median'] * 1000:.0f} ms")
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
        "start": start, "pages": {k: v for k, v in pages.items() if isinstance(v, dict)}, "server": server,
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
    parser.add_argument("--no-write", action="store_true", help="print only; do not rewrite docs/performance.md")
    args = parser.parse_args(argv)
    begin = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - begin:6.0f} s] {message}", file=sys.stderr, flush=True)

    results = []
    for size in (int(s) for s in args.sizes.split(",") if s):
        log(f"{size:,} respondents x 6 waves")
        results.append(measure(Spec(respondents=size), args.root, args.reruns, log))
    big = None
    if args.big_rows:
        log(f"big survey CSV, {args.big_rows:,} rows")
        big = measure_big_csv(args.big_rows, args.root, log)
    elapsed = time.perf_counter() - begin
    (args.root / "results.json").write_text(json.dumps({"sizes": results, "big_csv": big}, indent=1, default=str), encoding="utf-8")
    print(table(results, big))
    print(f"\nbenchmark took {elapsed:.0f} s")
    if not args.no_write:
        previous = DOC.read_text(encoding="utf-8") if DOC.is_file() else ""
        DOC.write_text(markdown(results, elapsed, previous, big), encoding="utf-8")
        print(f"written to {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

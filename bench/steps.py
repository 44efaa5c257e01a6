"""The benchmark's shared steps: a worker task in a fresh process (``run``), a bench data folder,
the small files every size ingests, and the app's figures on a data folder (start, page reruns).

Used by the file store's sizes (bench/__main__.py) and the PostgreSQL section (bench/postgres.py),
so both are measured the same way.
"""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from .inputs import Inputs, Spec

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
STARTS = 3                   # app starts, each in a fresh process: the median is reported


def run(task: str, *args: str, env: dict | None = None) -> dict:
    """A worker task in a fresh interpreter; its JSON result."""
    done = subprocess.run([sys.executable, "-m", "bench.worker", task, *args], cwd=ROOT, capture_output=True,
                          text=True, env={**os.environ, **(env or {})})
    if done.returncode != 0:
        raise RuntimeError(f"bench.worker {task} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def data_folder(inputs: Inputs, spec: Spec, root: Path, name: str = "") -> Path:
    """A fresh data folder: codebook (bench staff + sample partner), events, headcount, no files."""
    folder = root / (name or f"data-{spec.respondents}")
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


def app_figures(folder: Path, reruns: int, env: dict, log) -> dict:
    """App start to first page (median of STARTS, each a fresh process) and every page's first run
    and warm reruns, on the data folder (and store) ``env`` names."""
    pages = run("reruns", str(folder), str(reruns), env=env)
    starts = [pages.pop("start")["first_page"]] + [run("start", env=env)["first_page"] for _ in range(STARTS - 1)]
    start = {"first_page": statistics.median(starts), "runs": starts}
    log(f"  start: first page {start['first_page']:.2f} s (median of {', '.join(f'{s:.2f}' for s in starts)})")
    for page, result in pages.items():
        if isinstance(result, dict):
            log(f"  {page}: first {result['first']:.2f} s, warm median {result['median'] * 1000:.0f} ms")
    return {"start": start, "pages": {k: v for k, v in pages.items() if isinstance(v, dict)}}

"""One measurement per process: ``python -m bench.worker TASK ARGS...`` prints one JSON object.

Each task runs in a fresh interpreter so its peak memory (``ru_maxrss``) is its own and no
cache from an earlier task helps it. Tasks:

- ``ingest FILE DATA_DIR METADATA_JSON``: the Data page's upload path: ``check_upload``
  (guards, detection, loading, validation) then ``keep`` (originals, parquet, manifest);
- ``fastexcel FILE`` / ``openpyxl FILE``: a bare read of the same file (to Arrow with
  fastexcel; ``pandas.read_excel`` with openpyxl);
- ``start``: app start to the first page from the store (AppTest, default page, empty
  caches), of the data folder in IMPROVEMENT_DATA_DIR;
- ``reruns DATA_DIR N``: ``start``, then each page of app.py and N warm reruns with a typical interaction;
  the largest plotly figure JSON each page sends.
"""
from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
BUDGET_S = 20.0   # per page: stop rerunning a page once its reruns have taken this long


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ingest(path: str, data_dir: str, metadata: str) -> dict:
    from store.interface import open_store
    from store.intake import check_upload, keep

    data = Path(path).read_bytes()
    start = time.perf_counter()
    checked = check_upload(data, Path(path).name, data_dir, metadata=json.loads(metadata))
    if not checked.ok:
        raise SystemExit(f"{path} did not load: {checked.findings.to_dict('records')[:3]} missing={checked.missing}")
    saved = keep(open_store(data_dir), checked)
    seconds = time.perf_counter() - start
    counts = checked.result.counts
    rows = int(counts.answers["n"].sum()) if counts is not None else len(checked.result.frame)
    return {"seconds": seconds, "records": saved.entry.records, "rows": rows,
            "kind": checked.kind, "status": saved.status}


def ingest_many(listing: str) -> dict:
    """Several uploads in one process (the small files: trackers, scrutiny, partner surveys)."""
    out = []
    for item in json.loads(Path(listing).read_text(encoding="utf-8")):
        out.append({"file": Path(item["path"]).name, **ingest(item["path"], item["data_dir"], json.dumps(item["metadata"]))})
    return {"files": out, "seconds": sum(r["seconds"] for r in out)}


def fastexcel_read(path: str) -> dict:
    import fastexcel

    start = time.perf_counter()
    table = fastexcel.read_excel(path).load_sheet(0, eager=True)   # eager: its fastest way to Arrow
    return {"seconds": time.perf_counter() - start, "rows": table.num_rows, "columns": table.num_columns}


def openpyxl_read(path: str) -> dict:
    import pandas as pd

    start = time.perf_counter()
    frame = pd.read_excel(path, engine="openpyxl")
    return {"seconds": time.perf_counter() - start, "rows": len(frame), "columns": frame.shape[1]}


def check(path: str, metadata: str) -> dict:
    """The Data page's check of one upload (store.intake.check_upload), nothing kept."""
    from store.intake import check_upload

    data = Path(path).read_bytes()
    start = time.perf_counter()
    checked = check_upload(data, Path(path).name, tempfile.mkdtemp(prefix="bench-check-"), metadata=json.loads(metadata))
    seconds = time.perf_counter() - start
    if not checked.ok:
        raise SystemExit(f"{path} did not load: {checked.findings.to_dict('records')[:3]}")
    return {"seconds": seconds, "records": checked.result.records, "format": checked.format}


def arrow_csv_read(path: str) -> dict:
    from pyarrow import csv as arrow_csv

    start = time.perf_counter()
    table = arrow_csv.read_csv(path)
    return {"seconds": time.perf_counter() - start, "rows": table.num_rows}


def pandas_csv_read(path: str) -> dict:
    import pandas as pd

    start = time.perf_counter()
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    return {"seconds": time.perf_counter() - start, "rows": len(frame)}


def page_files() -> list[str]:
    """The scripts of every page the full edition publishes, in its order (config/pages.toml and
    config/editions.toml, as app.py registers them), so new pages are benchmarked too."""
    from settings.config import edition_pages, page_registry

    registry = page_registry()
    return [registry[path]["script"] for paths in edition_pages("full").values() for path in paths]


def _warm_imports() -> None:
    import plotly.graph_objects  # noqa: F401  (imports are not the app's start-up work)
    import streamlit.testing.v1  # noqa: F401

    sys.path.insert(0, str(ROOT))
    import ui.context  # noqa: F401


def start() -> dict:
    """App start to the first page (the default page, fresh process, empty caches)."""
    from streamlit.testing.v1 import AppTest

    _warm_imports()

    at = AppTest.from_file(str(APP), default_timeout=600)
    begin = time.perf_counter()
    at.run()
    return {"first_page": time.perf_counter() - begin, "errors": [str(e.value)[:200] for e in at.exception]}


def _interact(at, turn: int):
    """A typical interaction: flip the first selectbox with a choice, else just rerun."""
    for box in at.selectbox:
        options = list(box.options)
        if len(options) > 1:
            return box.select_index(turn % 2).run()
    return at.run()


def _largest_figure(at) -> int:
    sizes = [len(getattr(e.proto, "spec", "") or "") for e in at.get("plotly_chart")]
    return max(sizes, default=0)


def reruns(data_dir: str, count: str) -> dict:
    """``start``, then every page: its first run and ``count`` warm reruns (same process, so
    a page's first run reuses what earlier pages cached, as in a server)."""
    from streamlit.testing.v1 import AppTest

    _warm_imports()
    out = {"start": start()}
    for page in page_files():
        at = AppTest.from_file(str(APP), default_timeout=600)
        at.switch_page(page)
        begin = time.perf_counter()
        at.run()
        first = time.perf_counter() - begin
        figure = _largest_figure(at)
        times = []
        for turn in range(int(count)):
            begin = time.perf_counter()
            at = _interact(at, turn + 1)
            times.append(time.perf_counter() - begin)
            if sum(times) > BUDGET_S and len(times) >= 3:
                break            # far over target: three reruns tell enough, keep the run short
            figure = max(figure, _largest_figure(at))
        out[page] = {"first": first, "median": statistics.median(times), "reruns": len(times), "figure_bytes": figure,
                     "errors": [str(e.value)[:200] for e in at.exception]}
    return out


TASKS = {"check": check, "arrow_csv": arrow_csv_read, "pandas_csv": pandas_csv_read, "ingest": ingest, "ingest_many": ingest_many, "fastexcel": fastexcel_read, "openpyxl": openpyxl_read,
         "start": start, "reruns": reruns}


def main(argv: list[str]) -> int:
    os.chdir(ROOT)
    result = TASKS[argv[0]](*argv[1:])
    print(json.dumps({**result, "peak_mb": peak_mb()}, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

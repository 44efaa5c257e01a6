"""Everything every page shows on a data folder, as one JSON file: for telling that a
redesign changed no figure (issue 14: "the pages show the same figures before and after").

``python -m tests.page_dump OUT.json [--data FOLDER]`` opens every page of both editions in
AppTest through the router (``tests.disclosure.page_sweep``), makes every choice once (each
part of a page shown a part at a time, every option of every selectbox and radio:
``page_sweep.each_choice``), and records for each run: its text (titles, markdown, captions,
chart words), every table as CSV, every metric, every chart's traces (x, y, text, customdata,
hover templates) and a digest of every file it offers to download. ``--compare A B``
prints what differs between two dumps, a run at a time, and exits 1 if anything does.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
import zipfile
from pathlib import Path

from streamlit.testing.v1 import AppTest

from settings.config import editions
from tests.disclosure.page_sweep import (APP, SURVEY_PAGES, TIMEOUT, downloads_offered, each_choice, open_expanders, page_words,
                                         pointed_at, published_pages, through_the_router)

ROOT = Path(__file__).resolve().parents[1]
TRACE_FIELDS = ("name", "x", "y", "z", "text", "customdata", "hovertemplate", "labels", "values")


def shown(at: AppTest, offered: list) -> dict:
    """What one run of a page shows (module docstring)."""
    charts = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    return {
        "words": page_words(at).splitlines(),
        "tables": [*(frame.value.to_csv(index=False) for frame in [*at.dataframe, *at.table]),
                   *(html.proto.body for html in at.get("html"))],   # the wrapping tables of text
        "metrics": [[m.label, m.value, m.proto.delta] for m in at.metric],
        "charts": [[{k: trace.get(k) for k in TRACE_FIELDS if k in trace} for trace in spec.get("data", [])]
                   for spec in charts],
        "downloads": {name: hashlib.sha256(_bytes(make())).hexdigest()[:16] for name, make in offered},
    }


def _bytes(data) -> bytes:
    """A download's content; an xlsx's without its document properties (they hold the time it was made)."""
    data = data if isinstance(data, bytes) else str(data).encode()
    if not data.startswith(b"PK"):
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return b"".join(book.read(name) for name in sorted(book.namelist()) if not name.startswith("docProps/"))


def dump_edition(folder: Path, edition: str) -> dict[str, dict]:
    """Every run of every page of one edition: "page | choice" -> what it shows."""
    out = {}
    with pointed_at(folder, edition), through_the_router():
        at = AppTest.from_file(str(APP), default_timeout=TIMEOUT)
        for number, (path, script) in enumerate(published_pages(edition)):
            if number:
                at.switch_page(script)
            with downloads_offered() as offered:
                at.run()
                if open_expanders(at):
                    at.run()
            out[f"{edition} | {path} | opened"] = shown(at, offered)
            if path in SURVEY_PAGES:
                out.update(_every_choice(at, edition, path))
    return out


def _every_choice(at: AppTest, edition: str, path: str) -> dict[str, dict]:
    out = {}
    for choice in each_choice(at):
        with downloads_offered() as offered:
            at.run()
            if open_expanders(at):
                at.run()
        out[f"{edition} | {path} | {choice}"] = shown(at, offered)
    return out


def dump(folder: Path) -> dict[str, dict]:
    return {run: seen for edition in editions() for run, seen in dump_edition(folder, edition).items()}


def compare(before: dict, after: dict) -> list[str]:
    """What differs between two dumps, in words: a run missing, or a part of a run changed."""
    lines = [f"only before: {run}" for run in before if run not in after]
    lines += [f"only after: {run}" for run in after if run not in before]
    for run in before.keys() & after.keys():
        for part in before[run]:
            if before[run][part] != after[run].get(part):
                lines.append(f"changed: {run}: {part}")
    return sorted(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.page_dump", description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", type=Path, help="where to write the dump (JSON)")
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "sample", help="data folder")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"), help="compare two dumps")
    args = parser.parse_args(argv)
    if args.compare:
        before, after = (json.loads(p.read_text(encoding="utf-8")) for p in args.compare)
        lines = compare(before, after)
        print("\n".join(lines) or f"identical: {len(before)} page runs")
        return 1 if lines else 0
    if args.out is None:
        parser.error("give OUT.json, or --compare BEFORE AFTER")
    result = dump(args.data)
    args.out.write_text(json.dumps(result, indent=1, sort_keys=True, default=str), encoding="utf-8")
    print(f"{len(result)} page runs written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

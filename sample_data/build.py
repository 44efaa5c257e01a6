"""Runs every generator and writes the files, manifest.csv and expected.json."""
from __future__ import annotations

import json
from pathlib import Path

from . import (benchmark_map, complaints, dbp_monitoring, expectations, member_survey, partner_survey, planner,
               reference, scrutiny, staff_survey, trackers)
from .outputs import Output

GENERATORS = (staff_survey, partner_survey, member_survey, trackers, dbp_monitoring, planner, scrutiny, complaints)


def outputs() -> list[Output]:
    """Every data file, in manifest order."""
    return sorted((o for g in GENERATORS for o in g.build()), key=lambda o: o.path)


def _iso(value) -> str:
    return value.isoformat() if value else ""


def manifest_csv(files: list[Output]) -> bytes:
    lines = ["file,kind,audience,wave,wave_date,snapshot_date"]
    for o in files:
        lines.append(",".join([o.path, o.kind, o.audience, o.wave, _iso(o.wave_date),
                               _iso(o.snapshot_date)]))
    return ("\n".join(lines) + "\n").encode("utf-8")


def expected_json(files: list[Output]) -> bytes:
    expected = {}
    for o in files:
        entry = {"records": o.records}
        if o.questions is not None:
            entry["questions"] = o.questions
        expected[o.path] = entry
    return (json.dumps(expected, indent=2, sort_keys=True) + "\n").encode("utf-8")


def extra_files() -> dict[str, bytes]:
    """Files that are not uploads: events, codebook, headcount, expectations and the benchmark map."""
    return {**reference.files(), **expectations.files(), **benchmark_map.files()}


def write_all(out: Path) -> list[tuple[str, int]]:
    """Write everything under ``out``; return (relative path, size) per file written."""
    files = outputs()
    contents: dict[str, bytes] = {o.path: o.data for o in files}
    contents.update(extra_files())
    contents["manifest.csv"] = manifest_csv(files)
    contents["expected.json"] = expected_json(files)
    written = []
    for rel in sorted(contents):
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(contents[rel])
        written.append((rel, len(contents[rel])))
    return written

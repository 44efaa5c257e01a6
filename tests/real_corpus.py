"""Run the corpus of genuine exports (tests/fixtures/real/corpus.toml) and print its table.

    python -m tests.real_corpus [--dir FOLDER]     (make corpus CORPUS=FOLDER)

Each file listed is looked for in FOLDER (default: $IMPROVEMENT_REAL_CORPUS, else
../shared/real-exports beside the checkout), its git blob hash checked against the one
recorded (so the file is the one taken at that commit, byte for byte), loaded as a user
would load it (the options a user gives with it), and judged against what it is expected
to be: loaded with these counts, or refused for this reason. Prints the table
file | origin | expected | got | right, and exits 1 when any file is missing, altered or
read wrong.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = ROOT / "tests" / "fixtures" / "real" / "corpus.toml"
DEFAULT_DIR = ROOT.parent / "shared" / "real-exports"


@dataclass
class Outcome:
    """What loading a file gave: its kind, format and counts, or its first error, and warnings."""
    kind: str | None
    format: str | None
    records: int
    questions: int | None
    error: str | None
    warnings: list[str]

    def said(self) -> str:
        if self.error:
            return f"refused: {self.error[:160]}"
        return f"{self.kind} {self.format}, {self.records} records" + (
            f", {self.questions} questions" if self.questions is not None else "")


def entries(path: Path = MANIFEST) -> list[dict]:
    return tomllib.loads(path.read_text(encoding="utf-8"))["file"]


def blob_hash(data: bytes) -> str:
    """The git blob hash of ``data`` (what `git hash-object` prints)."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def expected(entry: dict) -> str:
    if entry["expect"] == "loads":
        counts = f"{entry['records']} records" + (f", {entry['questions']} questions" if "questions" in entry else "")
        return f"loads as {entry['format']}: {counts}"
    return f"refused: \u201c{entry['reason']}\u201d"


def judge(entry: dict, got: Outcome) -> list[str]:
    """What is wrong with ``got`` for ``entry`` ([] when it is right)."""
    wrong = []
    if entry["expect"] == "loads":
        if got.error:
            return [f"refused, expected to load: {got.error[:120]}"]
        for field in ("kind", "format", "records", "questions"):
            if field in entry and getattr(got, field) != entry[field]:
                wrong.append(f"{field} {getattr(got, field)!r}, expected {entry[field]!r}")
    else:
        if not got.error:
            return [f"loaded ({got.said()}), expected a refusal"]
        for reason in (entry["reason"], entry.get("also")):
            if reason and reason not in got.error:
                wrong.append(f"refusal does not say \u201c{reason}\u201d")
        if "format" in entry and got.format != entry["format"]:
            wrong.append(f"format {got.format!r}, expected {entry['format']!r}")
    for warning in entry.get("warns", []):
        if not any(warning in w for w in got.warnings):
            wrong.append(f"no warning saying \u201c{warning}\u201d")
    return wrong


def load_outcome(path: Path, options: dict) -> Outcome:
    from loaders import FileRejected, load_file

    try:
        result = load_file(path, **options)
    except FileRejected as rejected:
        return Outcome(rejected.kind, rejected.format, 0, None, " ".join(f.message for f in rejected.findings),
                       [w.message for w in getattr(rejected, "warnings", [])])
    return Outcome(result.kind, result.format, result.records, getattr(result, "questions", None), None,
                   [w.message for w in result.warnings])


def run(folder: Path) -> tuple[list[list[str]], int]:
    """The table rows and the number of files not right."""
    rows, bad = [], 0
    for entry in entries():
        path = folder / entry["name"]
        if not path.is_file():
            rows.append([entry["name"], entry["origin"], expected(entry), "missing", "no"])
            bad += 1
            continue
        if blob_hash(path.read_bytes()) != entry["blob"]:
            rows.append([entry["name"], entry["origin"], expected(entry), "altered (blob hash differs)", "no"])
            bad += 1
            continue
        got = load_outcome(path, entry.get("options", {}))
        wrong = judge(entry, got)
        bad += bool(wrong)
        rows.append([entry["name"], entry["origin"], expected(entry), got.said(), "yes" if not wrong else
                     "no: " + "; ".join(wrong)])
    return rows, bad


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=Path(os.environ.get("IMPROVEMENT_REAL_CORPUS", DEFAULT_DIR)))
    args = parser.parse_args(argv)
    rows, bad = run(args.dir)
    print("| file | origin | expected | got | right |\n|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(cell.replace("|", "/").replace("\n", " ") for cell in row) + " |")
    print(f"\n{len(rows) - bad} of {len(rows)} files right ({args.dir})")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

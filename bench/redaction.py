"""The measure of redaction (issue 18): recall and precision of the redactor on the
committed labelled test set (tests/fixtures/redaction/), overall and per kind.

Recall is the share of planted identifiers fully covered by one redacted span; precision the
share of redacted spans that overlap a planted one. ``python -m bench.redaction`` (``make
redaction``) prints both, the identifiers missed and the false redactions;
``--regenerate`` first rewrites the set from its seed (bench/redaction_set.py).
"""
from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path

from metrics.redaction import Redactor
from settings.redaction import KINDS, redaction_config

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "redaction"


@dataclass
class Score:
    """Counts for one kind (or all): planted found of planted, redactions right of redactions."""

    planted: int = 0
    found: int = 0
    redacted: int = 0
    right: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.planted if self.planted else 1.0

    @property
    def precision(self) -> float:
        return self.right / self.redacted if self.redacted else 1.0


def load_set(folder: Path = FIXTURES) -> tuple[list[dict], dict]:
    """(the comments with their labelled spans, the sources: known names, hidden groups)."""
    with open(folder / "comments.jsonl", encoding="utf-8") as handle:
        comments = [json.loads(line) for line in handle if line.strip()]
    return comments, json.loads((folder / "sources.json").read_text(encoding="utf-8"))


def measure(comments: list[dict], redactor: Redactor) -> tuple[dict[str, Score], list[str], list[str]]:
    """({kind or "all": Score}, the missed identifiers, the false redactions), as words."""
    scores = {kind: Score() for kind in ("all", *KINDS)}
    missed, false = [], []
    for comment in comments:
        text = comment["text"]
        spans = redactor.redact(text).spans
        for p in comment["spans"]:
            covered = any(s.start <= p["start"] and p["end"] <= s.end for s in spans)
            for key in ("all", p["kind"]):
                scores[key].planted += 1
                scores[key].found += covered
            if not covered:
                missed.append(f"{comment['id']} {p['kind']}: {text[p['start']:p['end']]!r} in {text!r}")
        for s in spans:
            right = any(s.start < p["end"] and p["start"] < s.end for p in comment["spans"])
            for key in ("all", s.kind):
                scores[key].redacted += 1
                scores[key].right += right
            if not right:
                false.append(f"{comment['id']} {s.kind}: {text[s.start:s.end]!r} in {text!r}")
    return scores, missed, false


def table(scores: dict[str, Score]) -> str:
    """The recall and precision table, one line per kind."""
    lines = [f"{'kind':<14}{'planted':>8}{'found':>7}{'recall':>8}{'redacted':>10}{'right':>7}{'precision':>11}"]
    for kind, s in scores.items():
        lines.append(f"{kind:<14}{s.planted:>8}{s.found:>7}{s.recall:>8.3f}{s.redacted:>10}{s.right:>7}{s.precision:>11.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regenerate", action="store_true", help="rewrite the test set from its seed first")
    args = parser.parse_args(argv)
    if args.regenerate:
        from bench.redaction_set import write

        print(f"wrote {write()} comments to {FIXTURES}")
    comments, sources = load_set()
    redactor = Redactor.from_sources(sources["known_names"], sources["hidden_groups"], redaction_config())
    scores, missed, false = measure(comments, redactor)
    print(f"{len(comments)} comments, {sum(bool(c['spans']) for c in comments)} with planted identifiers")
    print(table(scores))
    for title, rows in (("missed", missed), ("false redactions", false)):
        print(f"\n{title}: {len(rows)}")
        print("\n".join(f"  {row}" for row in rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

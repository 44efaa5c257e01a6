"""Command line: ``python -m sample_data [--out DIR]`` writes the sample data (default data/sample)."""
from __future__ import annotations

import argparse
from pathlib import Path

from .build import write_all

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "data" / "sample"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sample_data", description=__doc__)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="output folder (default: data/sample in the repository)")
    args = parser.parse_args(argv)
    for rel, size in write_all(args.out):
        print(f"{size:>9}  {rel}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

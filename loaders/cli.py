"""``python -m loaders check FILE``: load one file and report, as exactly one JSON object.

Output (stdout): ``{"kind", "format", "records", ["questions",] "errors", "warnings"}``,
findings as ``{"message", "sheet", "row", "column"}`` (where known; row = Excel row).
Exit 0 when the file loads, 1 when it is rejected, 2 on a usage error. Nothing else is
ever written to stdout: usage errors and unexpected exceptions become JSON too.
"""
from __future__ import annotations

import argparse
import json
import sys
import warnings
from typing import Sequence

from .report import FileRejected, Finding, LoadResult
from settings.details import CLI

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2
CHECK_KINDS = ("survey", "actions", "scrutiny", "expectations", "complaints")


class UsageError(Exception):
    pass


class JsonArgumentParser(argparse.ArgumentParser):
    """argparse that raises instead of printing usage and exiting."""

    def error(self, message: str):
        raise UsageError(message)

    def exit(self, status: int = 0, message: str | None = None):
        raise UsageError(message or "invalid arguments")

    def print_help(self, file=None):
        raise UsageError(self.format_help())


def build_parser() -> argparse.ArgumentParser:
    parser = JsonArgumentParser(prog="python -m loaders", description="Check a data file.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=JsonArgumentParser)
    check = commands.add_parser("check", help="load one file and report what was found")
    check.add_argument("file")
    check.add_argument("--kind", choices=CHECK_KINDS)
    check.add_argument("--audience")
    check.add_argument("--wave")
    check.add_argument("--wave-date")
    check.add_argument("--snapshot-date")
    return parser


def report(result: LoadResult | None, rejected: FileRejected | None, kind: str | None) -> dict:
    """The JSON object for a loaded or a rejected file."""
    if result is not None:
        out = {"kind": result.kind, "format": result.format, "records": result.records}
        if result.kind in ("survey", "aggregates"):
            out["questions"] = result.questions
        out.update(errors=[], warnings=[f.as_dict(CLI) for f in result.warnings])
        return out
    out = {"kind": rejected.kind or kind, "format": rejected.format, "records": 0}
    if out["kind"] == "survey":
        out["questions"] = 0
    out.update(errors=[f.as_dict(CLI) for f in rejected.findings],
               warnings=[f.as_dict(CLI) for f in getattr(rejected, "warnings", [])])
    return out


def check(args: argparse.Namespace) -> tuple[dict, int]:
    from .pipeline import load_file  # imported here so a usage error never pays for it

    metadata = {"audience": args.audience, "wave": args.wave, "wave_date": args.wave_date,
                "snapshot_date": args.snapshot_date}
    try:
        result = load_file(args.file, kind=args.kind, **metadata)
    except FileRejected as rejected:
        return report(None, rejected, args.kind), EXIT_REJECTED
    except Exception as exc:  # never a traceback: a plain rejection
        rejected = FileRejected([Finding(f"Could not read the file: {type(exc).__name__}: {exc}")])
        return report(None, rejected, args.kind), EXIT_REJECTED
    return report(result, None, args.kind), EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
    except UsageError as exc:
        payload = {"kind": None, "format": None, "records": 0,
                   "errors": [{"message": f"Usage: {str(exc).strip()}"}], "warnings": []}
        print(json.dumps(payload))
        return EXIT_USAGE
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        payload, code = check(args)
    print(json.dumps(payload, default=str))
    return code


if __name__ == "__main__":
    sys.exit(main())

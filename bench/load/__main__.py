"""``python -m bench.load [--users N] [--over T] [--page PATH ...] [--edition staff] [--data DIR]
[--url http://127.0.0.1:PORT] [--workers N] [--check-browser] [--no-write]`` (``make load``).

Starts a dashboard server on 127.0.0.1 (edition and data folder as asked; ``--url`` targets
one already running instead, on 127.0.0.1 only), warms each page with one visit, then lets
N users arrive over T seconds, the pages taken in turn, each opening its page, waiting for
the full render, making the page's interaction and waiting again (bench/load/scenarios.toml).
Prints the table per page and the server's peak memory and CPU, and writes them to
docs/performance.md between its markers (unless --no-write). ``--check-browser`` then
measures one session's time to render with the harness and with headless Chromium on the
same server, alternately, and prints both and their ratio. The run stops by its deadline.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import resource
import sys
import tempfile
from contextlib import nullcontext
from pathlib import Path
from urllib.parse import urlsplit

from . import report
from .arrivals import PATTERNS
from .run import Plan, run_load
from .scenarios import scenario_for
from .session import Outcome, visit
from .hosts import RefusedHost, check_host, check_url
from .target import Watch, listener_pid, started

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "performance.md"


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n\n")[1])
    parser.add_argument("--users", type=int, default=30, help="simulated users (default 30)")
    parser.add_argument("--over", type=float, default=30.0, help="seconds over which they arrive (default 30)")
    parser.add_argument("--pattern", choices=PATTERNS, default="poisson", help="arrivals (default poisson)")
    parser.add_argument("--page", action="append", dest="pages", help="url path to open (repeat; default staff-results)")
    parser.add_argument("--seed", type=int, default=20, help="seed of the Poisson arrivals")
    parser.add_argument("--think", type=float, default=1.0, help="seconds between render and interaction")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds one run may take before it is an error")
    parser.add_argument("--deadline", type=float, default=None,
                        help="seconds the whole load may take (default over + timeout + think + 10)")
    parser.add_argument("--edition", default=os.environ.get("IMPROVEMENT_EDITION") or "staff",
                        help="edition of the started server (default IMPROVEMENT_EDITION, else staff)")
    parser.add_argument("--data", type=Path, default=None, help="data folder of the started server (default the sample)")
    parser.add_argument("--host", default="127.0.0.1", help="address of the started server: 127.0.0.1 only")
    parser.add_argument("--url", default=None, help="target this running server instead (http://127.0.0.1:PORT)")
    parser.add_argument("--workers", type=int, default=1,
                        help="server processes behind nginx, as `make serve WORKERS=N` runs them (default 1: no proxy)")
    parser.add_argument("--frontend", action="store_true",
                        help="each user first downloads the page's HTML and the static files it names (empty cache)")
    parser.add_argument("--no-warm", action="store_true", help="do not open each page once before the load")
    parser.add_argument("--check-browser", action="store_true", help="compare one session with headless Chromium")
    parser.add_argument("--browser-rounds", type=int, default=3, help="alternate rounds of the browser check")
    parser.add_argument("--no-write", action="store_true", help="print only; do not rewrite docs/performance.md")
    return parser.parse_args(argv)


def raise_file_limit() -> None:
    """As many open sockets as the hard limit allows (each user holds one or two)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def command_line(args: argparse.Namespace) -> str:
    words = ["make load", f"USERS={args.users}", f"OVER={args.over:g}"]
    if args.pages != ["staff-results"]:
        words.append("PAGES=" + ",".join(args.pages))
    words.append(f"EDITION={args.edition}")
    if args.data:
        words.append(f"DATA={args.data}")
    if args.workers > 1:
        words.append(f"WORKERS={args.workers}")
    return " ".join(words) + f"   # = .venv/bin/python -m bench.load {' '.join(sys.argv[1:])}".rstrip()


def run_key(args: argparse.Namespace) -> str:
    """The run's configuration, naming its section of docs/performance.md: a rerun replaces its own."""
    data = f"data folder {args.data.name}" if args.data else "the sample data"
    server = f"{args.workers} processes behind nginx" if args.workers > 1 else "one process"
    return (f"{args.users} users over {args.over:g} s, {', '.join(args.pages)}, {args.edition} edition, {data}, "
            f"{server}" + (", frontend downloaded" if args.frontend else ""))


async def warm(url: str, plan: Plan, where: str = "") -> list[str]:
    """One visit to each page before the load, so the load measures warm caches (the launch's
    first minutes after its first users); the lines say what those first visits took."""
    lines = []
    for scenario in plan.pages:
        first = await visit(url, scenario, Outcome(page=scenario.label), 0.0, plan.timeout_s)
        state = first.error or f"{first.render_s:.2f} s to render, {first.elements} main-area elements"
        lines.append(f"first visit of {scenario.label}{where} (cold caches, before the load): {state}")
        print(lines[-1], file=sys.stderr, flush=True)
    return lines


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    args.pages = args.pages or ["staff-results"]
    try:
        url = check_url(args.url) if args.url else None
        check_host(args.host)
    except RefusedHost as exc:
        print(exc, file=sys.stderr)
        return 2
    raise_file_limit()
    plan = Plan(pages=tuple(scenario_for(p) for p in args.pages), users=args.users, over_s=args.over,
                pattern=args.pattern, think_s=args.think, timeout_s=args.timeout, deadline_s=args.deadline, seed=args.seed,
                frontend=args.frontend)
    log = Path(tempfile.gettempdir()) / "improvement-load" / "server.log"
    if url:
        server = nullcontext((url, [listener_pid(urlsplit(url).port)], [url]))
    else:
        server = started(args.edition, args.data, log, args.host, args.workers)
    with server as (base, pids, processes):
        first = [] if args.no_warm else [line for each in processes for line in asyncio.run(
            warm(each, plan, f" in the process at {each}" if len(processes) > 1 else ""))]
        watch = Watch(pids)
        result = asyncio.run(run_load(base, plan))
        usage = watch.stop()
        rows = report.page_rows(result.outcomes)
        lines = [*report.usage_lines(result, usage), *first]
        print(report.table(rows))
        print("\n".join(lines))
        browser = []
        if args.check_browser:
            from .browser_check import check

            browser = check(base, plan.pages[0], args.browser_rounds, plan.timeout_s)
            print("\n".join(browser))
    if not args.no_write:
        words = (f"{plan.users} simulated users arrived over {plan.over_s:g} s ({plan.pattern}), the pages "
                 f"{', '.join(s.label for s in plan.pages)} in turn, on the {args.edition} edition "
                 + (f"served by {args.workers} processes behind nginx (`make serve WORKERS={args.workers}`) "
                    if args.workers > 1 else "served by one process ")
                 + 
                 f"({'data folder ' + str(args.data) if args.data else 'the sample data'}); each opened its page, "
                 f"waited for the full render, read for {plan.think_s:g} s, made the page's interaction "
                 "(bench/load/scenarios.toml; '-': the page has none) and waited for it. "
                 + ("Each first downloaded the page's HTML and the static files it names, as a browser with an "
                    "empty cache does (before the time to render starts). " if plan.frontend else "")
                 + "A time to render runs from "
                 "the user's first request (the browser's health check) to script_finished after the page's "
                 "elements, on the wire: the server's part, without the browser's drawing. "
                 + (f"Each page was opened once before{' in each process' if args.workers > 1 else ''} (warm caches)."
                    if first else "No page was opened before."))
        key = run_key(args)
        report.write_section(DOC, report.markdown(rows, lines, command_line(args), words, browser, key), *report.markers(key))
        print(f"written to {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

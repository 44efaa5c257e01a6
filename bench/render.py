"""Time to render each page in a real browser, as a ratio to a one-chart Streamlit page (issue 20).

``python -m bench.render [--rounds N] [--pages a,b]`` (``make render``) starts, on 127.0.0.1, the
dashboard's full edition and its staff edition on the sample data, and the reference page
(``bench/one_chart.py``: a title, a sentence, one plotly chart); opens every page of both
editions twice to warm the servers; then, round by round (so a busy moment of the shared
machine falls on every page alike), opens each page in headless Chromium (Debian's, through
playwright, with the browser suite's flags) in a fresh context. A visit's time runs from the
navigation's start to the page fully rendered: the app root's script state back to
``notRunning`` after its run (the last such moment before a second of quiet) and, on a page with
a chart, the first plotly chart drawn (a trace in its svg). Prints page | median | ratio to the
reference page | target | verdict, with what each page holds (element containers, charts,
data grids, expanders), and rewrites its section of docs/performance.md.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from contextlib import ExitStack, contextmanager
from pathlib import Path

from bench.load.report import write_section
from bench.report import machine
from tests.browser.conftest import CHROMIUM_FLAGS, chromium_path, serve
from tests.local_server import free_port, stop, wait_healthy

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "performance.md"
BEGIN = "<!-- make render: begin (rewritten by every run; edit outside the markers) -->"
END = "<!-- make render: end -->"
TARGET = 1.3           # each page within 1.3x of the one-chart page
REFERENCE = "one-chart page (reference)"
VIEWPORT = {"width": 1400, "height": 1000}
QUIET_MS = 1000        # no new script run for this long: the page is done

#: Installed before the page's own scripts: notes (performance.now(), ms since the navigation's
#: start) each time the script state goes from running to notRunning, and when the first
#: plotly trace is in the DOM.
OBSERVER = """
window.__render = {running: false, finished: [], chart: null};
const __look = () => {
  const r = window.__render;
  const app = document.querySelector('[data-testid="stApp"]');
  if (app) {
    const state = app.getAttribute('data-test-script-state');
    if (state === 'running') r.running = true;
    if (state === 'notRunning' && r.running) { r.running = false; r.finished.push(performance.now()); }
  }
  if (r.chart === null && document.querySelector('.js-plotly-plot .main-svg .trace, .js-plotly-plot .main-svg .hm'))
    r.chart = performance.now();
};
new MutationObserver(__look).observe(document, {subtree: true, childList: true, attributes: true,
                                                attributeFilter: ['data-test-script-state']});
"""
DONE = """(chart) => {
  const r = window.__render;
  return !!r && r.finished.length > 0 && !r.running && (!chart || r.chart !== null);
}"""
READ = """() => {
  const main = document.querySelector('[data-testid="stMain"]') || document;
  const count = s => main.querySelectorAll(s).length;
  return {finished: window.__render.finished, chart: window.__render.chart,
          elements: count('[data-testid="stElementContainer"]'), charts: count('[data-testid="stPlotlyChart"]'),
          grids: count('[data-testid="stDataFrame"]'), expanders: count('[data-testid="stExpander"]')};
}"""


def visit(browser, url: str, timeout_s: float, chart: bool = False) -> dict:
    """One visit in a fresh context: seconds from the navigation's start to the page rendered
    (``chart``: the page has one, so rendered means drawn too; a plotly element only appears
    once its lazily loaded code has come, so the warm-up visits say which pages have one)."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        page.add_init_script(OBSERVER)
        page.goto(url, wait_until="domcontentloaded", timeout=timeout_s * 1000)
        page.wait_for_function(DONE, arg=chart, timeout=timeout_s * 1000, polling=50)
        while True:                                  # a second run (a URL tidied) moves the end on
            seen = page.evaluate(READ)
            page.wait_for_timeout(QUIET_MS)
            settled = page.evaluate(READ)
            if settled["finished"] == seen["finished"] and page.evaluate(DONE, chart):
                break
        end = max(seen["finished"][-1], seen["chart"] if chart else 0)
        return {**settled, "seconds": end / 1000, "runs": len(seen["finished"])}
    finally:
        context.close()


def has_chart(browser, url: str, timeout_s: float, wait_s: float = 20) -> bool:
    """Whether the page draws a plotly chart: one is drawn within ``wait_s`` of its script's end."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        page.add_init_script(OBSERVER)
        page.goto(url, wait_until="domcontentloaded", timeout=timeout_s * 1000)
        page.wait_for_function(DONE, arg=False, timeout=timeout_s * 1000, polling=50)
        try:
            page.wait_for_function("() => window.__render.chart !== null", timeout=wait_s * 1000, polling=100)
            return True
        except PlaywrightTimeout:
            return False
    finally:
        context.close()


@contextmanager
def reference_server(log: Path):
    """The one-chart page, served by plain ``streamlit run`` on a free port of 127.0.0.1."""
    port = free_port()
    with open(log, "w") as handle:
        proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "bench" / "one_chart.py"),
                                 "--server.address", "127.0.0.1", "--server.port", str(port),
                                 "--server.headless", "true"], cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
        yield url
    finally:
        stop(proc)


def targets(urls: dict[str, str], only: set[str] | None) -> list[tuple[str, str]]:
    """(label, address) of the reference page, then every page of each edition (``only``: those url paths)."""
    from settings.config import edition_pages, page_registry

    found = [(REFERENCE, urls["reference"] + "/")]
    for edition in ("full", "staff"):
        for path in (p for paths in edition_pages(edition).values() for p in paths):
            if not only or path in only:
                found.append((f"{page_registry()[path]['title']} ({edition})", f"{urls[edition]}/{path}"))
    return found


def measure(pages: list[tuple[str, str]], rounds: int, timeout_s: float) -> dict[str, list[dict]]:
    from playwright.sync_api import sync_playwright

    seen: dict[str, list[dict]] = {label: [] for label, _ in pages}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        try:
            charts = {url: has_chart(browser, url, timeout_s) for _, url in pages}   # warm, first time
            for _, url in pages:                      # warm, second time
                visit(browser, url, timeout_s, charts[url])
            for _ in range(rounds):
                for label, url in pages:
                    seen[label].append(visit(browser, url, timeout_s, charts[url]))
        finally:
            browser.close()
    return seen


HEADER = ("page", "median", "ratio", "target", "verdict", "elements", "charts", "grids", "expanders", "each visit")


def rows(seen: dict[str, list[dict]]) -> list[tuple[str, ...]]:
    reference = statistics.median(v["seconds"] for v in seen[REFERENCE])
    out = []
    for label, visits in seen.items():
        median = statistics.median(v["seconds"] for v in visits)
        ratio = median / reference
        first = visits[0]
        verdict = "" if label == REFERENCE else ("pass" if ratio <= TARGET else "FAIL")
        out.append((label, f"{median:.2f} s", f"{ratio:.2f}x", "" if label == REFERENCE else f"<= {TARGET}x",
                    verdict, str(first["elements"]), str(first["charts"]), str(first["grids"]),
                    str(first["expanders"]), ", ".join(f"{v['seconds']:.2f}" for v in visits)))
    return out


def text_table(table: list[tuple[str, ...]]) -> str:
    data = [HEADER, *table]
    widths = [max(len(r[i]) for r in data) for i in range(len(HEADER))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in data]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def markdown(table: list[tuple[str, ...]], command: str, rounds: int) -> str:
    body = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER), *("| " + " | ".join(r) + " |" for r in table)]
    return "\n".join([
        BEGIN, "## Time to render in a real browser (issue 20)", "",
        f"Measured by the render benchmark on this machine: {machine()}.", "",
        "```sh", command, "```", "",
        f"Headless Chromium ({VIEWPORT['width']} x {VIEWPORT['height']}), one user, warm servers (every page opened "
        f"twice first) on 127.0.0.1, the sample data; each page opened {rounds} times, round by round, each in a fresh "
        "browser context (empty cache). A time runs from the navigation's start to the page rendered: the script "
        "finished (the app root's script state back to notRunning, the last time before a second of quiet) and, on "
        "a page with a chart, its first plotly chart drawn. The ratio is to the reference page, bench/one_chart.py "
        "(one plotly chart, plain `streamlit run`), measured in the same run; the target is each page within "
        f"{TARGET}x of it. Elements, charts, grids (st.dataframe) and expanders are counted in the page's main area.",
        "", *body, END]) + "\n"


def arguments(argv):
    parser = argparse.ArgumentParser(prog="python -m bench.render", description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="visits of each page (the median is reported)")
    parser.add_argument("--pages", default="", help="url paths to measure (comma separated; default every page)")
    parser.add_argument("--timeout", type=float, default=90.0, help="seconds a visit may take")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/performance.md alone")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    if chromium_path() is None:
        print("not run: no Chromium (apt-get install chromium)", file=sys.stderr)
        return 1
    logs = Path(os.environ.get("TMPDIR", "/tmp")) / "improvement-render"
    logs.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        urls = {"reference": stack.enter_context(reference_server(logs / "reference.log")),
                "full": stack.enter_context(serve(logs / "full.log", "full")),
                "staff": stack.enter_context(serve(logs / "staff.log", "staff"))}
        only = {p for p in args.pages.split(",") if p} or None
        seen = measure(targets(urls, only), args.rounds, args.timeout)
    table = rows(seen)
    print(text_table(table))
    command = ".venv/bin/python -m bench.render " + " ".join(argv if argv is not None else sys.argv[1:])
    if not args.no_write:
        write_section(DOC, markdown(table, command.strip(), args.rounds), BEGIN, END)
        print(f"written: {DOC.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

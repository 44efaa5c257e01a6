"""Cross-check against the truth: one session's time to render, by the harness and by Chromium.

The browser's visits go through ``tap.Tap``, a relay in front of the server that notes on the
harness's clock when the health check came in and when ``script_finished`` went out: the
span judged against the harness's (within 20%). The lines also give Chromium's own figures.

On the same server, in the same run, alternately (so a busy moment of the shared machine
falls on both), ``rounds`` times each: a harness visit (from its first HTTP request to
``script_finished``) and a visit of headless Chromium (Debian's, through playwright, with
the browser suite's flags) in a fresh context. Chromium's figures: the relay's (above); the
same span as its network process read the frames (CDP Network events, decoded with the
harness's ``protocol``); and in the page, from the start of its ``/_stcore/health`` request
(Resource Timing) to the moment the app root's script state went from running to not running
(a MutationObserver installed before the page's own scripts), when its elements are in the
DOM. The whole navigation and the elements each counted are printed too. Each round also starts a harness visit side by side with a browser visit (its health
check when the browser's comes), so both meet the same server and the same load on the
machine: on a shared 2-core machine Chromium's own work (JavaScript, drawing, its network
process) competes with the server, and a harness visit alone meets an idle machine. Returns
the lines to print (medians and their ratios; within 20% is the issue's bar).
"""
from __future__ import annotations

import asyncio
import base64
import statistics
from urllib.parse import urlsplit
from concurrent.futures import ThreadPoolExecutor

from tests.browser.conftest import CHROMIUM_FLAGS, chromium_path

from . import protocol
from .scenarios import Scenario
from .session import Outcome, visit
from .tap import Tap

AGREE = 0.20     # the harness's time to render within 20% of the browser's

#: Records, in the page, when the script started running and when it stopped (performance.now()).
OBSERVER = """
window.__load = {running: null, rendered: null};
new MutationObserver(() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app) return;
  const state = app.getAttribute('data-test-script-state');
  if (state === 'running' && window.__load.running === null) window.__load.running = performance.now();
  if (state === 'notRunning' && window.__load.running !== null && window.__load.rendered === null)
    window.__load.rendered = performance.now();
}).observe(document, {subtree: true, childList: true, attributes: true,
                      attributeFilter: ['data-test-script-state']});
"""
READ = """() => {
  const health = performance.getEntriesByType('resource').find(e => e.name.includes('/_stcore/health'));
  return {health: health ? health.startTime : null, rendered: window.__load.rendered,
          elements: document.querySelectorAll('[data-testid="stMain"] [data-testid="stElementContainer"]').length};
}"""


class Wire:
    """What Chromium's network stack saw (CDP Network events, Chrome's own monotonic clock): when
    the health check was asked, and when the run's script_finished frame arrived, the frames
    decoded with the harness's own protocol reader."""

    def __init__(self):
        self.health = None
        self.sent = None                           # the rerun_script frame
        self.finished = None
        self.urls: dict[str, str] = {}             # request id -> url, every HTTP request of the visit
        self.bytes: dict[str, int] = {}            # request id -> bytes on the wire
        self.run = protocol.ScriptRun()

    def request(self, event: dict) -> None:
        self.urls[event.get("requestId", len(self.urls))] = event["request"]["url"]
        if self.health is None and event["request"]["url"].endswith(protocol.PRELUDE_PATHS[0]):
            self.health = event["timestamp"]

    def loaded(self, event: dict) -> None:
        self.bytes[event["requestId"]] = int(event.get("encodedDataLength", 0))

    def static(self) -> tuple[int, int]:
        """How many of the frontend's static files the visit fetched, and their bytes."""
        ids = [rid for rid, url in self.urls.items() if "/static/" in url]
        return len(ids), sum(self.bytes.get(rid, 0) for rid in ids)

    def sent_frame(self, event: dict) -> None:
        if self.sent is None and event["response"].get("opcode") == 2:
            self.sent = event["timestamp"]

    def frame(self, event: dict) -> None:
        response = event["response"]
        if self.finished is not None or response.get("opcode") != 2:
            return
        if self.run.feed(protocol.parse(base64.b64decode(response["payloadData"]))):
            self.finished = event["timestamp"]


def browser_visit(browser, url: str, timeout_s: float, tap=None) -> dict:
    """One fresh-context visit: seconds from the health check to script_finished on the wire, to
    the render in the page, and from the navigation's start to the render; elements counted."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        wire = Wire()
        cdp = context.new_cdp_session(page)
        cdp.on("Network.requestWillBeSent", wire.request)
        cdp.on("Network.webSocketFrameReceived", wire.frame)
        cdp.on("Network.webSocketFrameSent", wire.sent_frame)
        cdp.on("Network.loadingFinished", wire.loaded)
        cdp.send("Network.enable")
        page.add_init_script(OBSERVER)
        if tap is not None:
            tap.reset()
        page.goto(url, wait_until="domcontentloaded", timeout=timeout_s * 1000)
        page.wait_for_function("() => window.__load && window.__load.rendered !== null", timeout=timeout_s * 1000)
        seen = page.evaluate(READ)
        page.wait_for_timeout(200)                     # the last CDP events reach us
        known = None not in (wire.finished, wire.health, wire.sent)
        tapped = None if tap is None or None in (tap.health_at, tap.finished_at) else tap.finished_at - tap.health_at
        tap_run = None if tap is None or None in (tap.rerun_at, tap.finished_at) else tap.finished_at - tap.rerun_at
        return {"wire_s": wire.finished - wire.health if known else None,
                "run_s": wire.finished - wire.sent if known else None,
                "render_s": (seen["rendered"] - seen["health"]) / 1000, "navigation_s": seen["rendered"] / 1000,
                "health_at_s": seen["health"] / 1000, "static": wire.static(), "tap_s": tapped,
                "tap_run_s": tap_run,
                "elements": seen["elements"], "wire_elements": wire.run.main_elements}
    finally:
        context.close()


async def _later(delay_s: float, base_url: str, scenario: Scenario, timeout_s: float) -> Outcome:
    await asyncio.sleep(delay_s)
    return await visit(base_url, scenario, Outcome(page=scenario.label), 0.0, timeout_s)


def harness_visit(base_url: str, scenario: Scenario, timeout_s: float, delay_s: float = 0.0, pool=None):
    """One harness visit in a thread of its own (playwright's sync API holds this one's loop):
    its Outcome, or with ``pool`` the future of one starting ``delay_s`` from now."""
    if pool is not None:
        return pool.submit(asyncio.run, _later(delay_s, base_url, scenario, timeout_s))
    with ThreadPoolExecutor(1) as own:
        return own.submit(asyncio.run, _later(0.0, base_url, scenario, timeout_s)).result()


def check(base_url: str, scenario: Scenario, rounds: int = 3, timeout_s: float = 60.0) -> list[str]:
    """Alternate harness and browser visits of ``scenario``'s page; the lines that say how they agree."""
    chromium = chromium_path()
    if chromium is None:
        return ["browser check: not run (no Chromium: apt-get install chromium)"]
    from playwright.sync_api import sync_playwright

    ours, theirs, during = [], [], []
    tap = Tap(urlsplit(base_url).port)
    url = f"{tap.url}/{scenario.path}"
    only_open = Scenario(path=scenario.path, min_elements=scenario.min_elements)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        pool = ThreadPoolExecutor(1)
        try:
            browser_visit(browser, url, timeout_s)          # the browser's own first start, not counted
            for _ in range(rounds):
                outcome = harness_visit(base_url, only_open, timeout_s)
                if outcome.error:
                    return [f"browser check: the harness's visit failed: {outcome.error}"]
                ours.append(outcome)
                theirs.append(browser_visit(browser, url, timeout_s, tap))
                # a harness visit whose health check falls when the browser's does: the same contention
                beside = harness_visit(base_url, only_open, timeout_s, theirs[-1]["health_at_s"], pool)
                browser_visit(browser, url, timeout_s)
                during.append(beside.result())
        finally:
            pool.shutdown()
            browser.close()
            tap.close()
    return summary(scenario, rounds, ours, theirs, during)


def _verdict(ratio: float) -> str:
    return f"{ratio:.2f} ({'agree' if abs(ratio - 1) <= AGREE else 'DISAGREE'}: within {AGREE:.0%} is the bar)"


def summary(scenario: Scenario, rounds: int, ours: list, theirs: list[dict], during: list) -> list[str]:
    """The lines of the check: the harness's figure, then Chromium's on the server's side of the
    wire (the ratio judged, for the harness alone and for a harness visit made while a Chromium
    visit runs, which shares the cores with Chromium's own work as the browser's visit does),
    as its network process read it, beside a harness visit at the same moment, and drawn in the page."""
    harness = statistics.median(o.render_s for o in ours)

    def med(key):
        known = [v[key] for v in theirs if v[key] is not None]
        return statistics.median(known) if known else None

    lines = [f"browser check, {scenario.label}, median of {rounds} alternate visits (each a fresh connection):",
             f"  harness, health check to script_finished: {harness:.3f} s ({_each(o.render_s for o in ours)}), "
             f"{ours[0].elements} main-area elements; of which rerun_script to script_finished "
             f"{_median(o.run_s for o in ours)}"]
    server_side = med("tap_s")
    if server_side is None:
        lines.append("  Chromium's visit was not seen by the relay: no ratio")
    else:
        lines += [f"  Chromium on the server's side of the wire (a relay in front of the server, the harness's clock), "
                  f"health check to script_finished: {server_side:.3f} s ({_each(v['tap_s'] for v in theirs)}); "
                  f"of which rerun_script to script_finished {_median(v['tap_run_s'] for v in theirs)}",
                  f"  RATIO harness / Chromium, server side: {_verdict(harness / server_side)}"]
        beside_s = [o.render_s for o in during if o.render_s is not None]
        if beside_s:   # the same event under the same contention: Chromium's own CPU on the same cores
            lines.append(f"  RATIO a harness visit side by side with a Chromium visit / Chromium, server side: "
                         f"{_verdict(statistics.median(beside_s) / server_side)}")
    wire = med("wire_s")
    if wire is not None:
        lines.append(f"  Chromium as its network process read it (CDP), health check to script_finished: {wire:.3f} s "
                     f"({_each(v['wire_s'] for v in theirs)}), {theirs[0]['wire_elements']} main-area elements; "
                     f"of which rerun_script to script_finished {_median(v['run_s'] for v in theirs)}; "
                     f"ratio harness / it {harness / wire:.2f}")
        beside = [o.render_s for o in during if o.render_s is not None]
        if beside:
            lines.append(f"  a harness visit side by side with a Chromium visit (health checks at the same moment): "
                         f"{statistics.median(beside):.3f} s ({_each(beside)}); ratio to Chromium as it read it "
                         f"{statistics.median(beside) / wire:.2f}")
    drawn = med("render_s")
    files, size = theirs[0]["static"]
    lines += [f"  Chromium, health check to the page drawn (script state in the DOM): {drawn:.3f} s "
              f"({_each(v['render_s'] for v in theirs)}), {theirs[0]['elements']} element containers; "
              f"ratio harness / drawn {harness / drawn:.2f}",
              f"  Chromium, whole navigation to the page drawn (HTML, JavaScript): {med('navigation_s'):.3f} s; by then "
              f"a fresh browser had fetched {files} static files ({size / 2**20:.1f} MB finished on the wire) from "
              "the app's server, which the harness's users do not ask for"]
    return lines


def _median(values) -> str:
    known = [v for v in values if v is not None]
    return f"{statistics.median(known):.3f} s" if known else "-"


def _each(values) -> str:
    return ", ".join(f"{v:.3f}" for v in values if v is not None)

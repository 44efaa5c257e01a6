"""One simulated user: open a page as the browser does, wait for its full render, interact once.

The browser's connection manager first finds the server's base path: it asks
``_stcore/health`` and ``_stcore/host-config`` under the page's own path (a 404 on a deep
link), waits 0.1 s and asks them at the root; then it opens the websocket and sends
``rerun_script`` for the url path; the page has rendered
when ``script_finished`` has come after its deltas, with the scenario's minimum of main-area
elements and no exception. The user then waits ``think_s`` (reading), changes one widget
(the scenario's selectbox: its id and options come from the delta that created it) and sends
a rerun with every widget's state, the page script hash and the query string the app wrote,
as the browser does, and waits for that run to finish.

A user costs one coroutine and one socket: one protobuf parse per frame, no rendering, so a
few thousand of them fit on one core. Times are ``time.perf_counter`` seconds; the time to
render starts before the first HTTP request, like the browser's own span from its health
check to the script's end (``browser_check`` measures that one).
"""
from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from websockets.asyncio.client import connect

from . import protocol
from .hosts import check_url
from .scenarios import Scenario

STATIC_LINK = re.compile(rb'(?:src|href)="\./(static/[^"]+)"')
BROWSER_CONNECTIONS = 6                # a browser's connections to one host over HTTP/1.1
ACCEPT_ENCODING = "gzip, deflate, br, zstd"   # Chromium's: the server may compress what it sends


@dataclass
class Outcome:
    """What happened to one user (filled in as the visit goes, so a cut visit keeps its part)."""

    page: str
    arrived: float = 0.0               # seconds after the run's start
    started: bool = False              # the visit began (its arrival came before the deadline)
    render_s: float | None = None      # first full render
    run_s: float | None = None         # of it, from sending rerun_script to script_finished
    interact_s: float | None = None    # the interaction's rerun
    elements: int = 0                  # main-area elements of the first render
    view: str = ""                     # the query string the app wrote after the interaction
    frontend: tuple[int, int] = (0, 0)  # files and bytes of the frontend fetched first (--frontend)
    error: str = ""

    @property
    def rendered(self) -> bool:
        return self.render_s is not None


async def http_get(host: str, port: int, path: str, timeout_s: float,
                   encoding: str = ACCEPT_ENCODING) -> tuple[int, bytes]:
    """A plain HTTP/1.1 GET (what the browser asks before the websocket); status and response
    (headers and body as they came on the wire)."""
    reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout_s)
    try:
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept-Encoding: {encoding}\r\n"
                     "Connection: close\r\n\r\n".encode())
        await writer.drain()
        status = (await asyncio.wait_for(reader.readline(), timeout_s)).split()
        rest = await asyncio.wait_for(reader.read(), timeout_s)
        return (int(status[1]) if len(status) > 1 else 0), rest
    finally:
        writer.close()


async def fetch_frontend(host: str, port: int, url_path: str, timeout_s: float) -> tuple[int, int]:
    """What a browser with an empty cache downloads first: the page's HTML and every static file
    it names (entry script, its preloads, the font), six at a time as a browser does; (files,
    bytes). A lower bound: the frontend then loads more chunks itself."""
    status, html = await http_get(host, port, "/" + url_path, timeout_s, encoding="identity")   # to read its links
    if status != 200:
        raise RuntimeError(f"GET /{url_path} answered {status}")
    paths = list(dict.fromkeys(m.decode() for m in STATIC_LINK.findall(html)))
    gate = asyncio.Semaphore(BROWSER_CONNECTIONS)

    async def one(path: str) -> int:
        async with gate:
            code, body = await http_get(host, port, "/" + path, timeout_s)
            if code != 200:
                raise RuntimeError(f"GET /{path} answered {code}")
            return len(body)

    sizes = await asyncio.gather(*(one(p) for p in paths))
    return 1 + len(paths), len(html) + sum(sizes)


async def probe(host: str, port: int, url_path: str, timeout_s: float) -> str:
    """Find the server's base path as the browser does: ask each candidate's health check and
    host config together, the page's own path first; the first healthy one is the base."""
    for i, base in enumerate(protocol.base_paths(url_path)):
        if i:
            await asyncio.sleep(protocol.PROBE_RETRY_S)
        (health, _), _ = await asyncio.gather(*(http_get(host, port, base + p, timeout_s)
                                                for p in protocol.PRELUDE_PATHS))
        if health == 200:
            return base
    raise RuntimeError(f"no health check answered for /{url_path} (tried {protocol.base_paths(url_path)})")


async def wait_run(ws, run: protocol.ScriptRun, timeout_s: float) -> protocol.ScriptRun:
    """Read frames into ``run`` until its script has finished."""
    async with asyncio.timeout(timeout_s):
        while True:
            raw = await ws.recv()
            if isinstance(raw, str):
                raise RuntimeError("text frame from the server: the protocol is binary protobuf")
            if run.feed(protocol.parse(raw)):
                return run


def problem(run: protocol.ScriptRun, scenario: Scenario) -> str:
    """Why a finished run is not a full render of the page, or ''."""
    if run.page_not_found:
        return "page not found"
    if run.exceptions:
        return "exception: " + run.exceptions[0]
    if run.status != protocol.FINISHED:
        return f"script finished with status {run.status}"
    if run.main_elements < scenario.min_elements:
        return f"{run.main_elements} main elements, fewer than {scenario.min_elements}"
    return ""


def choose(run: protocol.ScriptRun, scenario: Scenario) -> list[protocol.Widget]:
    """Every widget's state for the rerun, with the scenario's widget set to its option (a
    multiselect to that one option, a checkbox flipped)."""
    widget = run.find_widget(scenario.widget)
    if widget is None:
        raise LookupError(f"no widget with key ending {scenario.widget!r} on the page")
    if widget.kind == "checkbox":
        value = not widget.value
    elif not widget.options:
        raise LookupError(f"widget {widget.key!r} offers no options")
    else:
        index = scenario.option % len(widget.options)
        if widget.options[index] == widget.value or [widget.options[index]] == widget.value:
            index = (index + 1) % len(widget.options)
        value = [widget.options[index]] if widget.kind == "multiselect" else widget.options[index]
    changed = protocol.Widget(widget.id, widget.kind, widget.label, widget.options, value)
    return [changed if w.id == widget.id else w for w in run.widgets.values()]


async def visit(base_url: str, scenario: Scenario, outcome: Outcome, think_s: float = 1.0,
                timeout_s: float = 60.0, frontend: bool = False) -> Outcome:
    """One user's visit to ``scenario``'s page on the server at ``base_url``; fills ``outcome``.
    With ``frontend``, the user first downloads the page's HTML and the static files it names,
    as a browser with an empty cache does (not in the time to render, which starts after)."""
    parts = urlsplit(check_url(base_url))
    host, port = parts.hostname, parts.port
    query = ""
    outcome.started = True
    try:
        if frontend:
            outcome.frontend = await fetch_frontend(host, port, scenario.path, timeout_s)
        begin = time.perf_counter()
        base = await probe(host, port, scenario.path, timeout_s)
        async with connect(f"ws://{host}:{port}{base}{protocol.STREAM_PATH}", subprotocols=list(protocol.SUBPROTOCOLS),
                           max_size=None, open_timeout=timeout_s) as ws:
            sent = time.perf_counter()
            await ws.send(protocol.rerun_message(scenario.path, query, url=f"{base_url}/{scenario.path}"))
            run = await wait_run(ws, protocol.ScriptRun(), timeout_s)
            outcome.run_s = time.perf_counter() - sent
            outcome.elements = run.main_elements
            why = problem(run, scenario)
            if why:
                outcome.error = why
                return outcome
            outcome.render_s = time.perf_counter() - begin
            if not scenario.widget:
                return outcome
            await asyncio.sleep(think_s)
            widgets = choose(run, scenario)
            query = run.query_string if run.query_string is not None else query
            begin = time.perf_counter()
            await ws.send(protocol.rerun_message(scenario.path, query, run.page_script_hash, widgets,
                                                 url=f"{base_url}/{scenario.path}"))
            again = await wait_run(ws, protocol.ScriptRun(page_script_hash=run.page_script_hash), timeout_s)
            why = problem(again, scenario)
            if why:
                outcome.error = "after the interaction: " + why
                return outcome
            outcome.interact_s = time.perf_counter() - begin
            outcome.view = again.query_string if again.query_string is not None else query
    except TimeoutError:
        waited = "the interaction's rerun did not finish" if outcome.rendered else "no full render"
        outcome.error = outcome.error or f"{waited} within {timeout_s:.0f} s"
    except Exception as exc:  # noqa: BLE001 - a refused or closed connection, a missing widget: one user's error
        outcome.error = outcome.error or f"{type(exc).__name__}: {exc}"[:300]
    return outcome

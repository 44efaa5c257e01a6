"""Peak memory of the real server with a big store loaded: ``server.py`` plus headless Chromium.

The server is started on a free port with ``IMPROVEMENT_DATA_DIR`` pointing at the
benchmark's data folder; Chromium (Debian's, through playwright) opens every page of
app.py in turn and waits until it has finished running; then the server process's
peak resident memory (``VmHWM`` in /proc) is read. Returns None when Chromium is missing.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from tests.local_server import free_port, stop, wait_healthy

ROOT = Path(__file__).resolve().parent.parent
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync"]


def url_paths() -> list[str]:
    """The url paths of every page the full edition publishes (config/editions.toml)."""
    from settings.config import edition_pages

    return [path for paths in edition_pages("full").values() for path in paths]


def _status_mb(pid: int, field: str) -> float:
    text = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(rf"^{field}:\s+(\d+) kB", text, re.M).group(1)) / 1024


STATE = "document.querySelector('[data-testid=\"stApp\"]')?.getAttribute('data-test-script-state')"


def _wait_page(page, timeout_ms: int) -> None:
    """Until the page's script has run to the end: the app root's script state goes to
    'running' (given a few seconds to start) and then to 'notRunning'."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.wait_for_selector("h1", timeout=timeout_ms)
    try:
        page.wait_for_function(f"() => {STATE} === 'running'", timeout=3000)
    except PlaywrightTimeout:
        pass                      # already finished (or not started yet: the next wait covers it)
    page.wait_for_function(f"() => {STATE} === 'notRunning'", timeout=timeout_ms)
    page.wait_for_timeout(500)


def server_memory(data_dir: Path, log: Path, timeout_s: float = 240) -> dict | None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        return None
    from playwright.sync_api import sync_playwright

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "IMPROVEMENT_DATA_DIR": str(data_dir)}
    with open(log, "w") as handle:
        proc = subprocess.Popen([sys.executable, str(ROOT / "server.py"), "--server.address", "127.0.0.1",
                                 "--server.port", str(port), "--server.headless", "true"],
                                cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT)
    try:
        wait_healthy(url, proc, timeout=120)
        idle = _status_mb(proc.pid, "VmRSS")
        pages = {}
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=FLAGS)
            tab = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            for path in url_paths():
                begin = time.perf_counter()
                try:
                    tab.goto(f"{url}/{path}")
                    _wait_page(tab, int(timeout_s * 1000))
                    pages[path] = time.perf_counter() - begin
                except Exception as exc:  # noqa: BLE001 - a page that never finished: say so, measure the rest
                    pages[path] = f"did not finish: {type(exc).__name__}"
            browser.close()
        return {"idle_mb": idle, "rss_mb": _status_mb(proc.pid, "VmRSS"), "peak_mb": _status_mb(proc.pid, "VmHWM"),
                "page_seconds": pages}
    finally:
        stop(proc)

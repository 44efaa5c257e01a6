"""Real-browser fixtures: a Streamlit server on 127.0.0.1 and Debian's headless Chromium
driven by Playwright. Without Chromium the suite skips with a clear message, unless
REQUIRE_BROWSER=1 (CI), where that is a failure."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.local_server import free_port, stop, wait_healthy  # noqa: F401  (also used by the screenshot command)

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync",
]


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def pytest_terminal_summary(terminalreporter):
    from tests.browser.axe_check import summary_lines

    lines = summary_lines()
    if lines:
        terminalreporter.section("axe-core findings allowlisted as Streamlit internals (config/axe_allowlist.toml)")
        for line in lines:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def chromium() -> str:
    path = chromium_path()
    if path is None:
        message = ("Chromium not found: install Debian's 'chromium' and 'chromium-driver' "
                   "packages to run the real-browser suite")
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message + " (REQUIRE_BROWSER=1: the browser suite must run)")
        pytest.skip(message)
    return path


@contextmanager
def serve(log: Path, edition: str = "full"):
    """A dashboard server on a free 127.0.0.1 port publishing ``edition``; yields its URL."""
    port = free_port()
    with open(log, "w") as handle:
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "server.py"),
             "--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true"],
            cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT, env={**os.environ, "IMPROVEMENT_EDITION": edition},
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
        yield url
    finally:
        stop(proc)


@pytest.fixture(scope="session")
def server_url(tmp_path_factory) -> str:
    with serve(tmp_path_factory.mktemp("server") / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="session")
def staff_server_url(tmp_path_factory) -> str:
    """A second server publishing the staff edition (the intranet one)."""
    with serve(tmp_path_factory.mktemp("staff-server") / "streamlit.log", edition="staff") as url:
        yield url


@pytest.fixture(scope="session")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    yield tab
    context.close()

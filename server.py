"""Starts the dashboard: `python server.py [streamlit options]` runs `streamlit run app.py`.

Why not plain `streamlit run app.py`? Streamlit still treats a folder called `pages/`
beside the main script as a legacy (v1) multipage app until the router's st.navigation
has run once in the process. If the very first request after start is a deep link such as
/culture, Streamlit runs pages/culture.py on its own, without the router: no navigation,
no page settings. Turning the legacy mode off before the server starts removes that.
"""
from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

APP = Path(__file__).resolve().parent / "app.py"


def free_port() -> int:
    """A free TCP port on 127.0.0.1 (for the test and benchmark servers)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    """Return when the server at ``url`` answers its health check; raise if it exits or times out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("streamlit did not become healthy in time")


def stop(proc: subprocess.Popen) -> None:
    """Stop a server started for a test or a benchmark: terminate, then kill if it lingers."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def main(options: list[str]) -> None:
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(APP), *options]
    sys.exit(cli.main())


if __name__ == "__main__":
    main(sys.argv[1:])

"""Screenshot every page in headless Chromium: `python -m tests.browser.screenshots [OUT_DIR]`.

Starts its own server on a free 127.0.0.1 port in the chosen edition (``--edition staff``),
opens each page it publishes at each width (``--widths 1366,390``: a laptop and a phone),
waits for its script to finish and saves a full-page PNG named ``EDITION-PAGE-WIDTH.png``
(default folder: screenshots/)."""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser.conftest import CHROMIUM_FLAGS, ROOT, chromium_path, free_port, wait_healthy
from tests.browser.driving import edition_pages, open_page


# Streamlit scrolls inside its main section, so a full-page shot needs a tall viewport.
SCROLL_HEIGHT = """Math.max(...[...document.querySelectorAll('[data-testid="stMain"], [data-testid="stAppViewContainer"]')]
    .map(e => e.scrollHeight), document.body.scrollHeight) + 40"""


def main(out_dir: Path, edition: str = "full", widths: tuple[int, ...] = (1366, 390),
         only: tuple[str, ...] = ()) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    proc = subprocess.Popen([sys.executable, str(ROOT / "server.py"),
                             "--server.address", "127.0.0.1", "--server.port", str(port)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "IMPROVEMENT_EDITION": edition})
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
            page = browser.new_page(viewport={"width": widths[0], "height": 1000})
            for path in [p for p in edition_pages(edition) if not only or p in only]:
                for width in widths:
                    page.set_viewport_size({"width": width, "height": 1000})
                    open_page(page, url, path)
                    height = page.evaluate(SCROLL_HEIGHT)
                    page.set_viewport_size({"width": width, "height": min(max(height, 1000), 6000)})
                    page.wait_for_timeout(800)
                    target = out_dir / f"{edition}-{path or 'home'}-{width}.png"
                    page.screenshot(path=str(target), full_page=True)
                    print(target)
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(prog="python -m tests.browser.screenshots", description=__doc__)
    parser.add_argument("out", nargs="?", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--edition", default="full", help="full or staff (config/editions.toml)")
    parser.add_argument("--widths", default="1366,390", help="viewport widths in px, comma-separated")
    parser.add_argument("--pages", default="", help="only these url paths, comma-separated (default: every page)")
    arguments = parser.parse_args()
    main(arguments.out, arguments.edition, tuple(int(w) for w in arguments.widths.split(",")),
         tuple(p for p in arguments.pages.split(",") if p))

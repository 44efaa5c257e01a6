"""--check-browser, behaviour only: on a real server it measures one session with the harness
and with headless Chromium (through the tap), prints both figures and the ratio, and the two
read the same page (the same main-area elements). No time is compared with a target here."""
import os
import re

import pytest

from bench.load.browser_check import check
from bench.load.scenarios import scenario_for
from bench.load.target import started
from tests.browser.conftest import chromium_path


@pytest.mark.browser
def test_the_browser_check_prints_both_figures_and_the_ratio(tmp_path):
    if chromium_path() is None:
        message = "Chromium not found: install Debian's 'chromium' to run the browser check"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message + " (REQUIRE_BROWSER=1)")
        pytest.skip(message)
    with started("staff", None, tmp_path / "server.log") as (url, _, _):
        lines = check(url, scenario_for("staff-results"), rounds=1, timeout_s=60)
    text = "\n".join(lines)
    assert re.search(r"harness, health check to script_finished: \d+\.\d+ s", text), text
    assert re.search(r"server's side of the wire.*: \d+\.\d+ s", text), text
    assert re.search(r"RATIO harness / Chromium, server side: \d+\.\d+ \((agree|DISAGREE)", text), text
    ours = re.search(r"(\d+) main-area elements", lines[1]).group(1)
    assert f"{ours} main-area elements" in text.split(lines[1], 1)[1]      # Chromium's wire counted the same

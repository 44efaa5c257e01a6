"""Text from the data is shown as written: ``widgets.plain`` escapes Markdown, Streamlit's colour
directives and web addresses, so a spreadsheet cannot put a link, an image or styling on a
page (the staff edition included)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui import widgets

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = "<b>BOLD</b> [a link](http://evil.example/) ![img](https://evil.example/x.png) :red[RED] www.evil.example"


def test_plain_leaves_no_markdown_or_autolink():
    text = widgets.plain(HOSTILE)
    for raw in ("[a link](", "![img](", ":red[", "http://", "https://", "www.", "<b>"):
        assert raw not in text
    assert text.replace("\\", "").replace("\u2060", "") == HOSTILE


@pytest.mark.parametrize("edition", ["full", "staff"])
def test_overview_shows_a_hostile_expectation_as_text(tmp_path, monkeypatch, edition):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "sample", data, ignore=shutil.ignore_patterns("uploads"))
    path = data / "expectations.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "Continue with the independent Improvement Board", HOSTILE.replace('"', "'"), 1), encoding="utf-8")
    monkeypatch.setenv("IMPROVEMENT_DATA_DIR", str(data))
    monkeypatch.setenv("IMPROVEMENT_EDITION", edition)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page("pages/overview.py")
    at.run()
    assert not at.exception and not at.error
    shown = [m.value for m in at.markdown if "BOLD" in m.value]
    assert shown and all("](http" not in v and ":red[" not in v for v in shown)

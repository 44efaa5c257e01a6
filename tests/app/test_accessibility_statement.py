"""The accessibility statement page: the model statement's sections, in order, with every
known problem from config/accessibility.toml and no placeholder left unfilled; written for
the public (no rule ids, markup or tool internals), naming the pages its edition publishes,
and dated by its configuration, never by the clock."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from settings.accessibility import accessibility_statement, frame_notes

ROOT = Path(__file__).resolve().parents[2]
SECTIONS = ["How accessible this website is", "Feedback and contact information",
            "Reporting accessibility problems with this website", "Enforcement procedure",
            "Technical information about this website's accessibility", "Compliance status",
            "Non-accessible content", "Non-compliance with the accessibility regulations", "Disproportionate burden",
            "What we're doing to improve accessibility", "Preparation of this accessibility statement"]
STAFF = (("staff-results", "Staff results"), ("overview", "Overview"), ("accessibility", "Accessibility statement"))
#: What a member of the public should never meet on the statement: tool internals and markup.
JARGON = re.compile(r"axe rule|axe-core 4|<body>|<header>|st\.\w+|data-testid|popover|portal|landmark|headless|"
                    r"Chromium|Streamlit|`")


def config(name: str) -> dict:
    return tomllib.loads((ROOT / "config" / name).read_text(encoding="utf-8"))


def test_statement_has_the_model_sections_in_order_and_every_known_issue():
    text = accessibility_statement("Test Council")
    positions = [text.index(f" {heading}\n") for heading in SECTIONS]
    assert positions == sorted(positions)
    for issue in config("accessibility.toml")["known_issue"]:
        assert issue["what"] in text and issue["instead"] in text and issue["plan"] in text
    assert "keyboard" in text and "table" in text
    for entry in config("axe_allowlist.toml")["allow"]:     # what the automated checks allow, the statement admits
        assert " ".join(entry["public"].split()) in text
    assert "{" not in text and "Test Council" in text and "WCAG" in text and "2.2 AA" in text


def test_statement_is_written_for_the_public():
    """Issue 16: the statement named axe rules and quoted <body>; it now says, in plain words,
    what a reader meets and what to do, and what was tested and when."""
    text = accessibility_statement("Test Council")
    assert not JARGON.findall(text), JARGON.findall(text)
    assert "axe rule" not in text and "<body>" not in text
    testing = config("accessibility.toml")["testing"]
    stamp = pd.Timestamp(testing["date"])
    assert f"This website was last tested on {stamp.day} {stamp:%B %Y} against the WCAG 2.2 AA standard" in text
    for step in testing["how"]:
        assert step in text
    assert "screen readers" in text and "not yet tested" in text
    assert "[contact the Equality Advisory and Support Service (EASS)](https://www.equalityadvisoryservice.com/)" in text


def test_the_statement_names_the_editions_pages_and_only_what_concerns_them():
    staff = accessibility_statement("Test Council", STAFF)
    assert "its pages Staff results, Overview and Accessibility statement." in staff
    assert "Data page" not in staff                   # the staff edition publishes no Data page
    assert "Data page" in accessibility_statement("Test Council")
    assert len(frame_notes()) == 3 and len(frame_notes(["overview"])) == 1


def test_its_dates_come_from_the_configuration_not_the_clock(monkeypatch):
    before = accessibility_statement("Test Council")
    real_now = pd.Timestamp.now
    monkeypatch.setattr(pd.Timestamp, "now", classmethod(lambda cls, tz=None: real_now(tz) + pd.Timedelta(days=400)))
    assert accessibility_statement("Test Council") == before
    statement = config("accessibility.toml")["statement"]
    for key in ("prepared", "reviewed"):
        stamp = pd.Timestamp(statement[key])
        assert f"{stamp.day} {stamp:%B %Y}" in before


def test_the_page_renders_the_statement():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page("pages/accessibility.py")
    at.run()
    assert not at.exception and at.title[0].value == "Accessibility statement"
    body = " ".join(m.value for m in at.markdown)
    assert "Equality and Human Rights Commission" in body and "Plotly" not in body

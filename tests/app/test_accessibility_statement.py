"""The accessibility statement page: the model statement's sections, in order, with every
known limit from config/accessibility.toml and no placeholder left unfilled."""
from __future__ import annotations

import tomllib
from pathlib import Path

from streamlit.testing.v1 import AppTest

from settings.accessibility import accessibility_statement

ROOT = Path(__file__).resolve().parents[2]
SECTIONS = ["How accessible this website is", "Feedback and contact information",
            "Reporting accessibility problems with this website", "Enforcement procedure",
            "Technical information about this website's accessibility", "Compliance status",
            "Non-accessible content", "Non-compliance with the accessibility regulations", "Disproportionate burden",
            "What we're doing to improve accessibility", "Preparation of this accessibility statement"]


def test_statement_has_the_model_sections_in_order_and_every_known_issue():
    text = accessibility_statement("Test Council")
    positions = [text.index(f" {heading}\n") for heading in SECTIONS]
    assert positions == sorted(positions)
    config = tomllib.loads((ROOT / "config" / "accessibility.toml").read_text(encoding="utf-8"))
    for issue in config["known_issue"]:
        assert issue["what"] in text and issue["instead"] in text
    assert "keyboard" in text and "table" in text
    allowlist = tomllib.loads((ROOT / "config" / "axe_allowlist.toml").read_text(encoding="utf-8"))["allow"]
    for entry in allowlist:     # what the automated checks allow is what the statement admits
        assert f"axe rule '{entry['rule']}'" in text
        assert " ".join(entry["reason"].split())[:40].split("<")[0] in text
    assert "{" not in text and "Test Council" in text and "WCAG" in text and "2.2 AA" in text


def test_the_page_renders_the_statement():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page("pages/accessibility.py")
    at.run()
    assert not at.exception and at.title[0].value == "Accessibility statement"
    body = " ".join(m.value for m in at.markdown)
    assert "Equality and Human Rights Commission" in body and "Plotly" not in body

"""AppTest: Culture and Staff results show our % positive beside the CSPS median, with the
mapping, "wording differs" where it applies, and the Open Government Licence attribution."""
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from metrics.benchmarks import ATTRIBUTION

ROOT = Path(__file__).resolve().parents[2]


def run_page(name: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page(f"pages/{name}.py")
    return at.run()


@pytest.mark.parametrize("name", ["culture", "staff_results"])
def test_page_shows_the_benchmark_comparison_and_attribution(name):
    at = run_page(name)
    assert not at.exception, [e.value for e in at.exception]
    headers = [h.value for h in at.header]
    assert any("beside the Civil Service People Survey, October 2024" in h for h in headers), headers
    assert ATTRIBUTION in [c.value for c in at.caption]
    html = " ".join(str(getattr(e, "proto", "")) for e in at.get("html"))
    # STAFF-VALUED, sample wave of Oct 2024: 56.7% (72 of 127), CSPS 2024 median B27 71.631
    assert "I feel valued for the work I do" in html
    assert "CSPS 2024 median" in html and "71.6" in html and "-14.9" in html
    assert "more than noise: below" in html
    assert "wording differs" in html and "same wording" in html
    mapping = [e for e in at.expander if e.label.startswith("Which CSPS question")]
    assert mapping and "B27" in mapping[0].markdown[0].value

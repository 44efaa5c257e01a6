"""AppTest smoke test: every page runs on the sample data without an exception and shows
its chart(s) with alt text and the same data as a table."""
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.disclosure.page_sweep import open_expanders
from ui.screen import SIDES, everywhere

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["overview", "culture", "partnership", "governance", "scrutiny", "staff_results", "data"]
#: Charts whose page shows a narrow screen something else instead: the scrutiny matrix, a list of
#: topics (its cells would be 7 px wide at 390 px).
OWN_NARROW_FORM = {"matrix"}


def run_page(name: str, side: str | None = None) -> AppTest:
    """The page run once; ``side``: as for a browser that has reported that side (ui/screen.py)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page(f"pages/{name}.py")
    if side:
        at.session_state[SIDES] = everywhere(side)
    at.run()
    open_expanders(at)                  # every chart's data table opened, as a reader would
    return at.run()


@pytest.mark.parametrize("name", PAGES)
def test_page_renders_chart_and_table(name):
    at = run_page(name)
    assert not at.exception, [e.value for e in at.exception]
    assert not [e for e in at.error], [e.value for e in at.error]
    assert at.title and at.title[0].value, "every page has a title"
    charts = at.get("plotly_chart")
    assert charts, f"{name}: no plotly chart"
    assert not [c for c in charts if str(c.key).endswith("-narrow")], f"{name}: a wide screen gets narrow layouts"
    narrow = [str(c.key) for c in run_page(name, "narrow").get("plotly_chart")]
    assert sorted(narrow) == sorted(f"{c.key}-narrow" for c in charts if c.key not in OWN_NARROW_FORM), \
        f"{name}: on a narrow screen every chart is drawn once, in its narrow-screen layout"
    assert len(at.dataframe) >= len(charts), f"{name}: a chart without its data table"
    data_tables = [e for e in at.expander if e.label.startswith("The data in this chart")]
    assert len(data_tables) == len(charts), f"{name}: every chart has its own data table under it"
    assert all(len(e.dataframe) == 1 for e in data_tables)
    assert len(at.caption) >= len(charts), f"{name}: a chart without alt text"
    for frame in at.dataframe:
        assert len(frame.value) > 0, f"{name}: an empty table"

"""AppTest for the Scrutiny explorer: weights change the ranking, the URL preselects a
view, and bad query parameters are ignored without an error."""
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.disclosure.page_sweep import open_expanders

ROOT = Path(__file__).resolve().parents[2]


def page(**params) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page("pages/scrutiny.py")
    return at.run()


def ranking_topics(at: AppTest) -> list[str]:
    """The ranking chart's data table, opened as a reader would (tables are drawn lazily)."""
    if open_expanders(at):
        at.run()
    ranked = [grid.value for grid in at.dataframe if "Topic" in grid.value.columns]
    assert ranked, "the ranking chart has no data table with a Topic column"
    return ranked[0]["Topic"].tolist()


def test_weights_change_the_ranking_and_are_written_to_the_url():
    at = page()
    assert not at.exception and not at.error
    before = ranking_topics(at)
    at.number_input(key="w4").set_value(3.0).run()            # Financial Value x3
    assert not at.exception
    after = ranking_topics(at)
    assert after != before and sorted(after) == sorted(before)
    assert at.query_params["w"] == "1,1,1,1,3,1,1,1"
    assert any("because of the weights" in m.value for m in at.markdown)


def test_query_params_preselect_topic_and_filters():
    at = page(topic="Careers Hub", status="no", w="2,1,1,1,1,1,1,1", sort="Financial Value")
    assert not at.exception and not at.error
    assert at.selectbox(key="topic").value == "Careers Hub"
    assert at.selectbox(key="status").value == "no"
    assert at.selectbox(key="sort").value == "Financial Value"
    assert at.number_input(key="w0").value == 2.0
    assert any("Careers Hub" in str(h.value) for h in at.markdown)


def test_bad_query_params_do_not_crash():
    at = page(meeting="31/02/2024", committee="<b>x</b>", status="maybe", sort="nope", w="a,b", topic="=1+2")
    assert not at.exception and not at.error
    assert at.selectbox(key="meeting").value is None
    assert at.selectbox(key="status").value == "all"
    assert at.number_input(key="w0").value == 1.0
    assert "topic" in at.query_params and at.query_params["topic"] != "=1+2"

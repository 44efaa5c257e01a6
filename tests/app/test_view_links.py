"""AppTest: every page's choices live in its URL (ui/view_link.py, config/view_params.toml).
A link opens the view it names; a choice made on the page is written back (a default left
out); a value the page does not offer, a group it may not publish and a parameter for
something the page (or the edition) does not show are ignored and leave the URL."""
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from settings.view_params import view_params

ROOT = Path(__file__).resolve().parents[2]
PLACE = "Place and Connectivity"
FIRST_PAGE = {"full": "overview", "staff": "staff_results"}


def page(name: str, edition: str | None = None, monkeypatch=None, **params) -> AppTest:
    if edition:
        monkeypatch.setenv("IMPROVEMENT_EDITION", edition)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    if name == FIRST_PAGE.get(edition or "full"):      # a link to "/": the link opens a new session
        at.query_params.update(params)
        return at.run()
    at.run()             # the router's first page: switching before a first run would run the page alone
    at.query_params.update(params)
    at.switch_page(f"pages/{name}.py")
    return at.run()


def clean(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]


def test_a_culture_link_opens_its_view_and_changes_are_written_back():
    at = page("culture", group=PLACE, wave="2023-05-15", theme="governance")
    clean(at)
    assert at.radio(key="culture-part").value == "staff" and "part" not in at.query_params   # the default part
    assert at.selectbox(key="culture-group").value == PLACE
    assert at.selectbox(key="culture-drill-theme").value == "governance"
    assert any(f"Showing **{PLACE}**" in m.value.replace("\\", "") for m in at.markdown)
    wave = at.selectbox(key="culture-heatmap-wave")
    assert f"{wave.value:%Y-%m-%d}" == "2023-05-15"
    assert _param(at, "group") == PLACE

    at.selectbox(key="culture-group").select_index(0).run()        # back to All staff: the default
    at.selectbox(key="culture-drill-theme").select("culture")     # the default theme
    at.run()
    clean(at)
    assert "group" not in at.query_params and "theme" not in at.query_params
    at.radio(key="culture-part").set_value("members").run()        # another part: its own view
    clean(at)
    assert _param(at, "part") == "members" and "culture-group" not in {box.key for box in at.selectbox}


def test_a_link_to_a_part_of_culture_opens_that_part_in_its_view():
    at = page("culture", part="members", **{"member-wave": "2023-06-12"})
    clean(at)
    assert at.radio(key="culture-part").value == "members"
    assert f"{at.selectbox(key='member-heatmap-wave').value:%Y-%m-%d}" == "2023-06-12"
    assert "culture-group" not in {box.key for box in at.selectbox}      # the staff part's filter: not drawn
    at = page("culture", part="complaints", complaints="About officers")
    clean(at)
    assert at.radio(key="complaints-subject").value == "About officers"
    at.radio(key="complaints-subject").set_value("All complaints").run()
    clean(at)
    assert _param(at, "complaints") == "All complaints" and _param(at, "part") == "complaints"


def _param(at: AppTest, name: str):
    value = at.query_params.get(name)
    return value[0] if isinstance(value, list) and len(value) == 1 else value


@pytest.mark.parametrize("asked", ["Legal and Governance", "Chief Executive's Office"])
def test_a_link_to_a_hidden_group_shows_none_of_its_figures(asked):
    """Legal and Governance sends too few responses; the Chief Executive's Office is hidden so
    that it cannot be worked out by subtraction. The box offers both (and says so when chosen):
    a link asks for no more than the box, and the page shows none of their latest figures."""
    at = page("culture", group=asked)
    clean(at)
    assert at.selectbox(key="culture-group").value == asked
    said = " ".join(m.value.replace("\\", "") for m in at.markdown)
    assert f"Showing **{asked}**: its results for October 2024 are not shown" in said
    assert not any(str(c.key).startswith("culture-group-answers") for c in at.get("plotly_chart"))


@pytest.mark.parametrize("asked", ["Not stated", "<script>alert(1)</script>", PLACE + "\x00"])
def test_a_group_the_page_does_not_offer_is_ignored_and_leaves_the_url(asked):
    at = page("staff_results", group=asked, theme="=1+2")
    clean(at)
    assert at.selectbox(key="staff-group").value is None
    assert "group" not in at.query_params and "theme" not in at.query_params
    assert not any("script" in m.value or "1=1" in m.value for m in at.markdown)


def test_the_staff_edition_accepts_only_what_it_shows(monkeypatch):
    """Staff results in the staff edition: the group (shown); comments, an officer-only view,
    the Culture page's theme and the members' complaints (not shown) are dropped from the URL."""
    at = page("staff_results", "staff", monkeypatch, group=PLACE, comments="all", view="officers",
              theme="governance", complaints="About officers", action="CCC-01", w="3,3,3,3,3,3,3,3")
    clean(at)
    assert at.selectbox(key="staff-group").value == PLACE
    assert {k: _param(at, k) for k in at.query_params} == {"group": PLACE}


def test_a_governance_link_opens_its_filters_dates_and_action():
    at = page("governance", area=["Procurement", "Governance and decision making", "nope"],
              **{"from": "2023-06-09", "to": "2024-01-30", "action": "PRO-02"})
    clean(at)
    assert at.multiselect(key="filter-area").value == ["Governance and decision making", "Procurement"]
    assert f"{at.selectbox(key='from').value:%Y-%m-%d}" == "2023-06-09"
    assert at.selectbox(key="history-action").value == "PRO-02"
    assert at.query_params["area"] == ["Governance and decision making", "Procurement"]   # "nope" left out

    at.multiselect(key="filter-phase").select("Phase 3").run()
    clean(at)
    assert _param(at, "phase") == "Phase 3"
    assert at.query_params["area"] == ["Governance and decision making", "Procurement"]


def test_governance_defaults_keep_the_url_empty_and_bad_dates_are_ignored():
    at = page("governance", **{"from": "31/02/2024", "to": "tomorrow", "action": "<b>x</b>"})
    clean(at)
    assert dict(at.query_params) == {}
    assert f"{at.selectbox(key='to').value:%Y-%m-%d}" == "2024-10-16"      # the latest reporting date


def test_a_partnership_link_opens_its_wave_and_theme_and_the_default_leaves_the_url():
    at = page("partnership", wave="2024-02-05", theme="governance")
    clean(at)
    assert f"{at.selectbox(key='partner-heatmap-wave').value:%Y-%m-%d}" == "2024-02-05"
    assert at.selectbox(key="partner-drill-theme").value == "governance"
    assert _param(at, "wave") == "2024-02-05"
    latest = at.selectbox(key="partner-heatmap-wave").options[0]          # September 2024, the default
    at.selectbox(key="partner-heatmap-wave").select_index(0).run()
    clean(at)
    assert latest == "September 2024" and "wave" not in at.query_params and _param(at, "theme") == "governance"


def test_each_page_names_each_parameter_once():
    for path, keys in view_params().items():
        names = list(keys.values())
        assert len(names) == len(set(names)), f"{path}: a parameter bound to two selectors"
    everywhere = [k for keys in view_params().values() for k in keys]
    assert len(everywhere) == len(set(everywhere)), "a widget key listed under two pages"
    assert not {"meeting", "committee", "objective", "status", "sort", "w", "topic"} & set(view_params())

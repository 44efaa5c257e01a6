"""The load harness against a real server started here (staff edition, the sample data):
simulated sessions render the page and make its interaction with no errors, and a run stops
by its deadline on its own. Behaviour only: no time here is compared with a target."""
import asyncio
import time

import pytest

from bench.load.run import CUT, Plan, run_load
from bench.load.scenarios import scenario_for
from bench.load.target import started


@pytest.fixture(scope="module")
def staff_server(tmp_path_factory):
    with started("staff", None, tmp_path_factory.mktemp("load") / "server.log") as (url, pids, _):
        yield url, pids


def test_three_sessions_render_and_interact_with_no_errors(staff_server):
    url, _ = staff_server
    plan = Plan(pages=(scenario_for("staff-results"),), users=3, over_s=1.0, think_s=0.2, timeout_s=60)
    result = asyncio.run(run_load(url, plan))
    assert [o.error for o in result.outcomes] == ["", "", ""]
    assert all(o.started and o.rendered and o.interact_s is not None for o in result.outcomes)
    assert all(o.elements >= 10 for o in result.outcomes)
    # the interaction is a browser's: the chosen directorate is the page's view in its URL (issue 17)
    assert all(o.view.startswith("group=") for o in result.outcomes)
    assert not result.cut


def test_every_page_of_the_edition_opens(staff_server):
    url, _ = staff_server
    pages = tuple(scenario_for(p) for p in ("", "overview", "accessibility"))
    result = asyncio.run(run_load(url, Plan(pages=pages, users=3, over_s=0.5, think_s=0, timeout_s=60)))
    assert [o.error for o in result.outcomes] == ["", "", ""] and all(o.rendered for o in result.outcomes)


def test_a_page_the_edition_does_not_publish_is_no_error_of_the_harness(staff_server):
    """The staff edition answers a page it hides with its calm notice: a render, not a crash."""
    url, _ = staff_server
    result = asyncio.run(run_load(url, Plan(pages=(scenario_for("data"),), users=1, over_s=0, timeout_s=60)))
    assert result.outcomes[0].error == "" and result.outcomes[0].rendered


def test_a_user_with_an_empty_cache_downloads_the_frontend_first(staff_server):
    url, _ = staff_server
    plan = Plan(pages=(scenario_for("staff-results"),), users=1, over_s=0, think_s=0, frontend=True)
    (outcome,) = asyncio.run(run_load(url, plan)).outcomes
    files, size = outcome.frontend
    assert outcome.error == "" and outcome.rendered
    assert files > 10 and size > 100_000          # the HTML, its entry script, preloads and font


def test_the_run_stops_by_its_deadline(staff_server):
    url, _ = staff_server
    # users would read for a minute and keep arriving for a minute: the deadline cuts them
    plan = Plan(pages=(scenario_for("staff-results"),), users=4, over_s=60, think_s=60, timeout_s=60, deadline_s=3)
    begin = time.monotonic()
    result = asyncio.run(run_load(url, plan))
    assert time.monotonic() - begin < 30          # far below the minute it would otherwise take
    assert result.cut
    started_ones = [o for o in result.outcomes if o.started]
    assert started_ones and all(o.error == CUT for o in started_ones)
    assert any(not o.started for o in result.outcomes)   # the later arrivals never came

"""The load harness refuses any host but 127.0.0.1, before it starts or reaches anything."""
import asyncio

import pytest

from bench.load.__main__ import main
from bench.load.hosts import RefusedHost, check_host, check_url
from bench.load.run import Plan, run_load
from bench.load.scenarios import scenario_for
from bench.load.session import Outcome, visit
from bench.load.target import started


@pytest.mark.parametrize("host", ["localhost", "0.0.0.0", "10.0.0.5", "example.org", "::1", "", None, "127.0.0.2"])
def test_only_127_0_0_1_is_a_host(host):
    with pytest.raises(RefusedHost):
        check_host(host)
    assert check_host("127.0.0.1") == "127.0.0.1"


@pytest.mark.parametrize("url", ["http://10.1.2.3:8501", "http://localhost:8501", "https://127.0.0.1:8501",
                                 "http://127.0.0.1", "http://intranet.council.gov.uk", "ws://127.0.0.1:8501"])
def test_a_url_elsewhere_is_refused(url):
    with pytest.raises(RefusedHost):
        check_url(url)
    assert check_url("http://127.0.0.1:8501/") == "http://127.0.0.1:8501"


def test_the_command_refuses_before_it_connects(capsys, monkeypatch):
    def no_visit(*args, **kwargs):
        raise AssertionError("a refused run must not connect")

    monkeypatch.setattr("bench.load.session.visit", no_visit)
    assert main(["--url", "http://192.168.1.20:8501", "--no-write"]) == 2
    assert main(["--host", "0.0.0.0", "--no-write"]) == 2
    assert "refused" in capsys.readouterr().err


def test_no_server_is_started_on_another_address(tmp_path):
    with pytest.raises(RefusedHost):
        with started("staff", None, tmp_path / "log", host="0.0.0.0"):
            pass
    assert not (tmp_path / "log").exists()


def test_a_run_or_a_visit_elsewhere_is_refused_before_it_connects():
    plan = Plan(pages=(scenario_for("staff-results"),), users=1, over_s=0)
    with pytest.raises(RefusedHost):
        asyncio.run(run_load("http://10.0.0.7:8501", plan))
    with pytest.raises(RefusedHost):
        asyncio.run(visit("http://localhost:8501", scenario_for("staff-results"), Outcome("staff-results")))

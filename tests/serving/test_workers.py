"""``server.py --workers 2`` for real: two Streamlit processes behind a real nginx started in a
temporary folder (serving/). Through the proxy a page renders and its interaction reruns over
the websocket; a browser's cookie keeps it on one process while clients without one are spread
over both (nginx's own log says which process answered); the static bundles come from nginx,
gzipped and cached; stopping the group leaves no process behind. Without nginx the tests skip,
saying so, except with REQUIRE_NGINX=1 (CI), where that is a failure."""
import asyncio
import concurrent.futures
import gzip
import os
import re
import time
import urllib.error
import urllib.request

import psutil
import pytest

from bench.load.run import Plan, run_load
from bench.load.scenarios import scenario_for
from server import workers_option
from serving.workers import free_port, group, max_upload_mb, nginx_binary, split_address, streamlit_static_dir

COOKIE = "improvement_worker"


def test_the_workers_option_is_taken_out_of_streamlits_options():
    assert workers_option(["--workers", "3", "--server.port", "9000"]) == (3, ["--server.port", "9000"])
    assert workers_option(["--workers=2"]) == (2, [])
    assert workers_option(["--server.headless", "true"]) == (1, ["--server.headless", "true"])


def test_nginx_listens_where_streamlit_was_asked_to():
    assert split_address(["--server.address", "0.0.0.0", "--server.port=8600", "--theme.base", "dark"]) == (
        "0.0.0.0", 8600, ["--theme.base", "dark"])
    assert split_address([]) == ("127.0.0.1", 8501, [])


@pytest.fixture(scope="module")
def serving(tmp_path_factory):
    if nginx_binary() is None:
        message = "nginx is not installed (apt-get install nginx)"
        if os.environ.get("REQUIRE_NGINX") == "1":
            pytest.fail(message + " (REQUIRE_NGINX=1: the serving tests must run)")
        pytest.skip(message)
    folder = tmp_path_factory.mktemp("serve")
    env = {**os.environ, "IMPROVEMENT_EDITION": "staff"}
    with open(folder / "group.log", "w") as log, group(2, ["--server.port", str(free_port())], env=env, log=log,
                                                       access_log=folder / "access.log") as running:
        yield running, folder / "access.log"


def get(url: str, cookie: str | None = None, encoding: str = "identity"):
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding, **({"Cookie": cookie} if cookie else {})})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.headers, response.read()


def upstreams(log, marker: str, count: int = 1) -> set[str]:
    """The processes (host:port) nginx sent the requests whose address carries ``marker`` to,
    once ``count`` of them are in its log (nginx writes a line after the answer has gone)."""
    for _ in range(100):
        lines = [line.split() for line in log.read_text().splitlines()]
        mine = [words[2] for words in lines if len(words) > 2 and marker in words[0]]
        if len(mine) >= count:
            break
        time.sleep(0.1)
    return set(mine)


def in_own_loop(coroutine):
    """Run ``coroutine`` on a new event loop in its own thread: the browser suite's sync Playwright,
    alive for the whole session, keeps an event loop running in the main thread."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def test_a_page_renders_and_reruns_through_the_proxy(serving):
    running, _ = serving
    plan = Plan(pages=(scenario_for("staff-results"), scenario_for("overview")), users=4, over_s=1.0, think_s=0.2)
    result = in_own_loop(run_load(running.url, plan))
    assert [o.error for o in result.outcomes] == ["", "", "", ""]
    assert all(o.rendered for o in result.outcomes)
    assert all(o.view.startswith("group=") for o in result.outcomes if o.page == "staff-results")


def test_the_first_answer_sets_the_cookie_and_a_browser_with_it_keeps_its_process(serving):
    running, log = serving
    status, headers, _ = get(running.url + "/_stcore/health")
    assert status == 200
    (sticky,) = [c for c in headers.get_all("Set-Cookie") if c.startswith(COOKIE + "=")]
    cookie = sticky.split(";")[0]
    assert "HttpOnly" in sticky and "Path=/" in sticky
    for i in range(12):
        status, headers, _ = get(running.url + f"/_stcore/health?kept={i}", cookie=cookie)
        assert status == 200 and not [c for c in headers.get_all("Set-Cookie") or [] if c.startswith(COOKIE)]
    assert len(upstreams(log, "kept=", 12)) == 1
    for i in range(24):
        get(running.url + f"/_stcore/health?spread={i}")
    assert upstreams(log, "spread=", 24) == {f"127.0.0.1:{p}" for p in running.ports}


def test_the_static_bundles_come_from_nginx_gzipped_and_cached(serving):
    running, log = serving
    _, _, html = get(running.url + "/staff-results")
    script = re.search(rb'src="\./(static/js/[^"]+\.js)"', html).group(1).decode()
    status, headers, body = get(f"{running.url}/{script}", encoding="gzip")
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert "immutable" in headers["Cache-Control"] and "max-age=31536000" in headers["Cache-Control"]
    assert gzip.decompress(body) == (streamlit_static_dir() / script).read_bytes()
    assert upstreams(log, script) == {"-"}                         # no Streamlit process was asked


def test_an_upload_as_large_as_streamlits_limit_reaches_streamlit(serving):
    """nginx's own limit (1 MB by default) would answer 413 to a survey export; Streamlit's
    limit (.streamlit/config.toml maxUploadSize) is the one that counts."""
    running, log = serving
    assert max_upload_mb() >= 20
    body = b"x" * (20 * 2**20)
    request = urllib.request.Request(running.url + "/_stcore/upload_file/no-session/no-file?size=20", data=body,
                                     method="PUT", headers={"Content-Type": "application/octet-stream"})
    try:
        status = urllib.request.urlopen(request, timeout=60).status
    except urllib.error.HTTPError as exc:
        status = exc.code
    assert status != 413
    assert upstreams(log, "/_stcore/upload_file/") - {"-"}          # a Streamlit process answered


def test_stopping_the_group_leaves_no_process(tmp_path):
    if nginx_binary() is None:
        pytest.skip("nginx is not installed")
    env = {**os.environ, "IMPROVEMENT_EDITION": "staff"}
    with open(tmp_path / "log", "w") as log, group(2, ["--server.port", str(free_port())], env=env, log=log) as running:
        pids = running.pids
        assert get(running.url + "/_stcore/health")[0] == 200
        children = [c.pid for c in psutil.Process(running.nginx.pid).children(recursive=True)]
    assert children and not [p for p in pids + children if psutil.pid_exists(p) and
                             psutil.Process(p).status() != psutil.STATUS_ZOMBIE]

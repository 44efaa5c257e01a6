"""``server.py --workers N``: N Streamlit processes behind one nginx, started and stopped together.

Each process is ``server.py`` itself (so each turns Streamlit's legacy pages mode off) on a
free port of 127.0.0.1, with the caller's Streamlit options and one cookie secret shared by
all (STREAMLIT_SERVER_COOKIE_SECRET: a new random one unless the environment sets it), so a
sign-in or XSRF cookie signed by one process is good in another, after a restart moves a
browser; set it in the environment to keep sign-ins across restarts. nginx (serving/proxy.py) listens on the address and port asked for. The
group runs until one of them exits or the command is stopped (SIGTERM or Ctrl-C); then
every process of the group is stopped, so nothing is left behind.
"""
from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from .proxy import Proxy, nginx_conf

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "config" / "serving.toml"
STREAMLIT_CONFIG = ROOT / ".streamlit" / "config.toml"
NGINX_PLACES = ("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx")


class ServingError(RuntimeError):
    """The group could not start (no nginx, a process that exited, no health check in time)."""


def serving_config(path: Path = CONFIG) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def max_upload_mb(path: Path = STREAMLIT_CONFIG) -> int:
    """Streamlit's upload limit (``[server] maxUploadSize``, megabytes; its default 200)."""
    raw = tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    return int(raw.get("server", {}).get("maxUploadSize", 200))


def nginx_binary() -> str | None:
    """nginx on PATH, else where Debian and a source build put it; None when there is none."""
    return shutil.which("nginx") or next((p for p in NGINX_PLACES if os.access(p, os.X_OK)), None)


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def streamlit_static_dir() -> Path:
    """Streamlit's folder of index.html and the hashed bundles (found without importing streamlit)."""
    import importlib.util

    spec = importlib.util.find_spec("streamlit")
    if spec is None or spec.origin is None:
        raise ServingError("streamlit is not installed")
    return Path(spec.origin).parent / "static"


def split_address(options: list[str]) -> tuple[str, int, list[str]]:
    """The --server.address and --server.port of Streamlit ``options`` (nginx's), and the rest."""
    host, port, rest, i = "127.0.0.1", 8501, [], 0
    while i < len(options):
        word = options[i]
        name, _, value = word.partition("=")
        if name in ("--server.address", "--server.port"):
            if not value:
                i += 1
                value = options[i]
            host, port = (value, port) if name == "--server.address" else (host, int(value))
        else:
            rest.append(word)
        i += 1
    return host, port, rest


@dataclass
class Group:
    """The running group: nginx's URL, its pid, the processes' pids and ports."""

    url: str
    nginx: subprocess.Popen
    workers: list[subprocess.Popen]
    ports: tuple[int, ...]
    run_dir: Path

    @property
    def pids(self) -> list[int]:
        return [self.nginx.pid, *(w.pid for w in self.workers)]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def _wait(urls: list[str], procs: list[subprocess.Popen], timeout_s: float) -> None:
    deadline, waiting = time.monotonic() + timeout_s, list(urls)
    while waiting:
        for proc in procs:
            if proc.poll() is not None:
                raise ServingError(f"process {proc.args[:3]} exited with {proc.returncode}")
        waiting = [u for u in waiting if not _healthy(u)]
        if waiting and time.monotonic() > deadline:
            raise ServingError(f"no health check within {timeout_s:.0f} s: {waiting}")
        if waiting:
            time.sleep(0.3)


def _stop(procs: list[subprocess.Popen]) -> None:
    for proc in procs:
        if proc.poll() is None:
            proc.terminate()
    for proc in procs:
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextmanager
def group(workers: int, options: list[str], env: dict | None = None, log=None, run_dir: Path | None = None,
          access_log: Path | None = None):
    """N processes and their nginx, healthy; yields the Group; stops them all on the way out.
    ``access_log``: nginx logs each request with the process that answered it there."""
    nginx = nginx_binary()
    if nginx is None:
        raise ServingError("--workers needs nginx (Debian: apt-get install nginx)")
    host, port, rest = split_address(options)
    config = serving_config()
    env = dict(os.environ if env is None else env)
    env.setdefault("STREAMLIT_SERVER_COOKIE_SECRET", secrets.token_hex(32))   # one for the group (not a flag)
    ports = tuple(free_port() for _ in range(workers))
    own_dir = run_dir is None
    run_dir = Path(tempfile.mkdtemp(prefix="improvement-serve-")) if own_dir else run_dir
    run_dir.chmod(0o755)          # nginx's workers (user nobody when started as root) use its temp folders
    proxy = replace(Proxy(host, port, ports, streamlit_static_dir(), run_dir, access_log=access_log,
                          max_upload_mb=max_upload_mb()),
                    **config.get("proxy", {}))
    (run_dir / "nginx.conf").write_text(nginx_conf(proxy), encoding="utf-8")
    out = log
    procs: list[subprocess.Popen] = []
    try:
        for p in ports:
            procs.append(subprocess.Popen([sys.executable, str(ROOT / "server.py"), "--server.address", "127.0.0.1",
                                           "--server.port", str(p), "--server.headless", "true", *rest],
                                          cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT if out else None))
        front = subprocess.Popen([nginx, "-p", str(run_dir), "-c", str(run_dir / "nginx.conf"), "-e",
                                  str(run_dir / "error.log")], cwd=run_dir, stdout=out,
                                 stderr=subprocess.STDOUT if out else None)
        procs.append(front)
        _wait([f"http://127.0.0.1:{p}" for p in ports], procs, config["serve"]["start_timeout_s"])
        url = f"http://{host}:{port}"
        _wait([url], procs, 30)
        yield Group(url, front, procs[:-1], ports, run_dir)
    finally:
        _stop(procs)
        if own_dir:
            shutil.rmtree(run_dir, ignore_errors=True)


def serve(workers: int, options: list[str]) -> int:
    """The command: start the group, say where it is, wait until a process exits or a signal."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        with group(workers, options) as running:
            print(f"Improvement Dashboard: {workers} processes (ports {', '.join(map(str, running.ports))}) "
                  f"behind nginx at {running.url}", flush=True)
            while all(p.poll() is None for p in [running.nginx, *running.workers]):
                time.sleep(1)
            print("a process of the group exited: stopping the others", file=sys.stderr, flush=True)
            return 1
    except ServingError as exc:
        print(f"server.py: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0

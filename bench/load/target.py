"""The server under load: started here (or one already running), on 127.0.0.1 only, and watched.

A load run must never reach a machine it was not meant for (``hosts``: 127.0.0.1 only, for
a server started here and for a URL given). ``started`` runs ``server.py`` with the chosen edition and data folder
on a free port (with ``workers`` > 1, that many processes behind nginx, as ``make serve``
runs them: serving/workers.py); ``Watch`` samples the server's processes (and their children:
nginx's workers) every quarter second (psutil: resident memory, CPU, summed over the
processes) and reads each one's peak resident memory from the kernel (``VmHWM``) at the end.
"""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psutil

from tests.local_server import free_port, stop, wait_healthy

from .hosts import ALLOWED_HOST, RefusedHost, check_host, check_url  # noqa: F401  (the command's refusals)

ROOT = Path(__file__).resolve().parents[2]


def listener_pid(port: int) -> int | None:
    """The process listening on ``port`` of 127.0.0.1 (a targeted server), if it can be seen."""
    try:
        for conn in psutil.net_connections(kind="tcp"):
            if conn.status == psutil.CONN_LISTEN and conn.laddr and conn.laddr.port == port and conn.pid:
                return conn.pid
    except (psutil.AccessDenied, PermissionError):
        return None
    return None


@contextmanager
def started(edition: str, data_dir: Path | None, log: Path, host: str = ALLOWED_HOST, workers: int = 1):
    """A dashboard server publishing ``edition`` on a free port of 127.0.0.1; yields (url, pids, the
    URLs to warm: each process's own, behind the proxy, so every one has its caches filled)."""
    check_host(host)
    port = free_port()
    env = {**os.environ, "IMPROVEMENT_EDITION": edition}
    if data_dir is not None:
        env["IMPROVEMENT_DATA_DIR"] = str(data_dir)
    log.parent.mkdir(parents=True, exist_ok=True)
    if workers > 1:
        from serving.workers import group

        with open(log, "w") as handle, group(workers, ["--server.address", host, "--server.port", str(port)],
                                             env=env, log=handle) as running:
            yield running.url, running.pids, [f"http://{ALLOWED_HOST}:{p}" for p in running.ports]
        return
    with open(log, "w") as handle:
        proc = subprocess.Popen([sys.executable, str(ROOT / "server.py"), "--server.address", host,
                                 "--server.port", str(port), "--server.headless", "true"],
                                cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT)
    url = f"http://{host}:{port}"
    try:
        wait_healthy(url, proc, timeout=120)
        yield url, [proc.pid], [url]
    finally:
        stop(proc)


def _peak_kb(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


@dataclass
class Usage:
    """The server's processes over the run (summed over them)."""

    peak_rss_mb: float | None      # highest sampled sum of resident memory (one process: its VmHWM)
    start_rss_mb: float | None
    cpu_seconds: float | None      # user + system CPU during the run
    wall_seconds: float
    peak_cpu_percent: float | None  # highest quarter-second sample (100 = one core)
    processes: int = 1
    hwm_sum_mb: float | None = None  # the sum of each process's own high-water mark (an upper bound)

    @property
    def mean_cpu_percent(self) -> float | None:
        return None if self.cpu_seconds is None or not self.wall_seconds else 100 * self.cpu_seconds / self.wall_seconds


class Watch:
    """Samples processes (``pids`` and their children; empty or None watches nothing) until ``stop``."""

    def __init__(self, pids, every_s: float = 0.25):
        if isinstance(pids, int):
            pids = [pids]
        roots = [psutil.Process(p) for p in (pids or []) if p]
        self._procs = roots + [c for r in roots for c in r.children(recursive=True)]
        self._every = every_s
        self._stop = threading.Event()
        self._peak_rss = 0
        self._peak_cpu = 0.0
        self._begin = time.perf_counter()
        self._start_rss = self._cpu0 = None
        if self._procs:
            self._start_rss = self._rss()
            self._cpu0 = self._cpu()
            for proc in self._procs:
                proc.cpu_percent(None)
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _rss(self) -> int:
        return sum(p.memory_info().rss for p in self._procs)

    def _cpu(self) -> float:
        return sum(t.user + t.system for t in (p.cpu_times() for p in self._procs))

    def _sample(self) -> None:
        while self._procs and not self._stop.wait(self._every):
            try:
                self._peak_rss = max(self._peak_rss, self._rss())
                self._peak_cpu = max(self._peak_cpu, sum(p.cpu_percent(None) for p in self._procs))
            except psutil.Error:
                return

    def stop(self) -> Usage:
        self._stop.set()
        self._thread.join(timeout=2)
        wall = time.perf_counter() - self._begin
        if not self._procs:
            return Usage(None, None, None, wall, None, 0)
        try:
            cpu = self._cpu() - self._cpu0
            self._peak_rss = max(self._peak_rss, self._rss())
        except psutil.Error:
            cpu = None
        marks = [_peak_kb(p.pid) for p in self._procs]
        hwm = sum(marks) / 1024 if None not in marks else None
        one = len(self._procs) == 1 and hwm
        peak = hwm if one else self._peak_rss / 2**20
        return Usage(peak, self._start_rss / 2**20, cpu, wall, self._peak_cpu, len(self._procs), hwm)

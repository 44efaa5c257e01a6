"""The server under load: started here (or one already running), on 127.0.0.1 only, and watched.

A load run must never reach a machine it was not meant for (``hosts``: 127.0.0.1 only, for
a server started here and for a URL given). ``started`` runs ``server.py`` with the chosen edition and data folder
on a free port; ``Watch`` samples the server process every quarter second (psutil: resident
memory, CPU) and reads its peak resident memory from the kernel (``VmHWM``) at the end.
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
def started(edition: str, data_dir: Path | None, log: Path, host: str = ALLOWED_HOST):
    """A dashboard server publishing ``edition`` on a free port of 127.0.0.1; yields (url, pid)."""
    check_host(host)
    port = free_port()
    env = {**os.environ, "IMPROVEMENT_EDITION": edition}
    if data_dir is not None:
        env["IMPROVEMENT_DATA_DIR"] = str(data_dir)
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "w") as handle:
        proc = subprocess.Popen([sys.executable, str(ROOT / "server.py"), "--server.address", host,
                                 "--server.port", str(port), "--server.headless", "true"],
                                cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT)
    url = f"http://{host}:{port}"
    try:
        wait_healthy(url, proc, timeout=120)
        yield url, proc.pid
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
    """The server process over the run."""

    peak_rss_mb: float | None      # kernel's high-water mark (VmHWM) if readable, else sampled
    start_rss_mb: float | None
    cpu_seconds: float | None      # user + system CPU during the run
    wall_seconds: float
    peak_cpu_percent: float | None  # highest quarter-second sample (100 = one core)

    @property
    def mean_cpu_percent(self) -> float | None:
        return None if self.cpu_seconds is None or not self.wall_seconds else 100 * self.cpu_seconds / self.wall_seconds


class Watch:
    """Samples one process (``pid``; None watches nothing) until ``stop``."""

    def __init__(self, pid: int | None, every_s: float = 0.25):
        self._proc = psutil.Process(pid) if pid else None
        self._every = every_s
        self._stop = threading.Event()
        self._peak_rss = 0
        self._peak_cpu = 0.0
        self._begin = time.perf_counter()
        self._start_rss = self._cpu0 = None
        if self._proc:
            self._start_rss = self._proc.memory_info().rss
            times = self._proc.cpu_times()
            self._cpu0 = times.user + times.system
            self._proc.cpu_percent(None)
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while self._proc and not self._stop.wait(self._every):
            try:
                self._peak_rss = max(self._peak_rss, self._proc.memory_info().rss)
                self._peak_cpu = max(self._peak_cpu, self._proc.cpu_percent(None))
            except psutil.Error:
                return

    def stop(self) -> Usage:
        self._stop.set()
        self._thread.join(timeout=2)
        wall = time.perf_counter() - self._begin
        if not self._proc:
            return Usage(None, None, None, wall, None)
        try:
            times = self._proc.cpu_times()
            cpu = times.user + times.system - self._cpu0
            self._peak_rss = max(self._peak_rss, self._proc.memory_info().rss)
        except psutil.Error:
            cpu = None
        hwm = _peak_kb(self._proc.pid)
        peak = hwm / 1024 if hwm else self._peak_rss / 2**20
        return Usage(peak, self._start_rss / 2**20, cpu, wall, self._peak_cpu)

"""Where a load run may go: 127.0.0.1 only.

A load run must never reach a machine it was not meant for, such as the council's live
intranet: ``check_host`` refuses every host but 127.0.0.1 (not even "localhost", which may
resolve elsewhere), and ``check_url`` every URL but http://127.0.0.1:PORT. The command checks
before it starts anything, and every visit checks again before it connects.
"""
from __future__ import annotations

from urllib.parse import urlsplit

ALLOWED_HOST = "127.0.0.1"


class RefusedHost(ValueError):
    """A host other than 127.0.0.1 was asked for."""


def check_host(host: str | None) -> str:
    """``host`` if it is 127.0.0.1; otherwise refuse, saying why."""
    if host != ALLOWED_HOST:
        raise RefusedHost(f"refused host {host!r}: the load harness only targets {ALLOWED_HOST}")
    return host


def check_url(url: str) -> str:
    """``url`` (http://127.0.0.1:PORT) without a trailing slash, or refuse it."""
    parts = urlsplit(url)
    if parts.scheme != "http":
        raise RefusedHost(f"refused {url!r}: only http://{ALLOWED_HOST}:PORT")
    check_host(parts.hostname)
    if parts.port is None:
        raise RefusedHost(f"refused {url!r}: give the port")
    return f"http://{ALLOWED_HOST}:{parts.port}"

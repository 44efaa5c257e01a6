"""The one way a page offers a download: ``offer`` draws the button only for a viewer whose roles may
have that kind of download (config/roles.toml [downloads], settings/roles.py ``may_download``).

Each button's key starts ``download-<kind>``, so a test can tell which kind every button it finds is
(tests/app/test_role_reach.py: each role finds exactly its kinds). A kind not declared raises: a
download nobody configured is never offered.

Pressing a button does not rerun the page (``on_click="ignore"``) unless the caller gives its own
``on_click`` (the original's download records a line of the audit trail). A rerun is wasted work when
hundreds open a page at once, and it races a file made on the press: the rerun drops the callable
the press asked for, and the press then fails with "Failed to generate file for download".
"""
from __future__ import annotations

import re

import streamlit as st

from settings.roles import may_download
from ui.auth import viewer

KEY = re.compile(r"download-([a-z_]+)(?:-|$)")


def offer(kind: str, label: str, data, file_name: str, mime: str, *, where=None, key: str | None = None,
          **options) -> bool:
    """A download button of ``kind`` in ``where`` (default: the page) if the viewer may have it; whether
    it was drawn. ``key`` tells apart buttons of one kind on a page; ``options`` go to the button."""
    if not may_download(kind, viewer().roles):
        return False
    options.setdefault("on_click", "ignore")
    (where or st).download_button(label, data, file_name=file_name, mime=mime,
                                  key=f"download-{kind}" + (f"-{key}" if key else ""), **options)
    return True


def kind_of(key: str | None) -> str | None:
    """The kind of a button drawn by ``offer``, read from its key (None for any other)."""
    found = KEY.match(key or "")
    return found.group(1) if found else None

"""The axe allowlist stays narrow: every entry names a rule, a reason, and a selector anchored
on a Streamlit-internal hook (a data-testid starting with "st" or Streamlit's floating-ui
portal), never on anything a page of the app draws. Runs without a browser."""
from __future__ import annotations

import re

from tests.browser.axe_check import load_allowlist

STREAMLIT_HOOK = re.compile(r'data-testid="st[A-Z]')


def test_every_entry_is_anchored_on_a_streamlit_hook_with_a_reason():
    entries = load_allowlist()
    assert entries, "the allowlist file is read"
    for entry in entries:
        assert STREAMLIT_HOOK.search(entry.selector), entry
        assert len(entry.reason) > 40, entry
        # a selector may be scoped (body:has(...)) but never start from a bare, app-wide element
        assert not entry.selector.strip().startswith(("*", "body ", "html", "div", "main")), entry


def test_no_rule_is_allowlisted_wholesale():
    for entry in load_allowlist():
        assert entry.selector.strip() not in ("", "*", "[data-testid]"), entry

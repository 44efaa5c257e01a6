"""axe-core in the browser suite: every finding at every impact level fails, unless it is
inside Streamlit's own DOM and listed in ``config/axe_allowlist.toml`` with its reason (the accessibility
statement lists the same entries).

An allowlist entry is a rule id plus a CSS selector; it matches a flagged node when the
node, or one of its ancestors, matches the selector in the live page (``Element.closest``),
so the check runs in the same state axe scanned. Every allowlisted finding is recorded
in ``ALLOWED_REPORT`` and printed at the end of every run, with the entries that matched
nothing (a stale entry should be removed).
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from axe_playwright_python.sync_playwright import Axe

ALLOWLIST_FILE = Path(__file__).resolve().parents[2] / "config" / "axe_allowlist.toml"

#: allowlist entry -> where it matched in this run ("/page state"), in order.
ALLOWED_REPORT: dict = {}

AXE = Axe()

_NODE_MATCHES = """([target, selectors]) => {
    const node = document.querySelector(target);
    if (node === null) return -1;
    return selectors.findIndex(selector => node.closest(selector) !== null);
}"""


@dataclass(frozen=True)
class Allowed:
    rule: str
    selector: str
    reason: str


def load_allowlist(path: Path = ALLOWLIST_FILE) -> list[Allowed]:
    """The allowlist entries; each must name a rule, a selector and a reason."""
    with path.open("rb") as handle:
        entries = tomllib.load(handle).get("allow", [])
    allowed = [Allowed(e.get("rule", ""), e.get("selector", ""), " ".join(e.get("reason", "").split()))
               for e in entries]
    incomplete = [a for a in allowed if not (a.rule and a.selector and a.reason)]
    if incomplete:
        raise ValueError(f"allowlist entries need rule, selector and reason: {incomplete}")
    return allowed


ALLOWLIST = load_allowlist()


def run_axe(page) -> list[dict]:
    """axe-core's violations on the page as it is now (every rule axe runs by default)."""
    return AXE.run(page, options={"resultTypes": ["violations"]}).response["violations"]


def allowed_entry(page, finding: dict, node: dict) -> Allowed | None:
    """The allowlist entry covering this flagged node, if any (never inside frames or shadow roots)."""
    entries = [a for a in ALLOWLIST if a.rule == finding["id"]]
    target = node.get("target") or []
    if not entries or len(target) != 1 or not isinstance(target[0], str):
        return None
    index = page.evaluate(_NODE_MATCHES, [target[0], [a.selector for a in entries]])
    return entries[index] if index >= 0 else None


def describe(finding: dict, node: dict) -> str:
    return (f"[{finding['impact']}] {finding['id']}: {finding['help']} at {node.get('target')} "
            f"{node.get('html', '')[:160]}")


def scan(page, where: str) -> list[str]:
    """Run axe; return one line per failing node. Allowlisted nodes go to ``ALLOWED_REPORT``."""
    failures = []
    for finding in run_axe(page):
        for node in finding["nodes"]:
            entry = allowed_entry(page, finding, node)
            if entry is None:
                failures.append(f"{where}: {describe(finding, node)}")
            else:
                ALLOWED_REPORT.setdefault(entry, [])
                if where not in ALLOWED_REPORT[entry]:
                    ALLOWED_REPORT[entry].append(where)
    return failures


def summary_lines() -> list[str]:
    """What the terminal summary prints: each allowlist entry that matched, its reason and
    where it matched; then the entries that matched nothing (after any scan ran)."""
    lines = []
    for entry, places in ALLOWED_REPORT.items():
        lines += [f"{entry.rule} at {entry.selector}", f"    why: {entry.reason}",
                  f"    matched in {len(places)} scans: {', '.join(places)}"]
    if ALLOWED_REPORT:
        lines += [f"allowlist entry matched nothing in this run: {a.rule} at {a.selector}"
                  for a in ALLOWLIST if a not in ALLOWED_REPORT]
    return lines

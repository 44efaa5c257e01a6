"""The accessibility statement, composed from config/accessibility.toml (the authority's
details, the last test and the known problems), config/axe_allowlist.toml (the findings
inside the page frame that the automated checks allow, each with its words for the public)
and config/accessibility_statement.md (the wording of GOV.UK's model statement). It is
written for the people who use the site: what they can and cannot do and what to do
instead, in plain words; no rule ids, markup or tool internals. Every date is one the
configuration records (prepared, reviewed, tested), never the clock. Each authority edits
the files, not code."""
from __future__ import annotations

import tomllib
from collections.abc import Sequence

import pandas as pd

from settings.config import CONFIG_DIR


def _day(value: str) -> str:
    stamp = pd.Timestamp(value)
    return f"{stamp.day} {stamp:%B %Y}"


def known_issues(config: dict) -> list[dict[str, str]]:
    """The known problems: what, the WCAG criterion, what to use instead, and the plan."""
    return list(config.get("known_issue", []))


def frame_notes(pages: Sequence[str] | None = None) -> list[str]:
    """What the automated checks allow inside the page frame (config/axe_allowlist.toml), in
    the public's words, once each, keeping only entries that concern one of ``pages`` (url
    paths; None: every page)."""
    config = tomllib.loads((CONFIG_DIR / "axe_allowlist.toml").read_text(encoding="utf-8"))
    notes = []
    for entry in config.get("allow", []):
        if "public" not in entry:
            raise ValueError(f"config/axe_allowlist.toml: the entry for {entry.get('rule')!r} has no public words")
        concerns = entry.get("pages")
        if pages is not None and concerns is not None and not set(concerns) & set(pages):
            continue
        notes.append(" ".join(entry["public"].split()))
    return list(dict.fromkeys(notes))


def _issue(issue: dict[str, str]) -> str:
    """What, the criterion it fails (when it is one: a problem not yet tested says so itself),
    what to use instead and the plan, as one paragraph."""
    criterion = issue["criterion"]
    fails = f"This fails WCAG 2.2 success criterion {criterion}." if criterion[0].isdigit() else ""
    return " ".join(part for part in (issue["what"], fails, issue["instead"], issue.get("plan", "")) if part)


def _listed(items: Sequence[str], none: str) -> str:
    return "\n".join(f"- {item}" for item in items) or f"- {none}"


def _joined(names: Sequence[str]) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def accessibility_statement(organisation: str, pages: Sequence[tuple[str, str]] = ()) -> str:
    """The whole statement as Markdown, every placeholder filled. ``pages`` are the published
    edition's pages as (url path, title), so the statement names them and says only what
    concerns them; without them it covers every page."""
    config = tomllib.loads((CONFIG_DIR / "accessibility.toml").read_text(encoding="utf-8"))
    template = (CONFIG_DIR / "accessibility_statement.md").read_text(encoding="utf-8")
    issues, testing = known_issues(config), config["testing"]
    fields = dict(config["statement"])
    fields.update({key: _day(fields[key]) for key in ("prepared", "reviewed")})
    fields["organisation"] = organisation or "the authority that runs this dashboard"
    fields["pages"] = (f"its pages {_joined([title for _, title in pages])}" if pages
                       else "every page of the dashboard")
    fields["known_issues_short"] = _listed([i["what"] for i in issues], "none known")
    fields["not_tested"] = " ".join(testing["not_tested"].split())
    fields["known_issues_long"] = "\n\n".join(_issue(i) for i in issues) or "None known."
    fields["frame_notes"] = _listed(frame_notes([path for path, _ in pages] if pages else None), "none")
    fields.update(tested=_day(testing["date"]), tested_by=testing["by"], tested_scope=" ".join(testing["scope"].split()),
                  tested_how=_listed(testing["how"], "not recorded"), repeat=" ".join(testing["repeat"].split()))
    return template.format(**fields)

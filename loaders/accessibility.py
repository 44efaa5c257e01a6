"""The accessibility statement, composed from config/accessibility.toml (the authority's
details and the known limits) and config/accessibility_statement.md (the model wording of
the 2018 regulations' statement). Each authority edits the two files, not code."""
from __future__ import annotations

import tomllib

import pandas as pd

from .settings import CONFIG_DIR


def _day(value: str) -> str:
    stamp = pd.Timestamp(value)
    return f"{stamp.day} {stamp:%B %Y}"


def known_issues(config: dict) -> list[dict[str, str]]:
    """The known limits: what, the WCAG criterion, and what to use instead."""
    return list(config.get("known_issue", []))


def accessibility_statement(organisation: str) -> str:
    """The whole statement as Markdown, every placeholder filled."""
    config = tomllib.loads((CONFIG_DIR / "accessibility.toml").read_text(encoding="utf-8"))
    template = (CONFIG_DIR / "accessibility_statement.md").read_text(encoding="utf-8")
    issues = known_issues(config)
    fields = dict(config["statement"])
    fields.update({key: _day(fields[key]) for key in ("prepared", "reviewed", "tested")})
    fields["organisation"] = organisation or "the authority that runs this dashboard"
    fields["known_issues_short"] = "\n".join(f"- {i['what']}" for i in issues) or "- none known"
    fields["known_issues_long"] = "\n\n".join(
        f"{i['what']} This fails WCAG 2.2 success criterion {i['criterion']}. Instead: {i['instead']}"
        if i["criterion"][0].isdigit() else f"{i['what']} ({i['criterion']}.) Instead: {i['instead']}"
        for i in issues) or "None known."
    return template.format(**fields)

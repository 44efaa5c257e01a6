"""The accessibility statement, composed from config/accessibility.toml (the authority's
details and the known limits), config/axe_allowlist.toml (the findings inside Streamlit's
own components that the automated checks allow) and config/accessibility_statement.md
(the model wording of the 2018 regulations' statement). Each authority edits the files,
not code."""
from __future__ import annotations

import re
import tomllib

import pandas as pd

from settings.config import CONFIG_DIR


def _day(value: str) -> str:
    stamp = pd.Timestamp(value)
    return f"{stamp.day} {stamp:%B %Y}"


def known_issues(config: dict) -> list[dict[str, str]]:
    """The known limits: what, the WCAG criterion, and what to use instead."""
    return list(config.get("known_issue", []))


def streamlit_findings() -> list[dict[str, str]]:
    """The automated checks' allowlist (config/axe_allowlist.toml): findings inside Streamlit's
    own components that the app cannot change, each with its reason."""
    config = tomllib.loads((CONFIG_DIR / "axe_allowlist.toml").read_text(encoding="utf-8"))
    return [{"rule": e["rule"], "reason": _code(" ".join(e["reason"].split()))} for e in config.get("allow", [])]


def _code(text: str) -> str:
    """Markup named in a reason (``<body>``) shown as code, not swallowed as HTML."""
    return re.sub(r"<[^<>]+>", lambda match: f"`{match.group(0)}`", text)


def accessibility_statement(organisation: str) -> str:
    """The whole statement as Markdown, every placeholder filled."""
    config = tomllib.loads((CONFIG_DIR / "accessibility.toml").read_text(encoding="utf-8"))
    template = (CONFIG_DIR / "accessibility_statement.md").read_text(encoding="utf-8")
    issues = known_issues(config)
    fields = dict(config["statement"])
    fields.update({key: _day(fields[key]) for key in ("prepared", "reviewed", "tested")})
    fields["organisation"] = organisation or "the authority that runs this dashboard"
    fields["known_issues_short"] = "\n".join(f"- {i['what']}" for i in issues) or "- none known"
    fields["streamlit_findings"] = "\n".join(f"- axe rule '{f['rule']}': {f['reason']}"
                                             for f in streamlit_findings()) or "- none"
    fields["known_issues_long"] = "\n\n".join(
        f"{i['what']} This fails WCAG 2.2 success criterion {i['criterion']}. Instead: {i['instead']}"
        if i["criterion"][0].isdigit() else f"{i['what']} ({i['criterion']}.) Instead: {i['instead']}"
        for i in issues) or "None known."
    return template.format(**fields)

"""The survey analyses' configuration, read from config/settings.toml: which statements form
the engagement index and what it is called (``[engagement_index]``), and the key-driver
analysis' outcome, bootstrap size, seed and minimum number of respondents
(``[key_drivers]``). Configuration is data: no statement id or count lives in code."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EngagementIndexSpec:
    """The statements an engagement index averages, for one audience, and the measure's name."""

    audience: str
    name: str
    questions: tuple[str, ...]


@dataclass(frozen=True)
class KeyDriverSpec:
    """The outcome statement of a key-driver analysis and how its intervals are made."""

    audience: str
    outcome: str
    resamples: int
    seed: int
    min_respondents: int


def engagement_index_spec(raw: dict) -> EngagementIndexSpec:
    """``[engagement_index]`` of the settings file (no section: no index, no statements)."""
    section = raw.get("engagement_index", {})
    questions = tuple(str(q) for q in section.get("questions", ()))
    if not all(questions) or len(set(questions)) != len(questions):
        raise ValueError("config/settings.toml [engagement_index] questions: list each question id once, "
                         "e.g. questions = [\"STAFF-PROUD\", \"STAFF-OPTIMISM\"]")
    return EngagementIndexSpec(str(section.get("audience", "staff")),
                               str(section.get("name", "Engagement index (People Survey method): 0-100")),
                               questions)


def key_driver_spec(raw: dict) -> KeyDriverSpec:
    """``[key_drivers]`` of the settings file."""
    section = raw.get("key_drivers", {})
    resamples, minimum = int(section.get("resamples", 1000)), int(section.get("min_respondents", 50))
    if resamples < 100 or minimum < 1:
        raise ValueError("config/settings.toml [key_drivers]: resamples must be at least 100 and "
                         "min_respondents at least 1")
    return KeyDriverSpec(str(section.get("audience", "staff")), str(section.get("outcome", "")), resamples,
                         int(section.get("seed", 0)), minimum)

"""Everything a survey page publishes, composed in one place.

The Culture, Partnership and Staff results pages call these functions and draw what
they return; the differencing-attack test (tests/metrics/test_metrics_differencing_attack.py)
calls the same functions with the same arguments and tries to recover every hidden cell.
Every table here has been through ``metrics.disclosure`` already.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from metrics import group_results
from metrics.breakdowns import group_theme_table, statement_results
from metrics.headlines import question_changes
from metrics.questions import question_trend, theme_questions, wording_changes
from metrics.survey import question_lookup
from metrics.trends import theme_trend
from metrics.waves import audience_responses, wave_dates_of
from model.survey_counts import SurveyCounts
from settings.disclosure import DisclosurePolicy


@dataclass
class SurveyViews:
    """What a survey page shows for one audience and one wave."""

    wave_date: pd.Timestamp | None
    trend: pd.DataFrame                 # theme_trend: one series per theme, every wave
    moved: pd.DataFrame                 # question_changes: latest % positive, change, verdict
    groups: pd.DataFrame                # group_theme_table for the chosen wave
    themes: list[str] = field(default_factory=list)
    statements: pd.DataFrame | None = None   # statement_results for the chosen wave, every question


def wave_dates(counts: SurveyCounts, audience: str) -> list[pd.Timestamp]:
    """The audience's wave dates, latest first (the choices a page offers)."""
    return wave_dates_of(audience_responses(counts, audience))[::-1]


def survey_views(counts: SurveyCounts, codebook: pd.DataFrame, audience: str, policy: DisclosurePolicy,
                 confidence: float = 0.95, wave_date: pd.Timestamp | None = None) -> SurveyViews:
    """The trend, the questions that moved, the group x theme table and the statements of
    ``wave_date`` (default: the latest wave) for one audience."""
    subset = audience_responses(counts, audience)
    dates = wave_dates(subset, audience)
    if not dates:
        empty = pd.DataFrame()
        return SurveyViews(None, empty, empty, empty)
    chosen = pd.Timestamp(wave_date) if wave_date is not None else dates[0]
    wave = subset.where(wave_date=chosen)
    asked = question_lookup(codebook)
    asked = asked[asked["question_id"].isin(wave.answers["question_id"].unique())].dropna(subset=["theme"])
    sizes = asked.groupby("theme")["question_id"].nunique()
    themes = sorted(sizes.index, key=lambda t: (-sizes[t], t))   # the audience's main theme first
    return SurveyViews(
        wave_date=chosen,
        trend=theme_trend(counts, codebook, audience, policy, confidence=confidence),
        moved=question_changes(counts, codebook, audience, policy, confidence),
        groups=group_theme_table(wave, codebook, policy),
        themes=themes,
        statements=statement_results(wave, codebook, policy),
    )


def wave_groups(counts: SurveyCounts, codebook: pd.DataFrame, audience: str, policy: DisclosurePolicy,
                wave_date: pd.Timestamp) -> pd.DataFrame:
    """The group x theme table of one wave: ``survey_views(..., wave_date=...).groups`` alone,
    without the trend and changes a page already has."""
    subset = audience_responses(counts, audience)
    return group_theme_table(subset.where(wave_date=pd.Timestamp(wave_date)), codebook, policy)


def theme_drill(counts: SurveyCounts, codebook: pd.DataFrame, audience: str, theme: str,
                wave_date: pd.Timestamp, policy: DisclosurePolicy) -> pd.DataFrame:
    """The answer distribution of each question of ``theme`` in one wave (statement_results)."""
    subset = audience_responses(counts, audience)
    return theme_questions(subset.where(wave_date=pd.Timestamp(wave_date)), codebook, theme, policy)


def question_history(counts: SurveyCounts, codebook: pd.DataFrame, audience: str, question_id: str,
                     policy: DisclosurePolicy, confidence: float = 0.95) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One question's % positive per wave and where its wording changed."""
    subset = audience_responses(counts, audience)
    changes = wording_changes(subset)
    return (question_trend(counts, codebook, audience, question_id, policy, confidence),
            changes[changes["question_id"] == question_id])


@dataclass
class GroupViews:
    """What a survey page shows for one group (a directorate) of one audience in one wave."""

    group: str | None                   # None: the whole audience (all staff)
    wave_date: pd.Timestamp | None
    respondents: int | None             # who responded in the wave; None when hidden
    hidden_because: str | None          # why the group's results are hidden in the wave (None: shown)
    trend: pd.DataFrame = field(default_factory=pd.DataFrame)        # group_trend: every wave
    statements: pd.DataFrame = field(default_factory=pd.DataFrame)   # group_statements of the wave


def group_choices(counts: SurveyCounts, audience: str) -> list[str]:
    """The groups a page offers for one audience (any wave), sorted."""
    return group_results.group_choices(audience_responses(counts, audience))


def group_tables(counts: SurveyCounts, codebook: pd.DataFrame, audience: str,
                 policy: DisclosurePolicy) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What every group's view of one audience is read from, every wave: the group x theme
    table and who responded per group (``group_results.group_people``). The same for every
    group, so a page computes it once and passes it to ``group_views``."""
    subset = audience_responses(counts, audience)
    themes = group_theme_table(subset, codebook, policy)
    return themes, group_results.group_people(subset, codebook, policy, themes=themes)


def group_views(counts: SurveyCounts, codebook: pd.DataFrame, audience: str, group: str | None,
                policy: DisclosurePolicy, confidence: float = 0.95, wave_date: pd.Timestamp | None = None,
                themes: pd.DataFrame | None = None, people: pd.DataFrame | None = None) -> GroupViews:
    """One group's head count, theme trend and statements of ``wave_date`` (default: the
    latest wave); with ``group`` None, the whole audience's head count only (the pages' own
    views are the rest). ``themes`` and ``people``: ``group_tables`` of the same counts, when
    the caller has them. Every figure is one the unfiltered pages' rule allows
    (``metrics.group_results``)."""
    subset = audience_responses(counts, audience)
    dates = wave_dates(subset, audience)
    if not dates:
        return GroupViews(group, None, None, policy.too_few("responses"))
    chosen = pd.Timestamp(wave_date) if wave_date is not None else dates[0]
    wave = subset.where(wave_date=chosen)
    if group is None:
        total = int(wave.people([])["respondents"].iloc[0]) if not wave.reach.empty else 0
        small = total < policy.min_size
        return GroupViews(None, chosen, None if small else total, policy.too_few("responses") if small else None)
    if themes is None or people is None:
        themes, people = group_tables(counts, codebook, audience, policy)
    reason = group_results.wave_reason(people, group, chosen, policy)
    mine = people[(people["group"] == group) & (people["wave_date"] == chosen)]["respondents"].dropna()
    return GroupViews(
        group=group, wave_date=chosen, respondents=None if reason or mine.empty else int(mine.iloc[0]),
        hidden_because=reason,
        trend=group_results.group_trend(subset, codebook, policy, group, confidence, themes=themes, people=people,
                                        audience=audience),
        statements=group_results.group_statements(wave, codebook, policy, group, people=people),
    )


def group_question_history(counts: SurveyCounts, codebook: pd.DataFrame, audience: str, group: str,
                           question_id: str, policy: DisclosurePolicy,
                           people: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One group's % positive on one question per wave, and where the question's wording
    changed (``people``: ``group_tables``' second table, when the caller has it)."""
    subset = audience_responses(counts, audience)
    changes = wording_changes(subset)
    return (group_results.group_question_trend(subset, codebook, policy, group, question_id, people=people),
            changes[changes["question_id"] == question_id])

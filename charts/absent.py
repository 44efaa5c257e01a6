"""What a block says, in words, when its data leaves it nothing to draw.

Each function looks at the table a block was given and returns the sentence to show
instead of a chart, or None when there is something to draw. The sentence is specific to
the block (an all-hidden wave, one wave only, a statement nobody answered, a survey with
no themes) and names the reporting threshold in the disclosure policy's words
(``DisclosurePolicy.too_few``), so a reader learns why, never a blank space or an empty
chart. The tables are read defensively: a missing column counts as nothing shown, and
extra columns are ignored.
"""
from __future__ import annotations

import pandas as pd

from settings.disclosure import DisclosurePolicy

REASON = "hidden_because"            # a table's column saying in words why a row is hidden


def _nothing_shown(frame: pd.DataFrame | None, column: str) -> bool:
    """True when ``frame`` has no ``column`` value to show (empty, no column, all missing)."""
    if frame is None or frame.empty or column not in frame:
        return True
    return bool(pd.to_numeric(frame[column], errors="coerce").isna().all())


def too_few(policy: DisclosurePolicy) -> str:
    return policy.too_few("answers")


def too_few_or_revealing(policy: DisclosurePolicy) -> str:
    """Why a figure from a table that gives no reason is hidden: either of the policy's reasons."""
    return f"{too_few(policy)}, or showing it could reveal a small group's answers"


def why_hidden(frame: pd.DataFrame | None, policy: DisclosurePolicy) -> str:
    """The reasons a table gives for its hidden rows (``hidden_because``), else the size rule."""
    if frame is not None and REASON in frame:
        said = [w for w in dict.fromkeys(frame[REASON].dropna().astype(str)) if w]
        if said:
            return ", or ".join(said)
    return too_few(policy)


def all_hidden(policy: DisclosurePolicy, why: str | None = None) -> str:
    """The whole wave is hidden (under the threshold, unless ``why`` says otherwise)."""
    return f"All results of this wave are hidden: {why or too_few(policy)}."


def no_earlier_wave() -> str:
    return "There is no earlier wave to compare with yet."


def no_themes() -> str:
    return ("None of this survey's statements is linked to a theme in the codebook yet, so there are no "
            "theme results to show.")


def trend_absent(trend: pd.DataFrame | None, policy: DisclosurePolicy) -> str | None:
    """A survey's theme scores over time."""
    if trend is None or trend.empty:
        return "No theme scores yet: no statement of this survey is linked to a theme in the codebook."
    if _nothing_shown(trend, "value"):
        return f"Every theme score so far is hidden, in every wave: {too_few_or_revealing(policy)}."
    return None


def moved_absent(moved: pd.DataFrame | None, waves: int, policy: DisclosurePolicy,
                 statements: pd.DataFrame | None = None) -> str | None:
    """The questions that moved since the previous wave (``statements``: the same wave's
    statements table, for the reasons its hidden rows give)."""
    if moved is None or moved.empty:
        return "No statements to compare yet."
    if _nothing_shown(moved, "pct_positive"):
        return all_hidden(policy, why_hidden(statements, policy))
    if waves < 2:
        return no_earlier_wave()
    if _nothing_shown(moved, "change"):
        return ("No statement can be compared with the previous wave: each was hidden in one of the two "
                f"waves ({too_few_or_revealing(policy)}), or was not asked in both.")
    return None


def groups_absent(groups: pd.DataFrame | None, group_label: str, wave: str, policy: DisclosurePolicy) -> str | None:
    """The group x theme table of one wave."""
    noun = group_label.lower()
    if groups is None or groups.empty:
        return f"There are no results by {noun} for {wave}."
    if _nothing_shown(groups, "score"):
        return (f"Every result by {noun} for {wave} is hidden: each group had {too_few(policy)}, or its "
                "result could be worked out from the others or reveal a small group's answers.")
    return None


def statements_absent(statements: pd.DataFrame | None, wave: str, policy: DisclosurePolicy) -> str | None:
    """The answers to every statement of one wave."""
    if statements is None or statements.empty:
        return f"No statement was answered on the agreement scale in {wave}."
    if _nothing_shown(statements, "pct_positive"):
        return all_hidden(policy, why_hidden(statements, policy))
    return None


def theme_absent(table: pd.DataFrame | None, theme: str, wave: str, policy: DisclosurePolicy) -> str | None:
    """The answers to one theme's statements in one wave."""
    if table is None or table.empty:
        return f"No {theme} statement was answered on the agreement scale in {wave}."
    if _nothing_shown(table, "pct_positive"):
        return f"No {theme} statement is shown for {wave}: {why_hidden(table, policy)}."
    return None


def question_absent(trend: pd.DataFrame | None, wording: str, policy: DisclosurePolicy) -> str | None:
    """One statement's % positive over time."""
    if trend is None or trend.empty:
        return f"Nobody has answered “{wording}” on the agreement scale yet."
    if _nothing_shown(trend, "value"):
        return f"“{wording}” is hidden in every wave so far ({too_few_or_revealing(policy)}), so no figure is shown."
    return None


def hidden_latest(trend: pd.DataFrame | None, series: str, latest: pd.Timestamp,
                  policy: DisclosurePolicy) -> str | None:
    """A series whose figure at the latest wave is hidden (its earlier figures may not be),
    with the reason its row gives (``hidden_because``) when the trend has one."""
    if trend is None or trend.empty or not {"series", "date", "value"} <= set(trend.columns):
        return None
    now = trend[(trend["series"] == series) & (pd.to_datetime(trend["date"]) == pd.Timestamp(latest))]
    if now.empty or not _nothing_shown(now, "value"):
        return None
    why = why_hidden(now, policy) if REASON in now else too_few_or_revealing(policy)
    return f"No figure for {pd.Timestamp(latest):%B %Y}: {why}."


def last_shown(trend: pd.DataFrame | None, series: str) -> str:
    """'The last figure shown was 41% in January 2023.' ('' when none was ever shown)."""
    if trend is None or trend.empty or not {"series", "date", "value"} <= set(trend.columns):
        return ""
    points = trend[trend["series"] == series].dropna(subset=["value"]).sort_values("date")
    if points.empty:
        return ""
    last = points.iloc[-1]
    return f"The last figure shown was {float(last['value']):.0f}% in {pd.Timestamp(last['date']):%B %Y}."


def index_absent(trend: pd.DataFrame | None, policy: DisclosurePolicy) -> str | None:
    """The engagement index over time."""
    if trend is None or trend.empty:
        return ("No engagement index yet: none of the statements config/settings.toml [engagement_index] lists "
                "was asked in this survey.")
    if _nothing_shown(trend, "value"):
        return f"The engagement index is hidden in every wave so far: {why_hidden(trend, policy)}."
    return None

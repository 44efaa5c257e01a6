"""One group's own results: a directorate's (or a partner organisation's) head count, its
% positive on each statement and its theme scores over time, as the Civil Service People
Survey and the NHS Staff Survey give each unit its own report.

Nothing here decides what may be shown; every figure is one the unfiltered pages' rule
already allows, taken from the same machinery:

- a statement's % positive is the group's fine cell as ``metrics.publishable`` decides it
  (too few answers, or hidden as a complement or for protection, says why);
- a theme score is the group's row of ``metrics.breakdowns.group_theme_table`` (the
  group x theme table of the Culture page), wave by wave;
- the head count (who responded) goes through ``metrics.disclosure.suppress_small_groups``
  with every group the group x theme table hides hidden too, so the organisation's total
  minus the directorates shown is always two or more groups of ``min_size`` people in all.

A group whose head count is hidden in a wave shows nothing for that wave, with the reason.
What a group's view never shows: a statement's number of answers, its % neutral or %
negative, or an interval around a statement's figure. The policy decides each statement's
cells on their own, so per-statement answer counts would give a hidden group's size away
by subtraction (and an interval gives its count away), and the protection level is applied
to % positive only (docs/disclosure.md).
"""
from __future__ import annotations

import pandas as pd

from model.survey_counts import SurveyCounts
from metrics.breakdowns import group_theme_table, statement_results
from metrics.disclosure import suppress_small_groups
from metrics.publishable import COMPLEMENT, NOT_STATED, SMALL, publishable, reason_text
from metrics.trends import with_interval
from settings.disclosure import DisclosurePolicy
from settings.labels import survey_measure

PEOPLE_COLUMNS = ["audience", "wave", "wave_date", "group", "respondents", "suppressed", "hidden_because"]
STATEMENT_COLUMNS = ["question", "question_id", "pct_positive", "suppressed", "hidden_because", "all_staff",
                     "all_staff_hidden_because"]
TREND_COLUMNS = ["series", "date", "value", "lower", "upper", "n", "questions_used", "n_questions", "hidden_because"]


def group_choices(counts: SurveyCounts) -> list[str]:
    """The groups named in ``counts`` (one audience, any wave), sorted. Respondents who did
    not say are a group of the tables (NOT_STATED) but not a choice: it is nobody's own."""
    named = counts.reach["group"].dropna().astype(str)
    return sorted(g for g in named.unique() if g and g != NOT_STATED)


def group_people(counts: SurveyCounts, codebook: pd.DataFrame, policy: DisclosurePolicy,
                 themes: pd.DataFrame | None = None) -> pd.DataFrame:
    """Who responded, per wave and group, for one audience's counts: PEOPLE_COLUMNS;
    ``respondents`` is NA on a hidden row and ``hidden_because`` says why. Hidden: a group
    under ``min_size``, a group the group x theme table of the wave hides (``themes``: that
    table, computed when not given), and the complements that keeps the total safe."""
    named = counts.with_group(NOT_STATED)
    people = named.people(["audience", "wave", "wave_date", "group"])
    people = people[people["respondents"] > 0].reset_index(drop=True)
    if people.empty:
        return pd.DataFrame(columns=PEOPLE_COLUMNS)
    themes = group_theme_table(counts, codebook, policy) if themes is None else themes
    hidden_rows = themes[themes["suppressed"].astype(bool)]
    theme_reason = {(w, g): r for w, g, r in hidden_rows[["wave", "group", "hidden_because"]].itertuples(index=False)}
    forced = [(w, g) in theme_reason for w, g in zip(people["wave"], people["group"])]
    small = (people["respondents"] < policy.min_size).to_numpy()
    shown = suppress_small_groups(people, count="respondents", policy=policy, partition=["audience", "wave"],
                                  group="group", hidden=forced)
    why = [None if not hidden else policy.too_few("responses") if tiny
           else _theme_words(theme_reason.get((w, g)), policy) or reason_text(COMPLEMENT, policy)
           for hidden, tiny, w, g in zip(shown["suppressed"], small, shown["wave"], shown["group"])]
    shown["respondents"] = shown["respondents"].astype("Int64")
    shown["hidden_because"] = pd.array(why, dtype="string")
    return shown[PEOPLE_COLUMNS]


def _theme_words(reason: object, policy: DisclosurePolicy) -> str | None:
    """A group of ``min_size`` or more hidden for the group x theme table's reason: too few
    in one of its themes (else the table's own words)."""
    if reason is None or pd.isna(reason):
        return None
    small = policy.too_few("responses")
    return f"{small} in one of its themes" if reason == small else str(reason)


def wave_reason(people: pd.DataFrame, group: str, wave_date: pd.Timestamp, policy: DisclosurePolicy) -> str | None:
    """Why ``group``'s results are hidden in the wave of ``wave_date`` (None: they may be
    shown); a group with nobody in the wave has too few responses."""
    row = people[(people["group"] == group) & (pd.to_datetime(people["wave_date"]) == pd.Timestamp(wave_date))]
    if row.empty:
        return policy.too_few("responses")
    reason = row["hidden_because"].iloc[0]
    return None if pd.isna(reason) else str(reason)


def group_statements(counts: SurveyCounts, codebook: pd.DataFrame, policy: DisclosurePolicy, group: str,
                     people: pd.DataFrame | None = None) -> pd.DataFrame:
    """``group``'s % positive on each statement of the counts (one wave of one audience),
    beside the whole wave's (``all_staff``, as ``statement_results`` shows it, with its own
    reason when hidden): STATEMENT_COLUMNS, one row per statement of the wave, worded and
    ordered as ``statement_results``. A cell the policy hides, a statement the group did not
    answer, and every statement of a group whose head count is hidden (``people``:
    ``group_people`` of the counts) have no figure and say why."""
    whole = statement_results(counts, codebook, policy)
    if whole.empty:
        return pd.DataFrame(columns=STATEMENT_COLUMNS)
    people = group_people(counts, codebook, policy) if people is None else people
    dates = counts.answers["wave_date"].dropna().unique()
    blocked = wave_reason(people, group, dates[0], policy) if len(dates) == 1 else policy.too_few("responses")
    fine = publishable(counts, codebook, policy).fine
    mine = fine.loc[fine["group"] == group, ["question_id", "n", "positive", "shown", "reason"]]
    out = whole[["question", "question_id"]].merge(mine, on="question_id", how="left")
    shown = out["shown"].fillna(False).astype(bool).to_numpy() & (blocked is None)
    value = (out["positive"] / out["n"] * 100).astype("Float64").round(1)
    reasons = [None if ok else _cell_words(n, code, blocked, policy)
               for ok, n, code in zip(shown, out["n"], out["reason"])]
    return pd.DataFrame({
        "question": out["question"], "question_id": out["question_id"],
        "pct_positive": value.mask(~shown), "suppressed": ~shown,
        "hidden_because": pd.array(reasons, dtype="string"),
        "all_staff": whole["pct_positive"].astype("Float64").to_numpy(),
        "all_staff_hidden_because": whole["hidden_because"].astype("string").to_numpy(),
    })[STATEMENT_COLUMNS]


def _cell_words(n: object, code: object, blocked: str | None, policy: DisclosurePolicy) -> str:
    """Why a group's cell is not shown: too few answers to it (or to the whole group) first,
    then why the group is hidden in the wave (``blocked``), then the policy's reason."""
    if pd.isna(n) or n < policy.min_size:
        return blocked if blocked == policy.too_few("responses") else reason_text(SMALL, policy)
    return blocked or reason_text(code, policy)


def group_trend(counts: SurveyCounts, codebook: pd.DataFrame, policy: DisclosurePolicy, group: str,
                confidence: float = 0.95, themes: pd.DataFrame | None = None,
                people: pd.DataFrame | None = None, audience: str = "staff") -> pd.DataFrame:
    """``group``'s theme scores wave by wave (one audience's counts), in the shape of
    ``metrics.trends.theme_trend`` (series = the theme's measure, named for ``audience`` as
    everyone's is, date, value, lower, upper, n, questions_used, n_questions) plus
    ``hidden_because``: each figure is the group's row of
    the wave's group x theme table (``themes``, of every wave of the counts; computed when not
    given); a wave where the group's head count is hidden (``people``) keeps its row, blank."""
    themes = group_theme_table(counts, codebook, policy) if themes is None else themes
    people = group_people(counts, codebook, policy, themes=themes) if people is None else people
    dates = people[["wave", "wave_date"]].drop_duplicates()
    mine = themes[themes["group"] == group].merge(dates, on="wave", how="left")
    if mine.empty:
        return pd.DataFrame(columns=TREND_COLUMNS)
    blocked = [wave_reason(people, group, d, policy) for d in mine["wave_date"]]
    hide = pd.Series([b is not None for b in blocked], index=mine.index)
    mine = mine.assign(score=mine["score"].mask(hide), n_respondents=mine["n_respondents"].mask(hide),
                       questions_used=mine["questions_used"].mask(hide))
    mine = with_interval(mine, "score", "n_respondents", confidence)
    why = [b or (None if pd.notna(s) else r) for b, s, r in zip(blocked, mine["score"], mine["hidden_because"])]
    return pd.DataFrame({
        "series": [survey_measure(audience, t) for t in mine["theme"].astype(str)], "date": mine["wave_date"],
        "value": mine["score"].astype(float).round(1), "lower": mine["lower"], "upper": mine["upper"],
        "n": mine["n_respondents"], "questions_used": mine["questions_used"], "n_questions": mine["n_questions"],
        "hidden_because": pd.array(why, dtype="string"),
    }).sort_values(["series", "date"]).reset_index(drop=True)


def group_question_trend(counts: SurveyCounts, codebook: pd.DataFrame, policy: DisclosurePolicy, group: str,
                         question_id: str, people: pd.DataFrame | None = None) -> pd.DataFrame:
    """``group``'s % positive on one statement wave by wave (one audience's counts): series,
    date, value, hidden_because; no band and no count (module docstring). A wave where the
    group's cell or its head count is hidden keeps its row, blank, with the reason."""
    people = group_people(counts, codebook, policy) if people is None else people
    fine = publishable(counts.where(question_ids=[question_id]), codebook, policy).fine
    mine = fine[(fine["group"] == group) & (fine["question_id"] == question_id)].sort_values("wave_date")
    if mine.empty:
        return pd.DataFrame(columns=["series", "date", "value", "hidden_because"])
    blocked = [wave_reason(people, group, d, policy) for d in mine["wave_date"]]
    shown = mine["shown"].to_numpy(dtype=bool) & [b is None for b in blocked]
    value = (mine["positive"] / mine["n"] * 100).astype(float).round(1).where(shown)
    why = [None if ok else _cell_words(n, code, b, policy)
           for ok, n, code, b in zip(shown, mine["n"], mine["reason"], blocked)]
    return pd.DataFrame({"series": "% positive", "date": mine["wave_date"].to_numpy(), "value": value.to_numpy(),
                         "hidden_because": pd.array(why, dtype="string")})

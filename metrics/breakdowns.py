"""Results ready to publish, by group (directorate, partner organisation) and by statement:
every table goes through the disclosure policy (``metrics.publishable``) here, so no page
can skip it, and a theme score is the mean of the cells that may be shown only."""
from __future__ import annotations

import pandas as pd

from model.survey_counts import SurveyCounts
from metrics.disclosure import suppress_small_groups
from metrics.publishable import COMPLEMENT, NOT_STATED, SMALL, WHOLE_KEYS, blank_hidden, publishable, reason_text
from metrics.survey import percent_positive, question_lookup, theme_scores, with_flipped_notes
from settings.disclosure import DisclosurePolicy

__all__ = ["NOT_STATED", "group_theme_table", "statement_results", "whole_wave_reasons", "whole_wave_shown"]


def group_theme_table(counts: SurveyCounts, codebook: pd.DataFrame, policy: DisclosurePolicy) -> pd.DataFrame:
    """Theme score per group for the given counts (normally one wave), with small groups
    and their complements hidden. A group's score is the mean over the theme's statements
    whose cell for that group may be shown (``questions_used`` of ``n_questions``).
    Columns: wave, group, theme, n_respondents, score (0-100, 1 dp; NA when hidden or no
    statement of the theme may be shown for the group), questions_used, n_questions,
    statements ("11 of 12"), suppressed, hidden_because (why the score is not shown, in words)."""
    named = counts.with_group(NOT_STATED)
    cells = publishable(named, codebook, policy)
    scores = theme_scores(named, codebook, by=["audience", "wave", "group"], shown=cells.shown_fine())
    small = (scores["n_respondents"] < policy.min_size).to_numpy()
    shown = suppress_small_groups(scores, count="n_respondents", policy=policy,
                                  partition=["audience", "wave", "theme"], group="group")
    shown["score"] = shown["score"].astype("Float64").round(1)
    shown["statements"] = [pd.NA if pd.isna(u) else f"{int(u)} of {int(n)}"
                           for u, n in zip(shown["questions_used"], shown["n_questions"])]
    cells_why = _hidden_cells_reason(cells.fine, codebook)
    why = [cells_why.get((w, g, t)) for w, g, t in zip(shown["wave"], shown["group"], shown["theme"])]
    shown["hidden_because"] = pd.array([_group_reason(h, s, score, c, policy) for h, s, score, c in
                                        zip(shown["suppressed"], small, shown["score"], why)], dtype="string")
    return shown[["wave", "group", "theme", "n_respondents", "score", "questions_used", "n_questions", "statements",
                  "suppressed", "hidden_because"]]


def _group_reason(hidden: bool, small: bool, score: object, cells_reason: object,
                  policy: DisclosurePolicy) -> str | None:
    """Why a group's theme score is not shown, in words (None: it is); ``cells_reason``: the
    commonest reason its statements are hidden (``_hidden_cells_reason``)."""
    if hidden:
        return policy.too_few("responses") if small else reason_text(COMPLEMENT, policy)
    if pd.isna(score):
        return f"every statement of this theme is hidden for this group: {reason_text(cells_reason, policy)}"
    return None


def _hidden_cells_reason(fine: pd.DataFrame, codebook: pd.DataFrame) -> dict[tuple, str]:
    """(wave, group, theme) -> the commonest reason its hidden fine cells are hidden."""
    themes = question_lookup(codebook).set_index("question_id")["theme"]
    hidden = fine.loc[~fine["shown"], ["wave", "group", "question_id", "reason"]]
    hidden = hidden.assign(theme=hidden["question_id"].map(themes))
    counted = hidden.groupby(["wave", "group", "theme", "reason"], observed=True).size().reset_index(name="k")
    top = counted.sort_values("k", ascending=False, kind="stable").drop_duplicates(["wave", "group", "theme"])
    return {(w, g, t): r for w, g, t, r in top[["wave", "group", "theme", "reason"]].itertuples(index=False)}


def whole_wave_shown(table: pd.DataFrame, counts: SurveyCounts, codebook: pd.DataFrame,
                     policy: DisclosurePolicy) -> pd.Series:
    """For each row of a whole-wave table by question (WHOLE_KEYS columns among its own),
    whether it may be shown: the policy allows its cell and it has ``min_size`` respondents."""
    return whole_wave_reasons(table, counts, codebook, policy).isna()


def whole_wave_reasons(table: pd.DataFrame, counts: SurveyCounts, codebook: pd.DataFrame,
                       policy: DisclosurePolicy) -> pd.Series:
    """Why each row of a whole-wave table by question may not be shown, in words (NA: shown)."""
    whole = publishable(counts, codebook, policy).whole
    on = [c for c in WHOLE_KEYS if c in table.columns]
    merged = table[on].merge(whole[[*on, "shown", "reason"]], on=on, how="left")
    small = pd.to_numeric(table["n_respondents"], errors="coerce").fillna(0).to_numpy() < policy.min_size
    shown = merged["shown"].fillna(False).astype(bool).to_numpy() & ~small
    codes = merged["reason"].fillna(SMALL).astype(str).to_numpy()
    words = [None if ok else reason_text(SMALL if tiny else code, policy)
             for ok, tiny, code in zip(shown, small, codes)]
    return pd.Series(words, index=table.index, dtype="string")


def statement_results(counts: SurveyCounts, codebook: pd.DataFrame, policy: DisclosurePolicy) -> pd.DataFrame:
    """% positive / neutral / negative per statement for the given counts (normally one
    wave of one audience), labelled with the wave's wording (the most common, if a statement
    was worded two ways); a statement the policy hides (too few answers, or it would reveal
    a small group) has every figure blank; a negatively worded statement says what positive
    means for it (``with_flipped_notes``). Columns: question, question_id, n_respondents,
    pct_positive, pct_neutral, pct_negative (1 dp), suppressed, hidden_because (why, in words)."""
    keys = ["audience", "wave", "wave_date", "question_id"]
    table = percent_positive(counts, codebook, by=keys)
    reasons = whole_wave_reasons(table, counts, codebook, policy)
    shown = reasons.isna()
    table = table.merge(_wordings(counts), on=keys, how="left")
    table["question"] = table["question"].astype("string").fillna(table["question_id"].astype("string"))
    table = with_flipped_notes(table, codebook)
    figures = ["n_respondents", "pct_positive", "pct_neutral", "pct_negative"]
    table = blank_hidden(table, figures, shown)
    table["n_respondents"] = table["n_respondents"].astype("Int64")
    for column in ("pct_positive", "pct_neutral", "pct_negative"):
        table[column] = table[column].round(1)
    table["suppressed"] = ~shown.to_numpy()
    table["hidden_because"] = reasons.to_numpy()
    table = table.sort_values(["question", "wave_date"], kind="stable").reset_index(drop=True)
    return table[["question", "question_id", *figures, "suppressed", "hidden_because"]]


def _wordings(counts: SurveyCounts) -> pd.DataFrame:
    """The most common wording of each question in each wave: keys..., question."""
    keys = ["audience", "wave", "wave_date", "question_id"]
    worded = (counts.answers.dropna(subset=["question_text"])
              .groupby([*keys, "question_text"], observed=True)["n"].sum().reset_index()
              .sort_values([*keys, "n", "question_text"], ascending=[True] * len(keys) + [False, True]))
    return worded.drop_duplicates(keys).drop(columns="n").rename(columns={"question_text": "question"})

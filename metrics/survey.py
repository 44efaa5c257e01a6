"""Survey results: % positive, theme scores and an engagement-style index.

Computed on survey counts (``model.survey_counts.SurveyCounts``) and the canonical CODEBOOK
frame (``model.frames``), in the way the Civil Service People Survey publishes them
(DOMAIN.md section 1); only the engagement index needs respondent rows (SURVEY_RESPONSES):

- **% positive** is the share of Agree + Strongly agree among valid answers (answers on
  the 5-point AGREEMENT_SCALE); % neutral and % negative complete it to 100. For a
  negatively worded question (codebook ``negative``) the scale is flipped, so positive
  means Disagree + Strongly disagree.
- A **theme score** is the mean of the % positive of the theme's questions.
- The **index** scores each answer 0/25/50/75/100 (flipped for negative questions),
  averages per respondent, then averages over respondents.

Respondents are only unique within (audience, wave), so distinct respondents are counted
on that triple. Questions the codebook does not know get theme "unmapped", not negative.
No disclosure control happens here: pass the results through
``metrics.disclosure.suppress_small_groups`` before showing them.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa

from model.frames import AGREEMENT_SCALE
from model.survey_counts import REACH_KEYS, SurveyCounts, scale_positions
from settings.labels import flipped_note

#: The columns results are usually broken down by.
BY_COLUMNS: tuple[str, ...] = ("audience", "wave", "wave_date", "group", "question_id", "theme")
UNMAPPED_THEME = "unmapped"

_RESPONDENT = "_respondent_key"
_ALL = "_all"
_NEUTRAL_POSITION = 2  # "Neither agree nor disagree"
_POINTS_PER_STEP = 25.0


def question_lookup(codebook: pd.DataFrame) -> pd.DataFrame:
    """One row per question_id (theme, negative); a reworded id keeps its first non-missing values."""
    book = codebook.loc[codebook["question_id"].notna(), ["question_id", "theme", "negative"]]
    return book.groupby("question_id", sort=False).first().reset_index()


def flipped_notes(codebook: pd.DataFrame) -> dict[str, str]:
    """question_id -> what "positive" means, for each negatively worded question of the
    codebook: "positive = disagree, i.e. have not experienced it" from its ``positive_means``
    (the first a reworded id gives), "positive = disagree" without one (config/labels.toml
    [flipped]). A flipped statement says it wherever it is shown, so "87% positive" on "I
    have experienced bullying" never reads as 87% bullied."""
    negative = codebook["negative"].fillna(False).astype(bool) if "negative" in codebook else None
    if negative is None or not negative.any():
        return {}
    book = codebook.loc[negative & codebook["question_id"].notna()]
    means = book["positive_means"] if "positive_means" in book else pd.Series(pd.NA, index=book.index)
    said = means.where(means.astype("string").str.strip().fillna("") != "")
    first = said.groupby(book["question_id"].astype(str), sort=False).first()
    return {qid: flipped_note(first.get(qid)) for qid in dict.fromkeys(book["question_id"].astype(str))}


def with_flipped_notes(table: pd.DataFrame, codebook: pd.DataFrame, column: str = "question") -> pd.DataFrame:
    """``table`` with each negatively worded question's ``column`` (its wording) followed by
    what positive means for it: "… at work (positive = disagree, i.e. have not experienced it)"."""
    notes = flipped_notes(codebook)
    if not notes or table.empty:
        return table
    out = table.copy()
    ids = out["question_id"].astype("string")
    flipped = ids.isin(list(notes)).fillna(False).to_numpy(dtype=bool)
    out.loc[flipped, column] = [f"{text} ({notes[str(q)]})" for text, q in zip(out.loc[flipped, column],
                                                                                 ids[flipped])]
    return out


def scored_answers(responses: pd.DataFrame, codebook: pd.DataFrame) -> pd.DataFrame:
    """The valid answers of a respondent-level frame, one row each, scored (``_score``)
    with a respondent key unique across audiences and waves. Answers off the scale or
    missing are dropped. Only the engagement index needs respondent rows."""
    merged = _score(responses, codebook)
    merged[_RESPONDENT] = merged.groupby(["audience", "wave", "respondent"], dropna=False).ngroup()
    return merged


def scored_counts(counts: SurveyCounts, codebook: pd.DataFrame) -> pd.DataFrame:
    """The answer counts on the scale, scored (``_score``); ``n`` is each row's weight."""
    return _score(counts.answers, codebook)


def _score(answers: pd.DataFrame, codebook: pd.DataFrame) -> pd.DataFrame:
    """Valid answer rows with ``theme``, ``negative``, ``position`` (0..4 after flipping
    negative questions), ``points`` (0..100), ``is_positive``, ``is_neutral``, ``is_negative``."""
    lookup = question_lookup(codebook).set_index("question_id")
    answers = answers.drop(columns=["theme", "negative"], errors="ignore")
    raw_position = scale_positions(answers["answer"])
    valid = raw_position >= 0
    merged = (answers if valid.all() else answers.loc[valid]).reset_index(drop=True)
    raw_position = pd.Series(raw_position[valid], index=merged.index)
    merged["theme"] = _themes(merged["question_id"], lookup["theme"])
    merged["negative"] = _negatives(merged["question_id"], lookup["negative"])
    top = len(AGREEMENT_SCALE) - 1
    merged["position"] = raw_position.where(~merged["negative"], top - raw_position)
    merged["points"] = merged["position"] * _POINTS_PER_STEP
    merged["is_positive"] = merged["position"] > _NEUTRAL_POSITION
    merged["is_neutral"] = merged["position"] == _NEUTRAL_POSITION
    merged["is_negative"] = merged["position"] < _NEUTRAL_POSITION
    return merged


def _themes(question_id: pd.Series, themes: pd.Series) -> pd.Series:
    """Each row's theme (``themes`` indexed by question_id; UNMAPPED_THEME when unknown).

    Categorical ids are looked up once per distinct id and expanded through an Arrow
    dictionary, never joined row by row."""
    if not isinstance(question_id.dtype, pd.CategoricalDtype):
        return question_id.map(themes).astype("string").fillna(UNMAPPED_THEME)
    per_id = themes.reindex(question_id.cat.categories).astype("string").fillna(UNMAPPED_THEME).tolist()
    codes = question_id.cat.codes.to_numpy()
    index = np.where(codes >= 0, codes, len(per_id)).astype(np.int32)
    decoded = pa.DictionaryArray.from_arrays(pa.array(index), pa.array([*per_id, UNMAPPED_THEME], type=pa.string()))
    return pd.Series(pd.array(decoded.dictionary_decode(), dtype="string"), index=question_id.index)


def _negatives(question_id: pd.Series, negative: pd.Series) -> pd.Series:
    """Each row's ``negative`` flag (False when the question is unknown), as for _themes."""
    if not isinstance(question_id.dtype, pd.CategoricalDtype):
        return question_id.map(negative).astype("boolean").fillna(False).astype(bool)
    per_id = negative.reindex(question_id.cat.categories).astype("boolean").fillna(False).to_numpy(dtype=bool)
    codes = question_id.cat.codes.to_numpy()
    out = np.zeros(len(codes), dtype=bool)
    known = codes >= 0
    out[known] = per_id[codes[known]]
    return pd.Series(out, index=question_id.index)


def percent_positive(counts: SurveyCounts, codebook: pd.DataFrame, by: Sequence[str]) -> pd.DataFrame:
    """% positive, neutral and negative (0-100) per ``by`` group.

    Columns: by..., n_respondents (distinct respondents with a valid answer), n_answers,
    pct_positive, pct_neutral, pct_negative.
    """
    answers = scored_counts(counts, codebook)
    return _percentages(counts, answers, _check_by(by, answers), codebook)


def _percentages(counts: SurveyCounts, answers: pd.DataFrame, keys: list[str], codebook: pd.DataFrame,
                 respondents: bool = True) -> pd.DataFrame:
    weight = answers["n"].to_numpy(dtype=np.int64)
    work = answers[keys].assign(
        n_answers=weight, pct_positive=weight * answers["is_positive"].to_numpy(),
        pct_neutral=weight * answers["is_neutral"].to_numpy(), pct_negative=weight * answers["is_negative"].to_numpy())
    out = (work.assign(**{_ALL: 0}).groupby(keys or [_ALL], dropna=False, sort=True, observed=True)
           [["n_answers", "pct_positive", "pct_neutral", "pct_negative"]].sum().reset_index())
    if not keys:
        out = out.drop(columns=_ALL)
    for column in ("pct_positive", "pct_neutral", "pct_negative"):
        out[column] = out[column] / out["n_answers"] * 100.0
    if respondents:
        out.insert(len(keys), "n_respondents", _respondents(counts, out, keys, codebook))
    return out


def _respondents(counts: SurveyCounts, out: pd.DataFrame, keys: list[str], codebook: pd.DataFrame) -> np.ndarray:
    """Distinct respondents with a valid answer for each row of ``out`` (one row per ``keys``),
    from the reach table: per wording, per question, per theme, or over every question
    (a person who answered a statement asked in two columns is counted once)."""
    plain = [k for k in keys if k not in ("theme", "question_id", "question_text")]
    if unknown := [k for k in plain if k not in REACH_KEYS]:
        raise ValueError(f"cannot count respondents by {unknown}: group by {list(REACH_KEYS)}, theme or question")
    per = next((k for k in ("question_text", "question_id") if k in keys), None)
    if per is not None:                 # a wording's question, and a question's theme, follow from it
        reach = counts.answered_by(plain, per)
        keys = [*plain, per]
    elif "theme" in keys:
        reach = theme_respondents(counts, codebook, plain)
    else:
        reach = counts.respondents(plain)
    merged = out[keys].merge(reach, on=keys, how="left") if keys else reach
    return merged["n_respondents"].fillna(0).to_numpy(dtype=np.int64)


def theme_respondents(counts: SurveyCounts, codebook: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    """Distinct respondents per ``keys`` and theme who answered any of the theme's questions."""
    asked = pd.Series(counts.question_ids(), dtype="string")
    themes = _themes(asked, question_lookup(codebook).set_index("question_id")["theme"])
    return counts.answered_by(keys, "theme", dict(zip(asked, themes)))


def theme_scores(counts: SurveyCounts, codebook: pd.DataFrame, by: Sequence[str],
                 shown: pd.DataFrame | None = None) -> pd.DataFrame:
    """Theme score (mean % positive of the theme's questions) per ``by`` group and theme.

    "theme" is added to ``by`` when absent. With ``shown`` (the cells that may be published:
    some of the ``by`` columns and question_id, see ``metrics.publishable``), a score is the
    mean over those of its cells only; a hidden cell never enters it. Columns: by...,
    n_respondents (distinct respondents answering any of the theme's questions), score
    (0-100; NA when no cell of the theme may be shown), n_questions (questions answered),
    questions_used (questions the score is the mean of).
    """
    answers = scored_counts(counts, codebook)
    keys = _unique([*_check_by(by, answers), "theme"])
    per_question = _percentages(counts, answers, _unique([*keys, "question_id"]), codebook, respondents=False)
    per_question["_used"] = True
    if shown is not None:
        on = [c for c in shown.columns if c in per_question.columns]
        allowed = shown[on].drop_duplicates().assign(_allowed=True)
        per_question = per_question.drop(columns="_used").merge(allowed, on=on, how="left")
        per_question["_used"] = per_question.pop("_allowed").fillna(False).astype(bool)
    per_question["_used_pct"] = per_question["pct_positive"].where(per_question["_used"])
    per_question["_used_id"] = per_question["question_id"].where(per_question["_used"])
    scores = _aggregate(per_question, keys, score=("_used_pct", "mean"), n_questions=("question_id", "nunique"),
                        questions_used=("_used_id", "nunique"))
    scores.insert(len(keys), "n_respondents", _respondents(counts, scores, keys, codebook))
    return scores[[*keys, "n_respondents", "score", "n_questions", "questions_used"]]


def engagement_index(
    responses: pd.DataFrame,
    codebook: pd.DataFrame,
    by: Sequence[str],
    question_ids: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Index (0-100): answers scored 0/25/50/75/100, mean per respondent, then over respondents.

    Needs respondent rows (a per-person mean), not counts; the published index is computed
    from counts by ``metrics.engagement_index`` (this one is its oracle in tests). ``question_ids`` restricts the
    index to some questions (the People Survey uses five engagement questions); default
    all. Columns: by..., n_respondents, index.
    """
    if isinstance(responses, SurveyCounts):
        raise TypeError("the engagement index needs respondent rows, not counts")
    answers = scored_answers(responses, codebook)
    if question_ids is not None:
        answers = answers.loc[answers["question_id"].isin(list(question_ids))]
    keys = _check_by(by, answers)
    per_respondent = _aggregate(answers, [*keys, _RESPONDENT], points=("points", "mean"))
    return _aggregate(
        per_respondent, keys, n_respondents=(_RESPONDENT, "nunique"), index=("points", "mean")
    )


def _check_by(by: Sequence[str], answers: pd.DataFrame) -> list[str]:
    if isinstance(by, str):
        by = [by]
    keys = _unique(by)
    missing = [column for column in keys if column not in answers.columns]
    if missing:
        raise ValueError(f"cannot group by {missing}: not a survey column (use {BY_COLUMNS})")
    return keys


def _unique(columns: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(columns))


def _distinct_per_group(group: np.ndarray, values: np.ndarray, groups: int) -> np.ndarray:
    """Distinct non-negative integer ``values`` per group number: one hash pass over
    (group, value) pairs, not groupby.nunique's sort of millions of answer rows."""
    if not len(values):
        return np.zeros(groups, dtype=np.int64)
    span = np.int64(values.max()) + 1
    pairs = pd.unique(group.astype(np.int64) * span + values.astype(np.int64))
    return np.bincount(pairs // span, minlength=groups).astype(np.int64)


def _aggregate(frame: pd.DataFrame, keys: list[str], **named: tuple[str, str]) -> pd.DataFrame:
    """Named aggregation over ``keys`` (missing key values kept as a group; [] = one row)."""
    if not keys:
        frame = frame.assign(**{_ALL: 0})
    grouped = frame.groupby(keys or [_ALL], dropna=False, sort=True, observed=True)
    distinct = [name for name, (column, how) in named.items() if how == "nunique" and column == _RESPONDENT]
    others = {name: spec for name, spec in named.items() if name not in distinct}
    out = (grouped.agg(**others) if others else grouped.size().to_frame("_size")).reset_index()
    if distinct:
        counts = _distinct_per_group(grouped.ngroup().to_numpy(), frame[_RESPONDENT].to_numpy(), len(out))
        for name in distinct:
            out[name] = counts
        out = out[[*out.columns[:len(keys or [_ALL])], *named]]
    if not keys:
        out = out.drop(columns=_ALL)
    return out

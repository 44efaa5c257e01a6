"""Survey answers held as counts, not respondent rows: ``SurveyCounts``.

Why: a county council's staff survey has 100,000 respondents x 50 statements a wave, so
six waves are 30 million answer rows; loading them at every start and holding them in the
server took tens of seconds and gigabytes (issue 8). Every figure the app publishes needs
only two things, both small and both exact:

- ``answers`` (ANSWER_COUNTS): how many people in each group gave each answer to each
  question as worded in each wave: ``n`` per (audience, wave, wave_date, group,
  question_id, question_text, answer). Missing and off-scale answers are kept with answer
  NA, so the counts add up to the answer rows they replace.
- ``reach``: who answered what. One row per (audience, wave, wave_date, group) and
  *answering pattern* (the set of questions answered on the scale), with ``respondents``,
  the number of people who answered exactly those, and one boolean column per question
  (``ANSWERED`` + question id). The number of distinct people who answered at least one
  of any set of questions (a theme, a wave, one statement) is then a weighted sum, exact
  for any codebook, without a respondent row. Most people answer every statement, so a
  wave has a few thousand patterns, not 100,000 respondents.

``count_responses`` turns the canonical SURVEY_RESPONSES frame into counts; the store
keeps counts for each upload and the bundle gives pages only counts. Metrics accept
either form (``as_counts``).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .model import AGREEMENT_DTYPE, AGREEMENT_SCALE, conform, empty

ANSWER_COUNTS: dict[str, object] = {
    "audience": "string",
    "wave": "string",
    "wave_date": "datetime64[ns]",
    "group": "string",
    "question_id": "string",
    "question_text": "string",
    "answer": AGREEMENT_DTYPE,   # NA: missing or off the scale
    "n": "int64",                # answer rows (one per respondent and question)
}
REACH_KEYS: tuple[str, ...] = ("audience", "wave", "wave_date", "group")
RESPONDENTS = "respondents"
ANSWERED = "answered:"       # prefix of the reach table's per-question boolean columns


@dataclass(frozen=True, eq=False)
class SurveyCounts:
    """The answer counts and the reach table of some survey waves (module docstring)."""

    answers: pd.DataFrame
    reach: pd.DataFrame

    @property
    def empty(self) -> bool:
        return self.answers.empty and self.reach.empty

    def question_ids(self) -> list[str]:
        """The questions the reach table knows, in column order."""
        return [c[len(ANSWERED):] for c in self.reach.columns if c.startswith(ANSWERED)]

    def where(self, *, audience: str | None = None, wave_date: pd.Timestamp | None = None,
              until: pd.Timestamp | None = None, question_ids: Iterable[str] | None = None) -> SurveyCounts:
        """The counts of one audience, one wave date, waves up to ``until`` and/or some questions."""
        answers, reach = self.answers, self.reach
        for column, value in (("audience", audience), ("wave_date", wave_date)):
            if value is not None:
                answers = answers[answers[column] == value]
                reach = reach[reach[column] == value]
        if until is not None:
            answers = answers[answers["wave_date"] <= until]
            reach = reach[reach["wave_date"] <= until]
        if question_ids is not None:
            wanted = set(question_ids)
            answers = answers[answers["question_id"].isin(wanted)]
            reach = reach[[c for c in reach.columns if not c.startswith(ANSWERED) or c[len(ANSWERED):] in wanted]]
        return SurveyCounts(answers, reach)

    def with_group(self, missing: str) -> SurveyCounts:
        """The same counts with a missing group named ``missing``."""
        return SurveyCounts(self.answers.assign(group=self.answers["group"].fillna(missing)),
                            self.reach.assign(group=self.reach["group"].fillna(missing)))

    def respondents(self, keys: Sequence[str], question_ids: Iterable[str] | None = None) -> pd.DataFrame:
        """Distinct people per ``keys`` (reach columns) who answered at least one of
        ``question_ids`` (default: any question) on the scale: keys..., n_respondents.
        Combinations nobody answered are left out."""
        columns = [c for c in self.reach.columns if c.startswith(ANSWERED)]
        if question_ids is not None:
            wanted = {ANSWERED + q for q in question_ids}
            columns = [c for c in columns if c in wanted]
        hit = self.reach[columns].to_numpy(dtype=bool).any(axis=1) if columns else np.zeros(len(self.reach), bool)
        weights = np.where(hit, self.reach[RESPONDENTS].to_numpy(dtype=np.int64), 0)
        out = _weighted_sum(self.reach, keys, weights, "n_respondents")
        return out[out["n_respondents"] > 0].reset_index(drop=True)

    def question_respondents(self, keys: Sequence[str]) -> pd.DataFrame:
        """Distinct people per ``keys`` (reach columns) and question who answered it on the
        scale: keys..., question_id, n_respondents (combinations nobody answered left out)."""
        flags = [c for c in self.reach.columns if c.startswith(ANSWERED)]
        weights = self.reach[RESPONDENTS].to_numpy(dtype=np.int64)
        people = pd.DataFrame(self.reach[flags].to_numpy(dtype=bool) * weights[:, None],
                              columns=pd.Index([c[len(ANSWERED):] for c in flags], name="question_id"))
        by = [self.reach[k].reset_index(drop=True) for k in keys] or [pd.Series(0, index=people.index, name="_all")]
        summed = people.groupby(by, dropna=False, sort=True, observed=True).sum()
        out = summed.stack().rename("n_respondents").reset_index()
        out = out.drop(columns="_all", errors="ignore").astype({"question_id": "string"})
        return out[out["n_respondents"] > 0].reset_index(drop=True)

    def people(self, keys: Sequence[str]) -> pd.DataFrame:
        """Everyone who sent a response per ``keys``, answers on the scale or not: keys..., respondents."""
        return _weighted_sum(self.reach, keys, self.reach[RESPONDENTS].to_numpy(dtype=np.int64), RESPONDENTS)


def _weighted_sum(frame: pd.DataFrame, keys: Sequence[str], weights: np.ndarray, name: str) -> pd.DataFrame:
    keys = list(keys)
    work = frame[keys].assign(**{name: weights})
    if not keys:
        return pd.DataFrame({name: [int(weights.sum())]})
    return work.groupby(keys, dropna=False, sort=True, observed=True)[name].sum().reset_index()


def empty_counts() -> SurveyCounts:
    reach = empty({**{k: ANSWER_COUNTS[k] for k in REACH_KEYS}, RESPONDENTS: "int64"})
    return SurveyCounts(empty(ANSWER_COUNTS), reach)


def as_counts(responses: pd.DataFrame | SurveyCounts) -> SurveyCounts:
    """Counts as they are; a respondent-level SURVEY_RESPONSES frame counted."""
    return responses if isinstance(responses, SurveyCounts) else count_responses(responses)


def count_responses(responses: pd.DataFrame) -> SurveyCounts:
    """Counts of a SURVEY_RESPONSES frame (one row per respondent and question)."""
    if responses.empty:
        return empty_counts()
    valid = scale_positions(responses["answer"]) >= 0
    return SurveyCounts(_answer_counts(responses), _reach(responses, valid))


def scale_positions(answer: pd.Series) -> np.ndarray:
    """Position 0..4 of each answer on AGREEMENT_SCALE, -1 when off the scale or missing."""
    if answer.dtype == AGREEMENT_DTYPE:
        return answer.cat.codes.to_numpy()
    return pd.Categorical(answer, categories=list(AGREEMENT_SCALE)).codes


def _answer_counts(responses: pd.DataFrame) -> pd.DataFrame:
    keys = [c for c in ANSWER_COUNTS if c not in ("answer", "n")]
    return _tally(responses[keys].assign(_position=scale_positions(responses["answer"]), n=1))


def _tally(frame: pd.DataFrame) -> pd.DataFrame:
    """ANSWER_COUNTS from rows of its keys, ``_position`` (-1..4) and ``n``: summed, sorted."""
    keys = [c for c in ANSWER_COUNTS if c not in ("answer", "n")]
    out = frame.groupby([*keys, "_position"], dropna=False, sort=True, observed=True)["n"].sum().reset_index()
    out["answer"] = pd.Categorical.from_codes(out.pop("_position").to_numpy(), dtype=AGREEMENT_DTYPE)
    return conform(out, ANSWER_COUNTS)


def _reach(responses: pd.DataFrame, valid: np.ndarray) -> pd.DataFrame:
    """One row per group and answering pattern (module docstring)."""
    person = responses.groupby(["audience", "wave", "respondent"], dropna=False, sort=False,
                               observed=True).ngroup().to_numpy()
    question, ids = pd.factorize(responses["question_id"], use_na_sentinel=True)
    answered = np.zeros((person.max() + 1, len(ids)), dtype=bool)
    ok = valid & (question >= 0)
    answered[person[ok], question[ok]] = True
    first = pd.Series(np.arange(len(responses))).groupby(person).first().to_numpy()
    meta = responses.iloc[first][list(REACH_KEYS)].reset_index(drop=True)
    return patterns(meta, answered, [str(i) for i in ids])


def patterns(meta: pd.DataFrame, answered: np.ndarray, question_ids: list[str]) -> pd.DataFrame:
    """The reach table from one row per person: ``meta`` (REACH_KEYS) and ``answered``
    (people x questions, True = answered on the scale). Rows are sorted by REACH_KEYS, then
    by pattern, so the table does not depend on the order people came in."""
    group = meta.groupby(list(REACH_KEYS), dropna=False, sort=False, observed=True).ngroup().to_numpy()
    packed = np.packbits(answered, axis=1)
    keys = np.column_stack([group.astype(">u4").view(np.uint8).reshape(-1, 4), packed])
    code, _ = pd.factorize(np.fromiter(map(bytes, keys), dtype=object, count=len(keys)))
    first = np.full(code.max() + 1 if len(code) else 0, len(code))
    np.minimum.at(first, code, np.arange(len(code)))
    out = meta.iloc[first].reset_index(drop=True)
    out[RESPONDENTS] = np.bincount(code).astype(np.int64)
    out = conform(out, {**{k: ANSWER_COUNTS[k] for k in REACH_KEYS}, RESPONDENTS: "int64"})
    flags = pd.DataFrame(answered[first], columns=[ANSWERED + q for q in question_ids])
    bits = pd.Series([bytes(b) for b in packed[first]], name="_bits", dtype=object)
    out = pd.concat([out, flags, bits], axis=1).sort_values([*REACH_KEYS, "_bits"], kind="stable")
    return out.drop(columns="_bits").reset_index(drop=True)


def concat_counts(parts: Iterable[SurveyCounts]) -> SurveyCounts:
    """One SurveyCounts of several (waves, files); a question missing from a part was not answered there."""
    parts = [p for p in parts if not p.empty]
    if not parts:
        return empty_counts()
    answers = pd.concat([p.answers for p in parts], ignore_index=True)
    reach = pd.concat([p.reach for p in parts], ignore_index=True)
    flags = [c for c in reach.columns if c.startswith(ANSWERED)]
    reach[flags] = reach[flags].fillna(False).astype(bool)
    return SurveyCounts(conform(answers, ANSWER_COUNTS), reach)


def count_answer_columns(items: Sequence[tuple[str, str, np.ndarray, np.ndarray]], respondents: Sequence[str],
                         groups: np.ndarray, audience: str, wave: str, date: pd.Timestamp) -> SurveyCounts:
    """Counts of one wave straight from its answer columns, with no respondent-level frame:
    the same result as ``count_responses`` of the long frame a loader would build.

    ``items``: (question_id, wording, row positions answered, scale codes -1..4) per column,
    in column order; ``respondents`` and ``groups`` (object, None = not stated): per data row."""
    person, _ = pd.factorize(np.asarray(respondents, dtype=object))
    first = _first_rows(person, [positions for _, _, positions, _ in items])
    present = np.flatnonzero(first >= 0)
    slot = np.full(len(first), -1)
    slot[present] = np.arange(len(present))
    question_ids = list(dict.fromkeys(qid for qid, *_ in items))
    answered = np.zeros((len(present), len(question_ids)), dtype=bool)
    for qid, _, positions, codes in items:
        answered[slot[person[positions[codes >= 0]]], question_ids.index(qid)] = True
    meta = pd.DataFrame({"audience": audience, "wave": wave, "wave_date": date,
                         "group": pd.array(groups[first[present]], dtype="string")})
    reach = patterns(meta, answered, question_ids) if len(present) else empty_counts().reach
    return SurveyCounts(_column_answer_counts(items, groups, audience, wave, date), reach)


def _first_rows(person: np.ndarray, answered_rows: list[np.ndarray]) -> np.ndarray:
    """Per person, the data row of its first answer in column-then-row order (-1: no answer):
    the row ``count_responses`` takes the person's group from."""
    people = person.max() + 1 if len(person) else 0
    if people == len(person):              # one row per person (IDs unique): the row itself
        answered = np.zeros(len(person), dtype=bool)
        for positions in answered_rows:
            answered[positions] = True
        first = np.full(people, -1)
        first[person[answered]] = np.flatnonzero(answered)
        return first
    rows = np.concatenate(answered_rows) if answered_rows else np.empty(0, dtype=np.int64)
    order = np.concatenate([np.full(len(p), i, dtype=np.int64) for i, p in enumerate(answered_rows)]) \
        if answered_rows else np.empty(0, dtype=np.int64)
    span = np.int64(len(person) + 1)
    first = np.full(people, np.iinfo(np.int64).max)
    np.minimum.at(first, person[rows], order * span + rows)
    return np.where(first == np.iinfo(np.int64).max, -1, first % span)


def _column_answer_counts(items, groups: np.ndarray, audience: str, wave: str, date: pd.Timestamp) -> pd.DataFrame:
    """ANSWER_COUNTS of the columns: one bincount over (column, group, answer)."""
    if not items:
        return empty(ANSWER_COUNTS)
    group_code, group_names = pd.factorize(pd.Series(groups, dtype=object), use_na_sentinel=True)
    names = np.asarray([*group_names, None], dtype=object)          # the last slot: no group
    group_code = np.where(group_code < 0, len(group_names), group_code).astype(np.int64)
    width, slots = len(AGREEMENT_SCALE) + 1, len(names) * (len(AGREEMENT_SCALE) + 1)
    key = np.concatenate([i * slots + group_code[positions] * width + codes.astype(np.int64) + 1
                          for i, (_, _, positions, codes) in enumerate(items)])
    tally = np.bincount(key, minlength=len(items) * slots)
    hit = np.flatnonzero(tally)
    item, rest = hit // slots, hit % slots
    frame = pd.DataFrame({
        "audience": audience, "wave": wave, "wave_date": date,
        "group": pd.array(names[rest // width], dtype="string"),
        "question_id": pd.array(np.asarray([q for q, *_ in items], dtype=object)[item], dtype="string"),
        "question_text": pd.array(np.asarray([w for _, w, *_ in items], dtype=object)[item], dtype="string"),
        "_position": rest % width - 1, "n": tally[hit]}).astype({"audience": "string", "wave": "string"})
    return _tally(frame)

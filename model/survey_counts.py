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
  *answering pattern* (the set of statements answered on the scale), with ``respondents``,
  the number of people who answered exactly those, and one boolean column per question
  and wording (``flag(question_id, wording)``). The number of distinct people who
  answered at least one of any set of statements (a theme, a wave, one question, one
  wording) is then a weighted sum, for any codebook, without a respondent row. Most
  people answer every statement, so a wave has a few thousand patterns, not 100,000
  respondents.

- ``pairs`` (PAIR_COUNTS): which answers went together, for the whole wave (no group):
  how many people gave each answer (scale position 0..4) to one statement and each answer
  to another, per pair of statements (by question id) both answered on the scale. The
  key-driver analysis needs this joint view (``metrics.key_drivers``); it is 25 cells a
  pair, not respondent rows, and never carries a group, so it cannot single one out.

A person is a respondent ID within a group of a wave, as the respondent rows counted
them (distinct IDs per group); an ID on rows of two groups is a person in each, and the
loaders warn about repeated IDs.

``count_responses`` turns the canonical SURVEY_RESPONSES frame into counts, once, at the
boundary (a loader's result, a test's respondent rows); the store keeps counts for each
upload, the bundle gives pages only counts, and the survey metrics take counts only.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from threadpoolctl import threadpool_limits

from .frames import AGREEMENT_DTYPE, AGREEMENT_SCALE, conform, empty

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
#: Answer counts of versions of a wave published before the one in ``answers`` (a corrected
#: upload replaced them): ``version`` is the order they were published in, 0 first.
EARLIER_COUNTS: dict[str, object] = {**ANSWER_COUNTS, "version": "int64"}
#: Whole-wave joint answers of two statements (question_id < other_id): positions 0..4 on the scale.
PAIR_COUNTS: dict[str, object] = {
    "audience": "string", "wave": "string", "wave_date": "datetime64[ns]", "question_id": "string",
    "other_id": "string", "position": "int64", "other_position": "int64", "n": "int64",
}
REACH_KEYS: tuple[str, ...] = ("audience", "wave", "wave_date", "group")
RESPONDENTS = "respondents"
ANSWERED = "answered:"       # prefix of the reach table's boolean columns: flag(question_id, wording)
_SEP = "\x1f"               # between question id and wording in a flag's name
PAIR_BLOCK = 5_000           # people per one-hot block in pair_counts (5,000 x 50 questions x 5 positions: 5 MB)


def flag(question_id: str, wording: str) -> str:
    """The reach column saying who answered ``question_id`` worded ``wording`` on the scale."""
    return f"{ANSWERED}{question_id}{_SEP}{wording}"


@dataclass(frozen=True, eq=False)
class SurveyCounts:
    """The answer counts and the reach table of some survey waves (module docstring)."""

    answers: pd.DataFrame
    reach: pd.DataFrame
    #: EARLIER_COUNTS: what earlier published versions of these waves showed counts as
    #: published for good (``metrics.publishable`` keeps their hidden cells hidden).
    earlier: pd.DataFrame = field(default_factory=lambda: empty(EARLIER_COUNTS))
    #: PAIR_COUNTS: the whole waves' joint answers of each pair of statements (module docstring).
    pairs: pd.DataFrame = field(default_factory=lambda: empty(PAIR_COUNTS))

    @property
    def empty(self) -> bool:
        return self.answers.empty and self.reach.empty

    def flags(self) -> pd.DataFrame:
        """The reach table's flag columns: column, question_id, question_text (column order)."""
        columns = [c for c in self.reach.columns if c.startswith(ANSWERED)]
        parts = [c[len(ANSWERED):].partition(_SEP) for c in columns]
        return pd.DataFrame({"column": columns, "question_id": [q for q, _, _ in parts],
                             "question_text": [w for _, _, w in parts]})

    def question_ids(self) -> list[str]:
        """The questions the reach table knows, in column order."""
        return list(dict.fromkeys(self.flags()["question_id"]))

    def where(self, *, audience: str | None = None, wave_date: pd.Timestamp | None = None,
              until: pd.Timestamp | None = None, question_ids: Iterable[str] | None = None) -> SurveyCounts:
        """The counts of one audience, one wave date, waves up to ``until`` and/or some questions."""
        answers, reach, earlier, pairs = self.answers, self.reach, self.earlier, self.pairs
        waves = None
        for column, value in (("audience", audience), ("wave_date", wave_date)):
            if value is not None:
                answers = answers[answers[column] == value]
                reach = reach[reach[column] == value]
                pairs = pairs[pairs[column] == value]
        if until is not None:
            answers = answers[answers["wave_date"] <= until]
            reach = reach[reach["wave_date"] <= until]
            pairs = pairs[pairs["wave_date"] <= until]
        if wave_date is not None or until is not None:   # an earlier version may have had another date
            waves = set(zip(answers["audience"], answers["wave"]))
        if question_ids is not None:
            wanted = set(question_ids)
            answers = answers[answers["question_id"].isin(wanted)]
            earlier = earlier[earlier["question_id"].isin(wanted)]
            pairs = pairs[pairs["question_id"].isin(wanted) & pairs["other_id"].isin(wanted)]
            flags = self.flags()
            dropped = set(flags.loc[~flags["question_id"].isin(wanted), "column"])
            reach = reach[[c for c in reach.columns if c not in dropped]]
        if audience is not None:
            earlier = earlier[earlier["audience"] == audience]
        if waves is not None:
            earlier = earlier[np.array([k in waves for k in zip(earlier["audience"], earlier["wave"])], dtype=bool)]
        return SurveyCounts(answers, reach, earlier, pairs)

    def with_group(self, missing: str) -> SurveyCounts:
        """The same counts with a missing group named ``missing``."""
        return SurveyCounts(self.answers.assign(group=self.answers["group"].fillna(missing)),
                            self.reach.assign(group=self.reach["group"].fillna(missing)),
                            self.earlier.assign(group=self.earlier["group"].fillna(missing)), self.pairs)

    def with_earlier(self, versions: Sequence[SurveyCounts]) -> SurveyCounts:
        """These counts with ``versions`` (of the same waves, in publication order) as what was published before."""
        frames = [v.answers.assign(version=i) for i, v in enumerate(versions) if not v.answers.empty]
        earlier = conform(pd.concat(frames, ignore_index=True), EARLIER_COUNTS) if frames else empty(EARLIER_COUNTS)
        return SurveyCounts(self.answers, self.reach, earlier, self.pairs)

    def respondents(self, keys: Sequence[str], question_ids: Iterable[str] | None = None) -> pd.DataFrame:
        """Distinct people per ``keys`` (reach columns) who answered at least one of
        ``question_ids`` (default: any question) on the scale: keys..., n_respondents.
        Combinations nobody answered are left out."""
        flags = self.flags()
        if question_ids is not None:
            flags = flags[flags["question_id"].isin(set(question_ids))]
        hit = self.reach[list(flags["column"])].to_numpy(dtype=bool).any(axis=1)
        out = _weighted_sum(self.reach, keys, np.where(hit, self._weights(), 0), "n_respondents")
        return out[out["n_respondents"] > 0].reset_index(drop=True)

    def answered_by(self, keys: Sequence[str], per: str, labels: Mapping[str, str] | None = None) -> pd.DataFrame:
        """Distinct people per ``keys`` (reach columns) and ``per`` (question_id or
        question_text) who answered it on the scale, in any of its columns: keys..., per,
        n_respondents (combinations nobody answered left out). With ``labels`` (question id
        -> label, e.g. its theme), ``per`` names the label column and people are counted
        per label: answered any of its questions."""
        flags = self.flags()
        by_label = flags["question_id"].map(labels) if labels is not None else flags[per]
        codes, values = pd.factorize(by_label)
        matrix = self.reach[list(flags["column"])].to_numpy(dtype=bool)
        if len(values) < len(flags):           # asked in several columns: answered any of them
            merged = np.zeros((len(matrix), len(values)), dtype=bool)
            for column, code in enumerate(codes):
                if code >= 0:                  # a question without a label counts nowhere
                    merged[:, code] |= matrix[:, column]
            matrix = merged
        people = pd.DataFrame(matrix * self._weights()[:, None], columns=pd.Index(list(values), name=per))
        by = [self.reach[k].reset_index(drop=True) for k in keys] or [pd.Series(0, index=people.index, name="_all")]
        summed = people.groupby(by, dropna=False, sort=True, observed=True).sum()
        out = summed.stack().rename("n_respondents").reset_index().drop(columns="_all", errors="ignore")
        out[per] = out[per].astype("string")
        return out[out["n_respondents"] > 0].reset_index(drop=True)

    def _weights(self) -> np.ndarray:
        return self.reach[RESPONDENTS].to_numpy(dtype=np.int64)

    def people(self, keys: Sequence[str]) -> pd.DataFrame:
        """Everyone who sent a response per ``keys``, answers on the scale or not: keys..., respondents."""
        return _weighted_sum(self.reach, keys, self._weights(), RESPONDENTS)


def _weighted_sum(frame: pd.DataFrame, keys: Sequence[str], weights: np.ndarray, name: str) -> pd.DataFrame:
    keys = list(keys)
    work = frame[keys].assign(**{name: weights})
    if not keys:
        return pd.DataFrame({name: [int(weights.sum())]})
    return work.groupby(keys, dropna=False, sort=True, observed=True)[name].sum().reset_index()


def empty_counts() -> SurveyCounts:
    reach = empty({**{k: ANSWER_COUNTS[k] for k in REACH_KEYS}, RESPONDENTS: "int64"})
    return SurveyCounts(empty(ANSWER_COUNTS), reach)


def count_responses(responses: pd.DataFrame) -> SurveyCounts:
    """Counts of a SURVEY_RESPONSES frame (one row per respondent and question)."""
    if responses.empty:
        return empty_counts()
    valid = scale_positions(responses["answer"]) >= 0
    return SurveyCounts(_answer_counts(responses), _reach(responses, valid), pairs=_response_pairs(responses))


def pair_counts(positions: np.ndarray, question_ids: Sequence[str], audience: str, wave: str,
                date: pd.Timestamp) -> pd.DataFrame:
    """PAIR_COUNTS of one wave from a people x questions array of scale positions (-1: not answered).
    Every pair at once: each person's answers one-hot (a column per question and position), X.T @ X
    counts the people giving each two positions (exact in float32 to 2**24 people), block by block."""
    order = sorted(range(len(question_ids)), key=lambda i: question_ids[i])
    levels, count = len(AGREEMENT_SCALE), len(order)
    if count < 2:
        return empty(PAIR_COUNTS)
    joint = np.zeros((count * levels, count * levels), dtype=np.float32)
    columns = np.arange(count) * levels
    with threadpool_limits(limits=1, user_api="blas"):    # small products: BLAS threads only spin (4x the CPU)
        for start in range(0, len(positions), PAIR_BLOCK):
            block = positions[start:start + PAIR_BLOCK][:, order]
            person, question = np.nonzero(block >= 0)
            onehot = np.zeros((len(block), count * levels), dtype=np.float32)
            onehot[person, columns[question] + block[person, question]] = 1
            joint += onehot.T @ onehot
    first, second = np.triu_indices(count, 1)                      # (a, b) in the order of the ids
    tallies = joint.reshape(count, levels, count, levels)[first, :, second, :].reshape(len(first), levels * levels)
    pair, hit = np.nonzero(tallies)
    ids = np.asarray([question_ids[i] for i in order], dtype=object)
    frame = pd.DataFrame({"question_id": ids[first[pair]], "other_id": ids[second[pair]], "position": hit // levels,
                          "other_position": hit % levels, "n": tallies[pair, hit].astype(np.int64)})
    return conform(frame.assign(audience=audience, wave=wave, wave_date=date), PAIR_COUNTS)


def _response_pairs(responses: pd.DataFrame) -> pd.DataFrame:
    """PAIR_COUNTS of a respondent-level frame, wave by wave (a person: an ID within a group of a wave)."""
    position = scale_positions(responses["answer"])
    ok = (position >= 0) & responses["question_id"].notna().to_numpy()
    frame = responses.loc[ok, ["audience", "wave", "wave_date", "respondent", "group", "question_id"]].assign(
        _position=position[ok])
    parts = []
    for (audience, wave, date), wave_rows in frame.groupby(["audience", "wave", "wave_date"], dropna=False,
                                                            sort=True, observed=True):
        person = wave_rows.groupby(["respondent", "group"], dropna=False, observed=True, sort=False).ngroup().to_numpy()
        qcode, qids = pd.factorize(wave_rows["question_id"].astype(str))
        matrix = np.full((person.max() + 1, len(qids)), -1, dtype=np.int64)
        first = ~pd.DataFrame({"p": person, "q": qcode}).duplicated().to_numpy()   # a statement in two columns: first answer
        matrix[person[first], qcode[first]] = wave_rows["_position"].to_numpy()[first]
        parts.append(pair_counts(matrix, list(qids), audience, wave, date))
    parts = [p for p in parts if not p.empty]
    return conform(pd.concat(parts, ignore_index=True), PAIR_COUNTS) if parts else empty(PAIR_COUNTS)


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
    person = responses.groupby(["audience", "wave", "respondent", "group"], dropna=False, sort=False,
                               observed=True).ngroup().to_numpy()
    pair, pairs = pd.factorize(pd.MultiIndex.from_arrays([responses["question_id"], responses["question_text"]]))
    answered = np.zeros((person.max() + 1, len(pairs)), dtype=bool)
    ok = valid & (pair >= 0) & responses["question_id"].notna().to_numpy()
    answered[person[ok], pair[ok]] = True
    first = pd.Series(np.arange(len(responses))).groupby(person).first().to_numpy()
    meta = responses.iloc[first][list(REACH_KEYS)].reset_index(drop=True)
    return patterns(meta, answered, [flag(q, w) for q, w in pairs])


def patterns(meta: pd.DataFrame, answered: np.ndarray, flags: list[str]) -> pd.DataFrame:
    """The reach table from one row per person: ``meta`` (REACH_KEYS) and ``answered``
    (people x ``flags`` columns, True = answered on the scale). Rows are sorted by REACH_KEYS, then
    by pattern, so the table does not depend on the order people came in."""
    packed = np.packbits(answered, axis=1)
    code = np.zeros(len(meta), dtype=np.int64)
    for key in REACH_KEYS:          # (audience, wave, date, group) as one code, numbered as first seen
        part, _ = pd.factorize(meta[key], use_na_sentinel=False)
        code, _ = pd.factorize(code * (int(part.max(initial=0)) + 1) + part)
    for byte in packed.T:           # one pattern code per (group, answers), numbered as first seen
        code, _ = pd.factorize(code * 256 + byte)
    first = np.full(code.max() + 1 if len(code) else 0, len(code))
    np.minimum.at(first, code, np.arange(len(code)))
    out = meta.iloc[first].reset_index(drop=True)
    out[RESPONDENTS] = np.bincount(code).astype(np.int64)
    out = conform(out, {**{k: ANSWER_COUNTS[k] for k in REACH_KEYS}, RESPONDENTS: "int64"})
    flagged = pd.DataFrame(answered[first], columns=flags)
    bits = pd.Series([bytes(b) for b in packed[first]], name="_bits", dtype=object)
    out = pd.concat([out, flagged, bits], axis=1).sort_values([*REACH_KEYS, "_bits"], kind="stable")
    return out.drop(columns="_bits").reset_index(drop=True)


def concat_counts(parts: Iterable[SurveyCounts]) -> SurveyCounts:
    """One SurveyCounts of several (waves, files); a statement missing from a part was not answered there."""
    parts = [p for p in parts if not p.empty]
    if not parts:
        return empty_counts()
    answers = pd.concat([p.answers for p in parts], ignore_index=True)
    flags = list(dict.fromkeys(c for p in parts for c in p.reach.columns if c.startswith(ANSWERED)))
    meta = pd.concat([p.reach[[*REACH_KEYS, RESPONDENTS]] for p in parts], ignore_index=True)
    matrix = np.zeros((len(meta), len(flags)), dtype=bool)
    start, where = 0, {c: i for i, c in enumerate(flags)}
    for part in parts:
        own = [c for c in part.reach.columns if c.startswith(ANSWERED)]
        matrix[start:start + len(part.reach), [where[c] for c in own]] = part.reach[own].to_numpy(dtype=bool)
        start += len(part.reach)
    reach = pd.concat([meta, pd.DataFrame(matrix, columns=flags)], axis=1)
    earlier = [p.earlier for p in parts if not p.earlier.empty]
    pairs = [p.pairs for p in parts if not p.pairs.empty]
    return SurveyCounts(conform(answers, ANSWER_COUNTS), reach,
                        conform(pd.concat(earlier, ignore_index=True), EARLIER_COUNTS) if earlier
                        else empty(EARLIER_COUNTS),
                        conform(pd.concat(pairs, ignore_index=True), PAIR_COUNTS) if pairs else empty(PAIR_COUNTS))


def respondent_codes(respondents: Sequence[str] | pa.Array | np.ndarray) -> np.ndarray:
    """One code per data row, the same for rows with the same respondent ID (an Arrow
    array is encoded in Arrow: a million IDs in a tenth of the time)."""
    if isinstance(respondents, np.ndarray) and respondents.dtype.kind == "i":
        return respondents                  # codes already
    if isinstance(respondents, (pa.Array, pa.ChunkedArray)):
        encoded = pc.dictionary_encode(respondents)
        if isinstance(encoded, pa.ChunkedArray):
            encoded = encoded.combine_chunks()
        return encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    return pd.factorize(np.asarray(respondents, dtype=object))[0]


def count_answer_columns(items: Sequence[tuple[str, str, np.ndarray, np.ndarray]], respondents: Sequence[str] | pa.Array | np.ndarray,
                         groups: np.ndarray, audience: str, wave: str, date: pd.Timestamp) -> SurveyCounts:
    """Counts of one wave straight from its answer columns, with no respondent-level frame:
    the same result as ``count_responses`` of the long frame a loader would build.

    ``items``: (question_id, wording, row positions answered, scale codes -1..4) per column,
    in column order; ``respondents`` (IDs, or their respondent_codes) and ``groups`` (object,
    None = not stated): per data row."""
    ids = respondent_codes(respondents)
    group_code, group_names = pd.factorize(pd.Series(groups, dtype=object), use_na_sentinel=True)
    person, _ = pd.factorize(ids.astype(np.int64) * (len(group_names) + 1) + group_code + 1)
    present = np.zeros(person.max() + 1 if len(person) else 0, dtype=bool)
    for _, _, positions, _ in items:
        present[person[positions]] = True          # any answer cell, on the scale or not
    slot = np.cumsum(present) - 1
    row_of = np.zeros(len(present), dtype=np.int64)
    row_of[person] = np.arange(len(person))         # any row of a person: its group is the person's
    pairs = list(dict.fromkeys((qid, wording) for qid, wording, *_ in items))
    answered = np.zeros((int(present.sum()), len(pairs)), dtype=bool)
    for qid, wording, positions, codes in items:
        answered[slot[person[positions[codes >= 0]]], pairs.index((qid, wording))] = True
    meta = pd.DataFrame({"audience": audience, "wave": wave, "wave_date": date,
                         "group": pd.array(groups[row_of[present]], dtype="string")})
    reach = patterns(meta, answered, [flag(q, w) for q, w in pairs]) if present.any() else empty_counts().reach
    qids = list(dict.fromkeys(qid for qid, *_ in items))
    positions = np.full((int(present.sum()), len(qids)), -1, dtype=np.int64)
    for qid, _, rows, codes in items:                  # a statement in two columns: its first answer
        people, column = slot[person[rows[codes >= 0]]], qids.index(qid)
        fresh = positions[people, column] < 0
        positions[people[fresh], column] = codes[codes >= 0][fresh]
    return SurveyCounts(_column_answer_counts(items, groups, audience, wave, date), reach,
                        pairs=pair_counts(positions, qids, audience, wave, date))


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

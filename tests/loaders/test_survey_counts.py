"""model.survey_counts: counts instead of respondent rows give exactly the figures the
rows give (issue 8). The oracle here works on the respondent rows directly."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from model.frames import AGREEMENT_SCALE, CODEBOOK, SURVEY_RESPONSES, conform
from model.survey_counts import RESPONDENTS, SurveyCounts, concat_counts, count_responses
from metrics.survey import percent_positive, theme_scores

QUESTIONS = {"Q1": "culture", "Q2": "culture", "Q3": "culture", "Q4": "governance", "Q5": "governance"}


def _rows(seed: int, people: int = 300) -> pd.DataFrame:
    """Two waves (ids reused), three groups and a missing one, 25% of answers skipped."""
    rng = np.random.default_rng(seed)
    rows = []
    for wave, date in (("2023-01", "2023-01-15"), ("2023-06", "2023-06-15")):
        groups = rng.choice(["HR", "Finance", "Legal", None], size=people, p=[0.5, 0.3, 0.15, 0.05])
        for person in range(people):
            for question in QUESTIONS:
                answer = None if rng.random() < 0.25 else AGREEMENT_SCALE[rng.integers(0, 5)]
                rows.append((wave, date, f"r{person}", groups[person], question, f"{question} asked", answer))
    frame = pd.DataFrame(rows, columns=["wave", "wave_date", "respondent", "group", "question_id", "question_text",
                                        "answer"])
    return conform(frame.assign(audience="staff"), SURVEY_RESPONSES)


@pytest.fixture(scope="module")
def rows():
    return _rows(7)


@pytest.fixture(scope="module")
def book():
    frame = pd.DataFrame({"question_id": list(QUESTIONS), "theme": list(QUESTIONS.values())})
    return conform(frame.assign(wording=frame["question_id"], negative=frame["question_id"] == "Q5"), CODEBOOK)


def _valid(rows: pd.DataFrame) -> pd.DataFrame:
    return rows.dropna(subset=["answer"]).assign(group=lambda f: f["group"].astype(object).fillna("(none)"))


def test_counts_add_up_to_the_rows_and_the_people(rows):
    counts = count_responses(rows)
    assert counts.answers["n"].sum() == len(rows)
    assert counts.reach[RESPONDENTS].sum() == rows.groupby(["wave", "respondent"]).ngroups
    assert len(counts.reach) < rows.groupby(["wave", "respondent"]).ngroups   # patterns shared, not one per person


def test_theme_respondents_are_the_distinct_people_who_answered_the_theme(rows, book):
    out = theme_scores(count_responses(rows), book, ["wave", "group"])
    out["group"] = out["group"].astype(object).fillna("(none)")
    valid = _valid(rows).assign(theme=lambda f: f["question_id"].map(QUESTIONS))
    oracle = valid.groupby(["wave", "group", "theme"])["respondent"].nunique()
    got = out.set_index(["wave", "group", "theme"])["n_respondents"]
    pd.testing.assert_series_equal(got.sort_index(), oracle.sort_index(), check_names=False, check_dtype=False,
                                  check_index_type=False)


def test_percentages_and_theme_scores_match_the_rows(rows, book):
    valid = _valid(rows)
    positive = np.where(valid["question_id"] == "Q5", valid["answer"].isin(AGREEMENT_SCALE[:2]),
                        valid["answer"].isin(AGREEMENT_SCALE[3:]))
    per_question = valid.assign(positive=positive).groupby(["wave", "group", "question_id"])["positive"].mean() * 100
    out = percent_positive(count_responses(rows), book, ["wave", "group", "question_id"])
    out["group"] = out["group"].astype(object).fillna("(none)")
    got = out.set_index(["wave", "group", "question_id"])["pct_positive"]
    pd.testing.assert_series_equal(got.sort_index(), per_question.sort_index(), check_names=False, check_index_type=False)
    scores = theme_scores(count_responses(rows), book, ["wave"]).set_index(["wave", "theme"])["score"]
    themes = (valid.assign(positive=positive, theme=valid["question_id"].map(QUESTIONS))
              .groupby(["wave", "theme", "question_id"])["positive"].mean().groupby(["wave", "theme"]).mean() * 100)
    pd.testing.assert_series_equal(scores.sort_index(), themes.sort_index(), check_names=False, check_index_type=False)


def _people(valid: pd.DataFrame, by: list[str]) -> pd.Series:
    """The oracle: distinct respondent IDs per ``by``, an ID counted once per wave and group."""
    person = valid[["audience", "wave", "respondent", "group"]].astype(str).agg("|".join, axis=1)
    return valid.assign(_person=person, _all=0).groupby(by or ["_all"])["_person"].nunique()


@pytest.mark.parametrize("by", [["wave"], ["group"], [], ["audience", "wave_date"], ["wave", "question_id"],
                                ["question_text"], ["wave", "group", "question_id"]])
def test_every_respondent_base_by_any_grouping_is_exact(rows, book, by):
    valid = _valid(rows)
    out = percent_positive(count_responses(rows), book, by)
    if "group" in by:
        out["group"] = out["group"].astype(object).fillna("(none)")
    got = out.set_index(by)["n_respondents"] if by else out["n_respondents"]
    oracle = _people(valid, by)
    assert got.tolist() == oracle.reindex(got.index if by else oracle.index).tolist()


def test_an_id_on_rows_of_two_groups_is_a_person_in_each(book):
    frame = pd.DataFrame({"respondent": ["r1", "r1", "r2", "r3"], "group": ["HR", "Legal", "HR", "Legal"],
                          "question_id": "Q1", "question_text": "Q1 asked", "answer": "Agree"})
    rows = conform(frame.assign(audience="staff", wave="2023-01", wave_date="2023-01-15"), SURVEY_RESPONSES)
    by_group = percent_positive(count_responses(rows), book, ["group"]).set_index("group")["n_respondents"].to_dict()
    assert by_group == {"HR": 2, "Legal": 2}            # as the respondent rows count them per group
    assert count_responses(rows).reach[RESPONDENTS].sum() == 4


def test_where_keeps_answers_and_reach_in_step(rows, book):
    counts = count_responses(rows)
    one = counts.where(wave_date=pd.Timestamp("2023-06-15"), question_ids=["Q4", "Q5"])
    assert set(one.answers["question_id"]) == {"Q4", "Q5"} and set(one.question_ids()) == {"Q4", "Q5"}
    late = rows[(rows["wave"] == "2023-06") & rows["question_id"].isin(["Q4", "Q5"])].dropna(subset=["answer"])
    assert one.respondents([])["n_respondents"].iloc[0] == late["respondent"].nunique()


def test_concatenated_waves_with_different_questions(rows, book):
    first = count_responses(rows[rows["wave"] == "2023-01"])
    second = count_responses(rows[(rows["wave"] == "2023-06") & (rows["question_id"] != "Q1")])
    both = concat_counts([first, second])
    assert isinstance(both, SurveyCounts) and both.reach.filter(like="answered:").dtypes.eq(bool).all()
    q1 = percent_positive(both, book, ["wave", "question_id"]).query("question_id == 'Q1'")
    assert q1["wave"].tolist() == ["2023-01"]
    assert both.respondents(["wave"], ["Q1"])["wave"].tolist() == ["2023-01"]


def test_a_question_asked_in_two_columns_counts_each_person_once(book):
    """Two wordings mapped to one question id in the same wave (a codebook listing both)."""
    rows = conform(pd.DataFrame({
        "audience": "staff", "wave": "2023-01", "wave_date": "2023-01-15", "group": "HR",
        "respondent": ["r1", "r1", "r2", "r3"], "question_id": "Q1",
        "question_text": ["old wording", "new wording", "old wording", "new wording"],
        "answer": ["Agree", "Disagree", "Agree", None]}), SURVEY_RESPONSES)
    out = percent_positive(count_responses(rows), book, ["wave", "question_id"])
    assert (out["n_respondents"].tolist(), out["n_answers"].tolist()) == ([2], [3])
    by_text = percent_positive(count_responses(rows), book, ["question_text"]).set_index("question_text")["n_respondents"]
    assert by_text.to_dict() == {"new wording": 1, "old wording": 2}


def _oracle_pairs(rows: pd.DataFrame) -> pd.DataFrame:
    """The whole-wave joint answers counted straight from the respondent rows."""
    valid = rows.dropna(subset=["answer"]).assign(position=lambda f: f["answer"].cat.codes.astype(int))
    wide = valid.pivot_table(index=["wave", "respondent", "group"], columns="question_id", values="position",
                             aggfunc="first", dropna=False, observed=True)
    out = []
    for a in QUESTIONS:
        for b in QUESTIONS:
            if a < b:
                both = wide[[a, b]].dropna().astype(int).reset_index()
                tally = both.groupby(["wave", a, b]).size()
                out += [(w, a, b, pa, pb, n) for (w, pa, pb), n in tally.items()]
    return pd.DataFrame(out, columns=["wave", "question_id", "other_id", "position", "other_position", "n"]) \
        .sort_values(["wave", "question_id", "other_id", "position", "other_position"]).reset_index(drop=True)


def _comparable(pairs: pd.DataFrame) -> pd.DataFrame:
    keys = ["wave", "question_id", "other_id", "position", "other_position"]
    return pairs[[*keys, "n"]].astype({"wave": object, "question_id": object, "other_id": object}) \
        .sort_values(keys).reset_index(drop=True).astype({"position": int, "other_position": int, "n": int})


def test_pairs_are_the_joint_answers_of_the_rows(rows):
    """The key-driver analysis' pair table: every pair of statements, both answered, by answer and answer."""
    expected = _oracle_pairs(rows.assign(group=rows["group"].astype(object).fillna("(none)")))
    pd.testing.assert_frame_equal(_comparable(count_responses(rows).pairs), _comparable(expected))


def test_pairs_from_answer_columns_match_pairs_from_rows(rows):
    from model.survey_counts import count_answer_columns
    wave = rows[rows["wave"] == "2023-01"]
    people = wave.drop_duplicates("respondent")[["respondent", "group"]].reset_index(drop=True)
    at = {r: i for i, r in enumerate(people["respondent"])}
    items = []
    for question in QUESTIONS:
        part = wave[wave["question_id"] == question]
        items.append((question, f"{question} asked", part["respondent"].map(at).to_numpy(dtype=np.int64),
                      part["answer"].cat.codes.to_numpy().astype(np.int64)))
    counts = count_answer_columns(items, people["respondent"].to_numpy(dtype=object),
                                  people["group"].astype(object).to_numpy(), "staff", "2023-01",
                                  pd.Timestamp("2023-01-15"))
    pd.testing.assert_frame_equal(_comparable(counts.pairs), _comparable(count_responses(wave).pairs))


def test_pairs_counted_block_by_block_are_every_pair_tallied(monkeypatch):
    """pair_counts one-hot counts people a block at a time: across several blocks (and questions given
    out of order, one nobody answered) it gives each pair's tally of the people who answered both."""
    from model import survey_counts

    monkeypatch.setattr(survey_counts, "PAIR_BLOCK", 7)
    positions = np.random.default_rng(3).integers(-1, 5, (50, 4))
    positions[:, 2] = -1
    ids = ["Q3", "Q1", "Q4", "Q2"]
    got = survey_counts.pair_counts(positions, ids, "staff", "w1", pd.Timestamp("2024-01-01"))
    expected = []
    for a, b in [(1, 3), (1, 0), (1, 2), (3, 0), (3, 2), (0, 2)]:          # Q1<Q2<Q3<Q4
        both = (positions[:, a] >= 0) & (positions[:, b] >= 0)
        tally = pd.Series(list(zip(positions[both, a], positions[both, b]))).value_counts().sort_index()
        expected += [(ids[a], ids[b], int(p), int(o), int(n)) for (p, o), n in tally.items()]
    assert list(got[["question_id", "other_id", "position", "other_position", "n"]].itertuples(index=False, name=None)) \
        == expected

"""The 0-100 engagement index, People Survey method, from the survey counts the store keeps.

The Civil Service People Survey scores each answer 0/25/50/75/100 (Strongly disagree ..
Strongly agree; reversed for a negatively worded statement), averages each respondent's
scores over the index statements (config/settings.toml ``[engagement_index]``), then
averages over respondents.

**What the store keeps, and so what is computed.** The store holds answers as counts per
(group, wave, statement) and, per answering pattern, which statements each person answered
(``model.survey_counts``), never which answers went together in one person. So:

- The **index** is the mean, over the index statements, of each statement's mean score.
  Where every respondent answered every index statement this *is* the People Survey's mean
  of respondent means (the mean of k per-person means over N people is the sum of all scores
  over N·k, which is the mean of the k statement means); ``complete`` says the share of
  respondents who did (from the reach table). Where some skipped one, it differs from the
  People Survey's figure only in how those people's answers are weighted.
- The **95% interval** is a t-interval whose standard error is the largest the statement
  counts allow: the variance of a mean of k statement means is the sum of their covariances,
  and a covariance is at most the product of the two standard errors (Cauchy-Schwarz), so
  SE <= (1/k) * sum(sd_q / sqrt(n_q)); equality when the statements move together perfectly.
  The interval is therefore conservative: never narrower than the true one, and equal to the
  t-interval of respondents' index scores when each person gives the same answer to every
  index statement (the test checks both against scipy). Degrees of freedom: the fewest
  answers to one statement, minus one.

**Disclosure.** An index is published only from cells ``metrics.publishable`` lets the wave
show: a wave's index needs every index statement's whole-wave cell shown; a group's index
needs every group's cell of every index statement shown in that wave, so every group
published is at or above the threshold and nothing smaller can be had by subtraction. A
hidden index keeps its row with blank figures and the reason in ``hidden_because``.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from metrics.publishable import NOT_STATED, publishable
from metrics.survey import scored_counts
from model.survey_counts import SurveyCounts
from settings.analysis import EngagementIndexSpec
from settings.disclosure import DisclosurePolicy

INDEX_COLUMNS = ["series", "date", "value", "lower", "upper", "n", "complete", "hidden_because"]
GROUP_COLUMNS = ["group", "value", "lower", "upper", "n", "hidden_because"]


def statement_moments(counts: SurveyCounts, codebook: pd.DataFrame, questions: tuple[str, ...],
                      keys: list[str]) -> pd.DataFrame:
    """Per ``keys`` and index statement: n (answers on the scale), mean and sd (sample) of the 0-100 scores."""
    answers = scored_counts(counts.where(question_ids=questions), codebook)
    answers = answers.assign(group=answers["group"].astype("string").fillna(NOT_STATED))
    w = answers["n"].to_numpy(dtype=float)
    p = answers["points"].to_numpy(dtype=float)
    work = answers[[*keys, "question_id"]].assign(n=w, s1=w * p, s2=w * p * p)
    out = work.groupby([*keys, "question_id"], dropna=False, sort=True, observed=True)[["n", "s1", "s2"]].sum()
    out = out[out["n"] > 0].reset_index()
    out["mean"] = out["s1"] / out["n"]
    with np.errstate(invalid="ignore", divide="ignore"):
        var = (out["s2"] - out["n"] * out["mean"] ** 2) / (out["n"] - 1)
    out["sd"] = np.sqrt(np.clip(var.to_numpy(dtype=float), 0, None))
    return out.drop(columns=["s1", "s2"])


def index_estimate(moments: pd.DataFrame, confidence: float = 0.95) -> tuple[float, float, float]:
    """(index, lower, upper) from one unit's statement moments (module docstring: the conservative bound)."""
    n = moments["n"].to_numpy(dtype=float)
    value = float(moments["mean"].mean())
    if len(n) == 0 or n.min() < 2:
        return value, float("nan"), float("nan")
    se = float((moments["sd"].to_numpy(dtype=float) / np.sqrt(n)).mean())
    half = float(stats.t.ppf(0.5 + confidence / 2, n.min() - 1)) * se
    return value, max(0.0, value - half), min(100.0, value + half)


def _complete_share(counts: SurveyCounts, questions: tuple[str, ...]) -> pd.Series:
    """Per wave date: the share of the wave's respondents to any index statement who answered all of them."""
    flags = counts.flags()
    reach = counts.reach
    if reach.empty:
        return pd.Series(dtype=float)
    answered = np.column_stack([
        reach[list(flags.loc[flags["question_id"] == q, "column"])].to_numpy(dtype=bool).any(axis=1)
        if (flags["question_id"] == q).any() else np.zeros(len(reach), dtype=bool) for q in questions])
    weight = reach["respondents"].to_numpy(dtype=float)
    frame = pd.DataFrame({"date": reach["wave_date"], "any": weight * answered.any(axis=1),
                          "all": weight * answered.all(axis=1)})
    summed = frame.groupby("date").sum()
    return (summed["all"] / summed["any"].where(summed["any"] > 0)).rename("complete")


def index_trend(counts: SurveyCounts, codebook: pd.DataFrame, spec: EngagementIndexSpec,
                policy: DisclosurePolicy, confidence: float = 0.95) -> pd.DataFrame:
    """The index wave by wave for the spec's audience: INDEX_COLUMNS (series: the spec's name;
    value, lower, upper 0-100, one decimal; n: respondents to any index statement; complete:
    their share who answered every one). A hidden wave keeps its row with blank figures."""
    subset = counts.where(audience=spec.audience, question_ids=spec.questions)
    if subset.answers.empty or not spec.questions:
        return pd.DataFrame(columns=INDEX_COLUMNS)
    whole = publishable(subset, codebook, policy).whole
    moments = statement_moments(subset, codebook, spec.questions, ["wave_date"])
    people = subset.respondents(["wave_date"], spec.questions).set_index("wave_date")["n_respondents"]
    complete = _complete_share(subset, spec.questions)
    rows = []
    for date in sorted(subset.answers["wave_date"].dropna().unique()):
        cells = whole[whole["wave_date"] == date]
        shown = set(cells.loc[cells["shown"], "question_id"])
        n = int(people.get(date, 0))
        if n < policy.min_size or not shown:
            reason = policy.too_few("answers")
        elif shown != set(spec.questions):
            reason = ("not every statement of the index can be shown for this wave (asked, or enough answers), "
                      "so its index is not comparable")
        else:
            reason = None
        if reason is None:
            value, lower, upper = index_estimate(moments[moments["wave_date"] == date], confidence)
            rows.append([spec.name, date, round(value, 1), np.floor(lower * 10) / 10, np.ceil(upper * 10) / 10, n,
                         round(float(complete.get(date, np.nan)), 3), pd.NA])
        else:
            rows.append([spec.name, date, np.nan, np.nan, np.nan, pd.NA, np.nan, reason])
    out = pd.DataFrame(rows, columns=INDEX_COLUMNS)
    return out.astype({"n": "Int64", "hidden_because": "string"})


def index_by_group(counts: SurveyCounts, codebook: pd.DataFrame, spec: EngagementIndexSpec,
                   policy: DisclosurePolicy, wave_date: pd.Timestamp, confidence: float = 0.95) -> pd.DataFrame:
    """The index per group in one wave: GROUP_COLUMNS. Shown only when every group's cell of every
    index statement may be shown in that wave (module docstring); otherwise every group's row
    is blank and says why, so that no group can be had from the wave's index by subtraction."""
    subset = counts.where(audience=spec.audience, wave_date=wave_date, question_ids=spec.questions)
    if subset.answers.empty:
        return pd.DataFrame(columns=GROUP_COLUMNS)
    fine = publishable(subset, codebook, policy).fine
    moments = statement_moments(subset, codebook, spec.questions, ["group"])
    people = subset.with_group(NOT_STATED).respondents(["group"], spec.questions).set_index("group")["n_respondents"]
    groups = sorted(set(fine["group"].astype(str)))
    all_shown = bool(fine["shown"].all()) and set(fine["question_id"]) == set(spec.questions) and all(
        set(fine.loc[fine["group"] == g, "question_id"]) == set(spec.questions) for g in groups)
    rows = []
    for group in groups:
        if all_shown:
            value, lower, upper = index_estimate(moments[moments["group"] == group], confidence)
            rows.append([group, round(value, 1), np.floor(lower * 10) / 10, np.ceil(upper * 10) / 10,
                         int(people.get(group, 0)), pd.NA])
        else:
            rows.append([group, np.nan, np.nan, np.nan, pd.NA,
                         f"{policy.too_few('answers')} in some group of this wave, so no group's index is shown"])
    return pd.DataFrame(rows, columns=GROUP_COLUMNS).astype({"n": "Int64", "hidden_because": "string"})

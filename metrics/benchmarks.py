"""Our % positive beside the Civil Service People Survey (CSPS) median, statement by statement.

Why: a board asks "is 58% good?"; the CSPS median of organisations' scores is a published
reference. The comparison is honest only if it says which CSPS question and year it uses,
marks where the wording differs, and calls a gap more than noise only when our 95% interval
(Wilson, the same interval as every % positive in the app: ``metrics.trends.with_interval``)
excludes the benchmark. The benchmark is a median across organisations, published without
an interval, so it is treated as a fixed reference point.

Only statements the disclosure policy publishes are compared: ``statements`` is
``metrics.breakdowns.statement_results`` (a hidden statement has its figures blank and says
why in ``hidden_because``), and a hidden statement keeps its row with no interval, gap or
verdict, only the words why. Our figures and the benchmark stay in separate columns: the
benchmark is never put into a trend of ours.
"""
from __future__ import annotations

import pandas as pd

from metrics.trends import with_interval

ABOVE, BELOW, NOISE = "more than noise: above", "more than noise: below", "within the noise"
DIFFERS, SAME = "wording differs", "same wording"
#: The attribution the Open Government Licence asks for wherever the figures are shown.
ATTRIBUTION = ("Contains public sector information licensed under the Open Government Licence v3.0. "
               "Source: Civil Service People Survey, Cabinet Office.")
COMPARISON_COLUMNS = ["question", "question_id", "n_respondents", "pct_positive", "lower", "upper",
                      "benchmark_name", "benchmark", "gap", "verdict", "wording", "csps_code", "csps_question",
                      "suppressed", "hidden_because"]


def nearest_year(available: pd.Series, year: int) -> int | None:
    """The published year closest to ``year`` (the same year when there is one; on a tie,
    the earlier: the figure that was published by then)."""
    years = sorted({int(y) for y in available})
    if not years:
        return None
    return min(years, key=lambda y: (abs(y - year), y))


def benchmark_comparison(statements: pd.DataFrame, wave_date: pd.Timestamp, benchmarks: pd.DataFrame,
                         mapping: pd.DataFrame, confidence: float = 0.95) -> pd.DataFrame:
    """One row per mapped statement of the wave: our % positive and its interval (0-100, shown
    rounded outward), the CSPS median of the nearest published year ("CSPS 2024 median"),
    the gap in points (ours minus the median, 1 dp), the verdict (``ABOVE``/``BELOW`` when
    the interval excludes the median, else ``NOISE``) and whether the wording differs."""
    if statements is None or statements.empty or mapping.empty or benchmarks.empty:
        return pd.DataFrame(columns=COMPARISON_COLUMNS)
    year = pd.Timestamp(wave_date).year
    table = statements.merge(mapping[["question_id", "csps_code", "wording"]], on="question_id", how="inner")
    if table.empty:
        return pd.DataFrame(columns=COMPARISON_COLUMNS)
    published = benchmarks[benchmarks["status"] == "published"]
    rows = []
    for row in table.itertuples():
        of_code = published[published["question_code"] == row.csps_code]
        chosen = nearest_year(of_code["year"], year)
        if chosen is None:
            rows.append((pd.NA, float("nan"), ""))
            continue
        hit = of_code[of_code["year"] == chosen].iloc[0]
        rows.append((f"CSPS {chosen} median", float(hit["median_pct"]), str(hit["question"])))
    table["benchmark_name"] = [r[0] for r in rows]
    table["benchmark"] = [round(r[1], 1) for r in rows]
    table["csps_question"] = [r[2] for r in rows]
    table = with_interval(table, "pct_positive", "n_respondents", confidence)
    shown = ~table["suppressed"].astype(bool) & table["pct_positive"].notna() & table["benchmark"].notna()
    raw_gap = table["pct_positive"] - pd.Series([r[1] for r in rows], index=table.index)
    table["gap"] = raw_gap.round(1).where(shown)
    table["verdict"] = [_verdict(lo, hi, b) if ok else pd.NA
                        for lo, hi, b, ok in zip(table["lower"], table["upper"], [r[1] for r in rows], shown)]
    table.loc[~shown, ["lower", "upper"]] = float("nan")
    table["wording"] = table["wording"].map({"same": SAME, "close": DIFFERS})
    return table[COMPARISON_COLUMNS].reset_index(drop=True)


def _verdict(lower: float, upper: float, benchmark: float) -> str:
    if lower > benchmark:
        return ABOVE
    if upper < benchmark:
        return BELOW
    return NOISE


def comparison_sentence(table: pd.DataFrame) -> str:
    """How the comparison is read, in one sentence for a caption."""
    names = sorted({str(n) for n in table.get("benchmark_name", pd.Series(dtype=str)).dropna()})
    which = " and ".join(names) if names else "the CSPS median"
    return (f"Beside each statement: {which}, the median of Civil Service organisations' % positive "
            "(not a mean of people). A gap is called more than noise only when our 95% interval excludes "
            "the median; \"wording differs\" marks a CSPS question that is close to ours but not the same.")

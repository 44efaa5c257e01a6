"""What the Overview page and the printed board summary show, composed once for both:
the three fronts' headline figures, the expectations' judgements and each expectation's
survey evidence wave by wave. Pure: frames in, frames and Headlines out."""
from __future__ import annotations

import pandas as pd

from model.text import split_list
from model.survey_counts import SurveyCounts
from dataclasses import replace

from metrics.actions import completion, latest_snapshot, overdue_actions
from metrics.complaints import SUBJECT_WORDS, by_quarter, quarter_totals
from metrics.expectations import RATING_ORDER
from metrics.headlines import Headline, series_headline
from metrics.tracker_headlines import day_label
from metrics.trends import ACTIONS_SERIES, TREND_COLUMNS, theme_trend
from settings.disclosure import DisclosurePolicy
from settings.labels import survey_measure

#: (series in the journey, label on the card, whether it is a sample with noise); a survey
#: front's series and card are named for the measure they are (config/labels.toml [measures])
FRONTS = (
    (survey_measure("staff", "culture"), survey_measure("staff", "culture"), True),
    (survey_measure("partner", "partnership"), survey_measure("partner", "partnership"), True),
    (ACTIONS_SERIES, ACTIONS_SERIES, False),
)


def front_headlines(journey: pd.DataFrame, confidence: float = 0.95,
                    actions: pd.DataFrame | None = None) -> list[Headline]:
    """Culture, partnership and governance: latest figure, change since the previous wave or
    snapshot, and whether the change is real or noise. With ``actions``, the actions' card
    also says what its share counts and leaves out (``metrics.actions.completion``)."""
    cards = [series_headline(journey, series, label, sampled=sampled, confidence=confidence)
             for series, label, sampled in FRONTS]
    if actions is not None and len(actions) and cards[-1].value is not None:
        cards[-1] = replace(cards[-1], note=completion(actions).basis)
    return cards


def overdue_sentence(actions: pd.DataFrame) -> str:
    """'2 actions overdue at 16 Oct 2024: CCC-06 (16 days) and PAR-02 (16 days).' at the latest
    report, most overdue first (five named, then how many more)."""
    if actions.empty:
        return ""
    latest = latest_snapshot(actions)
    late = overdue_actions(latest).sort_values(["days_overdue", "reference"], ascending=[False, True])
    when = day_label(latest["snapshot_date"].iloc[0])
    if late.empty:
        return f"No action overdue at {when}."
    items = [f"{r.reference} ({r.days_overdue} day{'' if r.days_overdue == 1 else 's'})" for r in late.head(5).itertuples()]
    more = f" and {len(late) - 5} more" if len(late) > 5 else ""
    listed = ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 and not more else ", ".join(items)
    return f"{len(late)} action{'' if len(late) == 1 else 's'} overdue at {when}: {listed}{more}."


def on_track_sentence(actions: pd.DataFrame, judgements: pd.DataFrame) -> str:
    """The Overview's first answer to "are we on track?": how many actions are overdue and
    the expectations' judgements, in words (never the % complete alone)."""
    return " ".join(s for s in (overdue_sentence(actions), expectations_sentence(judgements)) if s)


def measure_trends(expectation: pd.Series, surveys: SurveyCounts, codebook: pd.DataFrame, policy: DisclosurePolicy,
                   confidence: float = 0.95) -> pd.DataFrame:
    """The expectation's survey measures wave by wave (suppressed waves stay blank), with
    a ``measure`` column; TREND_COLUMNS otherwise."""
    parts = []
    for measure in split_list(expectation.get("survey_measures")):
        audience, _, theme = (p.strip() for p in measure.partition(":"))
        trend = theme_trend(surveys, codebook, audience, policy, [theme], confidence)
        parts.append(trend.assign(measure=survey_measure(audience, theme)))
    if not parts:
        return pd.DataFrame(columns=["measure", *TREND_COLUMNS])
    return pd.concat(parts, ignore_index=True)[["measure", *TREND_COLUMNS]]


def complaint_evidence(expectation: pd.Series, complaints: pd.DataFrame) -> pd.DataFrame:
    """The Code of Conduct complaints about the expectation's subjects (its ``complaints``
    column), one row a quarter with each outcome's count: a ``subject`` column, then
    ``metrics.complaints.quarter_totals``' columns; empty when none is linked."""
    parts = [quarter_totals(by_quarter(complaints, subject)).assign(subject=f"About {SUBJECT_WORDS[subject]}")
             for subject in split_list(expectation.get("complaints")) if len(complaints)]
    if not parts:
        return pd.DataFrame(columns=["subject", "quarter", "complaints"])
    table = pd.concat(parts, ignore_index=True)
    return table[["subject", *[c for c in table.columns if c != "subject"]]]


def expectations_source(expectations: pd.DataFrame) -> str:
    """The document the expectations come from ("Best Value Notice, 30 January 2024"), or "notice"."""
    named = [s for s in expectations["source"].dropna() if str(s).strip()]
    return named[0] if named else "notice"


def _after_colon(words: str) -> str:
    """'Green: on track, with evidence' -> 'on track, with evidence'."""
    return words.split(":", 1)[1].strip() if ":" in words else words


def as_at_sentence(surveys: SurveyCounts, actions: pd.DataFrame, events: pd.DataFrame) -> str:
    """How recent the figures are, and the latest notice milestone, in one sentence."""
    reach = surveys.reach
    parts = [f"{audience} survey {date:%b %Y}" for audience, date in
             reach.groupby("audience", observed=True)["wave_date"].max().sort_index(ascending=False).items()]
    if len(actions):
        latest = actions["snapshot_date"].max()
        parts.append(f"action report {day_label(latest)}")
    text = f"Latest figures: {', '.join(parts)}." if parts else "No figures yet."
    notices = events[events["kind"] == "notice"].sort_values("date")
    if len(notices):
        last = notices.iloc[-1]
        text += f" Latest notice milestone: {last['label']} ({day_label(last['date'])})."
    return text[0].upper() + text[1:]


def as_at(surveys: SurveyCounts, actions: pd.DataFrame) -> str:
    """The date the figures are as at, from the data, never the clock: the latest action report
    ("16 October 2024"), or the latest survey wave when that is later (waves are dated by
    month: "October 2024"); "" when there are no figures."""
    waves = surveys.reach["wave_date"].dropna()
    reports = actions["snapshot_date"].dropna() if "snapshot_date" in actions else pd.Series(dtype="datetime64[ns]")
    wave = pd.Timestamp(waves.max()) if len(waves) else None
    report = pd.Timestamp(reports.max()) if len(reports) else None
    if report is not None and (wave is None or report >= wave):
        return f"{report.day} {report:%B %Y}"
    return f"{wave:%B %Y}" if wave is not None else ""


def expectations_sentence(judgements: pd.DataFrame) -> str:
    """'5 expectations: 3 Green (on track, with evidence) and 2 Amber (progress, not yet
    assured); since the 17 Sep 2024 report, 3 moved up and none down.' The judgement's words
    follow each colour where the judgements carry them, so colour is never the only signal."""
    if judgements.empty:
        return ""
    counts = judgements["rating"].value_counts()
    names = {"Green": "Green", "Amber": "Amber", "Red": "Red", "None": "without evidence yet"}
    words = (dict(zip(judgements["rating"], judgements["judgement"].astype(str)))
             if "judgement" in judgements else {})
    meaning = {r: f" ({_after_colon(words[r])})" if r in words and r != "None" else "" for r in names}
    listed = [f"{counts[r]} {names[r]}{meaning[r]}" for r in names if r in counts]
    said = listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " and " + listed[-1]
    text = f"{len(judgements)} expectations: {said}."
    now, then = judgements["rating"], judgements["previous_rating"]
    rank_now, rank_then = now.map(RATING_ORDER), then.map(RATING_ORDER)
    up, down = int((rank_now > rank_then).sum()), int((rank_now < rank_then).sum())
    new = int(((then == "None") & (now != "None")).sum())
    if up or down or new:
        when = f"the {day_label(judgements['previous_report'].dropna().iloc[0])} report"
        text = text[:-1] + f"; since {when}, {up or 'none'} moved up and {down or 'none'} down"
        text += f", and {new} {'was' if new == 1 else 'were'} judged for the first time." if new else "."
    return text

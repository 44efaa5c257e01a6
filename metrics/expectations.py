"""Each expectation of a notice or peer challenge judged on its evidence.

The evidence an expectation names (expectations.csv) is read from the canonical frames:
its improvement areas' and references' actions at the latest snapshot (how many are
complete, overdue, at Red), its survey measures' theme scores from the first wave to the
latest (with Newcombe's interval, so a change is called real only when it is more than
chance), its milestones and, for an expectation that names members, the Code of Conduct
complaints about them (the latest four quarters against the four before: counts of
complaints, never people). The judgement is a RAG rating with its words, by the rule in
config/expectations.toml, and the reasons that led to it, so a board can challenge it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import textwrap

import pandas as pd

from model.text import split_list
from model.survey_counts import SurveyCounts
from metrics.complaints import RecentChange, recent_change
from metrics.actions import (COMPLETE, OUT_OF_SCOPE, completion, latest_snapshot, overdue_actions, overdue_words,
                             shown_status)
from metrics.headlines import is_real_change
from metrics.trends import theme_trend
from metrics.tracker_headlines import day_label
from settings.disclosure import DisclosurePolicy
from settings.labels import survey_measure

JUDGEMENT_COLUMNS = ["id", "expectation", "source", "front", "rating", "judgement", "actions", "surveys",
                     "complaints", "milestones", "reasons", "reason_list", "previous_rating", "previous_report", "movement"]
RATING_ORDER = {"Red": 0, "Amber": 1, "Green": 2}


@dataclass
class Evidence:
    """What one expectation's linked data says."""
    actions: pd.DataFrame                       # linked actions at the latest snapshot
    measures: list[dict] = field(default_factory=list)   # one per survey measure with figures
    milestones: list[str] = field(default_factory=list)  # "Label (Mon YYYY)"
    complaints: list[RecentChange] = field(default_factory=list)  # one per linked subject with a register

    @property
    def in_scope(self) -> pd.DataFrame:
        return self.actions[~self.actions["status"].isin(OUT_OF_SCOPE)]

    @property
    def pct_complete(self) -> float | None:
        scope = self.in_scope
        return None if scope.empty else 100.0 * (scope["status"] == COMPLETE).sum() / len(scope)

    @property
    def overdue(self) -> list[str]:
        return sorted(overdue_actions(self.actions)["reference"].dropna().unique()) if len(self.actions) else []

    @property
    def overdue_detail(self) -> list[str]:
        """'CCC-06 “Embed cultural change…” (due 30 Sep 2024, 16 days overdue)' per overdue action."""
        late = overdue_actions(self.actions) if len(self.actions) else self.actions
        return [f"{r.reference} “{textwrap.shorten(str(r.action), 60, placeholder='…')}” (due {day_label(r.due_date)}, "
                f"{overdue_words(r.days_overdue)})"
                for r in late.sort_values("reference").itertuples()]

    @property
    def at_red(self) -> list[str]:
        return sorted(self.actions.loc[self.actions["status"] == "Red", "reference"].dropna().unique())


def linked_actions(expectation: pd.Series, actions: pd.DataFrame) -> pd.DataFrame:
    """The expectation's actions (by improvement area or reference) at the latest snapshot."""
    if actions.empty:
        return actions.iloc[0:0]
    latest = latest_snapshot(actions)
    areas = {a.casefold() for a in split_list(expectation.get("action_areas"))}
    refs = {r.casefold() for r in split_list(expectation.get("action_refs"))}
    hit = (latest["area"].fillna("").str.casefold().isin(areas)
           | latest["reference"].fillna("").str.casefold().isin(refs))
    linked = latest.loc[hit.to_numpy()].sort_values("reference", kind="stable")
    return linked.drop_duplicates("reference").reset_index(drop=True)   # one row per action


def measure_evidence(measure: str, surveys: SurveyCounts, codebook: pd.DataFrame, policy: DisclosurePolicy,
                     confidence: float) -> dict | None:
    """One ``audience:theme`` measure from its first published wave to its latest. A measure
    with no published figure (unknown audience or theme, or every wave too small) is kept
    with ``last`` None, so the judgement can say so instead of ignoring it."""
    audience, _, theme = (part.strip() for part in measure.partition(":"))
    trend = theme_trend(surveys, codebook, audience, policy, [theme], confidence).dropna(subset=["value"])
    if trend.empty:
        return {"measure": measure, "label": measure_label(measure), "last": None, "change": None, "real": False}
    first, last = trend.iloc[0], trend.iloc[-1]
    real = is_real_change(first, last, confidence)
    return {"measure": measure, "label": measure_label(measure),
            "first_date": first["date"], "first": float(first["value"]), "last_date": last["date"],
            "last": float(last["value"]), "n": int(last["n"]), "waves": len(trend),
            "change": None if len(trend) < 2 else round(float(last["value"]) - float(first["value"]), 1),
            "real": real and len(trend) >= 2}


def gather_evidence(expectation: pd.Series, actions: pd.DataFrame, surveys: SurveyCounts,
                    codebook: pd.DataFrame, events: pd.DataFrame, policy: DisclosurePolicy,
                    confidence: float = 0.95, complaints: pd.DataFrame | None = None,
                    quarters: int = 4, until: pd.Timestamp | None = None) -> Evidence:
    """The expectation's evidence; ``complaints`` (the register) to ``until`` when given."""
    measures = [measure_evidence(m, surveys, codebook, policy, confidence)
                for m in split_list(expectation.get("survey_measures"))]
    kinds = set(split_list(expectation.get("milestone_kinds")))
    milestones = [f"{row.label} ({row.date:%b %Y})" for row in events.itertuples()
                  if str(row.kind) in kinds and not pd.isna(row.date)]
    changes = [recent_change(complaints, subject, quarters, until) if complaints is not None else None
               for subject in split_list(expectation.get("complaints"))]
    return Evidence(linked_actions(expectation, actions), measures, milestones, [c for c in changes if c])


def judge(evidence: Evidence, rules: dict) -> tuple[str, list[str]]:
    """(rating, reasons): rating is Green, Amber, Red or None, by the rule in ``rules``."""
    limits = rules["thresholds"]
    pct, measures = evidence.pct_complete, [m for m in evidence.measures if m["change"] is not None]
    reasons = (_action_reasons(evidence) + [_measure_sentence(m) for m in evidence.measures]
               + [c.sentence() for c in evidence.complaints])
    if pct is None and not [m for m in evidence.measures if m["last"] is not None] and not evidence.complaints:
        return "None", reasons or ["Nothing linked to this expectation has a figure yet."]
    falling = [m for m in measures if m["real"] and m["change"] < 0]
    if (pct is not None and pct < limits["red_below_pct_complete"]) or falling:
        return "Red", reasons
    actions_ok = pct is None or (pct >= limits["green_min_pct_complete"] and not evidence.overdue
                                 and not evidence.at_red)
    # every linked measure must have risen by more than chance: one without two published
    # waves cannot show that, so it holds the judgement at Amber
    surveys_ok = all(m["change"] is not None and m["real"] and m["change"] > 0 for m in evidence.measures)
    # more complaints in the latest quarters than the same span before holds it at Amber, as does a
    # register too short to compare; never Red on its own: a few complaints a quarter rise and fall
    # by chance, and more may mean more trust in reporting
    complaints_ok = all(c.before is not None and not c.rising for c in evidence.complaints)
    return ("Green" if actions_ok and surveys_ok and complaints_ok else "Amber"), reasons


def _action_reasons(evidence: Evidence) -> list[str]:
    scope = evidence.in_scope
    if scope.empty:
        return []
    reasons = [completion(evidence.actions).said("linked action")]
    if evidence.overdue:
        reasons.append(f"{len(evidence.overdue)} overdue: {', '.join(evidence.overdue_detail)}")
    if evidence.at_red:
        reasons.append(f"{len(evidence.at_red)} at Red ({', '.join(evidence.at_red)})")
    return reasons


def _measure_sentence(m: dict) -> str:
    if m["last"] is None:
        return f"{m['label']}: no published figure yet (no such survey or theme, or too few responses)"
    now = f"{m['label']}: {m['last']:.0f}% positive in {m['last_date']:%b %Y}"
    if m["change"] is None:
        return f"{now}; no earlier wave to compare"
    word = "up" if m["change"] > 0 else "down"
    amount = f"{word} {abs(m['change']):.0f} points" if round(m["change"]) else "no change"
    verdict = "a real change" if m["real"] else "within the noise"
    return f"{now}, {amount} since the first survey ({m['first_date']:%b %Y}): {verdict}"


def judge_expectations(expectations: pd.DataFrame, actions: pd.DataFrame, surveys: SurveyCounts,
                       codebook: pd.DataFrame, events: pd.DataFrame, rules: dict, policy: DisclosurePolicy,
                       confidence: float = 0.95, compare: bool = True, complaints: pd.DataFrame | None = None,
                       until: pd.Timestamp | None = None) -> pd.DataFrame:
    """One row per expectation: JUDGEMENT_COLUMNS, in the file's order. With ``compare``,
    each is judged again on what was known at the previous report (``previous_rating``) and
    ``movement`` says whether the judgement went up, down or stayed. ``complaints`` is the
    Code of Conduct complaints register, evidence for an expectation that names its subjects."""
    rows = []
    quarters = int(rules.get("complaints", {}).get("quarters", 4))
    for _, expectation in expectations.iterrows():
        evidence = gather_evidence(expectation, actions, surveys, codebook, events, policy, confidence,
                                   complaints, quarters, until)
        rating, reasons = judge(evidence, rules)
        rows.append({
            "id": expectation["id"], "expectation": expectation["expectation"], "source": expectation["source"],
            "front": expectation["front"], "rating": rating, "judgement": rules["words"][rating],
            "actions": "; ".join(_action_reasons(evidence)) or "None linked",
            "surveys": "; ".join(_measure_sentence(m) for m in evidence.measures) or "None linked",
            "complaints": "; ".join(c.sentence() for c in evidence.complaints) or "None linked",
            "milestones": "; ".join(evidence.milestones) or "None linked",
            "reasons": "; ".join(reasons) + ".", "reason_list": reasons, "previous_rating": None, "previous_report": pd.NaT,
            "movement": "",
        })
    out = pd.DataFrame(rows, columns=JUDGEMENT_COLUMNS)
    before = previous_report_date(actions)
    if compare and before is not None and len(out):
        earlier = judge_expectations(expectations, actions[actions["snapshot_date"] <= before],
                                     surveys.where(until=before), codebook, events, rules, policy,
                                     confidence, compare=False, complaints=complaints, until=before)
        out["previous_rating"] = earlier["rating"].to_numpy()
        out["previous_report"] = before
        out["movement"] = [movement(now, then, before) for now, then in zip(out["rating"], out["previous_rating"])]
    return out


def previous_report_date(actions: pd.DataFrame) -> pd.Timestamp | None:
    """The reporting date before the latest one (None with fewer than two reports)."""
    dates = sorted(actions["snapshot_date"].dropna().unique())
    return pd.Timestamp(dates[-2]) if len(dates) >= 2 else None


def movement(now: str, then: str, before: pd.Timestamp) -> str:
    """'Up from Amber at the 17 Sep 2024 report' / 'Down from Green …' / 'No change since …'."""
    when = f"the {day_label(before)} report"
    if now == then:
        return f"No change since {when}"
    if now in RATING_ORDER and then in RATING_ORDER:
        direction = "Up" if RATING_ORDER[now] > RATING_ORDER[then] else "Down"
        return f"{direction} from {then} at {when}"
    return f"Was {'no evidence' if then == 'None' else then} at {when}"


def measure_label(measure: str) -> str:
    """'staff:governance' -> 'Staff survey, governance theme', the measure's name a sentence
    puts its figure after (config/labels.toml [measures])."""
    audience, _, theme = (part.strip() for part in measure.partition(":"))
    return survey_measure(audience, theme, unit=False)


def evidence_actions(expectation: pd.Series, actions: pd.DataFrame, with_owner: bool = True) -> pd.DataFrame:
    """The linked actions for display: reference, action, area, status (saying when it is
    overdue: ``metrics.actions.status_words``), due date, and the owner only where the edition
    may show names."""
    linked = shown_status(linked_actions(expectation, actions))
    columns = ["reference", "action", "area", "status", "due_date", *(["owner"] if with_owner else [])]
    return linked[columns].copy()


def rule_sentence(rules: dict) -> str:
    """The judgement rule in plain English, from the same thresholds ``judge`` uses."""
    low, high = rules["thresholds"]["red_below_pct_complete"], rules["thresholds"]["green_min_pct_complete"]
    quarters = int(rules.get("complaints", {}).get("quarters", 4))
    return (f"Red: under {low:g}% of the linked actions complete, or a linked survey score genuinely down since "
            f"the first survey. Green: at least {high:g}% of the linked actions complete, none overdue, none "
            "rated Red, every linked survey score genuinely up since the first survey, and no more linked Code "
            f"of Conduct complaints in the latest {quarters} quarters than the {quarters} before. Amber: anything "
            "in between. 'No evidence yet': nothing linked has a figure. 'Genuinely' means by more than "
            "chance could explain (95% interval).")

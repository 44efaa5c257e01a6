"""Each expectation of a notice or peer challenge judged on its evidence.

The evidence an expectation names (expectations.csv) is read from the canonical frames:
its improvement areas' and references' actions at the latest snapshot (how many are
complete, overdue, at Red), its survey measures' theme scores from the first wave to the
latest (with Newcombe's interval, so a change is called real only when it is more than
chance) and its milestones. The judgement is a RAG rating with its words, by the rule in
config/expectations.toml, and the reasons that led to it, so a board can challenge it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from loaders.expectations import split_list
from metrics.actions import CLOSED, COMPLETE, OUT_OF_SCOPE, latest_snapshot, overdue_actions
from metrics.change import newcombe_difference
from metrics.trends import theme_trend

JUDGEMENT_COLUMNS = ["id", "expectation", "source", "front", "rating", "judgement", "actions", "surveys",
                     "milestones", "reasons"]
AUDIENCE_NAMES = {"staff": "staff survey", "partner": "partner survey"}


@dataclass
class Evidence:
    """What one expectation's linked data says."""
    actions: pd.DataFrame                       # linked actions at the latest snapshot
    measures: list[dict] = field(default_factory=list)   # one per survey measure with figures
    milestones: list[str] = field(default_factory=list)  # "Label (Mon YYYY)"

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
    return latest.loc[hit.to_numpy()].sort_values("reference").reset_index(drop=True)


def measure_evidence(measure: str, surveys: pd.DataFrame, codebook: pd.DataFrame, min_size: int,
                     confidence: float) -> dict | None:
    """One ``audience:theme`` measure from its first published wave to its latest, or None
    when it has fewer than two published waves' figures (small waves stay hidden)."""
    audience, theme = (part.strip() for part in measure.split(":", 1))
    trend = theme_trend(surveys, codebook, audience, min_size, [theme], confidence).dropna(subset=["value"])
    if trend.empty:
        return None
    first, last = trend.iloc[0], trend.iloc[-1]
    diff, lower, upper = newcombe_difference(first["value"] / 100, int(first["n"]), last["value"] / 100,
                                             int(last["n"]), confidence)
    real = not pd.isna(diff) and (lower > 0 or upper < 0)
    return {"measure": measure, "label": f"{theme.capitalize()} ({AUDIENCE_NAMES.get(audience, audience + ' survey')})",
            "first_date": first["date"], "first": float(first["value"]), "last_date": last["date"],
            "last": float(last["value"]), "n": int(last["n"]), "waves": len(trend),
            "change": None if len(trend) < 2 else round(float(last["value"]) - float(first["value"]), 1),
            "real": real and len(trend) >= 2}


def gather_evidence(expectation: pd.Series, actions: pd.DataFrame, surveys: pd.DataFrame,
                    codebook: pd.DataFrame, events: pd.DataFrame, min_size: int, confidence: float = 0.95) -> Evidence:
    measures = [measure_evidence(m, surveys, codebook, min_size, confidence)
                for m in split_list(expectation.get("survey_measures"))]
    kinds = set(split_list(expectation.get("milestone_kinds")))
    milestones = [f"{row.label} ({row.date:%b %Y})" for row in events.itertuples() if str(row.kind) in kinds]
    return Evidence(linked_actions(expectation, actions), [m for m in measures if m], milestones)


def judge(evidence: Evidence, rules: dict) -> tuple[str, list[str]]:
    """(rating, reasons): rating is Green, Amber, Red or None, by the rule in ``rules``."""
    limits = rules["thresholds"]
    pct, measures = evidence.pct_complete, [m for m in evidence.measures if m["change"] is not None]
    reasons = _action_reasons(evidence) + [_measure_sentence(m) for m in evidence.measures]
    if pct is None and not measures:
        return "None", reasons or ["Nothing linked to this expectation has a figure yet."]
    falling = [m for m in measures if m["real"] and m["change"] < 0]
    if (pct is not None and pct < limits["red_below_pct_complete"]) or falling:
        return "Red", reasons
    actions_ok = pct is None or (pct >= limits["green_min_pct_complete"] and not evidence.overdue
                                 and not evidence.at_red)
    surveys_ok = all(m["real"] and m["change"] > 0 for m in measures)
    return ("Green" if actions_ok and surveys_ok else "Amber"), reasons


def _action_reasons(evidence: Evidence) -> list[str]:
    scope = evidence.in_scope
    if scope.empty:
        return []
    done = int((scope["status"] == COMPLETE).sum())
    reasons = [f"{done} of {len(scope)} linked actions complete ({evidence.pct_complete:.0f}%)"]
    if evidence.overdue:
        reasons.append(f"{len(evidence.overdue)} overdue ({', '.join(evidence.overdue)})")
    if evidence.at_red:
        reasons.append(f"{len(evidence.at_red)} at Red ({', '.join(evidence.at_red)})")
    return reasons


def _measure_sentence(m: dict) -> str:
    now = f"{m['label']} {m['last']:.0f}% positive in {m['last_date']:%b %Y}"
    if m["change"] is None:
        return f"{now}; no earlier wave to compare"
    word = "up" if m["change"] > 0 else "down"
    amount = f"{word} {abs(m['change']):.0f} points" if round(m["change"]) else "no change"
    verdict = "a real change" if m["real"] else "within the noise"
    return f"{now}, {amount} since {m['first_date']:%b %Y}: {verdict}"


def judge_expectations(expectations: pd.DataFrame, actions: pd.DataFrame, surveys: pd.DataFrame,
                       codebook: pd.DataFrame, events: pd.DataFrame, rules: dict, min_size: int,
                       confidence: float = 0.95) -> pd.DataFrame:
    """One row per expectation: JUDGEMENT_COLUMNS, in the file's order."""
    rows = []
    for _, expectation in expectations.iterrows():
        evidence = gather_evidence(expectation, actions, surveys, codebook, events, min_size, confidence)
        rating, reasons = judge(evidence, rules)
        rows.append({
            "id": expectation["id"], "expectation": expectation["expectation"], "source": expectation["source"],
            "front": expectation["front"], "rating": rating, "judgement": rules["words"][rating],
            "actions": "; ".join(_action_reasons(evidence)) or "None linked",
            "surveys": "; ".join(_measure_sentence(m) for m in evidence.measures) or "None linked",
            "milestones": "; ".join(evidence.milestones) or "None linked",
            "reasons": "; ".join(reasons) + ".",
        })
    return pd.DataFrame(rows, columns=JUDGEMENT_COLUMNS)


def evidence_actions(expectation: pd.Series, actions: pd.DataFrame, with_owner: bool = True) -> pd.DataFrame:
    """The linked actions for display: reference, action, area, status, due date, overdue,
    and the owner only where the edition may show names."""
    linked = linked_actions(expectation, actions)
    overdue = set(overdue_actions(linked)["reference"]) if len(linked) else set()
    columns = ["reference", "action", "area", "status", "due_date", *(["owner"] if with_owner else [])]
    out = linked[columns].copy()
    out["status"] = out["status"].astype("string")
    out.insert(5, "overdue", ["Yes" if r in overdue else "No" for r in linked["reference"]])
    out["open"] = ~linked["status"].isin(CLOSED).to_numpy()
    return out


def rule_sentence(rules: dict) -> str:
    """The judgement rule in plain English, from the same thresholds ``judge`` uses."""
    low, high = rules["thresholds"]["red_below_pct_complete"], rules["thresholds"]["green_min_pct_complete"]
    return (f"Red when the linked actions are under {low:g}% complete or a linked survey score has fallen "
            f"since its first wave by more than chance; Green when they are at least {high:g}% complete with "
            "none overdue or at Red and every linked survey score has risen by more than chance; Amber "
            "otherwise; 'No evidence yet' when nothing linked has a figure.")

"""'You said, we did' for staff: what the staff survey said on a theme, what the improvement
plan did about it and where each action stands, in plain English (config/plain_words.toml).

Each action is given in its own words, in full, its abbreviations spelt out; no reference,
RAG colour or tracker note is the headline. Where it stands is a sentence: done (and when
it was first reported done), under way, or running late when its due date has passed,
whatever its RAG says (the overdue rule of metrics/actions.py). Pure: frames in, text out.
"""
from __future__ import annotations

import re

import pandas as pd

from metrics.actions import COMPLETE, completion, latest_snapshot, with_overdue
from settings.labels import survey_measure


def spell_out(text: str, abbreviations: dict[str, str]) -> str:
    """``text`` with each abbreviation (a whole word, as written) replaced by its words,
    longest first, so 'CPCA' is not read as 'CA'; 'the CA' spelt 'the the Combined
    Authority' is said once."""
    if not abbreviations:
        return text
    names = sorted(abbreviations, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w&])(" + "|".join(re.escape(n) for n in names) + r")(?![\w&])")
    spelt = pattern.sub(lambda m: abbreviations[m.group(1)], text)
    return re.sub(r"\b(the) the\b", r"\1", spelt, flags=re.IGNORECASE)


def _long_day(date) -> str:
    stamp = pd.Timestamp(date)
    return f"{stamp.day} {stamp:%B %Y}"


def first_done(actions: pd.DataFrame) -> dict[str, pd.Timestamp]:
    """Reference -> the first reporting date at which the action was Complete."""
    done = actions.loc[actions["status"] == COMPLETE]
    return done.groupby("reference")["snapshot_date"].min().to_dict()


def where_it_stands(row, done: pd.Timestamp | None, words: dict[str, str]) -> str:
    """'Done (reported June 2024).' / 'Running late: it was due by 30 September 2024 and is
    not done yet.' / 'Under way and on track. Due by 31 March 2025.'"""
    if not pd.isna(row.days_overdue):
        return words["overdue"].format(due=_long_day(row.due_date))
    status = "" if pd.isna(row.status) else str(row.status)
    said = words.get(status, "Where it stands is not recorded.")
    said = said.format(done=f"{done:%B %Y}" if done is not None else "", due="")
    said = said.replace(" (reported )", "")
    if status not in (COMPLETE, "Superseded", "Not applicable") and not pd.isna(row.due_date) and "due" in words:
        said += " " + words["due"].format(due=_long_day(row.due_date))
    return said


def staff_actions(actions: pd.DataFrame, theme: str, plain: dict) -> pd.DataFrame:
    """The theme's actions at the latest report, in the tracker's order: ``action`` (its words
    in full, abbreviations spelt out), ``stands`` (where it stands, in a sentence) and
    ``late`` (True when overdue). ``plain``: settings.plain_words.plain_words()."""
    if actions.empty:
        return pd.DataFrame(columns=["action", "stands", "late"])
    latest = with_overdue(latest_snapshot(actions))
    latest = latest.loc[(latest["theme"] == theme).fillna(False).to_numpy()]
    done = first_done(actions)
    return pd.DataFrame({
        "action": [spell_out(str(a), plain["abbreviations"]).strip() for a in latest["action"]],
        "stands": [where_it_stands(r, done.get(r.reference), plain["status"]) for r in latest.itertuples()],
        "late": latest["days_overdue"].notna().to_numpy(),
    })


def we_did_sentence(actions: pd.DataFrame, theme: str) -> str:
    """'9 of the 12 actions are done; 1 is running late.' for the theme at the latest report
    (counted as every completion share is: metrics.actions.completion)."""
    if actions.empty:
        return ""
    latest = with_overdue(latest_snapshot(actions))
    latest = latest.loc[(latest["theme"] == theme).fillna(False).to_numpy()]
    if latest.empty:
        return ""
    done = completion(latest)
    late = int(latest["days_overdue"].notna().sum())
    text = f"{done.n_complete} of the {done.n_in_scope} actions {'is' if done.n_complete == 1 else 'are'} done"
    text += f" ({done.note})" if done.note else ""
    return text + (f"; {late} {'is' if late == 1 else 'are'} running late." if late else ".")


def you_said_sentence(trend: pd.DataFrame, theme: str, audience: str = "staff") -> str:
    """'In the October 2024 survey, 62% of answers on culture were positive, against 27% in
    September 2022, the first survey.' from the theme's shown (published) scores (its series
    in a theme trend is named ``settings.labels.survey_measure``); '' when none is shown."""
    name = survey_measure(audience, theme)
    points = trend[(trend["series"] == name) & trend["value"].notna()].sort_values("date") if len(trend) else trend
    if points.empty:
        return ""
    last = points.iloc[-1]
    text = f"In the {last['date']:%B %Y} survey, {last['value']:.0f}% of answers on {theme.lower()} were positive"
    if len(points) > 1:
        first = points.iloc[0]
        text += f", against {first['value']:.0f}% in {first['date']:%B %Y}, the first survey"
    return text + "."

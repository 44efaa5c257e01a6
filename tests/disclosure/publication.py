"""What the survey pages publish in each state of a case's history, and the truth behind it.

``states(case, folder)`` replays a case (``cases.replay``) and, after each upload, loads the
app's data (``assembly.bundle.load_bundle``) and collects every survey figure the pages can
show, by calling the same functions the pages call (ui/, pages/sections/, pages/culture.py,
pages/partnership.py, pages/staff_results.py, pages/overview.py), for every audience and
every wave date the wave selector offers:

- ``metrics.published.survey_views`` (trend, moved, groups, statements) for each wave date;
- ``wave_groups`` for each wave date, ``theme_drill`` for each theme and wave date;
- ``question_history`` for each question the audience was asked;
- ``metrics.response.response_rates`` and ``metrics.trends.improvement_journey``;
- for every group the pages' "Show results for" filter offers (``published.group_choices``),
  ``published.group_views`` (the group's statements of each wave date, its theme trend): a
  Table with its ``group`` set.

Every call goes through ``call``, the one adapter, with the settings' disclosure policy
(``Settings.disclosure``) as the page passes it, so a change of signature is a one-line fix
there. Each result is kept as a ``Table`` (what kind of figure, for which
audience and wave, the frame as returned); ``lp.publish`` reads the numbers out of it.

The truth of a state (``State.cells``) is one row per fine cell (audience, wave, group,
question, wording) of the upload active for each wave: n (answers on the scale), pos,
neu, neg (after flipping negative statements, ``metrics.survey.scored_counts``), the five
answer counts a0..a4 (for telling a pure removal from a recode), ``version`` (a fingerprint
of the whole wave's fine counts) and ``fingerprint`` (of the cell's own counts). A missing
group is ``metrics.breakdowns.NOT_STATED``, as the pages show it.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from assembly.bundle import Bundle, load_bundle
from settings.config import Settings, load_settings
from settings.labels import survey_measure
from metrics import published, response, trends
from metrics.survey import question_lookup, scored_counts, theme_respondents
from tests.disclosure.cases import Case, replay

try:                                     # where the other engineer's fix keeps it
    from metrics.publishable import NOT_STATED
except ImportError:                      # today's code
    from metrics.breakdowns import NOT_STATED

CELL = ["audience", "wave", "wave_date", "group", "question_id", "question_text"]
ANSWERS = [f"a{i}" for i in range(5)]


def settings() -> Settings:
    return load_settings()


def call(function, *args, **kwargs):
    """Call an app function as a page does. The ONE place a signature change is absorbed
    (the survey functions take the disclosure policy, ``settings().disclosure``, as the pages do)."""
    return function(*args, **kwargs)


@dataclass
class Table:
    """One published frame: ``kind`` is statements, trend, groups, moved or question_trend;
    ``group``: the one group (directorate) whose figures these are, when the page's filter
    chose one (None: the whole wave)."""
    kind: str
    audience: str
    wave_date: pd.Timestamp | None
    frame: pd.DataFrame
    question_id: str | None = None
    source: str = ""
    group: str | None = None


@dataclass
class State:
    """The data after ``uploads`` uploads: the truth and everything published from it."""
    uploads: int
    bundle: Bundle
    cells: pd.DataFrame
    theme_people: pd.DataFrame            # audience, wave, group, theme, n_respondents
    tables: list[Table] = field(default_factory=list)


def states(case: Case, folder: Path, collector=None, replayer=None) -> Iterator[State]:
    """Every state of the case's history, with what the pages published in it (``collector``:
    bundle -> tables, default ``collect``, the app's own functions; ``replayer``: case, folder
    -> the folder after each upload, default ``cases.replay``, through the app's store)."""
    for number, path in enumerate((replayer or replay)(case, folder), start=1):
        data = load_bundle(path)
        yield State(number, data, truth(data), group_theme_people(data), (collector or collect)(data))


def truth(data: Bundle) -> pd.DataFrame:
    """The fine cells of the bundle (module docstring)."""
    scored = scored_counts(data.surveys, data.codebook)
    if scored.empty:
        return pd.DataFrame(columns=[*CELL, "theme", "n", "pos", "neu", "neg", *ANSWERS, "version", "fingerprint"])
    weight = scored["n"].to_numpy(dtype=np.int64)
    raw = scored["position"].where(~scored["negative"], 4 - scored["position"]).to_numpy(dtype=int)
    work = scored[CELL[:3] + CELL[4:] + ["theme"]].astype({"question_text": "string"}).assign(
        group=scored["group"].astype("string").fillna(NOT_STATED), n=weight,
        pos=weight * scored["is_positive"].to_numpy(), neu=weight * scored["is_neutral"].to_numpy(),
        neg=weight * scored["is_negative"].to_numpy(),
        **{a: weight * (raw == i) for i, a in enumerate(ANSWERS)})
    cells = (work.groupby([*CELL, "theme"], dropna=False, sort=True, observed=True)
             [["n", "pos", "neu", "neg", *ANSWERS]].sum().reset_index())
    cells = cells[cells["n"] > 0].reset_index(drop=True)
    cells["fingerprint"] = [_digest(r) for r in cells[[*CELL, *ANSWERS]].astype(str).itertuples(index=False)]
    versions = {key: _digest(tuple(rows["fingerprint"])) for key, rows in cells.groupby(["audience", "wave"])}
    cells["version"] = [versions[k] for k in zip(cells["audience"], cells["wave"])]
    return cells


def _digest(parts) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode()).hexdigest()[:16]


def group_theme_people(data: Bundle) -> pd.DataFrame:
    """Distinct respondents per audience, wave, group and theme (the group x theme table's n)."""
    if data.surveys.empty:
        return pd.DataFrame(columns=["audience", "wave", "group", "theme", "n_respondents"])
    named = data.surveys.with_group(NOT_STATED)
    return theme_respondents(named, data.codebook, ["audience", "wave", "group"])


def collect(data: Bundle) -> list[Table]:
    """Everything the survey pages publish from ``data`` (module docstring)."""
    s = settings()
    surveys, book, policy, conf = data.surveys, data.codebook, s.disclosure, s.confidence
    out: list[Table] = []
    audiences = sorted(surveys.answers["audience"].dropna().unique()) if not surveys.empty else []
    themes = sorted(question_lookup(book)["theme"].dropna().unique())
    for audience in audiences:
        for date in published.wave_dates(surveys, audience):
            views = call(published.survey_views, surveys, book, audience, policy, conf, wave_date=date)
            out += [Table("trend", audience, None, views.trend, source="survey_views.trend"),
                    Table("moved", audience, None, views.moved, source="survey_views.moved"),
                    Table("groups", audience, date, views.groups, source="survey_views.groups"),
                    Table("statements", audience, date, views.statements, source="survey_views.statements")]
            groups = call(published.wave_groups, surveys, book, audience, policy, date)
            out.append(Table("groups", audience, date, groups, source="wave_groups"))
            for theme in themes:
                drill = call(published.theme_drill, surveys, book, audience, theme, date, policy)
                out.append(Table("statements", audience, date, drill, source=f"theme_drill({theme})"))
        asked = surveys.answers.loc[surveys.answers["audience"] == audience, "question_id"].dropna().unique()
        for qid in sorted(asked):
            history, _ = call(published.question_history, surveys, book, audience, qid, policy, conf)
            out.append(Table("question_trend", audience, None, history, question_id=qid,
                             source=f"question_history({qid})"))
        out += collect_groups(surveys, book, audience, policy, conf)
        call(response.response_rates, surveys, data.headcount, audience)   # respondents only: n is given
    journey = call(trends.improvement_journey, surveys, book, data.actions, policy, conf)
    for audience, series in (("staff", survey_measure("staff", "culture")),
                             ("partner", survey_measure("partner", "partnership"))):
        part = journey[journey["series"] == series]
        if len(part) and audience in audiences:
            out.append(Table("trend", audience, None, part, source="improvement_journey"))
    return out


def collect_groups(surveys, book, audience: str, policy, conf) -> list[Table]:
    """What the survey pages publish for each group their filter offers (module docstring).
    A group's history of one statement (``group_question_history``) is its cells of the
    statements tables again, wave by wave: tests/disclosure/test_directorate_filter.py holds
    it to them, so the audit does not read the same numbers twice."""
    out: list[Table] = []
    dates = published.wave_dates(surveys, audience)
    themes, people = call(published.group_tables, surveys, book, audience, policy)
    for group in call(published.group_choices, surveys, audience):
        for number, date in enumerate(dates):
            views = call(published.group_views, surveys, book, audience, group, policy, conf, wave_date=date,
                         themes=themes, people=people)
            out.append(Table("statements", audience, date, views.statements, group=group,
                             source=f"group_views({group}).statements"))
            if number == 0:               # the same trend whichever wave is chosen
                out.append(Table("trend", audience, None, views.trend, group=group,
                                 source=f"group_views({group}).trend"))
    return out

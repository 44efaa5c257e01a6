"""The canonical data model: the tidy frames every loader produces and every metric reads.

One place defines each frame's columns, their types and the ordered vocabularies
(agreement scale, action status). Loaders end by calling ``conform`` so that a frame
that leaves ``loaders/`` always has exactly these columns in this order and these dtypes.
See docs/data-model.md for the prose version.
"""
from __future__ import annotations

import pandas as pd

#: The 5-point agreement scale, worst to best. Scores are 1..5 in this order.
AGREEMENT_SCALE: tuple[str, ...] = (
    "Strongly disagree",
    "Disagree",
    "Neither agree nor disagree",
    "Agree",
    "Strongly agree",
)

#: Action status, one ordered vocabulary. The RAG colours run worst to best, then
#: the states that are not a colour. The text-to-status map is config/rag_vocabulary.csv.
ACTION_STATUSES: tuple[str, ...] = (
    "Not started",
    "Red",
    "Amber",
    "Green",
    "Complete",
    "On hold",
    "Superseded",
    "Not applicable",
)

#: Statuses outside an action plan's progress count: the action no longer applies, so it is
#: neither done nor overdue, and every completion share leaves it out of its denominator.
OUT_OF_SCOPE_STATUSES: tuple[str, ...] = ("Superseded", "Not applicable")

#: Phase-3 close-down categories (seed 002).
CLOSURE_CATEGORIES: tuple[str, ...] = (
    "Completed - any future review at Directorate level",
    "Completed - no further action",
    "Open - outstanding actions moved into Directorate Business Plans",
)

AGREEMENT_DTYPE = pd.CategoricalDtype(list(AGREEMENT_SCALE), ordered=True)
STATUS_DTYPE = pd.CategoricalDtype(list(ACTION_STATUSES), ordered=True)

# Column name -> dtype. ``datetime64[ns]`` columns hold dates at midnight (no time zone).
SURVEY_RESPONSES: dict[str, object] = {
    "audience": "string",        # staff | partner | any other audience
    "wave": "string",            # wave label, e.g. "2023-05"
    "wave_date": "datetime64[ns]",
    "respondent": "string",      # respondent id, unique within (audience, wave)
    "group": "string",           # reporting group: directorate (staff), organisation (partner)
    "question_id": "string",     # stable id from the codebook (provisional "UNMAPPED-..." if none)
    "question_text": "string",   # the wording as it appeared in this wave's file
    "answer": AGREEMENT_DTYPE,   # the ordered 5-point answer
    "score": "Int64",            # 1..5, position on AGREEMENT_SCALE
}

CODEBOOK: dict[str, object] = {
    "question_id": "string",
    "wording": "string",         # one wording; an id may have several (rewording between waves)
    "waves": "string",           # ";"-separated wave labels the wording was used in, "" = any
    "theme": "string",           # culture | partnership | governance | ...
    "negative": "bool",          # negatively worded: "positive" means disagree
    "positive_means": "string",  # optional, for a negative one: what a positive answer says ("have not experienced it")
    "kind": "string",            # optional: "free_text" for a comment question; blank: judged by content
}

ACTIONS: dict[str, object] = {
    "snapshot_date": "datetime64[ns]",
    "reference": "string",
    "area": "string",            # improvement area (seed 004)
    "theme": "string",           # culture | partnership | governance
    "action": "string",
    "owner": "string",
    "due_date": "datetime64[ns]",  # NaT when none or "Ongoing"
    "due_text": "string",        # the due date as written in the file
    "status": STATUS_DTYPE,
    "rag_text": "string",        # the original RAG / status text
    "progress_note": "string",
    "closure_category": "string",  # one of CLOSURE_CATEGORIES or <NA>
    "source": "string",          # notice | auditor | board | peer challenge | ...
    "evidence": "string",        # optional: evidence of completion / impact, as written
    "phase": "string",           # optional: plan phase ("Phase 3"); <NA> when the file has none
    "start_date": "datetime64[ns]",  # optional: when work on the action started (Planner, some trackers)
}

SCRUTINY_SCORES: dict[str, object] = {
    "meeting_date": "datetime64[ns]",
    "committee": "string",
    "topic": "string",
    "objective": "string",       # strategic objective, may be <NA>
    "scorer": "string",          # may be <NA> when one score per topic
    "criterion": "string",
    "score": "Int64",
    "scheme": "string",          # scheme id, e.g. "cpca-8" (config/scrutiny_schemes/)
    "on_work_programme": "boolean",  # status: on the work programme (Yes/No), <NA> when not stated
}

#: Published or provider-aggregated survey results (no respondent rows): one row per
#: question x group x wave. See docs/data-model.md "Aggregated results".
AGGREGATES: dict[str, object] = {
    "audience": "string",        # staff | partner | benchmark | ...
    "wave": "string",
    "wave_date": "datetime64[ns]",
    "group": "string",           # the column/row group as published (directorate, "All", a benchmark)
    "question_id": "string",     # from the codebook, provisional "UNMAPPED-..." if unknown
    "question_text": "string",   # as published
    "n_respondents": "Int64",    # <NA> when the table gives percentages without a base
    "pct_positive": "Float64",   # 0-100
    "pct_neutral": "Float64",    # 0-100, <NA> when not published
    "pct_negative": "Float64",   # 0-100, <NA> when not published
}

EVENTS: dict[str, object] = {
    "date": "datetime64[ns]",
    "label": "string",
    "kind": "string",            # audit | notice | board | plan | milestone
    "short_label": "string",     # optional: the label drawn on charts where space is short
    "baseline": "boolean",       # optional: the milestone results are compared with ("since the notice")
}

HEADCOUNT: dict[str, object] = {
    "audience": "string",        # staff | partner | ...
    "wave": "string",            # wave label, as in SURVEY_RESPONSES
    "headcount": "Int64",        # people invited (staff in post, partner contacts)
}

#: What a notice or a peer challenge expects, each linked to the evidence behind it
#: (expectations.csv). Lists are ";"-separated in the file and kept as written here.
EXPECTATIONS: dict[str, object] = {
    "id": "string",              # short id, unique in the file: "BVN-3"
    "expectation": "string",     # the expectation in the source document's own words
    "source": "string",          # "Best Value Notice, 30 January 2024"
    "front": "string",           # culture | partnership | governance
    "action_areas": "string",    # improvement areas whose actions are evidence ("" = none)
    "action_refs": "string",     # action references that are evidence as well ("" = none)
    "survey_measures": "string",  # "audience:theme" pairs, e.g. "staff:culture" ("" = none)
    "milestone_kinds": "string",  # event kinds (events.csv) that are evidence ("" = none)
    "complaints": "string",      # complaint subjects (member, officer) whose Code of Conduct complaints are evidence
}

#: The Code of Conduct complaints register: one row per complaint, never a name
#: (config/complaints.toml says which columns are read).
COMPLAINTS: dict[str, object] = {
    "reference": "string",       # the register's case reference ("" when it has none)
    "date_received": "datetime64[ns]",
    "subject": "string",         # member | officer
    "category": "string",        # a category of config/complaints.toml
    "outcome": "string",         # No further action | Informal resolution | Breach found | Ongoing
}

#: Free-text answers ("Is there anything else you would like to tell us?"): one row per
#: non-empty comment, kept with its wave, group and question, never with a respondent ID.
#: Full edition only: no staff page, URL or download may reach this frame (issue: comments).
COMMENTS: dict[str, object] = {
    "comment_id": "string",      # stable for the same upload: a hash of file, sheet, row and column
    "audience": "string",
    "wave": "string",
    "wave_date": "datetime64[ns]",
    "group": "string",           # reporting group, as SURVEY_RESPONSES ("" when none)
    "question_id": "string",     # the free-text question's id ("COMMENT-..." when the codebook has none)
    "question_text": "string",
    "text": "string",            # as written, unredacted: redact before anything shows it
}

#: An officer's correction of a comment's theme (store/theme_corrections.py): the log keeps every
#: one; the latest for a comment wins from then on. Full edition only, as COMMENTS.
THEME_CORRECTIONS: dict[str, object] = {
    "comment_id": "string",      # COMMENTS.comment_id
    "theme": "string",           # the theme the officer chose
    "who": "string",             # who corrected it, as they gave their name (no sign-in yet)
    "when": "datetime64[ns]",    # when, UTC
}

SCHEMAS: dict[str, dict[str, object]] = {
    "comments": COMMENTS,
    "theme_corrections": THEME_CORRECTIONS,
    "complaints": COMPLAINTS,
    "expectations": EXPECTATIONS,
    "headcount": HEADCOUNT,
    "survey_responses": SURVEY_RESPONSES,
    "codebook": CODEBOOK,
    "actions": ACTIONS,
    "scrutiny_scores": SCRUTINY_SCORES,
    "events": EVENTS,
    "aggregates": AGGREGATES,
}


def empty(schema: dict[str, object]) -> pd.DataFrame:
    """An empty frame with the schema's columns and dtypes."""
    return conform(pd.DataFrame(columns=list(schema)), schema)


def conform(frame: pd.DataFrame, schema: dict[str, object]) -> pd.DataFrame:
    """Return ``frame`` with exactly the schema's columns, in order, cast to its dtypes.

    Missing optional columns are added as all-missing; extra columns are dropped.
    """
    out = pd.DataFrame(index=frame.index)
    for column, dtype in schema.items():
        values = frame[column] if column in frame.columns else pd.Series(pd.NA, index=frame.index)
        if dtype == "datetime64[ns]":
            out[column] = pd.to_datetime(values, errors="coerce").astype("datetime64[ns]")
        elif dtype == "bool":
            out[column] = values.fillna(False).astype(bool)
        else:
            out[column] = values.astype(dtype)
    return out.reset_index(drop=True)

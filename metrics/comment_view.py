"""What the comments page reads for one audience: its comments redacted, their themes
(officers' corrections applied) and the counts per wave under the disclosure rule.

Everything downstream (counts, typical examples, topics, the officers' list) works on the
redacted text, so nothing the page draws can carry an identifier the redactor finds. The
redactor knows the people the dashboard knows (the action trackers' owners; the export's
own Name and Email columns were masked when the file was loaded, loaders/free_text.py; the
configured list) and the audience's groups too small to show: a group with fewer
respondents than the threshold in any wave (a comment naming "the three of us in Legal"
would identify them).
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from metrics.comment_disclosure import decide_line, reason_words
from metrics.comment_themes import assign_themes, theme_counts
from metrics.redaction import Redactor, redact_comments
from model.survey_counts import RESPONDENTS
from settings.comment_themes import CommentCodebook, comment_codebook
from settings.disclosure import DisclosurePolicy
from settings.redaction import RedactionConfig, redaction_config


@dataclass(frozen=True)
class CommentView:
    """``comments``: the audience's COMMENTS, text redacted; ``themes``: assign_themes of them;
    ``counts``: theme_counts per wave."""

    comments: pd.DataFrame
    themes: pd.DataFrame
    counts: pd.DataFrame


def small_groups(reach: pd.DataFrame, audience: str, policy: DisclosurePolicy) -> list[str]:
    """The audience's groups with fewer respondents than the threshold in any wave."""
    mine = reach[(reach["audience"] == audience) & reach["group"].notna() & (reach["group"] != "")]
    sizes = mine.groupby(["wave", "group"], observed=True)[RESPONDENTS].sum()
    return sorted(set(sizes[sizes < policy.min_size].index.get_level_values("group").astype(str)))


def comment_audiences(comments: pd.DataFrame) -> list[str]:
    """The audiences that have comments: staff first, then the others alphabetically."""
    return sorted(comments["audience"].dropna().astype(str).unique(), key=lambda a: (a != "staff", a))


def comment_view(comments: pd.DataFrame, corrections: pd.DataFrame, owners: pd.Series, reach: pd.DataFrame,
                 audience: str, policy: DisclosurePolicy, config: RedactionConfig | None = None,
                 codebook: CommentCodebook | None = None) -> CommentView:
    """One audience's comments, redacted and themed, and their counts per wave."""
    mine = comments[comments["audience"] == audience].reset_index(drop=True)
    redactor = Redactor.from_sources(owners.dropna().astype(str).unique(), small_groups(reach, audience, policy),
                                     config or redaction_config())
    redacted = redact_comments(mine, redactor)
    codebook = codebook or comment_codebook()
    themes = assign_themes(redacted, codebook, corrections)
    return CommentView(redacted, themes, theme_counts(redacted, themes, policy, codebook))


def wave_comments(view: CommentView, wave_date: pd.Timestamp) -> CommentView:
    """The view narrowed to one wave (its counts rows too)."""
    comments = view.comments[view.comments["wave_date"] == wave_date]
    ids = set(comments["comment_id"].astype(str))
    return CommentView(comments, view.themes[view.themes["comment_id"].astype(str).isin(ids)],
                       view.counts[view.counts["wave_date"] == wave_date])


def listed_comments(view: CommentView, theme: str) -> pd.DataFrame:
    """The comments of ``theme``, by comment id, numbered from 1, each with the keys of all its
    themes (``theme_keys``, as assigned) and where its first one came from (``first_source``)."""
    ids = set(view.themes.loc[view.themes["theme"] == theme, "comment_id"].astype(str))
    listed = view.comments[view.comments["comment_id"].astype(str).isin(ids)].sort_values("comment_id")
    theirs = view.themes[view.themes["comment_id"].astype(str).isin(ids)]
    keys = theirs.groupby("comment_id", sort=False)["theme"].agg(tuple)
    first = theirs.drop_duplicates("comment_id").set_index("comment_id")["source"]
    return listed.assign(number=range(1, len(listed) + 1), theme_keys=[keys[c] for c in listed["comment_id"]],
                         first_source=[first[c] for c in listed["comment_id"]])


def shown_themes(counts: pd.DataFrame) -> list[str]:
    """The themes (not NO_THEME) whose count the disclosure rule shows in these counts' wave."""
    rows = counts[counts["shown"].astype(bool) & (counts["theme"] != "no_theme") & (counts["comments"] > 0)]
    return rows.sort_values("comments", ascending=False, kind="stable")["theme"].astype(str).tolist()


GROUP_COLUMNS = ["wave", "wave_date", "group", "comments", "shown", "reason"]
NOT_STATED = "Not stated"


def group_counts(comments: pd.DataFrame, policy: DisclosurePolicy) -> pd.DataFrame:
    """Per wave, the comments of each group (NOT_STATED: no group given), under the count
    disclosure rule: a group with fewer comments than the threshold is hidden, and so is
    what would let it be worked out from the wave's total."""
    parts = []
    frame = comments.assign(group=comments["group"].fillna("").replace("", NOT_STATED))
    for (wave, date), wave_rows in frame.groupby(["wave", "wave_date"], sort=True):
        sizes = wave_rows["group"].value_counts().sort_index()
        shown, reasons, _ = decide_line(sizes.to_numpy(), len(wave_rows), policy)
        parts.append(pd.DataFrame({"wave": wave, "wave_date": date, "group": sizes.index.astype(str),
                                   "comments": pd.array(sizes.to_numpy(), dtype="Int64"), "shown": shown,
                                   "reason": [reason_words(r, policy) for r in reasons]}))
    if not parts:
        return pd.DataFrame(columns=GROUP_COLUMNS)
    out = pd.concat(parts, ignore_index=True)
    out["comments"] = out["comments"].mask(~out["shown"].astype(bool))
    return out[GROUP_COLUMNS]

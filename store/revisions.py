"""Which stored version of a survey wave is published: corrections checked against history.

Every version of a wave the pages have shown is published for good: whoever saw the first
version and then sees a correction can subtract one from the other. A correction that
drops a team of 5 gives that team's answers exactly, whatever each version hides on its
own. So a version replacing another is published only when, against EVERY version of the
same wave published before it, the difference is not a small group: in every group and
statement (and in every group's number of respondents), the answers taken away and the
answers added are each either none or at least ``min_size``. A version that fails is kept
(nothing is lost, it can be reinstated later) but held back: the pages go on showing the
last version that was published, and the Data page says why.

Versions are taken in the order they were stored; a version held back was never published,
so later corrections are checked against the published ones only. Removing a published
version does not unpublish it: it still counts as history, and ``Publication.earlier``
names the published versions as they were shown, so that ``metrics.publishable`` keeps
hidden what any of them hid (a cell hidden in one version and shown unchanged in the
next would give away the first version's small group by subtraction).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .entry import Entry
from settings.disclosure import DisclosurePolicy

from .interface import UploadStore

_CELL = ["group", "question_id", "answer"]


@dataclass(frozen=True)
class Publication:
    """For each survey wave (entry key) the entry the pages show (None: nothing), and why
    each held-back entry is held back."""

    shown: dict[tuple, Entry | None]
    held: dict[str, str]
    #: per entry key, the versions published before the shown one, in the order they were
    #: published; when an older version is shown again, every published version, itself included
    earlier: dict[tuple, list[Entry]] = field(default_factory=dict)

    def entries(self) -> list[Entry]:
        return [e for e in self.shown.values() if e is not None]


def survey_publication(store: UploadStore, policy: DisclosurePolicy) -> Publication:
    """The published version of every survey wave in ``store`` (module docstring)."""
    shown, held, earlier = {}, {}, {}
    entries = [e for e in store.entries() if e.kind == "survey" and e.key is not None]
    for key in dict.fromkeys(e.key for e in entries):
        versions = sorted((e for e in entries if e.key == key), key=lambda e: e.stored_at)
        published: list[Entry] = []
        for entry in versions:
            problems = next((p for p in (revision_problems(_cells(store, old), _cells(store, entry), policy.min_size)
                                         for old in published) if p), [])
            if problems:
                held[entry.sha256] = held_back_sentence(problems, policy.min_size)
            else:
                published.append(entry)
        shown[key] = _shown(versions, published)
        earlier[key] = published[:-1] if published and shown[key] is published[-1] else list(published)
    return Publication(shown, held, earlier)


def _shown(versions: list[Entry], published: list[Entry]) -> Entry | None:
    """The current version if published, else the most recently made-current published one still in place."""
    current = next((e for e in versions if e.active), None)
    if current is not None and current in published:
        return current
    live = [e for e in published if not e.removed]
    return max(live, key=lambda e: e.active_since) if live and current is not None else None


def _cells(store: UploadStore, entry: Entry) -> pd.DataFrame:
    """Answer counts per group, question and answer, plus each group's respondents (question "")."""
    counts = store.counts(entry)
    answers = counts.answers.assign(group=counts.answers["group"].astype("string").fillna(""),
                                    answer=counts.answers["answer"].astype("string").fillna(""))
    cells = answers.groupby(_CELL, observed=True, dropna=False)["n"].sum().reset_index()
    people = (counts.reach.assign(group=counts.reach["group"].astype("string").fillna(""))
              .groupby("group", observed=True)["respondents"].sum().reset_index(name="n")
              .assign(question_id="", answer=""))
    texts = (answers.groupby(["question_id", "question_text"], observed=True)["n"].sum().reset_index()
             .sort_values("n", ascending=False).drop_duplicates("question_id"))
    out = pd.concat([cells, people[_CELL + ["n"]]], ignore_index=True)
    out.attrs["wording"] = dict(zip(texts["question_id"], texts["question_text"]))
    return out


def revision_problems(before: pd.DataFrame, after: pd.DataFrame, min_size: int) -> list[tuple[str, str, int]]:
    """(group, question id or "" for the head count, answers changed) wherever the change
    from ``before`` to ``after`` takes away or adds fewer than ``min_size`` answers (but some)."""
    merged = before.merge(after, on=_CELL, how="outer", suffixes=("_before", "_after")).fillna(
        {"n_before": 0, "n_after": 0})
    merged["delta"] = merged["n_after"].astype(np.int64) - merged["n_before"].astype(np.int64)
    merged["removed"] = (-merged["delta"]).clip(lower=0)
    merged["added"] = merged["delta"].clip(lower=0)
    per_cell = merged.groupby(["group", "question_id"], observed=True)[["removed", "added"]].sum().reset_index()
    small = lambda x: (x > 0) & (x < min_size)   # noqa: E731 - one rule, read twice
    bad = per_cell[small(per_cell["removed"]) | small(per_cell["added"])]
    wording = {**before.attrs.get("wording", {}), **after.attrs.get("wording", {})}
    return [(g, wording.get(q, q), int(max(r if small(r) else 0, a if small(a) else 0)))
            for g, q, r, a in bad[["group", "question_id", "removed", "added"]].itertuples(index=False)]


def held_back_sentence(problems: list[tuple[str, str, int]], min_size: int) -> str:
    """Why a correction is held back, in words for the Data page."""
    group, question, changed = sorted(problems, key=lambda p: (p[1] != "", p[2]))[0]
    where = f"“{group}”" if group else "respondents who gave no group"
    what = f"the number of respondents in {where}" if not question else f"the answers of {where} to “{question}”"
    more = f" (and {len(problems) - 1} more such change{'s' * (len(problems) > 2)})" if len(problems) > 1 else ""
    return (f"Held back, not published: against a version already published for this wave, it changes "
            f"{what} by {changed}, fewer than {min_size}{more}. Anyone who saw both could work out those "
            f"people's answers. The pages keep showing the version published before. A correction is "
            f"published when each change it makes is none or at least {min_size} answers.")

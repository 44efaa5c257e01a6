"""One action across tracker snapshots, even when its reference was renumbered.

Trackers are re-issued for each meeting and references are sometimes renumbered (a
phase-3 plan restarts at GOV-01). ``match_actions`` reads the snapshots in date order and
gives every row an ``action_id`` (the reference the action had when first seen):

1. same reference as an action of the previous snapshot with a similar title -> that action;
2. otherwise a title equal (or nearly: difflib ratio >= TITLE_SIMILARITY) to an action of
   the previous snapshot not yet matched -> that action (renumbered);
3. otherwise the same reference with a reworded title -> that action;
4. otherwise a new action (reported unless it is in the first snapshot).

Actions of the previous snapshot that nothing matched are reported as dropped.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import pandas as pd

TITLE_SIMILARITY = 0.85
UNMATCHED_COLUMNS = ["snapshot_date", "reference", "action", "what"]


@dataclass
class Matched:
    actions: pd.DataFrame     # the input plus action_id and matched_by (reference | title | new)
    unmatched: pd.DataFrame   # UNMATCHED_COLUMNS: new actions and dropped ones, per snapshot
    renumbered: int           # rows matched by title to a different reference


def title_key(text: object) -> str:
    """A title for comparing: lower case, letters and digits only, single spaces."""
    return " ".join(re.findall(r"[a-z0-9]+", str(text).casefold())) if pd.notna(text) else ""


def similar(a: str, b: str) -> bool:
    return bool(a) and bool(b) and (a == b or difflib.SequenceMatcher(None, a, b).ratio() >= TITLE_SIMILARITY)


def match_actions(actions: pd.DataFrame) -> Matched:
    """Give each row an action_id that follows it across snapshots (see module doc)."""
    frame = actions.sort_values(["snapshot_date", "reference"], kind="stable").copy()
    ids: dict = {}    # row index -> action_id, and -> how it was matched; set on the frame at the end
    hows: dict = {}
    previous: dict[str, tuple[str, str]] = {}   # reference -> (action_id, title key)
    unmatched, renumbered, first, used = [], 0, True, set()
    for date, rows in frame.groupby("snapshot_date", sort=True):
        keys = {i: (str(r), title_key(t)) for i, r, t in zip(rows.index, rows["reference"], rows["action"])}
        found = _assign(keys, previous)
        current = {}
        for index, (ref, title) in keys.items():
            action_id, how = found.get(index, (ref, "new"))
            if how == "new" and not first:
                unmatched.append({"snapshot_date": date, "reference": ref, "action": frame.at[index, "action"],
                                  "what": "new: no earlier action with this reference or title"})
            if how == "new" and action_id in used:   # a renumbered reference reused by a new action
                action_id = f"{ref} (from {date:%d %b %Y})"
            renumbered += how == "title" and previous.get(ref, ("",))[0] != action_id
            used.add(action_id)
            ids[index], hows[index] = action_id, how
            current[ref] = (action_id, title)
        taken = {aid for aid, _ in found.values()}
        unmatched += [{"snapshot_date": date, "reference": r, "action": None,
                       "what": f"dropped: {aid} is not in this snapshot"}
                      for r, (aid, _) in previous.items() if aid not in taken]
        previous, first = current, False
    frame["action_id"] = pd.Series(ids, dtype=object).reindex(frame.index)
    frame["matched_by"] = pd.Series(hows, dtype=object).reindex(frame.index)
    out = frame.astype({"action_id": "string", "matched_by": "string"}).reset_index(drop=True)
    return Matched(out, pd.DataFrame(unmatched, columns=UNMATCHED_COLUMNS), int(renumbered))


def _assign(keys: dict, previous: dict[str, tuple[str, str]]) -> dict:
    """Row index -> (action_id, how), strongest rule first so a weak match never takes an
    action a stronger one wants (rules 1, 2 and 3 of the module doc, in that order)."""
    found, taken = {}, set()
    for rule in (1, 2, 3):
        for index, (ref, title) in keys.items():
            if index in found:
                continue
            if rule == 2:     # any previous action, in order, with a similar title
                candidates = previous.items()
            else:             # rules 1 and 3 need the same reference: at most one candidate
                candidates = [(ref, previous[ref])] if ref in previous else []
            for old_ref, (action_id, old_title) in candidates:
                if action_id in taken:
                    continue
                if rule == 2 and similar(title, old_title) or rule == 3 or (
                        rule == 1 and (not title or similar(title, old_title))):
                    found[index] = (action_id, "title" if rule == 2 else "reference")
                    taken.add(action_id)
                    break
    return found


def with_action_ids(actions: pd.DataFrame) -> pd.DataFrame:
    """The actions with ``reference`` replaced by the matched action_id (the reference as
    written kept in ``reference_as_written``), so per-action metrics follow renumbering."""
    matched = match_actions(actions).actions
    return matched.assign(reference_as_written=matched["reference"], reference=matched["action_id"]).drop(
        columns=["action_id", "matched_by"])

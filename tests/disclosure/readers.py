"""Published tables into the attacker's constraints; a state's hidden figures into targets.

How each published column is rounded (metrics/ and the page that shows it): statements,
question trends, theme trends and the group x theme table are 1 dp (v means
[v - 0.05, v + 0.05]); the moved table's % positive is a whole number (+-0.5); its change
(later minus earlier % positive, unrounded in metrics.headlines) is shown to 1 dp by
pages/sections/survey_blocks.moved_block and charts.change. Not used: the respondents columns (every n is given to
the attacker anyway) and the Wilson / Newcombe bands (non-linear, and a function of the
value and n: they add at most a few hundredths of a point).

Which questions a theme score is the mean of is ``used_questions``: today's code averages
every question of the theme answered in the cell; a table with a ``questions_used`` column
(the fixed code) is read from it (a list of ids, or a count checked against the shown cells).
"""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from settings.labels import survey_measure
from tests.disclosure.lp import Expr, Model, ModelError, mean
from tests.disclosure.publication import ANSWERS, State, call, settings

MOVED_PCT_DECIMALS, SHOWN_DECIMALS = 0, 1


def used_questions(row, questions: list[str], shown: Callable[[], set[str]]) -> list[str]:
    """The questions a published theme score averages over, of ``questions`` (answered in the
    cell). ``shown()``: the questions of the cell the app lets the pages show."""
    value = getattr(row, "questions_used", None)
    if value is None or (not isinstance(value, (list, tuple, set, frozenset)) and pd.isna(value)):
        return questions
    if isinstance(value, str):
        value = [v.strip() for v in value.replace(",", ";").split(";") if v.strip()]
    if isinstance(value, (list, tuple, set, frozenset)):
        return sorted(set(value) & set(questions))
    if int(value) == len(questions):
        return questions
    allowed = sorted(shown() & set(questions))
    if len(allowed) != int(value):
        raise ModelError(f"questions_used {value} but the shown cells are {allowed} of {questions}")
    return allowed


class Reader:
    """Reads one state's tables into ``model`` and registers its targets."""

    def __init__(self, model: Model, state: State, seed: int):
        self.model, self.state, self.seed = model, state, seed
        self.min_size = settings().disclosure.min_size
        self.all = model.register(state.cells)
        self.waves = {(a, pd.Timestamp(d)): f for (a, d), f in self.all.groupby(["audience", "wave_date"])}
        self._fine_shown: set | None = None
        self._cells: dict[tuple, pd.DataFrame] = {}
        self.people = {tuple(k): int(n) for *k, n in state.theme_people[
            ["audience", "wave", "group", "theme", "n_respondents"]].itertuples(index=False)}

    def read(self) -> None:
        for table in self.state.tables:
            if table.frame is not None and len(table.frame):
                getattr(self, table.kind)(table)
        self.cell_targets()

    def cells(self, audience: str, date, **where) -> pd.DataFrame:
        """The state's fine cells of one wave, filtered by column values (cached)."""
        key = (audience, pd.Timestamp(date), *sorted(where.items()))
        if key not in self._cells:
            frame = self.waves.get(key[:2], self.all.iloc[:0])
            for column, value in where.items():
                frame = frame[frame[column] == value]
            self._cells[key] = frame
        return self._cells[key]

    def theme_score(self, cells: pd.DataFrame, used: list[str]) -> Expr:
        return mean([self.model.pct(cells[cells["question_id"] == q]) for q in used])

    def source(self, table, row) -> str:
        return f"upload {self.state.uploads}: {table.source} {table.audience} {row}"

    # -- the tables -----------------------------------------------------------------------
    def statements(self, table) -> None:
        """A wave's statements, or one group's (``table.group``: its own cells, and the whole
        wave's % positive beside them as ``all_staff``)."""
        by_id = "question_id" in table.frame.columns
        mine = {"group": table.group} if table.group is not None else {}
        for row in table.frame.itertuples(index=False):
            key = {"question_id": row.question_id} if by_id else {"question_text": row.question}
            everyone = getattr(row, "all_staff", None)
            if table.group is not None and pd.notna(everyone):
                self.model.rounded(self.model.pct(self.cells(table.audience, table.wave_date, **key)), float(everyone),
                                   SHOWN_DECIMALS, self.source(table, f"{row.question} all_staff"))
            if bool(row.suppressed):
                continue
            subset = self.cells(table.audience, table.wave_date, **key, **mine)
            for part, column in (("pos", "pct_positive"), ("neu", "pct_neutral"), ("neg", "pct_negative")):
                value = getattr(row, column, None)
                if pd.notna(value):
                    self.model.rounded(self.model.pct(subset, part), float(value), SHOWN_DECIMALS,
                                       self.source(table, f"{table.group or 'whole wave'} {row.question} {column}"))

    def trend(self, table) -> None:
        for row in table.frame.itertuples(index=False):
            if pd.isna(row.value):
                continue
            asked = self.cells(table.audience, row.date)["theme"].unique()
            themes = {**{t.capitalize(): t for t in asked}, **{survey_measure(table.audience, t): t for t in asked}}
            mine = {"group": table.group} if table.group is not None else {}
            cells = self.cells(table.audience, row.date, theme=themes[row.series], **mine)
            questions = sorted(cells["question_id"].unique())
            if table.group is None:
                used = used_questions(row, questions, lambda: self.whole_shown(table.audience, row.date))
            else:
                key = (table.audience, pd.Timestamp(row.date), table.group)
                used = used_questions(row, questions, lambda: {q for *k, q in self.fine_shown() if tuple(k) == key})
            self.model.rounded(self.theme_score(cells, used), float(row.value), SHOWN_DECIMALS,
                               self.source(table, f"{table.group or 'whole wave'} {row.series} {row.date:%Y-%m-%d}"))

    def groups(self, table) -> None:
        for row in table.frame.itertuples(index=False):
            cells = self.cells(table.audience, table.wave_date, group=row.group, theme=row.theme)
            if bool(row.suppressed) or pd.isna(row.score):
                self.group_target(table, row, cells)
                continue
            questions = sorted(cells["question_id"].unique())
            key = (table.audience, pd.Timestamp(table.wave_date), row.group)
            used = used_questions(row, questions, lambda: {q for *k, q in self.fine_shown() if tuple(k) == key})
            self.model.rounded(self.theme_score(cells, used), float(row.score), SHOWN_DECIMALS,
                               self.source(table, f"{row.group} x {row.theme}"))

    def moved(self, table) -> None:
        latest = max(d for a, d in self.waves if a == table.audience)
        for row in table.frame.itertuples(index=False):
            now = self.model.pct(self.cells(table.audience, latest, question_id=row.question_id)) \
                if pd.notna(row.pct_positive) else None
            if now is not None:
                self.model.rounded(now, float(row.pct_positive), MOVED_PCT_DECIMALS,
                                   self.source(table, f"{row.question_id} % positive"))
            if pd.notna(row.change):
                before = self.model.pct(self.cells(table.audience, row.previous_wave_date,
                                                   question_id=row.question_id))
                self.model.rounded(now - before, round(float(row.change), SHOWN_DECIMALS), SHOWN_DECIMALS,
                                   self.source(table, f"{row.question_id} change"))

    def question_trend(self, table) -> None:
        for row in table.frame.itertuples(index=False):
            if pd.notna(row.value):
                mine = {"group": table.group} if table.group is not None else {}
                cells = self.cells(table.audience, row.date, question_id=table.question_id, **mine)
                self.model.rounded(self.model.pct(cells), float(row.value), SHOWN_DECIMALS,
                                   self.source(table, f"{table.group or 'whole wave'} {table.question_id} "
                                                      f"{row.date:%Y-%m-%d}"))

    # -- what the app lets the pages show (for a count of questions_used) -----------------
    def whole_shown(self, audience: str, date) -> set[str]:
        """Questions whose statement some published table of this wave shows."""
        out = set()
        for table in self.state.tables:
            if table.kind == "statements" and table.audience == audience and table.wave_date == pd.Timestamp(date):
                frame = table.frame[~table.frame["suppressed"].astype(bool)]
                if "question_id" in frame.columns:
                    out |= set(frame["question_id"])
                else:
                    cells = self.cells(audience, date)
                    out |= set(cells.loc[cells["question_text"].isin(frame["question"]), "question_id"])
        return out

    def fine_shown(self) -> set[tuple]:
        """(audience, wave_date, group, question_id) of the fine cells the app's policy shows."""
        if self._fine_shown is None:
            from metrics.publishable import publishable      # the fixed code's policy
            data = self.state.bundle
            shown = call(publishable, data.surveys, data.codebook, settings().disclosure)
            frame = shown.shown_fine()
            self._fine_shown = {(a, pd.Timestamp(d), g, q) for a, d, g, q in
                                frame[["audience", "wave_date", "group", "question_id"]].itertuples(index=False)}
        return self._fine_shown

    # -- targets --------------------------------------------------------------------------
    def label(self, cells: pd.DataFrame, what: str) -> str:
        first = cells.iloc[0]
        return (f"upload {self.state.uploads}, {first.audience} {first.wave}: {what} "
                f"(n={int(cells['n'].sum())})")

    def keys(self, cells: pd.DataFrame) -> frozenset:
        return frozenset(self.model.cell_key(c) for c in cells.itertuples(index=False))

    def group_target(self, table, row, cells: pd.DataFrame) -> None:
        n = self.people.get((table.audience, row.wave, row.group, row.theme), 0)
        if cells.empty or not 0 < n < self.min_size:
            return
        expr = self.theme_score(cells, sorted(cells["question_id"].unique()))
        self.model.target("group-theme", self.keys(cells), expr,
                          self.label(cells, f"{row.group} x {row.theme}, {n} respondents"))

    def cell_targets(self) -> None:
        small = self.all[(self.all["n"] > 0) & (self.all["n"] < self.min_size)]
        for cell in small.itertuples(index=False):
            self.model.target("fine", self.model.cell_key(cell), Expr({cell.col_pos: 100.0 / cell.n}),
                              self.label(pd.DataFrame([cell]), f"{cell.group} x {cell.question_id}"))
        for _, cells in self.all.groupby(["audience", "wave", "question_id"]):
            if 0 < cells["n"].sum() < self.min_size:
                self.model.target("whole-wave", self.keys(cells), self.model.pct(cells),
                                  self.label(cells, f"whole wave x {cells.iloc[0].question_id}"))


def delta_targets(model: Model, versions: dict[tuple, list[tuple[int, pd.DataFrame]]], min_size: int) -> None:
    """Targets for every pair of published versions of a wave: each whole-wave question and
    each (group, question) whose change is pure (answers only removed, or only added, on
    every point of the scale) and 0 < |delta n| < min_size: the delta's % positive."""
    for (audience, wave), seen in versions.items():
        for i, (first_upload, old) in enumerate(seen):
            for later_upload, new in seen[i + 1:]:
                for by in (["question_id"], ["group", "question_id"]):
                    for key in sorted(set(map(tuple, old[by].values)) | set(map(tuple, new[by].values))):
                        a = _select(old, by, key)
                        b = _select(new, by, key)
                        diff = a[ANSWERS].sum().to_numpy() - b[ANSWERS].sum().to_numpy()
                        dn = int(diff.sum())
                        if not 0 < abs(dn) < min_size or not ((diff >= 0).all() or (diff <= 0).all()):
                            continue
                        expr = (model.count(a, "pos") - model.count(b, "pos")).scale(100.0 / dn)
                        where = " x ".join(str(k) for k in key) if len(key) > 1 else f"whole wave x {key[0]}"
                        identity = (frozenset(model.cell_key(c) for c in a.itertuples(index=False)),
                                    frozenset(model.cell_key(c) for c in b.itertuples(index=False)))
                        model.target("version-delta", identity, expr,
                                     f"uploads {first_upload} -> {later_upload}, {audience} {wave}: {where} "
                                     f"({'removed' if dn > 0 else 'added'} {abs(dn)} answers)")


def _select(cells: pd.DataFrame, by: list[str], key: tuple) -> pd.DataFrame:
    mask = pd.Series(True, index=cells.index)
    for column, value in zip(by, key):
        mask &= cells[column] == value
    return cells[mask]

"""The attacker's linear model of a case's published history, and its solution.

Unknowns: for every fine cell (audience, wave, version, group, question, wording), its
positive and neutral answers ``pos`` and ``neu`` (integers, 0 <= pos + neu <= n; neg is
n - pos - neu). The attacker is given every fine cell's n exactly. Cells are keyed by a
fingerprint of their true counts (``link="cell"``): a cell a correction left unchanged is
the same unknown in both versions (an attacker sees its n unchanged and assumes it; a
whole version seen in two states is then shared too). ``link="version"`` keys cells by the
fingerprint of their whole wave instead: only identical versions share unknowns.

Every published number is a constraint ``lo <= a.x + const <= hi``, the interval its
rounding allows (``Model.publish``); identical left-hand sides are merged (intersected).
``lp.read`` turns the collector's tables into these; ``Model.solve`` minimises and
maximises each target's % positive with ``scipy.optimize.milp``.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, linprog, milp
from scipy.sparse import csr_matrix

SLACK = 1e-6            # points: float noise in a published number's interval
TOLERANCE = 1e-6        # points: an interval narrower than protection - TOLERANCE is unprotected


class ModelError(AssertionError):
    """The truth breaks a constraint: the model of a published number is wrong."""


@dataclass
class Expr:
    """A linear expression ``const + sum(coef[i] * x[i])`` over the model's columns."""
    coef: dict[int, float] = field(default_factory=dict)
    const: float = 0.0

    def __add__(self, other: "Expr") -> "Expr":
        out = dict(self.coef)
        for i, c in other.coef.items():
            out[i] = out.get(i, 0.0) + c
        return Expr(out, self.const + other.const)

    def scale(self, factor: float) -> "Expr":
        return Expr({i: c * factor for i, c in self.coef.items()}, self.const * factor)

    def __sub__(self, other: "Expr") -> "Expr":
        return self + other.scale(-1.0)


def mean(parts: list[Expr]) -> Expr:
    total = Expr()
    for part in parts:
        total = total + part
    return total.scale(1.0 / len(parts))


@dataclass
class Target:
    kind: str               # fine | whole-wave | group-theme | version-delta
    label: str
    expr: Expr
    true: float
    seed: int | None = None
    low: float = float("nan")
    high: float = float("nan")

    @property
    def width(self) -> float:
        return self.high - self.low


class Model:
    """Columns (unknown counts), constraints (published numbers) and targets (hidden figures)."""

    def __init__(self, link: str = "cell"):
        if link not in ("cell", "version"):
            raise ValueError(f"link is 'cell' or 'version', not {link!r}")
        self.link = link
        self.columns: dict[tuple, int] = {}
        self.upper: list[int] = []
        self.truth: list[int] = []
        self.rows: dict[tuple, list] = {}       # normalised coefficients -> [lo, hi, sources]
        self.targets: dict[tuple, Target] = {}

    # -- unknowns -------------------------------------------------------------------------
    def cell_key(self, cell) -> tuple:
        identity = (cell.audience, cell.wave, cell.group, cell.question_id, cell.question_text)
        return ("cell", cell.fingerprint) if self.link == "cell" else ("version", cell.version, *identity)

    def columns_of(self, cell) -> tuple[int, int]:
        """The (pos, neu) columns of a fine cell (a row of ``publication.truth``)."""
        key = self.cell_key(cell)
        if (key, "pos") not in self.columns:
            for part, value in (("pos", cell.pos), ("neu", cell.neu)):
                self.columns[(key, part)] = len(self.upper)
                self.upper.append(int(cell.n))
                self.truth.append(int(value))
            pos, neu = self.columns[(key, "pos")], self.columns[(key, "neu")]
            self.publish(Expr({pos: 1.0, neu: 1.0}), 0.0, float(cell.n), "pos + neu <= n", slack=0.0)
        return self.columns[(key, "pos")], self.columns[(key, "neu")]

    def register(self, cells):
        """``cells`` (rows of the truth) with their columns added: ``col_pos`` and ``col_neu``."""
        pairs = [self.columns_of(c) for c in cells.itertuples(index=False)]
        return cells.assign(col_pos=[p for p, _ in pairs], col_neu=[u for _, u in pairs])

    def count(self, cells, part: str) -> Expr:
        """Positive, neutral or negative answers of some registered fine cells."""
        if part == "neg":
            coef = {int(i): -1.0 for i in cells["col_pos"]} | {int(i): -1.0 for i in cells["col_neu"]}
            return Expr(coef, float(cells["n"].sum()))
        return Expr({int(i): 1.0 for i in cells["col_pos" if part == "pos" else "col_neu"]})

    def pct(self, cells, part: str = "pos") -> Expr:
        """% of the answers of ``cells`` that are ``part`` (linear: every n is known)."""
        return self.count(cells, part).scale(100.0 / float(cells["n"].sum()))

    def value(self, expr: Expr) -> float:
        return expr.const + sum(c * self.truth[i] for i, c in expr.coef.items())

    # -- published numbers and targets ----------------------------------------------------
    def publish(self, expr: Expr, low: float, high: float, source: str, slack: float = SLACK) -> None:
        """``low <= expr <= high`` was published (``source`` says where)."""
        items = tuple(sorted((i, round(c, 10)) for i, c in expr.coef.items() if c))
        if not items:
            return
        low, high = low - expr.const - slack, high - expr.const + slack
        true = self.value(Expr(dict(items)))
        if not low - 1e-7 <= true <= high + 1e-7:
            raise ModelError(f"the truth ({true + expr.const:.4f}) breaks {source}: "
                             f"[{low + expr.const:.4f}, {high + expr.const:.4f}]")
        row = self.rows.setdefault(items, [-np.inf, np.inf, []])
        row[0], row[1] = max(row[0], low), min(row[1], high)
        row[2].append(source)

    def rounded(self, expr: Expr, shown: float, decimals: int, source: str) -> None:
        """A number shown rounded to ``decimals`` places: the interval rounding allows."""
        half = 0.5 * 10.0 ** -decimals
        self.publish(expr, shown - half, shown + half, source)

    def target(self, kind: str, identity: tuple, expr: Expr, label: str) -> None:
        if (kind, identity) not in self.targets:
            self.targets[(kind, identity)] = Target(kind, label, expr, self.value(expr))

    # -- solving --------------------------------------------------------------------------
    def components(self) -> np.ndarray:
        """Component number of each column: columns linked by some constraint."""
        parent = list(range(len(self.upper)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for items in self.rows:
            first = find(items[0][0])
            for i, _ in items[1:]:
                parent[find(i)] = first
        return np.array([find(i) for i in range(len(self.upper))], dtype=int)

    def solve(self, integral: bool = True) -> dict:
        """Minimise and maximise every target; returns timing figures. Each component of the
        model is solved alone (a target over several components sums their optima)."""
        started = time.perf_counter()
        comp = self.components()
        members = {c: np.flatnonzero(comp == c) for c in np.unique(comp)} if len(comp) else {}
        rows_of: dict[int, list] = {c: [] for c in members}
        for items, (low, high, _) in self.rows.items():
            rows_of[comp[items[0][0]]].append((items, low, high))
        problems = {c: self._problem(members[c], rows_of[c]) for c in members}
        solves = 0
        for target in self.targets.values():
            low = high = target.expr.const
            for c in sorted({comp[i] for i in target.expr.coef}):
                cols, position, constraint = problems[c]
                objective = np.zeros(len(cols))
                for i, coef in target.expr.coef.items():
                    if comp[i] == c:
                        objective[position[i]] += coef
                low += self._optimum(objective, cols, constraint, integral)
                high -= self._optimum(-objective, cols, constraint, integral)
                solves += 2
            target.low, target.high = low, high
        return {"solves": solves, "seconds": time.perf_counter() - started, "columns": len(self.upper),
                "constraints": len(self.rows), "components": len(members)}

    def _problem(self, cols: np.ndarray, rows: list):
        position = {int(i): p for p, i in enumerate(cols)}
        data, indices, pointers, lows, highs = [], [], [0], [], []
        for items, low, high in rows:
            for i, c in items:
                indices.append(position[i])
                data.append(c)
            pointers.append(len(indices))
            lows.append(low)
            highs.append(high)
        matrix = csr_matrix((data, indices, pointers), shape=(len(rows), len(cols)))
        return cols, position, (matrix, np.array(lows), np.array(highs))

    def _optimum(self, objective: np.ndarray, cols: np.ndarray, constraint, integral: bool) -> float:
        matrix, lows, highs = constraint
        upper = np.array([self.upper[i] for i in cols], dtype=float)
        if integral:
            result = milp(objective, constraints=LinearConstraint(matrix, lows, highs),
                          integrality=np.ones(len(cols)), bounds=Bounds(0, upper))
        else:
            finite_hi, finite_lo = np.isfinite(highs), np.isfinite(lows)
            a_ub = csr_matrix(np.vstack([matrix[finite_hi].toarray(), -matrix[finite_lo].toarray()]))
            b_ub = np.concatenate([highs[finite_hi], -lows[finite_lo]])
            result = linprog(objective, A_ub=a_ub, b_ub=b_ub, bounds=list(zip([0] * len(cols), upper)),
                             method="highs")
        if not result.success:
            raise ModelError(f"the solver failed ({result.message}): the truth should be feasible")
        return float(result.fun)

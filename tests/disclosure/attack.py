"""An adversarial audit of everything the survey pages publish (as tau-ARGUS's audit or
sdcTable's ``attack()`` audit a suppression pattern): for every sensitive cell, the
attacker's feasible interval of its % positive, by integer linear programming, subject to
everything the pages published in every state of the case's history.

Run ``python -m tests.disclosure.attack --cases 200`` (or ``--seed 17`` for one case).

The model (tests/disclosure/lp.py, readers.py, publication.py):

- History: ``cases.replay`` yields the data folder after each upload; what the pages showed
  in every state is published, including what a correction later replaced.
- Unknowns: for every fine cell (audience, wave, version, group, question, wording), its
  positive and neutral answer counts, integers with 0 <= pos + neu <= n. The attacker is
  given every fine cell's n exactly: stronger than a real attacker, so the audit of
  % positive is conservative. A cell is keyed by a fingerprint of its true counts, so a
  cell a correction left unchanged, or a whole version seen in two states, is one unknown.
- Constraints: each published number as the interval its rounding allows (readers.py): the
  whole-wave statement % positive / neutral / negative (pos_q / N_q), the question trends,
  the moved table (whole-number % positive; change = later minus earlier, 1 dp), and theme
  scores (whole-wave trend, the journey, and the group x theme table): the mean of the
  % positive of the questions the score is built from, linear in pos because every n is
  known. Which questions that is, is ``readers.used_questions``: today every question of the
  theme answered in the cell; a ``questions_used`` column, when the app adds one, is read.
- Targets: every fine cell with 0 < n < min_size ("fine"); every whole-wave question with
  0 < N < min_size ("whole-wave"); every hidden group x theme row whose group has fewer
  than min_size respondents in the theme (the mean of its questions' % positive,
  "group-theme"); and for two published versions of a wave, each whole-wave question and
  each (group, question) whose change is pure (answers only removed or only added on each
  point of the scale) with 0 < |delta n| < min_size: (pos_v1 - pos_v2) / (n_v1 - n_v2)
  ("version-delta").
- Each target is minimised and maximised; it is unprotected when max - min is less than
  ``protection_points`` (config/settings.toml, 20 points) minus 1e-6.
- The truth must satisfy every constraint (checked as each is added): a ModelError means
  the model of a published number is wrong, not that the app leaks.

Solver: ``scipy.optimize.milp`` (HiGHS branch and bound, integrality on every count), each
connected component of the constraints solved on its own. Measured on this machine (2
cores, shared): 4-9 ms a solve, 2.8 s a plain case on the code before the disclosure
policy and 3.5 s after it (6-7 s a "corrected" case), two thirds of it in the app's own
functions, not the solver. ``--lp`` uses the ``linprog(method="highs")`` relaxation instead:
3 times faster at solving (1.6 s against 5.1 s on seeds 0-4), the same run time within
noise, but it missed 5 of 57 leaks there (a team of 1 or 2 whose answers only integrality
pins), so milp is the default.

``--link version`` shares unknowns between identical versions only (not between a cell a
correction left unchanged): a weaker attacker, for telling which leaks need that link.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat
from dataclasses import dataclass, field
from pathlib import Path

from tests.disclosure.cases import Case
from tests.disclosure.lp import TOLERANCE, Model, Target
from tests.disclosure.profiles import PROFILES, case_for
from tests.disclosure.publication import settings, states
from tests.disclosure.readers import Reader, delta_targets

KINDS = ("fine", "whole-wave", "group-theme", "version-delta")


@dataclass
class Report:
    """The audit of some cases: how many, what was attacked, what is unprotected, how long."""
    protection: float
    cases: int = 0
    attacked: Counter = field(default_factory=Counter)
    unprotected: list[Target] = field(default_factory=list)
    narrowest: Target | None = None
    seconds: float = 0.0
    solve_seconds: float = 0.0
    solves: int = 0
    solver: str = "milp"

    def add(self, seed: int, targets: list[Target], stats: dict) -> None:
        self.cases += 1
        self.solves += stats["solves"]
        self.solve_seconds += stats["seconds"]
        for target in targets:
            target.seed = seed
            self.attacked[target.kind] += 1
            if target.width < self.protection - TOLERANCE:
                self.unprotected.append(target)
            if self.narrowest is None or target.width < self.narrowest.width:
                self.narrowest = target

    def by_kind(self) -> Counter:
        return Counter(t.kind for t in self.unprotected)

    def seeds(self, kind: str) -> list[int]:
        return sorted({t.seed for t in self.unprotected if t.kind == kind})

    def summary(self) -> str:
        kinds = self.by_kind()
        lines = [f"cases generated: {self.cases}",
                 f"cells attacked: {sum(self.attacked.values())} ("
                 + ", ".join(f"{k} {self.attacked[k]}" for k in KINDS) + ")",
                 f"cells unprotected (interval < {self.protection:g} points): {len(self.unprotected)} ("
                 + ", ".join(f"{k} {kinds[k]}" for k in KINDS) + ")"]
        for kind in KINDS:
            if kinds[kind]:
                seeds = self.seeds(kind)
                lines.append(f"  {kind}: in {len(seeds)} cases, e.g. seeds {', '.join(map(str, seeds[:8]))}")
        lines.append("worst (narrowest) interval: " + (describe(self.narrowest) if self.narrowest else "none"))
        lines.append(f"time: {self.seconds:.1f} s ({self.seconds / max(self.cases, 1):.2f} s a case; "
                     f"{self.solves} {self.solver} solves in {self.solve_seconds:.1f} s)")
        return "\n".join(lines)


def describe(target: Target) -> str:
    """'seed 4, fine: upload 1, staff 2023-01: Directorate D x Q-GOV-0 (n=1): true 0.0%, interval ...'."""
    return (f"seed {target.seed}, {target.kind}: {target.label}: true {_points(target.true, 1)}%, "
            f"interval [{_points(target.low)}, {_points(target.high)}] ({_points(target.width)} points)")


def _points(value: float, decimals: int = 2) -> str:
    return f"{0.0 if abs(value) < 0.5 * 10 ** -decimals else value:.{decimals}f}"     # no "-0.00"


def attack_case(case: Case, link: str = "cell", integral: bool = True, publish=None,
                replayer=None) -> tuple[list[Target], dict]:
    """Every target of one case with its interval, and the solver's figures. ``publish``
    replaces the app's collector (bundle -> tables) and ``replayer`` the replay through the
    app's store (``publication.states``), e.g. with naive ones."""
    model = Model(link)
    versions: dict[tuple, list] = {}
    min_size = settings().disclosure.min_size
    with tempfile.TemporaryDirectory(prefix="disclosure-audit-") as tmp:
        for state in states(case, Path(tmp) / "data", collector=publish, replayer=replayer):
            reader = Reader(model, state, case.seed)
            reader.read()
            for key, cells in reader.all.groupby(["audience", "wave"]):
                seen = versions.setdefault(key, [])
                if all(old["version"].iloc[0] != cells["version"].iloc[0] for _, old in seen):
                    seen.append((state.uploads, cells))
    delta_targets(model, versions, min_size)
    stats = model.solve(integral)
    for target in model.targets.values():
        target.seed = case.seed
    return list(model.targets.values()), stats


def audit(seeds, link: str = "cell", integral: bool = True, publish=None, profile: str = "plain",
          progress=None) -> Report:
    """The audit of the cases of ``seeds`` in ``profile`` (profiles.py: plain = cases.generate)."""
    report = Report(settings().disclosure.protection_points, solver="milp" if integral else "linprog")
    started = time.perf_counter()
    for case in (case_for(s, profile, settings().disclosure.min_size) for s in seeds):
        targets, stats = attack_case(case, link, integral, publish)
        report.add(case.seed, targets, stats)
        if progress:
            progress(report)
    report.seconds = time.perf_counter() - started
    return report


def _attack_seed(seed: int, link: str, integral: bool, profile: str) -> tuple[int, list[Target], dict]:
    """One case of the app's own publication, in a worker process (``--jobs``)."""
    targets, stats = attack_case(case_for(seed, profile, settings().disclosure.min_size), link, integral)
    return seed, targets, stats


def audit_parallel(seeds, jobs: int, link: str = "cell", integral: bool = True, profile: str = "plain",
                   progress=None) -> Report:
    """``audit`` of the app's publication with ``jobs`` worker processes (cases are independent)."""
    report = Report(settings().disclosure.protection_points, solver="milp" if integral else "linprog")
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for seed, targets, stats in pool.map(_attack_seed, seeds, repeat(link), repeat(integral), repeat(profile)):
            report.add(seed, targets, stats)
            if progress:
                progress(report)
    report.seconds = time.perf_counter() - started
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.disclosure.attack", description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=200, help="how many generated cases (seeds 0..N-1)")
    parser.add_argument("--start", type=int, default=0, help="first seed")
    parser.add_argument("--seed", type=int, help="rerun one case and print its unprotected cells")
    parser.add_argument("--link", choices=("cell", "version"), default="cell",
                        help="unknowns shared across versions: unchanged cells (default) or whole versions")
    parser.add_argument("--profile", choices=PROFILES, default="plain",
                        help="plain: cases.generate; corrected: plus a correction of each wave the store publishes")
    parser.add_argument("--lp", action="store_true", help="linprog relaxation instead of milp (comparison)")
    parser.add_argument("--all", action="store_true", help="list every unprotected cell")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (cases are independent)")
    args = parser.parse_args(argv)
    seeds = [args.seed] if args.seed is not None else range(args.start, args.start + args.cases)

    def tick(report: Report) -> None:
        if report.cases % 20 == 0:
            print(f"... {report.cases} cases, {len(report.unprotected)} unprotected", file=sys.stderr, flush=True)

    if args.jobs > 1:
        report = audit_parallel(seeds, args.jobs, link=args.link, integral=not args.lp, profile=args.profile,
                                progress=tick)
    else:
        report = audit(seeds, link=args.link, integral=not args.lp, profile=args.profile, progress=tick)
    print(f"profile: {args.profile}")
    print(report.summary())
    if args.seed is not None or args.all:
        for target in sorted(report.unprotected, key=lambda t: (t.seed, KINDS.index(t.kind), t.width)):
            print("  " + describe(target))
    if report.unprotected:
        print(f"FAIL: {len(report.unprotected)} cells unprotected; rerun one with --seed N "
              f"(e.g. --seed {report.unprotected[0].seed} --profile {args.profile})", file=sys.stderr)
    return 1 if report.unprotected else 0


if __name__ == "__main__":
    raise SystemExit(main())

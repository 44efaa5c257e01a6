"""The whole load: users arrive on the schedule, each visits its page, all under one deadline.

``Plan`` is the run as data (pages, users, arrival window and pattern, think time, per-visit
timeout, deadline). ``run_load`` starts one coroutine per user at its arrival offset, the
pages taken in turn; when the deadline passes, every visit still going is cancelled and says
so ("cut by the deadline"), and users who had not arrived yet are not counted as started. It
returns the outcomes and the load generator's own CPU seconds (what the client cost).
"""
from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from .arrivals import schedule
from .hosts import check_url
from .scenarios import Scenario
from .session import Outcome, visit

CUT = "cut by the deadline"


@dataclass(frozen=True)
class Plan:
    pages: tuple[Scenario, ...]
    users: int = 30
    over_s: float = 30.0               # arrivals spread over this many seconds
    pattern: str = "poisson"
    think_s: float = 1.0               # between the render and the interaction
    timeout_s: float = 60.0            # one visit's wait for a run to finish
    deadline_s: float | None = None    # the whole run; None = over_s + timeout_s + think_s + 10
    seed: int = 20
    frontend: bool = False             # each user first downloads the page's HTML and its static files

    @property
    def deadline(self) -> float:
        return self.deadline_s if self.deadline_s is not None else self.over_s + self.timeout_s + self.think_s + 10


@dataclass
class LoadResult:
    outcomes: list[Outcome]
    wall_s: float
    client_cpu_s: float
    cut: bool = False                  # the deadline stopped it
    extra: dict = field(default_factory=dict)


async def run_load(base_url: str, plan: Plan) -> LoadResult:
    """Run ``plan`` against ``base_url`` (127.0.0.1 only); stops by itself at the plan's deadline."""
    base_url = check_url(base_url)
    offsets = schedule(plan.users, plan.over_s, plan.pattern, plan.seed)
    scenarios = [plan.pages[i % len(plan.pages)] for i in range(len(offsets))]
    outcomes = [Outcome(page=s.label, arrived=at) for s, at in zip(scenarios, offsets)]
    wall0, cpu0 = time.perf_counter(), time.process_time()

    async def user(i: int) -> None:
        await asyncio.sleep(offsets[i])
        await visit(base_url, scenarios[i], outcomes[i], plan.think_s, plan.timeout_s, plan.frontend)

    tasks = [asyncio.create_task(user(i)) for i in range(len(offsets))]
    cut = False
    if tasks:
        _, pending = await asyncio.wait(tasks, timeout=plan.deadline)
        cut = bool(pending)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        for task, outcome in zip(tasks, outcomes):
            if task in pending and outcome.started and not outcome.error:
                outcome.error = CUT
    return LoadResult(outcomes, time.perf_counter() - wall0, time.process_time() - cpu0, cut)

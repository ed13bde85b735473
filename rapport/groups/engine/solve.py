"""One grouping for a problem: greedy construction, then local search, then scoring.

The search's result depends a good deal on where it starts, so classes of up to
SMALL_CLASS learners are searched twice, from the two greedy constructions (the emptiest
group picks next; each group filled in turn), and the better grouping is kept; larger
classes, where each step costs more, are searched once. Kept apart from the search itself
so that the rotation schedule can run the same steps on a model of its own (one that knows
the other rounds being planned).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from rapport.groups.engine.construct import construct
from rapport.groups.engine.evaluation import Evaluation, Evaluator
from rapport.groups.engine.model import Model, build_model
from rapport.groups.engine.problem import GroupingProblem
from rapport.groups.engine.search import Search, better, default_iterations

SMALL_CLASS = 200
STARTS = ("groups", "one by one")  # construction strategies, see construct


@dataclass(frozen=True)
class Grouping:
    groups: list[list[int]]  # learner ids; each group sorted, groups by their first id
    evaluation: Evaluation


def solve(problem: GroupingProblem) -> Grouping:
    """The best grouping found for the problem (deterministic for a seed and input).

    Raises GroupingError when the input is inconsistent or no grouping keeps every hard
    rule."""
    started = time.monotonic()
    model = build_model(problem)
    rng = np.random.default_rng(problem.seed)
    evaluator = Evaluator(problem, model)
    best = None
    starts = STARTS if len(model.ids) <= SMALL_CLASS else STARTS[:1]
    for done, first in enumerate(starts, start=1):
        groups = model.learner_groups(improve(model, construct(model, rng, first), rng, started))
        evaluation = evaluator(groups)
        if best is None or better(evaluation.objective, best.evaluation.objective):
            best = Grouping(groups=groups, evaluation=evaluation)
        problem.report(done / len(starts))
    return best


def improve(
    model: Model,
    units: list[list[int]],
    rng: np.random.Generator,
    started: float,
    iterations: int | None = None,
) -> list[list[int]]:
    """Local search from a valid grouping of units, within the problem's step limit (or
    ``iterations``) and, as a safety stop, its time budget counted from ``started``."""
    problem = model.problem
    if iterations is None:
        iterations = problem.max_iterations
    if iterations is None:
        iterations = default_iterations(len(model.ids))
    left = problem.time_budget_seconds - (time.monotonic() - started)
    return Search(model, units, rng).run(iterations, left)

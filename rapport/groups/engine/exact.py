"""The same max-min objective solved exactly with OR-Tools CP-SAT, for small classes.

This is how the heuristic engine is checked: on classes of up to 40 learners, CP-SAT finds
the best grouping (or, within its time limit, the best it can with a bound on the rest), and
the engine's objective is compared with it. OR-Tools is an optional dependency (the
``bench`` extra); the app never needs it, and this module imports it only when called.

The model is a set partition. Every possible group is listed (every set of learners, units
kept together counting as one, whose size the plan allows and that keeps the hard rules)
and scored with the engine's own arrays; for 40 learners in fours that is 91,390 groups. A
0/1 variable per group; each learner is in exactly one chosen group, and as many groups are
chosen as the plan has. The objective is lexicographic. First the worst group's value:
it is one of the listed groups' values, so a binary search over those values asks CP-SAT
whether the groups reaching a value can still cover the class (few groups reach high
values, so these questions are quick to answer either way). Then, with only groups at or
above that value, CP-SAT maximises the sum of values, scaled to integers (millionths). The
answer is scored again with the engine's evaluator, so both sides are measured the same
way.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass

import numpy as np

from rapport.groups.engine.evaluation import Evaluation, Evaluator
from rapport.groups.engine.hours import popcount
from rapport.groups.engine.model import Model, build_model
from rapport.groups.engine.problem import GroupingError, GroupingProblem

SCALE = 1_000_000  # values in millionths
LARGEST_CLASS = 40
MOST_CANDIDATES = 1_500_000


@dataclass(frozen=True)
class ExactResult:
    groups: list[list[int]]
    evaluation: Evaluation
    optimal: bool  # CP-SAT proved both stages optimal within the time limit
    seconds: float
    worst_bound: float  # no grouping's worst group value exceeds this (the optimum if proved)
    candidates: int  # groups listed


def solve_exact(
    problem: GroupingProblem, time_limit_seconds: float = 60.0, workers: int = 2
) -> ExactResult:
    """The max-min optimum (then best mean) of a problem of up to 40 learners."""
    try:
        from ortools.sat.python import cp_model
    except ImportError as missing:  # pragma: no cover - depends on the environment
        raise ImportError(
            "solve_exact needs OR-Tools: pip install 'ortools>=9.10,<10' (the bench extra)."
        ) from missing
    if len(problem.members) > LARGEST_CLASS:
        raise GroupingError(f"The exact model is for classes of up to {LARGEST_CLASS}.")
    started = time.monotonic()
    model = build_model(problem)
    groups, values = candidates(model)
    if not len(groups):
        raise GroupingError("No group keeps every hard rule.")
    deadline = started + time_limit_seconds
    proved = True
    # The worst value of the best grouping is one of the groups' values: search them for
    # the highest at which the groups that reach it still cover the class.
    levels = np.unique(values)
    low, high, best = 0, len(levels) - 1, None
    ceiling = high  # no grouping is proved to reach a value above levels[ceiling]
    while low <= high:
        middle = (low + high) // 2
        found, certain = _cover(
            cp_model, model, groups, values >= levels[middle], deadline, workers, problem.seed
        )
        proved &= certain
        if found is not None:
            best, low = (levels[middle], found), middle + 1
        else:
            high = middle - 1
            if certain:
                ceiling = min(ceiling, middle - 1)
    if best is None:
        raise GroupingError("CP-SAT found no grouping that keeps every hard rule.")
    worst, picked = best
    # With the worst held, the best sum of values (integers, in millionths).
    usable = values >= worst
    found, certain = _cover(
        cp_model, model, groups, usable, deadline, workers, problem.seed, values, picked
    )
    proved &= certain
    picked = found if found is not None else picked
    units = [[int(unit) for unit in groups[number] if unit != model.empty] for number in picked]
    learners = model.learner_groups(units)
    return ExactResult(
        groups=learners,
        evaluation=Evaluator(problem, model)(learners),
        optimal=proved,
        seconds=time.monotonic() - started,
        worst_bound=float(levels[max(ceiling, 0)]),
        candidates=len(groups),
    )


def _cover(
    cp_model,
    model: Model,
    groups: np.ndarray,
    usable: np.ndarray,
    deadline: float,
    workers: int,
    seed: int,
    values: np.ndarray | None = None,
    hint: list[int] | None = None,
) -> tuple[list[int] | None, bool]:
    """Groups (their numbers) that cover every learner once, using only usable groups, with
    the largest sum of values when ``values`` is given; and whether CP-SAT was sure (it
    proved the answer, or that there is none) within the time left."""
    numbers = np.flatnonzero(usable)
    containing: list[list[int]] = [[] for _ in model.units]
    for position, number in enumerate(numbers):
        for unit in groups[number]:
            if unit != model.empty:
                containing[unit].append(position)
    if any(not positions for positions in containing):
        return None, True
    cp = cp_model.CpModel()
    chosen = [cp.NewBoolVar(f"g{number}") for number in numbers]
    for positions in containing:
        cp.AddExactlyOne(chosen[position] for position in positions)
    cp.Add(sum(chosen) == model.groups)
    if values is not None:
        scaled = np.round(values[numbers] * SCALE).astype(np.int64).tolist()
        cp.Maximize(sum(value * variable for value, variable in zip(scaled, chosen, strict=True)))
        wanted = set(hint or [])
        for number, variable in zip(numbers, chosen, strict=True):
            cp.AddHint(variable, int(number) in wanted)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    solver.parameters.max_time_in_seconds = max(0.1, deadline - time.monotonic())
    status = solver.Solve(cp)
    certain = status in (cp_model.OPTIMAL, cp_model.INFEASIBLE)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, certain
    return [
        int(n) for n, variable in zip(numbers, chosen, strict=True) if solver.Value(variable)
    ], certain


def candidates(model: Model) -> tuple[np.ndarray, np.ndarray]:
    """Every allowed group as a row of units (padded with the empty unit), and its value."""
    count, widest = len(model.units), model.hi
    rows = []
    for members in range(1, widest + 1):
        combos = np.array(list(itertools.combinations(range(count), members)), dtype=np.int64)
        if not len(combos):
            continue
        sizes = model.usize[combos].sum(axis=1)
        combos = combos[(sizes >= model.lo) & (sizes <= model.hi)]
        padding = np.full((len(combos), widest - members), model.empty, dtype=np.int64)
        rows.append(np.hstack([combos, padding]))
        if sum(len(part) for part in rows) > MOST_CANDIDATES:
            raise GroupingError("Too many possible groups for the exact model.")
    groups = np.vstack(rows) if rows else np.zeros((0, widest), dtype=np.int64)
    first, second = np.triu_indices(widest, 1)
    sums = model.pair[:, groups[:, first], groups[:, second]].sum(axis=-1, dtype=np.float64)
    sums += model.intra[:, groups].sum(axis=-1)
    hours = np.zeros(len(groups), dtype=np.int64)
    if model.avail is not None:
        hours = popcount(np.bitwise_and.reduce(model.avail[groups], axis=1))
    sizes = model.usize[groups].sum(axis=1)
    _, values = model.values(sums, hours, sizes)
    allowed = model.allowed(sums, hours)
    if allowed is not None:
        groups, values = groups[allowed], values[allowed]
    return groups, values

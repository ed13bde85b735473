"""The engine reaches the max-min optimum on small classes: checked against every grouping
of up to 8 learners, and against OR-Tools CP-SAT on 12."""

import itertools
from dataclasses import replace

import pytest

from rapport.groups.engine import Criterion, Evaluator, GroupingProblem, group_sizes, solve
from rapport.groups.engine.search import better
from rapport.groups.engine.testing import synthetic_learners


def partitions(items: list[int], sizes: list[int]):
    """Every way to split items into groups of the given sizes (in any order)."""
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for size in sorted(set(sizes)):
        left = list(sizes)
        left.remove(size)
        for others in itertools.combinations(rest, size - 1):
            remaining = [item for item in rest if item not in others]
            for tail in partitions(remaining, left):
                yield [[first, *others], *tail]


def optimum(problem: GroupingProblem) -> tuple[float, float]:
    evaluator = Evaluator(problem)
    best = None
    for groups in partitions(problem.ids, group_sizes(len(problem.ids), problem.group_size)):
        result = evaluator(groups)
        if not result.violations and (best is None or better(result.objective, best)):
            best = result.objective
    return best


CASES = [
    (8, 4, "similar", "similar", "different"),
    (8, 2, "similar", "ignore", "similar"),
    (7, 3, "different", "similar", "ignore"),
    (8, 3, "similar", "similar", "different"),
    (6, 2, "ignore", "similar", "different"),
    (5, 2, "similar", "different", "similar"),
]


@pytest.mark.parametrize(("n", "k", "interests", "availability", "attribute"), CASES)
def test_small_classes_reach_the_max_min_optimum(n, k, interests, availability, attribute):
    problem = GroupingProblem(
        synthetic_learners(n, seed=n * 10 + k),
        group_size=k,
        interests=Criterion(interests),
        availability=Criterion(availability),
        attribute=Criterion(attribute),
        target_shared_hours=2,
    )
    found = solve(problem).evaluation.objective
    assert found == pytest.approx(optimum(problem), abs=1e-9)


def test_the_optimum_with_rules_and_an_earlier_round():
    problem = GroupingProblem(
        synthetic_learners(8, seed=3),
        group_size=2,
        interests=Criterion("similar"),
        attribute=Criterion("different"),
        keep_apart=[(1, 2), (3, 4)],
        keep_together=[(5, 6)],
        earlier_rounds=[[[1, 3], [2, 4], [5, 6], [7, 8]]],
    )
    assert solve(problem).evaluation.objective == pytest.approx(optimum(problem), abs=1e-9)


def test_the_engine_matches_cp_sat_on_twelve_learners():
    """Skipped only where OR-Tools (the ``bench`` extra) is not installed; the benchmark
    compares 40 learners."""
    pytest.importorskip("ortools", reason="OR-Tools is the optional bench extra")
    from rapport.groups.engine.exact import solve_exact

    problem = GroupingProblem(
        synthetic_learners(12, seed=5),
        group_size=3,
        interests=Criterion("similar"),
        availability=Criterion("similar"),
        attribute=Criterion("different", weight=0.5),
    )
    exact = solve_exact(problem, time_limit_seconds=20)
    assert exact.optimal
    assert exact.worst_bound == pytest.approx(exact.evaluation.worst)
    engine = solve(problem).evaluation
    # CP-SAT sums values in millionths, so its best mean is exact to within that rounding.
    assert engine.objective == pytest.approx(exact.evaluation.objective, abs=1e-5)


def test_same_problem_different_seeds_reach_the_same_objective():
    problem = GroupingProblem(
        synthetic_learners(8, seed=1), group_size=4, interests=Criterion("similar")
    )
    objectives = {solve(replace(problem, seed=seed)).evaluation.objective for seed in range(3)}
    assert len({round(worst, 9) for worst, _ in objectives}) == 1

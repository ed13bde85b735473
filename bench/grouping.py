"""The grouping engine (rapport/groups/engine) against an exact solver, a famous schedule and
chance.

Three measurements, each in this run:

* Exactness, 40 learners in groups of 4, grouped for shared interests and shared hours (a
  made-up class, seeded: twelve interests, two to five each; evenings in six time zones).
  The engine's objective — the worst group's score, then the mean — is divided by that of
  OR-Tools CP-SAT solving the same max-min model exactly (integer-scaled scores), given a
  time limit; both times are shown, and whether CP-SAT proved its answer optimal. CP-SAT's
  proven upper bound on the worst score is shown too: the engine's worst over that bound
  is a ratio to the optimum that holds even when CP-SAT runs out of time. Target ≥ 0.98.
  Needs the ``bench`` extra (``pip install -e ".[bench]"``); without it this part says so.
* The social golfer problem: 32 players in groups of 4 with nothing else to consider. The
  number of rounds ``schedule_rounds`` plans without any pair meeting twice, trying 1, 2, …
  rounds within 60 s (the known optimum is 10; target ≥ 9). Also shown: how far the plain
  search goes without a design to start from (``designs=False``), within another 60 s.
* Scale: 2,000 learners in groups of 4, interests and hours as above. The wall time of one
  ``solve`` (target under 5 s), and its objective against the best of 100 random
  assignments into the same group sizes. Here the objective compared is the mean group
  score, since the worst group of a random assignment scores about nothing; the worst
  scores are printed too.

    .venv/bin/python bench/grouping.py [--cpsat-seconds 60] [--golfer-seconds 60]

Ends with: summary: cpsat_ratio=<n> golfer_rounds=<n> n2000_seconds=<n> vs_random_ratio=<n>
(cpsat_ratio "-" without OR-Tools).
"""

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rapport.groups.engine import (  # noqa: E402
    Criterion,
    Evaluator,
    GroupingProblem,
    group_sizes,
    schedule_rounds,
    solve,
)
from rapport.groups.engine.testing import synthetic_learners  # noqa: E402

SEED = 2024
RANDOM_ASSIGNMENTS = 100


def class_problem(count: int, **options) -> GroupingProblem:
    return GroupingProblem(
        synthetic_learners(count, seed=SEED),
        group_size=4,
        interests=Criterion("similar"),
        availability=Criterion("similar"),
        seed=SEED,
        **options,
    )


def exactness(limit: float) -> str:
    problem = class_problem(40)
    started = time.perf_counter()
    engine = solve(problem).evaluation
    engine_seconds = time.perf_counter() - started
    print("40 learners in groups of 4, interests and shared hours:")
    print(f"  engine: worst {engine.worst:.4f}, mean {engine.mean:.4f} in {engine_seconds:.2f} s")
    try:
        from rapport.groups.engine.exact import solve_exact

        exact = solve_exact(problem, time_limit_seconds=limit)
    except ImportError:
        print("  CP-SAT: OR-Tools is not installed (pip install -e '.[bench]'); skipped")
        return "-"
    proof = "proved optimal" if exact.optimal else "time limit reached, not proved optimal"
    best = exact.evaluation
    print(
        f"  CP-SAT: worst {best.worst:.4f}, mean {best.mean:.4f} in {exact.seconds:.1f} s "
        f"(limit {limit:.0f} s, {proof}); proven bound on the worst: {exact.worst_bound:.4f}"
    )
    ratio = engine.worst / best.worst
    print(
        f"  engine / CP-SAT: worst {ratio:.3f}, mean {engine.mean / best.mean:.3f}; "
        f"engine worst / CP-SAT bound {engine.worst / exact.worst_bound:.3f}"
    )
    return f"{ratio:.3f}"


def golfer(limit: float, designs: bool) -> int:
    started = time.perf_counter()
    reached = 0
    rounds = 1
    while True:
        left = limit - (time.perf_counter() - started)
        if left <= 0:
            break
        problem = GroupingProblem(range(32), group_size=4, seed=SEED, time_budget_seconds=left)
        # The tabu search's step limit is lifted, so that the time left is what stops it.
        schedule = schedule_rounds(
            problem, rounds=rounds, designs=designs, repair_steps=100_000_000
        )
        if schedule.repeated_pairs or time.perf_counter() - started > limit:
            print(
                f"  {rounds} rounds: the best plan found repeats {schedule.repeated_pairs} "
                f"pair(s) (at {time.perf_counter() - started:.1f} s)"
            )
            break
        reached = rounds
        rounds += 1
    print(
        f"  {'with' if designs else 'without'} designs: {reached} rounds without a "
        f"repeated pair, {time.perf_counter() - started:.1f} s in all"
    )
    return reached


def scale() -> tuple[float, float]:
    problem = class_problem(2000)
    started = time.perf_counter()
    engine = solve(problem).evaluation
    seconds = time.perf_counter() - started
    evaluator = Evaluator(problem)
    rng = np.random.default_rng(SEED)
    sizes = group_sizes(2000, 4)
    cuts = np.cumsum(sizes)[:-1]
    best_mean, best_worst = 0.0, 0.0
    for _ in range(RANDOM_ASSIGNMENTS):
        order = rng.permutation(problem.ids)
        result = evaluator([part.tolist() for part in np.split(order, cuts)])
        best_mean, best_worst = max(best_mean, result.mean), max(best_worst, result.worst)
    ratio = engine.mean / best_mean
    print("2,000 learners in groups of 4, interests and shared hours:")
    print(f"  engine: {seconds:.2f} s, worst {engine.worst:.4f}, mean {engine.mean:.4f}")
    print(
        f"  best of {RANDOM_ASSIGNMENTS} random assignments: mean {best_mean:.4f} "
        f"(best worst {best_worst:.4f})"
    )
    print(f"  objective (mean group score) engine / best random: {ratio:.2f}")
    return seconds, ratio


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cpsat-seconds", type=float, default=60.0)
    parser.add_argument("--golfer-seconds", type=float, default=60.0)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f}")
    cpsat_ratio = exactness(args.cpsat_seconds)
    print("32 golfers in groups of 4 (social golfer problem, optimum 10 rounds):")
    rounds = golfer(args.golfer_seconds, designs=True)
    golfer(args.golfer_seconds, designs=False)
    seconds, ratio = scale()
    print(
        f"summary: cpsat_ratio={cpsat_ratio} golfer_rounds={rounds} "
        f"n2000_seconds={seconds:.2f} vs_random_ratio={ratio:.2f}"
    )


if __name__ == "__main__":
    main()

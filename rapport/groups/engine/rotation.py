"""Planning several rounds at once so that learners meet as many different classmates as
possible (a social-golfer schedule).

Rounds are first built one after another, each by the ordinary construction and search
with every pair that has already met (in earlier rounds or the rounds planned so far)
penalised. That suits the criteria best, but later rounds can run out of fresh pairs. If
they do and the class has the shape of a known design (``designs``: all groups of one size,
no keep-together, keep-apart or shared-hours rule), the design's rounds are tried instead,
with the learners' places chosen by a short search (``relabel``) and any rounds beyond the
design built one by one; the plan with fewer repeated pairs is kept. If repeats remain,
the whole plan goes through a tabu search over swaps (``golfer``) that removes repeated
pairs across all its rounds together. Finally, each round without repeated pairs is
searched again for its criteria, with the pairs of every other round counted as met, so the
polishing cannot bring a repeat back.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from rapport.groups.engine.construct import construct
from rapport.groups.engine.designs import seed_rounds
from rapport.groups.engine.evaluation import Evaluator
from rapport.groups.engine.golfer import Tournament, repair
from rapport.groups.engine.model import Model, build_model, with_met
from rapport.groups.engine.problem import GroupingError, GroupingProblem, clean_rounds
from rapport.groups.engine.relabel import relabel
from rapport.groups.engine.solve import Grouping, improve

ROUND_STEPS = 1_500  # search steps per round while building the plan
POLISH_STEPS = 800  # search steps per round when polishing for the criteria
REPAIR_STEPS = 200_000  # tabu steps over the whole plan
RELABEL_STEPS = 600  # proposals to swap two learners' places in every designed round
PLANNED_SHARE = 0.8  # of the progress bar, once every round has a first plan

Plan = list[list[list[int]]]  # rounds of groups of unit indices


@dataclass(frozen=True)
class Schedule:
    rounds: list[Grouping]  # each round's repeated pairs count every round before it
    repeated_pairs: int  # meetings of a pair beyond its first, caused by the planned rounds


def schedule_rounds(
    problem: GroupingProblem,
    rounds: int,
    *,
    repair_steps: int = REPAIR_STEPS,
    designs: bool = True,
) -> Schedule:
    """``rounds`` groupings in which pairs that have met (in ``earlier_rounds`` or an
    earlier planned round) are not grouped again while that is possible. Deterministic for
    a seed and input; ``repair_steps`` bounds the tabu search, ``designs`` allows a known
    design's rounds to be used."""
    if rounds < 1:
        raise GroupingError("Plan at least one round.")
    started = time.monotonic()
    base = build_model(problem)
    rng = np.random.default_rng(problem.seed)
    index = {learner: position for position, learner in enumerate(base.ids)}
    earlier = _meetings(problem.earlier_rounds, index)
    plan = _one_by_one(base, [], rounds, earlier, index, rng, started)
    tournament = Tournament(base, plan, earlier)
    if tournament.cost() > 0 and designs:
        seeded = _seeded(base, rounds, rng)
        if seeded:
            if earlier.any() or base.scored:
                seeded = relabel(with_met(base, earlier > 0), seeded, rng, RELABEL_STEPS)
            seeded = _one_by_one(base, seeded, rounds, earlier, index, rng, started)
            other = Tournament(base, seeded, earlier)
            if other.cost() < tournament.cost():
                plan, tournament = seeded, other
    if tournament.cost() > 0:
        left = problem.time_budget_seconds - (time.monotonic() - started)
        plan = repair(tournament, rng, repair_steps, left)
    problem.report(PLANNED_SHARE)
    if base.scored:
        plan = _polish(base, plan, earlier, index, rng, started)
    scored = _scored(problem, base, plan, earlier, index)
    problem.report(1.0)
    return scored


def _one_by_one(
    base: Model,
    plan: Plan,
    rounds: int,
    earlier: np.ndarray,
    index: dict[int, int],
    rng: np.random.Generator,
    started: float,
) -> Plan:
    """The plan completed to ``rounds`` rounds, each searched with the pairs that have met
    so far penalised."""
    plan = list(plan)
    counts = earlier + sum((_meetings([base.learner_groups(units)], index) for units in plan), 0)
    while len(plan) < rounds:
        model = with_met(base, counts > 0)
        units = improve(model, construct(model, rng), rng, started, ROUND_STEPS)
        plan.append(units)
        counts += _meetings([model.learner_groups(units)], index)
        base.problem.report(PLANNED_SHARE * len(plan) / rounds)
    return plan


def _seeded(base: Model, rounds: int, rng: np.random.Generator) -> Plan:
    """The first rounds of a known design for the class, learners placed at random; empty
    when the class does not have a design's shape or has rules a design ignores."""
    problem = base.problem
    if problem.keep_together or problem.keep_apart or problem.min_shared_hours:
        return []
    if base.lo != base.hi:
        return []
    design = seed_rounds(len(base.units), base.hi)[:rounds]
    places = rng.permutation(len(base.units))
    return [[sorted(int(places[i]) for i in group) for group in groups] for groups in design]


def _meetings(rounds, index: dict[int, int]) -> np.ndarray:
    """How many times each pair of present learners was grouped together."""
    n = len(index)
    counts = np.zeros((n, n), dtype=np.int64)
    for groups in clean_rounds(rounds, set(index)):
        for group in groups:
            members = [index[learner] for learner in group]
            counts[np.ix_(members, members)] += 1
    np.fill_diagonal(counts, 0)
    return counts


def _polish(
    base: Model,
    plan: Plan,
    earlier: np.ndarray,
    index: dict[int, int],
    rng: np.random.Generator,
    started: float,
) -> Plan:
    grouped = [_meetings([base.learner_groups(units)], index) for units in plan]
    total = earlier + sum(grouped)
    for week, units in enumerate(plan):
        others = total - grouped[week]
        if (others[grouped[week] > 0] > 0).any():
            continue  # this round repeats a pair; keep what the repair found
        model = with_met(base, others > 0)
        plan[week] = improve(model, units, rng, started, POLISH_STEPS)
        grouped[week] = _meetings([base.learner_groups(plan[week])], index)
        total = others + grouped[week]
    return plan


def _scored(
    problem: GroupingProblem,
    base: Model,
    plan: Plan,
    earlier: np.ndarray,
    index: dict[int, int],
) -> Schedule:
    counts = earlier.copy()
    result = []
    for units in plan:
        groups = base.learner_groups(units)
        evaluation = Evaluator(problem, with_met(base, counts > 0))(groups)
        result.append(Grouping(groups=groups, evaluation=evaluation))
        counts += _meetings([groups], index)
    inside = base.unit_of[:, None] == base.unit_of[None, :]  # kept together: no repeat
    repeats = np.maximum(counts - 1, 0) - np.maximum(earlier - 1, 0)
    return Schedule(rounds=result, repeated_pairs=int(repeats[~inside].sum() // 2))

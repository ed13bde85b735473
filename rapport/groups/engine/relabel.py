"""Choosing who takes which place in a designed rotation.

A design fixes which places meet in which round; any assignment of learners to places keeps
its pairs distinct. So once the places are fixed, the rounds can still suit the class:
swapping two learners' places in every round at once changes who meets whom without ever
creating a repeat among the designed rounds. The search proposes such swaps at random and
keeps those that do not make the plan worse, judged lexicographically over every group of
every round: first the worst group's value (which counts pairs that met in earlier rounds
as repeats), then the mean.
"""

from __future__ import annotations

import numpy as np

from rapport.groups.engine.model import Model
from rapport.groups.engine.search import better


def relabel(
    model: Model, plan: list[list[list[int]]], rng: np.random.Generator, steps: int
) -> list[list[list[int]]]:
    """The plan (rounds of groups of units) with places reassigned for a better objective."""
    rounds = len(plan)
    count = len(model.units)
    place_of = np.arange(count)  # unit index in the design → unit now seated there
    group_at = np.zeros((rounds, count), dtype=np.int64)  # which group a place is in
    for week, week_groups in enumerate(plan):
        for group, members in enumerate(week_groups):
            group_at[week, members] = group
    values = np.array([[_value(model, place_of, members) for members in week] for week in plan])
    key = (float(values.min()), float(values.mean()))
    for _ in range(steps):
        first, second = (int(place) for place in rng.choice(count, size=2, replace=False))
        place_of[[first, second]] = place_of[[second, first]]
        trial = values.copy()
        for week in range(rounds):
            for group in {group_at[week, first], group_at[week, second]}:
                trial[week, group] = _value(model, place_of, plan[week][group])
        new_key = (float(trial.min()), float(trial.mean()))
        if better(key, new_key):
            place_of[[first, second]] = place_of[[second, first]]
        else:
            values, key = trial, new_key
    return [
        [sorted(int(place_of[place]) for place in members) for members in week] for week in plan
    ]


def _value(model: Model, place_of: np.ndarray, members: list[int]) -> float:
    sums, hours, sizes = model.state([[int(place_of[place]) for place in members]])
    return float(model.values(sums, hours, sizes)[1][0])

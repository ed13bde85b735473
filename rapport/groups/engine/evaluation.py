"""Scoring a finished grouping: each group's score, the worst and the mean, repeated pairs,
and any hard rule it breaks.

The engine's own result is scored here, and so is any other grouping (a teacher's manual
edit, a random assignment for comparison, an exact solver's answer), so every figure is
measured the same way. The objective compared between groupings is lexicographic, as in
CATME: first the worst group's value, then the mean (a group's value is its score minus
PENALTY for each pair in it that met before).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from rapport.groups.engine.model import Model, build_model
from rapport.groups.engine.problem import GroupingError, GroupingProblem


@dataclass(frozen=True)
class Evaluation:
    worst: float  # the lowest group score, 0–1
    mean: float  # the mean group score, 0–1
    scores: list[float]  # per group, in the order given
    repeated_pairs: int  # pairs grouped together that met in an earlier round
    objective: tuple[float, float]  # (worst value, mean value), repeats counted in
    violations: list[str]  # hard rules broken; empty for the engine's groupings

    @property
    def feasible(self) -> bool:
        return not self.violations


class Evaluator:
    """Scores groupings of one problem, with its arrays built once."""

    def __init__(self, problem: GroupingProblem, model: Model | None = None) -> None:
        self.problem = problem
        self.model = model or build_model(problem)
        self._loose: Model | None = None

    def __call__(self, groups: Sequence[Sequence[int]]) -> Evaluation:
        groups = [list(group) for group in groups]
        self._check_partition(groups)
        model = self.model
        violations = []
        split = self._split_units(groups)
        if split:
            violations.append(split)
            model = self._learner_model()
        units = model.unit_groups(groups)
        sums, hours, sizes = model.state(units)
        scores, values = model.values(sums, hours, sizes)
        repeats = sums[model.met_layer] if model.met_layer is not None else np.zeros(len(groups))
        violations += self._rule_breaks(model, groups, sums, hours, sizes)
        return Evaluation(
            worst=float(scores.min()),
            mean=float(scores.mean()),
            scores=[float(score) for score in scores],
            repeated_pairs=int(round(float(repeats.sum()))),
            objective=(float(values.min()), float(values.mean())),
            violations=violations,
        )

    def _check_partition(self, groups: list[list[int]]) -> None:
        known = set(self.model.ids)
        seen: set[int] = set()
        for group in groups:
            if not group:
                raise GroupingError("A grouping must not contain an empty group.")
            for learner in group:
                if learner not in known:
                    raise GroupingError(f"Unknown learner {learner} in the grouping.")
                if learner in seen:
                    raise GroupingError(f"Learner {learner} is in more than one group.")
                seen.add(learner)
        missing = known - seen
        if missing:
            raise GroupingError(f"Learner {min(missing)} is in no group.")

    def _split_units(self, groups: list[list[int]]) -> str:
        for a, b in self.problem.keep_together:
            if not any(a in group and b in group for group in groups):
                return f"learners {a} and {b} are kept together but were split"
        return ""

    def _learner_model(self) -> Model:
        if self._loose is None:
            self._loose = build_model(replace(self.problem, keep_together=()))
        return self._loose

    def _rule_breaks(
        self,
        model: Model,
        groups: list[list[int]],
        sums: np.ndarray,
        hours: np.ndarray,
        sizes: np.ndarray,
    ) -> list[str]:
        found = []
        for number in range(len(groups)):
            size = int(sizes[number])
            if not model.lo <= size <= model.hi:
                found.append(f"group {number + 1} has {size} members ({model.lo}–{model.hi})")
            if model.apart_layer is not None and sums[model.apart_layer, number] > 0.5:
                found.append(f"group {number + 1} joins learners kept apart")
            if model.min_hours and hours[number] < model.min_hours:
                found.append(
                    f"group {number + 1} shares {int(hours[number])} hour(s), "
                    f"fewer than {model.min_hours}"
                )
        if len(groups) != len(model.sizes):
            found.append(f"{len(groups)} groups instead of {len(model.sizes)}")
        return found


def evaluate(problem: GroupingProblem, groups: Sequence[Sequence[int]]) -> Evaluation:
    """Worst and mean group score, each group's score, and repeated pairs of a grouping
    (a list of groups of learner ids covering every learner once)."""
    return Evaluator(problem)(groups)

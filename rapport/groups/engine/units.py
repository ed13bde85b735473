"""Building blocks of the model: units of learners kept together, the checks that need
them, and pairwise matrices summed over units.

Kept out of ``model`` so that the model's own file stays about what its arrays mean.
"""

from __future__ import annotations

import numpy as np

from rapport.groups.engine.hours import popcount
from rapport.groups.engine.problem import GroupingError, GroupingProblem, clean_rounds


def units_of(
    problem: GroupingProblem, index: dict[int, int], largest: int
) -> tuple[list[list[int]], np.ndarray]:
    """Learners joined by keep-together pairs (directly or through a chain) form units."""
    parent = list(range(len(index)))

    def root(item: int) -> int:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for a, b in problem.keep_together:
        ra, rb = root(index[a]), root(index[b])
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[int, list[int]] = {}
    for learner in range(len(index)):
        members.setdefault(root(learner), []).append(learner)
    units = sorted(members.values(), key=lambda unit: unit[0])
    ids = problem.ids
    for unit in units:
        if len(unit) > largest:
            names = ", ".join(str(ids[learner]) for learner in unit)
            raise GroupingError(
                f"Keep-together pairs chain learners {names} into {len(unit)}, more than "
                f"the largest group ({largest})."
            )
    unit_of = np.empty(len(index), dtype=np.int64)
    for number, unit in enumerate(units):
        unit_of[unit] = number
    for a, b in problem.keep_apart:
        if unit_of[index[a]] == unit_of[index[b]]:
            raise GroupingError(
                f"Learners {a} and {b} are kept apart, but keep-together pairs chain them "
                f"into the same group."
            )
    return units, unit_of


def check_hours(
    problem: GroupingProblem,
    units: list[list[int]],
    learner_words: np.ndarray,
    avail: np.ndarray,
    min_hours: int,
) -> None:
    if not min_hours:
        return
    ids = problem.ids
    own = popcount(learner_words)
    for learner, count in enumerate(own):
        if count < min_hours:
            raise GroupingError(
                f"Learner {ids[learner]} is free only {count} hour(s) a week, fewer than the "
                f"{min_hours} shared hours every group needs, so they cannot be placed."
            )
    shared = popcount(avail[:-1])
    for unit, count in zip(units, shared, strict=True):
        if len(unit) > 1 and count < min_hours:
            names = ", ".join(str(ids[learner]) for learner in unit)
            raise GroupingError(
                f"Learners {names} are kept together but share only {count} hour(s) a week; "
                f"every group needs {min_hours}."
            )


def met_matrix(problem: GroupingProblem, index: dict[int, int]) -> np.ndarray | None:
    if not problem.earlier_rounds:
        return None
    n = len(index)
    met = np.zeros((n, n), dtype=np.float32)
    for groups in clean_rounds(problem.earlier_rounds, set(index)):
        for group in groups:
            members = [index[learner] for learner in group]
            met[np.ix_(members, members)] = 1
    np.fill_diagonal(met, 0)
    return met


def unit_layers(
    matrices: list[np.ndarray], units: list[list[int]], unit_of: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Learner-level matrices summed into units, padded with the empty unit."""
    count = len(units)
    pair = np.zeros((len(matrices), count + 1, count + 1), dtype=np.float32)
    intra = np.zeros((len(matrices), count + 1), dtype=np.float64)
    singletons = count == len(unit_of)
    order = np.concatenate([np.asarray(unit, dtype=np.int64) for unit in units])
    starts = np.cumsum([0] + [len(unit) for unit in units[:-1]])
    for layer, matrix in enumerate(matrices):
        matrix = np.array(matrix, dtype=np.float32)
        np.fill_diagonal(matrix, 0)
        if singletons:
            pair[layer, :count, :count] = matrix
            continue
        ordered = matrix[np.ix_(order, order)]
        summed = np.add.reduceat(np.add.reduceat(ordered, starts, axis=0), starts, axis=1)
        intra[layer, :count] = np.diagonal(summed) / 2
        np.fill_diagonal(summed, 0)
        pair[layer, :count, :count] = summed
    return pair, intra

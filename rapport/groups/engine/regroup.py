"""A larger move for the max-min objective: take the worst group and two others apart and
put their members back together in the best way possible.

Swaps change one learner at a time, and the worst group is often stuck because raising it
would need two or three learners to change places at once. Here every way of splitting the
members of three groups (two when groups have five or more) into groups of allowed sizes is
scored at once with NumPy (5,775 ways for three groups of four, from 495 possible groups),
and the best split is returned: by the search's first criterion (the lowest of the values,
or the shortfall below the threshold aimed at), then by the sum. The partners are the
groups holding the learners who fit the worst group's members best. The splits are listed
once per pattern of unit sizes and kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from rapport.groups.engine.hours import popcount

if TYPE_CHECKING:
    from rapport.groups.engine.search import Search

LARGE_GROUP = 5  # from this size on, two groups are regrouped rather than three


@dataclass
class Regroup:
    key: tuple[float, float]  # the search's objective afterwards
    groups: list[int]
    units: list[list[int]]  # the new members of each of those groups
    sums: np.ndarray  # (layers, parts)
    hours: np.ndarray
    values: np.ndarray


def regroup_move(state: Search, choice: int) -> Regroup | None:
    """The worst group and partners for it, split again in the best way."""
    count = state.model.groups
    parts = min(3 if state.model.hi < LARGE_GROUP else 2, count)
    if parts < 2:
        return None
    worst = int(state.low_ids[0])
    chosen = [worst] + _partners(state, worst, parts - 1, choice)
    found = best_regroup(state, chosen)
    if found is None:
        return None
    key, units, sums, hours, values = found
    return Regroup(key, chosen, units, sums, hours, values)


def _partners(state: Search, group: int, wanted: int, choice: int) -> list[int]:
    """Groups to regroup with, drawn among the ``wanted + choice`` whose best member fits
    the group's members best (pairwise scores and shared hours), so that the regrouping
    has material to work with."""
    model = state.model
    rows = state.slots[group]
    rows = rows[rows != model.empty]
    fit = np.zeros(model.empty + 1)
    for layer in range(model.score_layers):
        fit += model.weights[layer] * model.pair[layer, rows].mean(axis=0)
    if state.pair_hours is not None:
        fit += model.avail_weight * state.pair_hours[rows].mean(axis=0)
    fit[model.empty] = -np.inf
    best_member = fit[state.slots].max(axis=1)
    best_member[group] = -np.inf
    count = min(len(best_member) - 1, wanted + choice)
    nearest = np.argsort(-best_member, kind="stable")[:count]
    picked = state.rng.choice(len(nearest), size=min(wanted, len(nearest)), replace=False)
    return [int(nearest[index]) for index in picked]


def best_regroup(state: Search, chosen: list[int]):
    """(key, new groups as unit lists, their sums, hours, values) for the best way to split
    the members of the chosen groups again, or None when there is only one way."""
    model = state.model
    members = [int(unit) for group in chosen for unit in state.slots[group] if unit != model.empty]
    sizes = tuple(int(model.usize[unit]) for unit in members)
    subsets, ways = _splits(sizes, len(chosen), model.lo, model.hi)
    if len(ways) < 2:
        return None
    # Score each possible group once; a way is a choice of groups.
    groups = np.array(members + [model.empty], dtype=np.int64)[subsets]  # (subsets, width)
    first, second = np.triu_indices(groups.shape[1], 1)
    sums = model.pair[:, groups[:, first], groups[:, second]].sum(axis=-1, dtype=np.float64)
    sums += model.intra[:, groups].sum(axis=-1)
    hours = np.zeros(len(groups), dtype=np.int64)
    if model.avail is not None:
        hours = popcount(np.bitwise_and.reduce(model.avail[groups], axis=1))
    _, values = model.values(sums, hours, model.usize[groups].sum(axis=-1))
    allowed = model.allowed(sums, hours)
    if allowed is not None:
        values = np.where(allowed, values, -np.inf)
    chosen_values = values[ways]  # (ways, parts)
    lowest = chosen_values.min(axis=1)
    if lowest.max() == -np.inf:
        return None
    rank = state.first(lowest, list(chosen_values.T), [])
    total = np.where(rank >= rank.max() - 1e-12, chosen_values.sum(axis=1), -np.inf)
    way = int(total.argmax())
    picked = ways[way]
    outside = np.delete(state.value, chosen)
    worst = min(float(outside.min()) if len(outside) else np.inf, float(lowest[way]))
    new = values[picked]
    old = list(state.value[chosen])
    first = state.first(worst, list(new), old)
    second = state.second(new.sum(), old)
    units = [[int(unit) for unit in groups[subset] if unit != model.empty] for subset in picked]
    return (float(first), float(second)), units, sums[:, picked], hours[picked], new


@lru_cache(maxsize=64)
def _splits(
    sizes: tuple[int, ...], parts: int, low: int, high: int
) -> tuple[np.ndarray, np.ndarray]:
    """Every split of positions 0..len(sizes)−1 into ``parts`` unordered groups whose total
    sizes lie in [low, high]: the groups that occur, as (subsets, width) with len(sizes) for
    an empty place, and each split as (ways, parts) of subset numbers."""
    count = len(sizes)
    found: list[list[list[int]]] = []

    def place(left: list[int], groups: list[list[int]]) -> None:
        if len(groups) == parts or not left:
            if len(groups) == parts and not left:
                found.append(groups)
            return
        head, rest = left[0], left[1:]  # the first place left starts the next group

        def extend(group: list[int], size: int, start: int) -> None:
            if size >= low:
                place([position for position in rest if position not in group], groups + [group])
            for index in range(start, len(rest)):
                if size + sizes[rest[index]] <= high:
                    extend(group + [rest[index]], size + sizes[rest[index]], index + 1)

        extend([head], sizes[head], 0)

    place(list(range(count)), [])
    width = max((len(group) for split in found for group in split), default=1)
    number: dict[tuple[int, ...], int] = {}
    ways = np.array(
        [[number.setdefault(tuple(group), len(number)) for group in split] for split in found],
        dtype=np.int64,
    ).reshape(len(found), parts)
    subsets = np.full((len(number), width), count, dtype=np.int64)
    for group, index in number.items():
        subsets[index, : len(group)] = group
    return subsets, ways

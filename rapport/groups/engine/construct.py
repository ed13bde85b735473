"""A first grouping, built greedily, that keeps every hard rule.

The learners hardest to place (kept together with others, compatible with the fewest
classmates under the shared-hours and keep-apart rules, free the fewest hours) go first,
one to each group; then the emptiest group (the lowest-scoring among equals) takes the
remaining learner that fits it best. Filling the weakest group first suits the max-min
objective. When that leaves a learner with nowhere to go (the shared-hours rule can do
this), learners are placed one by one instead, hardest first, each where they fit best,
then in a few shuffled orders. If every attempt fails, the error names the learner that
could not be placed most often.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from rapport.groups.engine.hours import WORDS, popcount
from rapport.groups.engine.model import Model
from rapport.groups.engine.problem import GroupingError

SHUFFLED_ATTEMPTS = 4
POOL = 256  # the hardest remaining units a group first chooses from


class _Stuck(Exception):
    def __init__(self, unit: int) -> None:
        self.unit = unit


def construct(model: Model, rng: np.random.Generator, first: str = "groups") -> list[list[int]]:
    """Groups of unit indices, one per planned group, every hard rule kept. ``first`` is
    the strategy tried first: "groups" (the emptiest group picks) or "one by one" (each
    group filled before the next)."""
    compatible = _compatible(model)
    order = _difficulty_order(model, compatible, rng)
    stuck: Counter[int] = Counter()
    attempts = [(first, order), ("units", order)]
    attempts += [("units", _shuffled(order, rng)) for _ in range(SHUFFLED_ATTEMPTS)]
    for strategy, sequence in attempts:
        try:
            return _Builder(model, sequence).build(strategy)
        except _Stuck as failure:
            stuck[failure.unit] += 1
    unit = min(stuck, key=lambda item: (-stuck[item], item))
    raise GroupingError(_stuck_message(model, unit, compatible))


def _compatible(model: Model) -> np.ndarray:
    """units × units: True when two units could share a group under the hard rules."""
    count = len(model.units)
    ok = np.ones((count, count), dtype=bool)
    if model.min_hours and model.avail is not None:
        bits = np.unpackbits(model.avail[:count].view(np.uint8), axis=1, bitorder="little")
        bits = bits.astype(np.float32)
        ok &= bits @ bits.T >= model.min_hours
    if model.apart_layer is not None:
        ok &= model.pair[model.apart_layer, :count, :count] < 0.5
    np.fill_diagonal(ok, False)
    return ok


def _difficulty_order(model: Model, compatible: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    count = len(model.units)
    sizes = model.usize[:count]
    partners = compatible.astype(np.int64) @ sizes
    own_hours = popcount(model.avail[:count]) if model.avail is not None else np.zeros(count)
    tiebreak = rng.permutation(count)
    return np.lexsort((tiebreak, own_hours, partners, -sizes))


def _shuffled(order: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The hardest units stay first (a unit larger than one, or with few partners); the
    rest in a random order."""
    head = max(1, len(order) // 10)
    return np.concatenate([order[:head], rng.permutation(order[head:])])


def _stuck_message(model: Model, unit: int, compatible: np.ndarray) -> str:
    names = " and ".join(str(model.ids[learner]) for learner in model.units[unit])
    partners = int(compatible[unit].astype(np.int64) @ model.usize[: len(model.units)])
    rule = (
        f"every group shares at least {model.min_hours} hours a week"
        if model.min_hours
        else "every hard rule holds"
    )
    return (
        f"No grouping found in which {rule}: learner {names} cannot be placed "
        f"(compatible with {partners} other learner(s))."
    )


class _Builder:
    def __init__(self, model: Model, order: np.ndarray) -> None:
        self.model = model
        self.order = order
        self.rank = np.empty(len(order), dtype=np.int64)
        self.rank[order] = np.arange(len(order))
        count = model.groups
        self.members: list[list[int]] = [[] for _ in range(count)]
        self.sums = np.zeros((model.pair.shape[0], count))
        self.masks = np.full((count, WORDS), np.iinfo(np.uint64).max, dtype=np.uint64)
        self.sizes = np.zeros(count, dtype=np.int64)
        self.values = np.zeros(count)
        self.large_left = (
            sum(size == model.hi for size in model.sizes) if model.hi > model.lo else 0
        )

    def build(self, strategy: str) -> list[list[int]]:
        model = self.model
        left = list(self.order)
        if strategy == "one by one":
            return self._one_by_one(left)
        for group in range(model.groups):
            if not left:
                break
            self._place(left.pop(0), group)
        remaining = np.zeros(len(model.units), dtype=bool)
        remaining[left] = True
        if strategy == "groups":
            while remaining.any():
                group = self._emptiest()
                if group is None:
                    raise _Stuck(int(self.order[self.rank[remaining].argmin()]))
                unit = self._best_unit(group, np.flatnonzero(remaining))
                remaining[unit] = False
                self._place(unit, group)
        else:
            for unit in left:
                self._place(unit, self._best_group(unit))
        if any(not model.lo <= size <= model.hi for size in self.sizes):
            raise _Stuck(int(self.order[-1]))
        return [sorted(group) for group in self.members]

    def _one_by_one(self, left: list[int]) -> list[list[int]]:
        """Each group in turn: the hardest learner left, then the best fits until full."""
        model = self.model
        remaining = np.zeros(len(model.units), dtype=bool)
        remaining[left] = True
        for group in range(model.groups):
            seed = int(self.order[self.rank[remaining].argmin()])
            remaining[seed] = False
            self._place(seed, group)
            while self.sizes[group] < model.lo and remaining.any():
                candidates = np.flatnonzero(remaining)
                anchored = self._anchored(group, candidates)
                unit = self._best_unit(group, anchored if len(anchored) else candidates)
                remaining[unit] = False
                self._place(unit, group)
        for unit in np.flatnonzero(remaining):
            self._place(int(unit), self._best_group(int(unit)))
        if any(not model.lo <= size <= model.hi for size in self.sizes):
            raise _Stuck(int(self.order[-1]))
        return [sorted(group) for group in self.members]

    def _anchored(self, group: int, candidates: np.ndarray) -> np.ndarray:
        """When shared hours count, the candidates free at the hour the group shares that
        most candidates are also free at, so that groups keep an hour in common."""
        model = self.model
        if model.avail is None or not model.avail_weight or not model.avail_similar:
            return candidates
        bits = np.unpackbits(
            (model.avail[candidates] & self.masks[group]).view(np.uint8), axis=1, bitorder="little"
        )
        counts = bits.sum(axis=0)
        if counts.max() == 0:
            return candidates[:0]
        return candidates[bits[:, int(counts.argmax())] == 1]

    def _room(self) -> np.ndarray:
        """How many more learners each group may take."""
        limit = self.model.hi if self.large_left > 0 else self.model.lo
        return np.maximum(limit - self.sizes, 0)

    def _emptiest(self) -> int | None:
        room = self._room()
        open_groups = np.flatnonzero(room > 0)
        if not len(open_groups):
            return None
        order = np.lexsort((open_groups, self.values[open_groups], self.sizes[open_groups]))
        return int(open_groups[order[0]])

    def _score(
        self, groups: np.ndarray, units: np.ndarray, added: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Values and admissibility of each (group, unit) pair, aligned, given the sums of
        each unit's pairs with the group's members."""
        model = self.model
        sums = self.sums[:, groups] + added + model.intra[:, units]
        sizes = self.sizes[groups] + model.usize[units]
        hours = np.zeros(len(units), dtype=np.int64)
        if model.avail is not None:
            hours = popcount(self.masks[groups] & model.avail[units])
        _, values = model.values(sums, hours, sizes)
        fits = model.usize[units] <= self._room()[groups]
        allowed = model.allowed(sums, hours)
        if allowed is not None:
            fits &= allowed
        return values, fits

    def _best_unit(self, group: int, units: np.ndarray) -> int:
        """The remaining unit that fits the group best, looked for among the hardest
        POOL remaining units first, then among all of them."""
        model = self.model
        members = np.asarray(self.members[group], dtype=np.int64)
        ranked = units[np.argsort(self.rank[units], kind="stable")]
        for pool in (ranked[:POOL], ranked[POOL:]):
            if not len(pool):
                continue
            width = model.empty + 1
            flat = model.pair.reshape(model.pair.shape[0], width * width)
            added = flat[:, members[:, None] * width + pool].sum(axis=1, dtype=np.float64)
            values, fits = self._score(np.full(len(pool), group), pool, added)
            if fits.any():
                return int(pool[np.flatnonzero(fits)[values[fits].argmax()]])
        raise _Stuck(int(ranked[0]))

    def _best_group(self, unit: int) -> int:
        model = self.model
        groups = np.arange(model.groups)
        width = max(1, max(len(members) for members in self.members))
        padded = np.full((len(groups), width), model.empty, dtype=np.int64)
        for row, members in enumerate(self.members):
            padded[row, : len(members)] = members
        added = model.pair[:, unit, padded].sum(axis=-1, dtype=np.float64)
        values, fits = self._score(groups, np.full(len(groups), unit), added)
        if not fits.any():
            raise _Stuck(unit)
        return int(np.lexsort((groups, self.sizes, -values, ~fits))[0])

    def _place(self, unit: int, group: int) -> None:
        model = self.model
        members = self.members[group]
        if members:
            self.sums[:, group] += model.pair[:, unit, members].sum(axis=-1, dtype=np.float64)
        self.sums[:, group] += model.intra[:, unit]
        before = self.sizes[group]
        self.sizes[group] += model.usize[unit]
        if before <= model.lo < self.sizes[group] and model.hi > model.lo:
            self.large_left -= 1
        if model.avail is not None:
            self.masks[group] &= model.avail[unit]
        members.append(unit)
        hours = popcount(self.masks[group : group + 1]) if model.avail is not None else [0]
        sizes = self.sizes[group : group + 1]
        _, value = model.values(self.sums[:, group : group + 1], np.asarray(hours), sizes)
        self.values[group] = value[0]

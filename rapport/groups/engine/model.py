"""The problem turned into arrays, so that scoring a candidate group costs a few lookups.

Learners kept together are merged into one unit (they always move as one), and every
pairwise quantity is precomputed between units with NumPy: how alike two learners'
interests are, how close their attribute values are, whether they met in an earlier round,
whether they must be kept apart. A group's pairwise criteria are then sums over its pairs,
and a swap changes only the rows of the units it moves. The hours a group shares are the
AND of its members' hour bit sets. Checks that need this view of the input (a keep-together
chain too big for any group, a learner who cannot meet the shared-hours rule) raise
GroupingError here, before any search.

Each array has one extra row and column, the "empty" unit: all zeros, free at every hour,
of size 0. A group with fewer members than the largest is padded with it, and swapping a
learner with an empty place is how a learner moves from one group to another.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from rapport.groups.engine.hours import popcount, words_array
from rapport.groups.engine.problem import GroupingProblem, group_sizes
from rapport.groups.engine.scores import PENALTY, attribute_matrix, interest_matrix
from rapport.groups.engine.units import check_hours, met_matrix, unit_layers, units_of


@dataclass
class Model:
    problem: GroupingProblem
    ids: list[int]
    sizes: list[int]
    units: list[list[int]]  # learner indices, one list per unit
    unit_of: np.ndarray  # learner index → unit
    usize: np.ndarray  # unit → size (the empty unit last, size 0)
    pair: np.ndarray  # (layers, units + 1, units + 1) float32
    intra: np.ndarray  # (layers, units + 1): the layer's sum over pairs inside a unit
    den: np.ndarray  # (score layers, largest size + 2): divisor of the sum per group size
    weights: np.ndarray  # (score layers,)
    score_layers: int
    met_layer: int | None
    apart_layer: int | None
    avail: np.ndarray | None  # (units + 1, 3) uint64: hours every member of the unit has
    avail_weight: float
    avail_similar: bool
    target_hours: int
    min_hours: int
    scored: bool  # False when no criterion applies: every group then scores 1

    @property
    def groups(self) -> int:
        return len(self.sizes)

    @property
    def lo(self) -> int:
        return min(self.sizes)

    @property
    def hi(self) -> int:
        return max(self.sizes)

    @property
    def empty(self) -> int:
        return len(self.units)

    def values(
        self, sums: np.ndarray, hours: np.ndarray, sizes: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """(score in [0, 1], value for the search) of groups given their layer sums, shared
        hours and sizes; the value takes PENALTY off the score for each repeated pair."""
        sizes = np.minimum(sizes, self.den.shape[1] - 1)  # larger groups are never allowed
        if self.scored:
            score = np.zeros(np.shape(sizes), dtype=np.float64)
            for layer in range(self.score_layers):
                part = sums[layer] / self.den[layer][sizes]
                score += self.weights[layer] * np.clip(part, 0.0, 1.0)
            if self.avail_weight:
                full = np.minimum(hours, self.target_hours) / self.target_hours
                score += self.avail_weight * (full if self.avail_similar else 1.0 - full)
        else:
            score = np.ones(np.shape(sizes), dtype=np.float64)
        value = score
        if self.met_layer is not None:
            value = score - PENALTY * sums[self.met_layer]
        return score, value

    def allowed(self, sums: np.ndarray, hours: np.ndarray) -> np.ndarray | None:
        """Whether groups keep every hard rule (keep-apart, shared hours); None when the
        problem has no such rule."""
        ok = None
        if self.apart_layer is not None:
            ok = sums[self.apart_layer] < 0.5
        if self.min_hours:
            enough = hours >= self.min_hours
            ok = enough if ok is None else ok & enough
        return ok

    def state(self, groups: list[list[int]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Layer sums, shared hours and sizes of groups of units, computed afresh."""
        layers = self.pair.shape[0]
        sums = np.zeros((layers, len(groups)))
        hours = np.zeros(len(groups), dtype=np.int64)
        sizes = np.zeros(len(groups), dtype=np.int64)
        for index, members in enumerate(groups):
            members = np.asarray(members, dtype=np.int64)
            block = self.pair[:, members[:, None], members[None, :]]
            sums[:, index] = block.sum(axis=(1, 2), dtype=np.float64) / 2
            sums[:, index] += self.intra[:, members].sum(axis=1)
            sizes[index] = self.usize[members].sum()
            if self.avail is not None:
                shared = np.bitwise_and.reduce(self.avail[members], axis=0)
                hours[index] = popcount(shared)
        return sums, hours, sizes

    def unit_groups(self, groups: list[list[int]]) -> list[list[int]]:
        """Learner ids grouped → unit indices grouped (a unit must not be split)."""
        index = {learner: position for position, learner in enumerate(self.ids)}
        result = []
        for group in groups:
            units = sorted({int(self.unit_of[index[learner]]) for learner in group})
            result.append(units)
        return result

    def learner_groups(self, groups: list[list[int]]) -> list[list[int]]:
        """Unit indices grouped → learner ids grouped, in a canonical order."""
        result = [
            sorted(self.ids[learner] for unit in group for learner in self.units[unit])
            for group in groups
        ]
        return sorted((group for group in result if group), key=lambda group: group[0])


def build_model(problem: GroupingProblem, met: np.ndarray | None = None) -> Model:
    """The arrays for a problem. ``met`` (learners × learners, 1 where a pair has met)
    replaces the earlier rounds' record when given."""
    ids = problem.ids
    n = len(ids)
    index = {learner: position for position, learner in enumerate(ids)}
    sizes = group_sizes(n, problem.group_size)
    units, unit_of = units_of(problem, index, max(sizes))
    usize = np.array([len(unit) for unit in units] + [0], dtype=np.int64)

    availability_known = any(person.availability is not None for person in problem.members)
    min_hours = problem.min_shared_hours or 0
    use_avail = problem.availability.active and availability_known
    avail = None
    if use_avail or min_hours:
        learner_words = words_array(person.availability for person in problem.members)
        avail = np.array(
            [np.bitwise_and.reduce(learner_words[unit], axis=0) for unit in units]
            + [np.bitwise_and.reduce(words_array([None]), axis=0)],
            dtype=np.uint64,
        )
        check_hours(problem, units, learner_words, avail, min_hours)

    matrices, dens, raw_weights = [], [], []
    for criterion, built in (
        (problem.interests, interest_matrix(problem, max(sizes))),
        (problem.attribute, attribute_matrix(problem, max(sizes))),
    ):
        if built is not None:
            matrices.append(built[0])
            dens.append(built[1])
            raw_weights.append(criterion.weight)
    total = sum(raw_weights) + (problem.availability.weight if use_avail else 0.0)
    weights = np.array(raw_weights, dtype=np.float64) / (total or 1.0)

    extra = []
    if met is None:
        met = met_matrix(problem, index)
    met_layer = None
    if met is not None and met.any():
        met_layer = len(matrices) + len(extra)
        extra.append(met.astype(np.float32))
    apart_layer = None
    if problem.keep_apart:
        apart = np.zeros((n, n), dtype=np.float32)
        for a, b in problem.keep_apart:
            apart[index[a], index[b]] = apart[index[b], index[a]] = 1
        apart_layer = len(matrices) + len(extra)
        extra.append(apart)

    pair, intra = unit_layers(matrices + extra, units, unit_of)
    if met_layer is not None:
        intra[met_layer] = 0.0  # learners kept together meet every round; that is no repeat
    return Model(
        problem=problem,
        ids=ids,
        sizes=sizes,
        units=units,
        unit_of=unit_of,
        usize=usize,
        pair=pair,
        intra=intra,
        den=np.array(dens, dtype=np.float64).reshape(len(dens), max(sizes) + 2),
        weights=weights,
        score_layers=len(matrices),
        met_layer=met_layer,
        apart_layer=apart_layer,
        avail=avail,
        avail_weight=(problem.availability.weight / total) if use_avail else 0.0,
        avail_similar=problem.availability.mode == "similar",
        target_hours=problem.effective_target_hours,
        min_hours=min_hours,
        scored=bool(matrices) or use_avail,
    )


def with_met(model: Model, met: np.ndarray) -> Model:
    """The model with its record of met pairs replaced (learners × learners, 1 where a pair
    has met), the other arrays shared."""
    keep = list(range(model.score_layers))
    if model.apart_layer is not None:
        keep.append(model.apart_layer)
    pair, intra = model.pair[keep], model.intra[keep]
    met_layer = None
    if met.any():
        added_pair, _ = unit_layers([met], model.units, model.unit_of)
        pair = np.concatenate([pair, added_pair])
        intra = np.concatenate([intra, np.zeros((1, intra.shape[1]))])  # see build_model
        met_layer = len(keep)
    return replace(
        model,
        pair=pair,
        intra=intra,
        met_layer=met_layer,
        apart_layer=model.score_layers if model.apart_layer is not None else None,
    )

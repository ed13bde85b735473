"""Removing repeated pairs from a plan of several rounds at once: tabu search over swaps.

This is the method of Dotú and Van Hentenryck for the social golfer problem ("Scheduling
social golfers locally", 2005). The cost of a plan is the number of times a pair meets
beyond its first meeting, over the earlier rounds and all planned ones. A move swaps two
learners (units of learners kept together, of equal size) between groups of one round,
where the first is in a pair that meets too often. Each step takes the best move that is
not tabu (a swap just made stays forbidden in its round for a random 4–100 steps, unless it
would beat the best plan so far); after a run without progress, the search goes back to
the best plan and shakes it with random swaps. Swaps that would break a hard rule
(keep-apart, shared hours) are never made.

With C the pair meeting counts, a swap of a (in group G) and b (in group H) changes the
cost by #{y in H−b: C[a,y] ≥ 1} − #{x in G−a: C[a,x] ≥ 2} + (the same with a and b, G and
H exchanged). The counts per unit and group, ``once[w, u, h]`` = #{v in group h of round w:
C[u,v] ≥ 1} and ``twice`` likewise, are kept up to date as pairs cross those thresholds, so
that scoring every move of every learner in a repeated pair is a handful of array lookups.
"""

from __future__ import annotations

import time

import numpy as np

from rapport.groups.engine.hours import popcount
from rapport.groups.engine.model import Model
from rapport.groups.engine.moves import leave_one_out

TENURE = (4, 100)  # a swap stays tabu in its round for this many steps (drawn at random)
STALL = 1_000  # steps without a better plan before shaking the best one
SHAKES = 4  # random swaps in a shake
TIME_CHECK = 256


class Tournament:
    """Planned rounds as each unit's group per round, with the meeting counts."""

    def __init__(self, model: Model, rounds: list[list[list[int]]], earlier: np.ndarray) -> None:
        self.model = model
        units = len(model.units)
        self.groups = model.groups
        self.group_of = np.zeros((len(rounds), units), dtype=np.int64)
        for week, groups in enumerate(rounds):
            for group, members in enumerate(groups):
                self.group_of[week, members] = group
        inside = model.unit_of[:, None] == model.unit_of[None, :]  # pairs inside a unit
        self.earlier = np.where(inside, 0, earlier).astype(np.int64)
        self.baseline = int(np.maximum(self.earlier - 1, 0).sum() // 2)
        self.sizes = model.usize[:units]
        self.singletons = units == len(model.unit_of)
        self.weight = np.where(inside, 0, 1).astype(np.int64)
        self.apart = None
        if model.apart_layer is not None:
            self.apart = model.pair[model.apart_layer, :units, :units].astype(np.int64)
        self.reset(self.group_of)

    def reset(self, group_of: np.ndarray) -> None:
        """Recompute every count for the given plan."""
        model = self.model
        self.group_of = group_of.copy()
        self.counts = self.earlier.copy()
        for week in range(len(group_of)):
            learner_group = group_of[week][model.unit_of]
            same = learner_group[:, None] == learner_group[None, :]
            self.counts += same & (model.unit_of[:, None] != model.unit_of[None, :])
        self.once = self._unit_level(self.weight * (self.counts >= 1))
        self.twice = self._unit_level(self.weight * (self.counts >= 2))
        self.by_once = np.stack([self._by_group(self.once, week) for week in range(len(group_of))])
        self.by_twice = np.stack(
            [self._by_group(self.twice, week) for week in range(len(group_of))]
        )
        if self.apart is not None:
            self.by_apart = np.stack(
                [self._by_group(self.apart, week) for week in range(len(group_of))]
            )
        if model.min_hours:
            self.loo = np.stack([self._rest_hours(week) for week in range(len(group_of))])

    def _unit_level(self, indicator: np.ndarray) -> np.ndarray:
        units = len(self.model.units)
        result = np.zeros((units, units), dtype=np.int64)
        rows = self.model.unit_of
        np.add.at(result, (rows[:, None], rows[None, :]), indicator.astype(np.int64))
        return result

    def _by_group(self, matrix: np.ndarray, week: int) -> np.ndarray:
        onehot = np.zeros((matrix.shape[0], self.groups), dtype=np.int64)
        onehot[np.arange(matrix.shape[0]), self.group_of[week]] = 1
        return matrix @ onehot

    def _rest_hours(self, week: int) -> np.ndarray:
        """For each unit, the hours the rest of its group shares in that round."""
        model = self.model
        units = len(model.units)
        order = np.argsort(self.group_of[week], kind="stable")
        slots = np.full((self.groups, model.hi), model.empty, dtype=np.int64)
        place = np.zeros(units, dtype=np.int64)
        filled = np.zeros(self.groups, dtype=np.int64)
        for unit in order:
            group = self.group_of[week, unit]
            slots[group, filled[group]] = unit
            place[unit] = filled[group]
            filled[group] += 1
        return leave_one_out(model.avail[slots])[self.group_of[week], place]

    def cost(self) -> int:
        """Meetings beyond a pair's first, over all rounds, less those of earlier rounds."""
        return int(np.maximum(self.counts - 1, 0).sum() // 2) - self.baseline

    def rounds(self) -> list[list[list[int]]]:
        return [
            [np.flatnonzero(row == group).tolist() for group in range(self.groups)]
            for row in self.group_of
        ]

    def moves(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """For every unit in a repeated pair in some round: (rounds, units, cost change of
        swapping it with each unit, whether that swap is allowed)."""
        home = self.group_of
        weeks, units = home.shape
        clash = self.by_twice[np.arange(weeks)[:, None], np.arange(units)[None, :], home]
        week, a = np.nonzero(clash > 0)
        if not len(week):
            return week, a, np.zeros((0, units), np.int64), np.zeros((0, units), bool)
        rows_home = home[week]  # (k, units): every unit's group in that round
        g_a = home[week, a][:, None]
        every = np.arange(units)[None, :]
        into = self.by_once[week[:, None], a[:, None], rows_home]  # a with each b's group
        back = self.by_once[week[:, None], every, g_a]  # each b with a's group
        delta = into + back - 2 * self.once[a] - clash[week, a][:, None] - clash[week]
        ok = (rows_home != g_a) & (self.sizes[None, :] == self.sizes[a][:, None])
        if self.apart is not None:
            apart_into = self.by_apart[week[:, None], a[:, None], rows_home]
            apart_back = self.by_apart[week[:, None], every, g_a]
            ok &= (apart_into == self.apart[a]) & (apart_back == self.apart[a])
        if self.model.min_hours:
            avail = self.model.avail[:units]
            rest = self.loo[week, a]  # (k, 3): a's group without a
            enough = popcount(rest[:, None, :] & avail[None]) >= self.model.min_hours
            there = popcount(self.loo[week] & avail[a][:, None, :]) >= self.model.min_hours
            ok &= enough & there
        return week, a, delta, ok

    def swap(self, week: int, a: int, b: int) -> None:
        model = self.model
        row = self.group_of
        g_a, g_b = row[week, a], row[week, b]
        stay_a = np.flatnonzero(row[week] == g_a)
        stay_a = stay_a[stay_a != a]
        stay_b = np.flatnonzero(row[week] == g_b)
        stay_b = stay_b[stay_b != b]
        # First the two units change groups (with the counts as they were), then the counts
        # of the pairs that crossed a threshold are applied with the new groups.
        for matrix, by_group in ((self.once, self.by_once), (self.twice, self.by_twice)):
            by_group[week, :, g_a] += matrix[:, b] - matrix[:, a]
            by_group[week, :, g_b] += matrix[:, a] - matrix[:, b]
        if self.apart is not None:
            self.by_apart[week, :, g_a] += self.apart[:, b] - self.apart[:, a]
            self.by_apart[week, :, g_b] += self.apart[:, a] - self.apart[:, b]
        row[week, a], row[week, b] = g_b, g_a
        movers = np.repeat([a, a, b, b], [len(stay_a), len(stay_b), len(stay_b), len(stay_a)])
        others = np.concatenate([stay_a, stay_b, stay_b, stay_a])
        signs = np.repeat([-1, 1, -1, 1], [len(stay_a), len(stay_b), len(stay_b), len(stay_a)])
        if self.singletons:
            first, second, unit_first, unit_second = movers, others, movers, others
        else:
            first, second, unit_first, unit_second, signs = self._learner_pairs(
                movers, others, signs
            )
        before = self.counts[first, second]
        after = before + signs
        self.counts[first, second] = self.counts[second, first] = after
        every_week = np.arange(row.shape[0])[:, None]
        weight = self.weight[first, second]
        for level, matrix, by_group in (
            (1, self.once, self.by_once),
            (2, self.twice, self.by_twice),
        ):
            flip = weight * ((after >= level).astype(np.int64) - (before >= level))
            if not flip.any():
                continue
            np.add.at(matrix, (unit_first, unit_second), flip)
            np.add.at(matrix, (unit_second, unit_first), flip)
            np.add.at(by_group, (every_week, unit_first[None], row[:, unit_second]), flip[None])
            np.add.at(by_group, (every_week, unit_second[None], row[:, unit_first]), flip[None])
        if model.min_hours:
            self.loo[week] = self._rest_hours(week)

    def bump(self) -> None:
        """Weigh every pair that meets too often one more (a breakout step): the search
        then prefers moves that split the pairs it keeps failing to split."""
        first, second = np.nonzero(np.triu(self.counts >= 2, 1))
        if not len(first):
            return
        self.weight[first, second] += 1
        self.weight[second, first] += 1
        unit_first, unit_second = self.model.unit_of[first], self.model.unit_of[second]
        every_week = np.arange(self.group_of.shape[0])[:, None]
        ones = np.ones(len(first), dtype=np.int64)
        for matrix, by_group in ((self.once, self.by_once), (self.twice, self.by_twice)):
            np.add.at(matrix, (unit_first, unit_second), ones)
            np.add.at(matrix, (unit_second, unit_first), ones)
            np.add.at(
                by_group, (every_week, unit_first[None], self.group_of[:, unit_second]), ones[None]
            )
            np.add.at(
                by_group, (every_week, unit_second[None], self.group_of[:, unit_first]), ones[None]
            )

    def _learner_pairs(self, movers: np.ndarray, others: np.ndarray, signs: np.ndarray):
        """Unit pairs expanded to the pairs of their learners."""
        members = self.model.units
        rows = [
            (i, j, unit, other, sign)
            for unit, other, sign in zip(movers, others, signs, strict=True)
            for i in members[unit]
            for j in members[other]
        ]
        return tuple(np.array(column, dtype=np.int64) for column in zip(*rows, strict=True))


def repair(
    tournament: Tournament,
    rng: np.random.Generator,
    iterations: int,
    budget_seconds: float,
) -> list[list[list[int]]]:
    """The plan with the fewest repeated pairs found within the step limit (or the time
    budget, a safety stop), as rounds of groups of units."""
    cost = tournament.cost()
    best_cost, best = cost, tournament.group_of.copy()
    weeks, units = tournament.group_of.shape
    tabu = np.zeros((weeks, units, units), dtype=np.int64)
    started, last_gain = time.monotonic(), 0
    for step in range(iterations):
        if best_cost == 0:
            break
        if step % TIME_CHECK == 0 and time.monotonic() - started > budget_seconds:
            break
        if step - last_gain > STALL:
            tournament.reset(best)
            _shake(tournament, rng)
            cost, last_gain = tournament.cost(), step
        week, a, delta, ok = tournament.moves()
        if not len(week):
            break
        free = tabu[week, a, :] <= step
        allowed = ok & (free | (cost + delta < best_cost))
        if not allowed.any():
            allowed = ok
            if not allowed.any():
                break
        scores = np.where(allowed, delta, np.iinfo(np.int64).max)
        lowest = np.flatnonzero(scores == scores.min())
        row, b = divmod(int(lowest[rng.integers(len(lowest))]), units)
        w, unit = int(week[row]), int(a[row])
        cost += int(delta[row, b])
        tournament.swap(w, unit, b)
        tabu[w, unit, b] = tabu[w, b, unit] = step + int(rng.integers(*TENURE))
        if cost < best_cost:
            best_cost, best, last_gain = cost, tournament.group_of.copy(), step
    tournament.reset(best)
    return tournament.rounds()


def _shake(tournament: Tournament, rng: np.random.Generator) -> None:
    """A few random swaps that keep the rules, among units in repeated pairs."""
    for _ in range(SHAKES):
        week, a, _, ok = tournament.moves()
        choices = np.argwhere(ok)
        if not len(choices):
            return
        row, b = choices[rng.integers(len(choices))]
        tournament.swap(int(week[row]), int(a[row]), int(b))

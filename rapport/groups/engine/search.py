"""Local search from the greedy grouping: swaps and moves between groups, and regrouping.

Most steps take one group (half the time the worst, since only a change there can raise the
max-min objective; otherwise a random one) and score every exchange of its places with the
places of a sample of other groups (all of them in classes of up to 49 groups), through
``moves.best_exchange``; one step in REGROUP_EVERY splits the worst group and two others
again in the best possible way (``regroup``). The best move is taken under late-acceptance
hill climbing: it is accepted if it is no worse than the current grouping or than the
grouping of a fixed number of steps ago, which crosses plateaus and leaves local optima
without a temperature to tune. Moves that would break a hard rule or a size bound are never
considered, so every grouping visited is valid. The best grouping seen, by the objective
(worst group's value, then mean), is returned.

The search runs in two phases. First it aims at a threshold a little above the best worst
value so far and minimises the total shortfall of the groups below it: any group brought
closer counts, and groups above it may give up what they do not need, which a pure max-min
objective forbids and which is what a worst group stuck among many near-equal groups
needs. Each time the threshold is met, it is raised; when progress stalls, the search goes
back to the best grouping, shakes it with a few random exchanges and aims lower. Then, for
the last steps, the objective itself decides, to settle the mean. A phase also ends after
many steps without a better grouping.

The search stops after a fixed number of steps, so results depend on the seed and input
only. The time budget is a safety stop for a machine far slower than expected; only when
it fires can the result depend on the machine's speed.
"""

from __future__ import annotations

import time

import numpy as np

from rapport.groups.engine.model import Model
from rapport.groups.engine.moves import TIE, Exchange, best_exchange, leave_one_out
from rapport.groups.engine.regroup import Regroup, regroup_move

SAMPLED_GROUPS = 48
HISTORY = 50
TIME_CHECK = 64
PATIENCE = 100
GIVE_UP = 250  # per group, steps without a better grouping after which a phase ends (≤ 2,500)
WORST_SHARE = 0.5  # share of exchange steps that start from the worst group
AIMING_SHARE = 0.9  # share of the steps spent aiming at a threshold for the worst group
AMBITION = 0.02  # how far above the best worst value the threshold is set at first
MIN_AMBITION = 0.002
REGROUP_EVERY = 4  # one step in so many regroups the worst group with others
PARTNER_CHOICE = 4  # regroup partners are drawn among this many more than needed


def default_iterations(learners: int) -> int:
    """Steps when the problem does not say: enough for small classes to settle, bounded
    so that 2,000 learners take a few seconds."""
    return int(min(6_000, 4_000 + learners))


def better(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether objective a beats b: a higher worst value, then a higher mean."""
    if a[0] > b[0] + TIE:
        return True
    return a[0] >= b[0] - TIE and a[1] > b[1] + TIE


class Search:
    """The current grouping as arrays: ``slots`` (groups × places, padded with the empty
    unit), each group's layer sums, shared hours, size and value, each unit's layer sums
    with the rest of its group (``own``), each place's hours shared by the rest of its
    group (``loo``), and the three lowest values."""

    def __init__(self, model: Model, groups: list[list[int]], rng: np.random.Generator) -> None:
        self.model = model
        self.rng = rng
        self.threshold: float | None = None
        count, cap = model.groups, model.hi
        self.slots = np.full((count, cap), model.empty, dtype=np.int64)
        for group, members in enumerate(groups):
            self.slots[group, : len(members)] = members
        self.sums, self.hours, self.sizes = model.state(groups)
        self.width = model.empty + 1
        self.flat = model.pair.reshape(model.pair.shape[0], self.width * self.width)
        self.every_group = np.arange(count)
        self.own = np.zeros((model.pair.shape[0], model.empty + 1))
        self._own_sums(self.every_group)
        widest = min(count, SAMPLED_GROUPS + 2)
        self.fixed_sizes = model.lo == model.hi and bool((model.usize[:-1] == 1).all())
        self.size_grid = np.full((2, cap, widest, cap), model.hi, dtype=np.int64)
        self.no_hours = np.zeros((2, cap, widest, cap), dtype=np.int64)
        if model.avail is not None:
            self.loo = leave_one_out(model.avail[self.slots])
        self.pair_hours = None
        if model.avail is not None and model.avail_weight:
            bits = np.unpackbits(model.avail.view(np.uint8), axis=1, bitorder="little")
            bits = bits.astype(np.float32)
            shared = np.minimum(bits @ bits.T, model.target_hours) / model.target_hours
            self.pair_hours = shared if model.avail_similar else 1.0 - shared
        _, self.value = model.values(self.sums, self.hours, self.sizes)
        self._refresh()

    def _own_sums(self, groups: list[int] | np.ndarray) -> None:
        rows = self.slots[groups]
        index = rows[:, :, None] * self.width + rows[:, None, :]
        self.own[:, rows] = self.flat[:, index].sum(axis=-1, dtype=np.float64)
        self.own[:, self.model.empty] = 0.0

    def _refresh(self) -> None:
        count = len(self.value)
        lowest = np.argsort(self.value, kind="stable")[:3]
        self.low_ids = np.full(3, -1, dtype=np.int64)
        self.low_values = np.full(3, np.inf)
        self.low_ids[: len(lowest)] = lowest
        self.low_values[: len(lowest)] = self.value[lowest]
        self.total = float(self.value.sum())
        self.true_key = (float(self.low_values[0]), self.total / count)
        if self.threshold is None:
            self.key = self.true_key
        else:
            self.shortfall = float(np.maximum(self.threshold - self.value, 0).sum())
            self.key = (-self.shortfall, self.true_key[1])

    def first(self, worst, new: list, old: list):
        """The search's first criterion after replacing groups' values ``old`` by ``new``:
        the worst value, or while aiming at a threshold, minus the total shortfall of the
        groups below it."""
        if self.threshold is None:
            return worst
        gap = self.threshold
        change = sum(np.maximum(gap - value, 0) for value in new)
        change = change - sum(np.maximum(gap - value, 0) for value in old)
        return -(self.shortfall + change)

    def second(self, added, old: list):
        """The mean after groups' values ``old`` are replaced by values summing to ``added``."""
        return (self.total + added - sum(old)) / self.model.groups

    def groups(self, slots: np.ndarray | None = None) -> list[list[int]]:
        slots = self.slots if slots is None else slots
        return [sorted(int(unit) for unit in row if unit != self.model.empty) for row in slots]

    def run(self, iterations: int, budget_seconds: float) -> list[list[int]]:
        """Search for ``iterations`` steps; the best grouping seen, as groups of units.

        When the best has not improved for a while (``patience`` steps), the search goes
        back to the best grouping and shakes it with a few random exchanges, so that it
        does not spend the rest of its steps circling one local optimum."""
        best_key, best_slots = self.true_key, self.slots.copy()
        if self.model.groups < 2 or iterations <= 0:
            return self.groups(best_slots)
        ambition = AMBITION
        self.threshold = self.true_key[0] + ambition
        self._refresh()
        history = [self.key] * HISTORY
        patience = PATIENCE + 10 * self.model.groups
        give_up = min(GIVE_UP * self.model.groups, 10 * GIVE_UP)
        stall = last_gain = 0
        started = time.monotonic()
        for step in range(iterations):
            if step % TIME_CHECK == 0 and time.monotonic() - started > budget_seconds:
                break
            if best_key[0] >= 1.0 - TIE:
                break  # every group has the highest score there is
            if step - last_gain > give_up and self.threshold is None:
                break  # long without a better grouping: the rest is unlikely to find one
            if self.threshold is not None and (
                step >= iterations * AIMING_SHARE or step - last_gain > give_up
            ):
                self.threshold = None  # from here on: the worst, then the mean
                self._restore(best_slots)
                history, stall, last_gain = [self.key] * HISTORY, 0, step
            if self.threshold is not None and self.shortfall <= 0:
                self.threshold = self.true_key[0] + ambition  # reached: aim higher
                self._refresh()
                history = [self.key] * HISTORY
            if stall >= patience:
                self._restore(best_slots)
                self._shake()
                if self.threshold is not None:
                    ambition = max(ambition / 2, MIN_AMBITION)
                    self.threshold = best_key[0] + ambition
                    self._refresh()
                history = [self.key] * HISTORY
                stall = 0
            stall += 1
            if step % REGROUP_EVERY == REGROUP_EVERY - 1:
                move = regroup_move(self, PARTNER_CHOICE)
            else:
                home = self._pick_group()
                move = best_exchange(self, home, self._sample(home))
            if move is None:
                continue
            slot = step % HISTORY
            if not better(history[slot], move.key) or not better(self.key, move.key):
                self._apply(move)
                if better(self.true_key, best_key):
                    best_key, best_slots, stall = self.true_key, self.slots.copy(), 0
                    last_gain = step
            history[slot] = self.key
        return self.groups(best_slots)

    def _shake(self) -> None:
        for _ in range(max(2, self.model.groups // 5)):
            home = int(self.rng.integers(self.model.groups))
            exchange = best_exchange(self, home, self._sample(home), rng=self.rng)
            if exchange is not None:
                self._apply(exchange)

    def _restore(self, slots: np.ndarray) -> None:
        model = self.model
        self.slots = slots.copy()
        self.sums, self.hours, self.sizes = model.state(self.groups())
        self._own_sums(self.every_group)
        if model.avail is not None:
            self.loo = leave_one_out(model.avail[self.slots])
        _, self.value = model.values(self.sums, self.hours, self.sizes)
        self._refresh()

    def _pick_group(self) -> int:
        if self.rng.random() < WORST_SHARE:
            return int(self.low_ids[0])
        return int(self.rng.integers(self.model.groups))

    def _sample(self, home: int) -> np.ndarray:
        count = self.model.groups
        if count - 1 <= SAMPLED_GROUPS:
            others = self.every_group
        else:
            drawn = self.rng.integers(count, size=SAMPLED_GROUPS)
            others = np.concatenate([drawn, self.low_ids[:2]])
        return others[others != home]

    def _apply(self, move: Exchange | Regroup) -> None:
        if isinstance(move, Regroup):
            self._apply_regroup(move)
        else:
            self._apply_exchange(move)

    def _apply_regroup(self, move: Regroup) -> None:
        model = self.model
        for part, group in enumerate(move.groups):
            self.slots[group] = model.empty
            self.slots[group, : len(move.units[part])] = move.units[part]
            self.sizes[group] = model.usize[move.units[part]].sum()
            self.sums[:, group] = move.sums[:, part]
            self.hours[group] = move.hours[part]
            self.value[group] = move.values[part]
        if model.avail is not None:
            self.loo[move.groups] = leave_one_out(model.avail[self.slots[move.groups]])
        self._own_sums(move.groups)
        self._refresh()

    def _apply_exchange(self, exchange: Exchange) -> None:
        model = self.model
        home, away = exchange.home, exchange.away
        a = self.slots[home, exchange.home_place]
        b = self.slots[away, exchange.away_place]
        self.slots[home, exchange.home_place] = b
        self.slots[away, exchange.away_place] = a
        delta = model.usize[a] - model.usize[b]
        self.sizes[home] -= delta
        self.sizes[away] += delta
        self.sums[:, home], self.sums[:, away] = exchange.sums[:, 0], exchange.sums[:, 1]
        self.hours[home], self.hours[away] = exchange.hours
        self.value[home], self.value[away] = exchange.values
        if model.avail is not None:
            self.loo[[home, away]] = leave_one_out(model.avail[self.slots[[home, away]]])
        self._own_sums([home, away])
        self._refresh()

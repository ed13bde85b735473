"""Every exchange between one group and a sample of other groups, scored at once.

An exchange swaps a place of the home group with a place of another group. Either place
may be empty (groups smaller than the largest are padded with the empty unit), so the same
arrays cover swaps and moves of a learner to a group with room. For each candidate the
layer sums, shared hours and sizes that both groups would have afterwards are computed from
one gather of the pairwise matrices (the rows of the home group's members, read along their
length) and from each unit's running sum with its own group, then the resulting objective:
the worst value over all groups and the mean.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from rapport.groups.engine.hours import popcount

if TYPE_CHECKING:
    from rapport.groups.engine.search import Search

TIE = 1e-12
ALL_BITS = np.iinfo(np.uint64).max


@dataclass
class Exchange:
    key: tuple[float, float]  # the search's objective after the exchange
    home: int
    home_place: int
    away: int
    away_place: int
    sums: np.ndarray  # (layers, 2): home's then away's layer sums afterwards
    hours: np.ndarray  # (2,)
    values: np.ndarray  # (2,)


def best_exchange(
    state: Search, home: int, others: np.ndarray, rng: np.random.Generator | None = None
) -> Exchange | None:
    """The exchange between home and one of ``others`` with the best objective afterwards
    (it may be worse than now), or None when no exchange keeps the rules. With ``rng``, an
    exchange drawn at random among those that keep the rules instead."""
    model = state.model
    flat, width, intra = state.flat, state.width, model.intra
    mine = state.slots[home]  # (cap,)
    cand = state.slots[others]  # (m, cap)
    real = (mine != model.empty)[:, None, None] | (cand != model.empty)[None]
    if state.fixed_sizes:
        sizes = state.size_grid[:, :, : len(others)]
        ok = real
    else:
        size_a, size_b = model.usize[mine][:, None, None], model.usize[cand][None]
        home_size = state.sizes[home] - size_a + size_b
        away_size = state.sizes[others][None, :, None] - size_b + size_a
        sizes = np.stack(np.broadcast_arrays(home_size, away_size))
        ok = real & ((sizes >= model.lo) & (sizes <= model.hi)).all(axis=0)
        if not ok.any():
            return None
    # t[:, i, r, q]: pairwise entry of home's i-th unit with the q-th unit of others[r].
    t = flat[:, mine[:, None, None] * width + cand[None]].astype(np.float64)
    home_with_cand = t.sum(axis=1)  # (L, m, cap)
    intra_a = intra[:, mine][:, :, None, None]
    intra_b = intra[:, cand][:, None]
    home_sums = (
        state.sums[:, home, None, None, None]
        - (state.own[:, mine] + intra[:, mine])[:, :, None, None]
        + (home_with_cand[:, None] - t + intra_b)
    )
    away_sums = (
        state.sums[:, others][:, None, :, None]
        - (state.own[:, cand] + intra[:, cand])[:, None]
        + (t.sum(axis=-1, keepdims=True) - t + intra_a)
    )
    sums = np.stack(np.broadcast_arrays(home_sums, away_sums), axis=1)  # (L, 2, cap, m, cap)
    if model.avail is not None:
        avail = model.avail
        home_hours = popcount(state.loo[home][:, None, None] & avail[cand][None])
        away_hours = popcount(state.loo[others][None] & avail[mine][:, None, None])
        hours = np.stack(np.broadcast_arrays(home_hours, away_hours))
    else:
        hours = state.no_hours[:, :, : len(others)]
    allowed = model.allowed(sums, hours)
    if allowed is not None:
        ok = ok & allowed.all(axis=0)
        if not ok.any():
            return None
    _, values = model.values(sums, hours, sizes)
    home_value, away_value = values[0], values[1]
    low_ids, low_values = state.low_ids, state.low_values
    away_ids = others[None, :, None]
    untouched = np.where(
        (low_ids[0] != home) & (low_ids[0] != away_ids),
        low_values[0],
        np.where((low_ids[1] != home) & (low_ids[1] != away_ids), low_values[1], low_values[2]),
    )
    worst = np.minimum(untouched, np.minimum(home_value, away_value))
    old = [state.value[home], state.value[away_ids]]
    worst = state.first(worst, [home_value, away_value], old)  # the search's first criterion
    second = state.second(home_value + away_value, old)
    worst = np.where(ok, worst, -np.inf)
    top = worst.max()
    if top == -np.inf:
        return None
    if rng is not None:
        choice = int(rng.choice(np.flatnonzero(ok)))
    else:
        choice = int(np.where(worst >= top - TIE, second, -np.inf).argmax())
    place, row, away_place = np.unravel_index(choice, worst.shape)
    return Exchange(
        key=(float(worst.flat[choice]), float(np.broadcast_to(second, worst.shape).flat[choice])),
        home=home,
        home_place=int(place),
        away=int(others[row]),
        away_place=int(away_place),
        sums=sums[:, :, place, row, away_place],
        hours=hours[:, place, row, away_place],
        values=values[:, place, row, away_place],
    )


def leave_one_out(masks: np.ndarray) -> np.ndarray:
    """For groups × places × words, the AND of each group's masks except each place's."""
    places = masks.shape[1]
    before = np.full_like(masks, ALL_BITS)
    after = np.full_like(masks, ALL_BITS)
    for place in range(1, places):
        before[:, place] = before[:, place - 1] & masks[:, place - 1]
        back = places - 1 - place
        after[:, back] = after[:, back + 1] & masks[:, back + 1]
    return before & after

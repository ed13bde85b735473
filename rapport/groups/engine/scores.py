"""How well a group fits, criterion by criterion, each on a scale of 0 to 1.

A group's score is the weighted mean of its criteria's scores (criteria set to "ignore",
or that no learner has data for, are left out; with none left every group scores 1):

* interests — the mean over the group's pairs of the Jaccard index of their interests
  (shared interests over interests either has; 0 for two learners with none). "similar"
  scores that mean, "different" scores one minus it.
* availability — the hours of the week that every member has free, capped at the target
  (``target_shared_hours``, at least ``min_shared_hours``): ``min(shared, target) / target``
  for "similar", one minus that for "different".
* attribute, numeric — values are scaled to 0–1 over the class's range. "similar" is the
  mean over pairs of one minus their distance (a homogeneous group scores 1). "different"
  is the sum of pairwise distances over the largest sum a group of that size can have
  (half at each end of the range), so a group spanning the range scores 1 whatever its size.
* attribute, categorical — "similar" is the share of pairs in the same category,
  "different" the number of pairs in different categories over the most a group of that
  size can have with the class's categories.

A pair where either learner's attribute is unknown counts as halfway (0.5). The search
also subtracts PENALTY for every pair that met in an earlier round, more than any score can
differ, so repeated pairs are avoided whenever a grouping without them exists.

Each criterion is precomputed as a learner × learner matrix, and a group's score needs only
the sum of its pairs' entries divided by the divisor for its size (``den``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from rapport.groups.engine.problem import GroupingProblem

PENALTY = 2.0


def pair_counts(largest: int) -> np.ndarray:
    """Pairs in a group of each size 0..largest + 1 (at least 1, to divide by)."""
    return np.array([max(1, size * (size - 1) // 2) for size in range(largest + 2)], float)


def spread_counts(largest: int, categories: int | None = None) -> np.ndarray:
    """The largest number of unlike pairs a group of each size can have: with numbers,
    half the group at each end (⌊s/2⌋·⌈s/2⌉ pairs at full distance); with categories,
    the group split as evenly as it can be over them."""
    result = []
    for size in range(largest + 2):
        if categories is None:
            most = (size // 2) * ((size + 1) // 2)
        else:
            base, extra = divmod(size, categories)
            alike = extra * (base + 1) * base // 2 + (categories - extra) * base * (base - 1) // 2
            most = size * (size - 1) // 2 - alike
        result.append(max(1, most))
    return np.array(result, dtype=float)


def interest_matrix(problem: GroupingProblem, largest: int) -> tuple[np.ndarray, np.ndarray] | None:
    """Pairwise Jaccard index of interests (or one minus it), with its divisors."""
    if not problem.interests.active:
        return None
    vocabulary = sorted({topic for person in problem.members for topic in person.interests})
    if not vocabulary:
        return None
    column = {topic: position for position, topic in enumerate(vocabulary)}
    has = np.zeros((len(problem.members), len(vocabulary)), dtype=np.float32)
    for row, person in enumerate(problem.members):
        has[row, [column[topic] for topic in person.interests]] = 1
    shared = has @ has.T
    counts = has.sum(axis=1)
    either = counts[:, None] + counts[None, :] - shared
    jaccard = np.divide(shared, either, out=np.zeros_like(shared), where=either > 0)
    matrix = jaccard if problem.interests.mode == "similar" else 1.0 - jaccard
    return matrix, pair_counts(largest)


def attribute_matrix(
    problem: GroupingProblem, largest: int
) -> tuple[np.ndarray, np.ndarray] | None:
    """Pairwise closeness (similar) or distance (different) of the attribute."""
    if not problem.attribute.active:
        return None
    values = [person.attribute for person in problem.members]
    known = [value for value in values if value is not None]
    if len(set(known)) < 2:
        return None
    unknown = np.array([value is None for value in values])
    if isinstance(known[0], str):
        labels = sorted(set(known))
        codes = np.array([-1 if value is None else labels.index(value) for value in values])
        distance = (codes[:, None] != codes[None, :]).astype(np.float32)
        divisors = spread_counts(largest, len(labels))
    else:
        numbers = np.array([np.nan if value is None else float(value) for value in values])
        low, high = np.nanmin(numbers), np.nanmax(numbers)
        scaled = np.nan_to_num((numbers - low) / (high - low))
        distance = np.abs(scaled[:, None] - scaled[None, :]).astype(np.float32)
        divisors = spread_counts(largest)
    distance[unknown, :] = 0.5
    distance[:, unknown] = 0.5
    if problem.attribute.mode == "similar":
        return 1.0 - distance, pair_counts(largest)
    return distance, divisors

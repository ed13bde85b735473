"""Ready-made rotations from combinatorial design theory, used as a starting plan.

Local search finds a handful of rounds without repeated pairs easily, but the last
possible rounds of a rotation are tight: every learner must meet only classmates they have
not met, and a plan built round by round runs out of options well before the bound. Classic
constructions reach far further when the class has the right shape:

* pairs (k = 2, an even class): the circle method, n − 1 rounds in which everyone meets
  everyone once (a round-robin tournament);
* n = k·q with q a prime power at least k: a resolvable transversal design. Learners sit in
  a k × q grid over the field with q elements; in round r ∈ GF(q), group c takes from row i
  the learner in column c + αᵢ·r (the αᵢ distinct field elements). Two learners in different
  rows meet in exactly one of these q rounds, and two in the same row never do, so further
  rounds can group each row within itself (the same construction, one level down).

For 32 learners in groups of 4 this gives 8 + 1 = 9 rounds (the most known is 10); for 16
in fours 5, for 9 in threes 4, for 8 in pairs 7, all the most possible. The rotation plan
relabels the learners at random, which keeps every pair property, before searching on.
"""

from __future__ import annotations

from functools import lru_cache

Round = list[list[int]]


def seed_rounds(n: int, k: int) -> list[Round]:
    """As many rounds without a repeated pair as a construction gives for n learners in
    groups of exactly k (indices 0..n−1); empty when none applies."""
    if k < 2 or n % k:
        return []
    if n == k:
        return [[list(range(n))]]
    if k == 2:
        return _circle(n)
    return _grid_rounds(list(range(n)), k)


def _circle(n: int) -> list[Round]:
    """The round-robin schedule of pairs: one learner fixed, the others turn around."""
    turning = n - 1
    rounds = []
    for shift in range(turning):
        pairs = [[n - 1, shift]]
        for step in range(1, n // 2):
            pairs.append([(shift + step) % turning, (shift - step) % turning])
        rounds.append(pairs)
    return rounds


def _grid_rounds(learners: list[int], k: int) -> list[Round]:
    n = len(learners)
    if n % k:
        return []
    columns = n // k
    if columns == 1:
        return [[list(learners)]]
    field = _field(columns)
    if field is None or columns < k:
        return [[learners[start : start + k] for start in range(0, n, k)]]
    add, mul = field
    grid = [learners[row * columns : (row + 1) * columns] for row in range(k)]
    rounds: list[Round] = []
    for r in range(columns):
        groups = []
        for c in range(columns):
            groups.append([grid[row][add[c][mul[row][r]]] for row in range(k)])
        rounds.append(groups)
    inner = [_grid_rounds(row, k) for row in grid]
    for depth in range(min(len(schedule) for schedule in inner)):
        rounds.append([group for schedule in inner for group in schedule[depth]])
    return rounds


@lru_cache(maxsize=32)
def _field(q: int) -> tuple[list[list[int]], list[list[int]]] | None:
    """Addition and multiplication tables of GF(q), elements as base-p digit numbers, or
    None when q is not a prime power."""
    prime = next((p for p in range(2, q + 1) if q % p == 0), q)
    power, rest = 0, q
    while rest % prime == 0:
        rest //= prime
        power += 1
    if rest != 1:
        return None

    def digits(value: int) -> list[int]:
        return [(value // prime**place) % prime for place in range(power)]

    def number(coefficients: list[int]) -> int:
        return sum(c * prime**place for place, c in enumerate(coefficients))

    add = [
        [
            number([(x + y) % prime for x, y in zip(digits(a), digits(b), strict=True)])
            for b in range(q)
        ]
        for a in range(q)
    ]
    if power == 1:
        return add, [[(a * b) % q for b in range(q)] for a in range(q)]
    modulus = _irreducible(prime, power)

    def times(a: int, b: int) -> int:
        product = [0] * (2 * power - 1)
        for i, x in enumerate(digits(a)):
            for j, y in enumerate(digits(b)):
                product[i + j] = (product[i + j] + x * y) % prime
        for top in range(2 * power - 2, power - 1, -1):
            factor = product[top]
            if factor:
                for place, c in enumerate(modulus):
                    product[top - power + place] = (
                        product[top - power + place] - factor * c
                    ) % prime
        return number(product[:power])

    return add, [[times(a, b) for b in range(q)] for a in range(q)]


def _irreducible(prime: int, power: int) -> list[int]:
    """Coefficients (lowest first, monic) of a polynomial of that degree with no factor."""
    for code in range(prime**power):
        low = [(code // prime**place) % prime for place in range(power)]
        candidate = low + [1]
        if not any(_divides(factor, candidate, prime) for factor in _monics(prime, power // 2)):
            return candidate
    raise AssertionError("every degree has an irreducible polynomial")  # pragma: no cover


def _monics(prime: int, most: int):
    for degree in range(1, most + 1):
        for code in range(prime**degree):
            yield [(code // prime**place) % prime for place in range(degree)] + [1]


def _divides(factor: list[int], value: list[int], prime: int) -> bool:
    remainder = list(value)
    degree = len(factor) - 1
    for top in range(len(remainder) - 1, degree - 1, -1):
        coefficient = remainder[top]
        if coefficient:
            for place, c in enumerate(factor):
                remainder[top - degree + place] = (
                    remainder[top - degree + place] - coefficient * c
                ) % prime
    return not any(remainder[:degree])

"""A made-up class for tests and the benchmark, seeded so every run sees the same one.

Interests come from a vocabulary of twelve (two to five each). Availability is what online
learners in a few time zones tend to have: two to four weekday evenings between 18:00 and
22:00 local time, and for some a weekend afternoon, turned into UTC hour-of-week slots, so
learners far apart in longitude rarely share an hour. Experience is 1–5, most in the middle.
"""

from __future__ import annotations

import random

from rapport.groups.engine.problem import HOURS_PER_WEEK, Learner

INTERESTS = (
    "photography",
    "chess",
    "hiking",
    "cooking",
    "music",
    "gaming",
    "gardening",
    "running",
    "reading",
    "film",
    "travel",
    "painting",
)
# Hours ahead of UTC: the Americas, Europe, South Asia (rounded), East Asia.
ZONES = (-8, -5, 0, 1, 5, 8)


def synthetic_learners(count: int, seed: int = 0, first_id: int = 1) -> list[Learner]:
    rng = random.Random(seed)
    learners = []
    for number in range(count):
        zone = rng.choice(ZONES)
        hours: set[int] = set()
        for day in rng.sample(range(5), rng.randint(2, 4)):
            start = rng.randint(18, 20)
            for local in range(start, min(start + rng.randint(2, 3), 23)):
                hours.add((day * 24 + local - zone) % HOURS_PER_WEEK)
        if rng.random() < 0.4:
            day = rng.choice((5, 6))
            for local in range(14, 14 + rng.randint(2, 4)):
                hours.add((day * 24 + local - zone) % HOURS_PER_WEEK)
        learners.append(
            Learner(
                id=first_id + number,
                interests=frozenset(rng.sample(INTERESTS, rng.randint(2, 5))),
                availability=frozenset(hours),
                attribute=min(5, max(1, round(rng.gauss(3, 1.1)))),
            )
        )
    return learners

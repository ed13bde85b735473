"""What the builders share: seeded words and bulk writes."""

import random

WORDS = [
    "river",
    "forest",
    "smoke",
    "wetland",
    "carbon",
    "soil",
    "rain",
    "meadow",
    "glacier",
    "coral",
    "owl",
    "fern",
    "moss",
    "pine",
    "delta",
    "estuary",
    "compost",
    "bee",
    "prairie",
    "canyon",
    "tide",
    "lichen",
    "spore",
    "aquifer",
]
BATCH = 2000


def text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def bulk(model, rows):
    model.objects.bulk_create(rows, batch_size=BATCH)


def refetch(model, **filters):
    """Rows just written, with their ids (SQLite and PostgreSQL both give ids back, but
    MySQL would not: read them again rather than rely on it)."""
    return list(model.objects.filter(**filters).order_by("pk"))

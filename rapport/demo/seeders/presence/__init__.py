"""The demo's presence: four weeks of Maya's check-ins (short clips made with PyAV and
processed on the spot), a text check-in, next week's check-in waiting for its release,
personal notes, feedback, and how learners met them — watches, replies, reactions. A few
drifting learners (Dmitri, Liam, Wei) have watched nothing, so the radar has a story.

``script`` holds the words; ``seeder`` sends them through presence's services, dated in
the past, so the ledger and the notifications read like real history. Every item is looked
up by a key first, so a second run adds nothing.
"""

from rapport.demo.seeders.presence.seeder import seed_presence

__all__ = ["seed_presence"]

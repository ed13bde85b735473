"""The demo for tests: seeded once per test process, then written back from a snapshot
(``rapport.core.testing.snapshots``) wherever another test asks for the same demo."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from rapport.core.testing.snapshots import restorable
from rapport.demo.build import SeedResult, seed_demo


@dataclass
class SeededDemo:
    result: SeedResult
    # The moment the demo was built around: pass it on to what a test seeds on top.
    now: datetime


def seeded_demo(*, now: datetime | None = None, with_features: bool = True) -> SeededDemo:
    """``seed_demo(now=now, with_features=with_features)``. Without ``now`` the demo may have
    been built a little earlier in this test run (``.now`` says when), but never in another
    minute of the clock: the demo's rounds and releases open and close on the minute, and a
    test compares the demo with the real time, so a copy built before such a moment would
    not be the demo that seeding now makes."""

    def build() -> SeededDemo:
        moment = now or timezone.now()
        return SeededDemo(seed_demo(now=moment, with_features=with_features), moment)

    when = now or timezone.now().replace(second=0, microsecond=0)
    return restorable(("seed_demo", when, with_features), build)

"""The demo for tests: seeded once per test run (the workers of a parallel run share it),
then written back from a snapshot (``rapport.core.testing.snapshots``) wherever another test
asks for the same demo. Tests that need no particular moment use one of a few fixed ones
(``demo_on_a_saturday`` and ``on_a_saturday`` for browser tests), so the run builds few
demos. The demo's reach-out ranking is checked on it too: the seed lays out its weeks of
activity and its drifting learners' signals from the moment it is given, and a Saturday at
noon (any of a year's, daylight saving changes included) gives the planted ranking."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import cache
from typing import NamedTuple
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from rapport.core.testing.snapshots import after_commit_work_done_here, restorable
from rapport.demo.build import SeedResult, seed_demo
from rapport.demo.courses import ENV_SCI


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


@cache
def a_saturday_noon() -> datetime:
    """The latest Saturday at noon in the demo course's zone. Every demo ritual has a round
    open then; at some hours of the week one or both have none (a round closes a day before
    the next opens), and a test that needs them open would pass or fail with the weekday.
    Worked out once per process, so a run that crosses Saturday noon keeps one moment."""
    zone = ZoneInfo(ENV_SCI.timezone)
    local = timezone.now().astimezone(zone)
    day = local.date() - timedelta(days=(local.weekday() - 5) % 7)
    moment = datetime.combine(day, time(12, 0), tzinfo=zone)
    return moment if moment <= local else moment - timedelta(days=7)


def demo_on_a_saturday(*, with_features: bool = True) -> SeededDemo:
    """The demo seeded at ``a_saturday_noon()`` with the clock stopped there. Most tests
    that read the demo share this one (with or without the features' seeds), so a run
    builds it once; they run with the clock there too (``saturday_clock``)."""
    moment = a_saturday_noon()
    with time_machine.travel(moment, tick=False):
        return seeded_demo(now=moment, with_features=with_features)


@contextmanager
def on_a_saturday() -> Iterator[SeededDemo]:
    """The demo as on ``a_saturday_noon()``, with the clock there (and running) until the
    block ends: the live server's pages and the test see the same week. Within the last
    seven days, so cookies the server sets are still good in the browser's real time."""
    demo = demo_on_a_saturday()
    with time_machine.travel(demo.now, tick=True):
        yield demo


@pytest.fixture
def saturday_clock() -> Iterator[None]:
    """The test runs with the clock at ``a_saturday_noon()``, running: for the modules whose
    shared data is ``demo_on_a_saturday()`` and whose tests compare it with the time."""
    with time_machine.travel(a_saturday_noon(), tick=True):
        yield


class FeatureSeeded(NamedTuple):
    course: object
    users: dict
    now: datetime
    added: int


@contextmanager
def seeding_at(now: datetime) -> Iterator[None]:
    """The clock stopped at ``now`` while a seeder runs on top of a demo, and the work it
    leaves for after the commit (notifications, nudges) done there too: on the real clock,
    later, a survey's reminder would find itself days late, depending on the hour the test
    runs."""
    with time_machine.travel(now, tick=False), after_commit_work_done_here():
        yield


def one_feature_seeded(seeder) -> FeatureSeeded:
    """The demo's people, courses and check-ins (``demo_on_a_saturday`` without the
    features), then ``seeder`` alone in Environmental Science 101, with the clock stopped
    at the demo's moment: what a feature's own seed tests read."""
    from django.contrib.auth import get_user_model

    from rapport.courses.models import Course

    now = demo_on_a_saturday(with_features=False).now
    course = Course.objects.get(slug=ENV_SCI.slug)
    users = {user.email: user for user in get_user_model().objects.all()}
    with seeding_at(now):
        added = seeder(course=course, users=users, now=now)
    return FeatureSeeded(course=course, users=users, now=now, added=added)


def demo_course_at(now: datetime):
    """The demo seeded at ``now`` (time stopped there) and its Environmental Science course."""
    from rapport.courses.models import Course

    with time_machine.travel(now, tick=False):
        seeded_demo(now=now)
    return Course.objects.get(slug=ENV_SCI.slug)

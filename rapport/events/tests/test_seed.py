"""The demo's social events: a Fun Friday and a coffee chat coming up with people coming
(but no drifting learner), last week's game night with who came in the ledger; and nothing
added on a second run."""

from dataclasses import dataclass
from datetime import datetime

import pytest

from rapport.core.kinds import TouchpointKind
from rapport.core.models import Touchpoint
from rapport.core.testing.shared_data import module_data
from rapport.courses.models import Course
from rapport.demo.courses import ENV_SCI
from rapport.demo.seeders.events import COFFEE_CHAT, FUN_FRIDAY, GAME_NIGHT, seed_events
from rapport.demo.seeders.rituals.script import DRIFTING
from rapport.demo.testing import demo_on_a_saturday
from rapport.events.models import Event, Rsvp, RsvpStatus
from rapport.events.selectors import past_events, upcoming_events

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("saturday_clock")]


@dataclass
class Demo:
    course: Course
    now: datetime


def build() -> Demo:
    seeded = demo_on_a_saturday()
    return Demo(course=Course.objects.get(slug=ENV_SCI.slug), now=seeded.now)


demo = module_data(build, name="demo")


def test_two_events_coming_up_and_a_game_night_that_happened(demo):
    upcoming = upcoming_events(course=demo.course, now=demo.now)
    assert {e.title for e in upcoming} == {FUN_FRIDAY.title, COFFEE_CHAT.title}
    fun_friday = next(e for e in upcoming if e.title == FUN_FRIDAY.title)
    assert fun_friday.starts_at.astimezone(demo.course.zone()).weekday() == 4
    assert fun_friday.going_count == FUN_FRIDAY.going
    coffee = next(e for e in upcoming if e.title == COFFEE_CHAT.title)
    assert coffee.places_left(coffee.going_count) == 8 - COFFEE_CHAT.going
    (game_night,) = past_events(course=demo.course, now=demo.now)
    assert game_night.title == GAME_NIGHT.title
    assert game_night.attendances.count() == GAME_NIGHT.came
    came = Touchpoint.objects.filter(kind=TouchpointKind.EVENT_ATTENDED, course=demo.course)
    assert came.count() == GAME_NIGHT.came
    assert all(t.occurred_at == game_night.ends_at for t in came)


def test_people_coming_but_never_the_drifting_learners(demo):
    answered = {
        email.split("@")[0]
        for email in Rsvp.objects.filter(event__course=demo.course).values_list(
            "user__email", flat=True
        )
    }
    assert answered and not answered & DRIFTING
    going = Rsvp.objects.filter(event__course=demo.course, status=RsvpStatus.GOING).count()
    assert Touchpoint.objects.filter(kind=TouchpointKind.EVENT_RSVP).count() == going


def test_a_second_run_adds_nothing(demo):
    before = Event.objects.count(), Rsvp.objects.count()
    assert seed_events(course=demo.course, users={}, now=demo.now) == 0
    assert (Event.objects.count(), Rsvp.objects.count()) == before

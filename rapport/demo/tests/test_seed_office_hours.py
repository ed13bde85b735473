"""The demo's office hours: the instructor's and the TA's, open, each in the host's zone; an
"Ask a TA" pool of both; meetings coming up (the demo learner's among them) on the hours'
grid; past meetings marked met with a private note and a one-to-one moment in the ledger,
and one missed; no drifting learner met anyone, no email sent; nothing added on a second
run."""

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from django.core import mail

from rapport.core.kinds import TouchpointKind
from rapport.core.models import Touchpoint
from rapport.core.testing.shared_data import module_data
from rapport.courses.models import Course
from rapport.demo.courses import ENV_SCI
from rapport.demo.seeders.office_hours import POOL_TITLE, seed_office_hours
from rapport.demo.seeders.rituals.script import DRIFTING
from rapport.demo.testing import demo_on_a_saturday
from rapport.officehours import selectors
from rapport.officehours.models import Booking, BookingStatus, OfficeHours, Place, Pool
from rapport.officehours.slots import Window, open_slots

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("saturday_clock")]


@dataclass
class Demo:
    course: Course
    now: datetime


def build() -> Demo:
    seeded = demo_on_a_saturday()
    return Demo(course=Course.objects.get(slug=ENV_SCI.slug), now=seeded.now)


demo = module_data(build, name="demo")


def hours_of(course, who: str) -> OfficeHours:
    return OfficeHours.objects.select_related("host").get(
        course=course, host__email=f"{who}@rapport.test"
    )


def on_the_grid(office_hours: OfficeHours, booking: Booking) -> bool:
    """The booking starts on one of the slots the weekly hours make that day."""
    zone = office_hours.host.zone()
    day = booking.starts_at.astimezone(zone).date()
    weekly = {w.weekday: [Window(w.starts, w.ends)] for w in office_hours.weekly.all()}
    starts = {
        slot.starts_at
        for slot in open_slots(
            policy=selectors.policy_of(office_hours),
            weekly=weekly,
            dates={},
            busy=[],
            now=datetime.combine(day, datetime.min.time(), tzinfo=zone) - timedelta(days=1),
            first_day=day,
            last_day=day,
        )
    }
    return booking.starts_at in starts and booking.ends_at - booking.starts_at == timedelta(
        minutes=office_hours.slot_minutes
    )


def test_the_instructor_and_the_ta_hold_open_office_hours_in_their_own_zone(demo):
    instructor, ta = hours_of(demo.course, "instructor"), hours_of(demo.course, "ta")
    assert instructor.is_open and ta.is_open
    assert instructor.timezone == instructor.host.timezone
    assert ta.timezone == ta.host.timezone
    assert (instructor.slot_minutes, instructor.seats, instructor.place) == (20, 1, Place.VIDEO)
    assert instructor.place_detail.startswith("https://") and instructor.question
    assert sorted(w.weekday for w in instructor.weekly.all()) == [1, 3]
    assert all(w.starts.hour >= 12 for w in instructor.weekly.all())
    assert (ta.slot_minutes, ta.seats, ta.place) == (30, 3, Place.CHAT)
    assert sorted(w.weekday for w in ta.weekly.all()) == [0, 2]
    assert all(w.ends.hour <= 12 for w in ta.weekly.all())
    assert {o.pk for o in selectors.office_hours_of(demo.course)} == {instructor.pk, ta.pk}
    assert selectors.slots_of(instructor, now=demo.now) and selectors.slots_of(ta, now=demo.now)
    (pool,) = Pool.objects.filter(course=demo.course)
    assert pool.title == POOL_TITLE
    assert set(pool.members.all()) == {instructor, ta}


def test_meetings_coming_up_this_week_and_next_including_the_demo_learners(demo):
    upcoming = Booking.objects.filter(
        course=demo.course, status=BookingStatus.BOOKED, starts_at__gt=demo.now
    ).select_related("office_hours__host", "learner")
    assert 2 <= len({b.learner_id for b in upcoming}) <= 4
    assert all(b.starts_at < demo.now + timedelta(days=14) for b in upcoming)
    assert all(on_the_grid(b.office_hours, b) for b in upcoming)
    sams = selectors.upcoming_for_learner(
        demo.course, upcoming.get(learner__email="learner@rapport.test").learner, now=demo.now
    )
    assert len(sams) == 1 and sams[0].answer
    assert {b.host.email for b in upcoming} == {"instructor@rapport.test", "ta@rapport.test"}
    # The TA's group slot holds more than one learner, each in a seat of their own.
    group = [b for b in upcoming if b.office_hours.seats > 1]
    assert len({b.starts_at for b in group}) == 1 and sorted(b.seat for b in group) == [1, 2]
    booked = Touchpoint.objects.filter(
        course=demo.course, kind=TouchpointKind.OFFICE_HOURS_BOOKED, occurred_at__lte=demo.now
    )
    assert booked.count() == Booking.objects.filter(course=demo.course).count()


def test_past_meetings_marked_met_with_notes_and_the_ledger_counts_them(demo):
    past = Booking.objects.filter(course=demo.course, ends_at__lte=demo.now).select_related(
        "office_hours__host"
    )
    assert not past.filter(status=BookingStatus.BOOKED).exists()  # all marked
    assert all(demo.now - timedelta(days=21) < b.starts_at for b in past)
    assert all(on_the_grid(b.office_hours, b) for b in past)
    met = past.filter(status=BookingStatus.ATTENDED)
    assert met.count() >= 4
    assert all(len(b.staff_note) > 40 for b in met)
    assert past.filter(status=BookingStatus.NO_SHOW).count() == 1
    moments = Touchpoint.objects.filter(
        course=demo.course, kind=TouchpointKind.ONE_TO_ONE_MET
    ).select_related("actor", "subject")
    assert sorted((m.actor_id, m.subject_id, m.occurred_at) for m in moments) == sorted(
        (b.host_id, b.learner_id, b.starts_at) for b in met
    )
    assert all(m.occurred_at < demo.now for m in moments)
    assert moments.filter(subject__email="learner@rapport.test").exists()


def test_no_drifting_learner_met_anyone(demo):
    learners = set(
        Booking.objects.filter(course=demo.course).values_list("learner__email", flat=True)
    )
    assert learners and not {e.split("@")[0] for e in learners} & set(DRIFTING)


def test_seeding_again_adds_nothing_and_sends_no_email(demo):
    mail.outbox.clear()
    count = Booking.objects.filter(course=demo.course).count()
    assert seed_office_hours(course=demo.course, users={}, now=demo.now) == 0
    assert Booking.objects.filter(course=demo.course).count() == count
    assert mail.outbox == []


def test_seeding_afresh_sends_no_email(demo, django_capture_on_commit_callbacks):
    Booking.objects.filter(course=demo.course).delete()
    Pool.objects.filter(course=demo.course).delete()
    OfficeHours.objects.filter(course=demo.course).delete()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert seed_office_hours(course=demo.course, users={}, now=demo.now) > 0
    assert mail.outbox == []
    assert Booking.objects.filter(course=demo.course).count() > 0

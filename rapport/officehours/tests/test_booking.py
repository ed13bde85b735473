"""Booking a slot: both people told, the ledger records it, and every policy holds —
per-learner limit, closed hours, a taken seat, staff not booking; moving keeps the
calendar UID and raises the SEQUENCE; cancelling within the policy; marking a meeting
met records a one-to-one moment (and unmarking takes it back)."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.db import IntegrityError, transaction

from rapport.core.kinds import NotificationKind, TouchpointKind
from rapport.core.models import Notification, Touchpoint
from rapport.core.refusals import Refused
from rapport.officehours import selectors, services
from rapport.officehours.models import Booking, BookingStatus
from rapport.officehours.testing import member, office_hours_make

pytestmark = pytest.mark.django_db
NOW = datetime(2027, 3, 15, 8, 0, tzinfo=UTC)  # a Monday


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def _book(cast, office_hours, starts_at, who="learner", answer=""):
    return services.booking_make(
        office_hours=office_hours,
        member=member(cast, who),
        choice=services.Choice(starts_at, answer),
    )


def _first_slot(office_hours):
    return selectors.slots_of(office_hours)[0].starts_at


def test_a_learner_books_an_open_slot_and_both_are_told(cast, django_capture_on_commit_callbacks):
    office_hours = office_hours_make(cast)
    start = _first_slot(office_hours)
    with django_capture_on_commit_callbacks(execute=True):
        booking = _book(cast, office_hours, start, answer="My essay plan")
    assert (booking.starts_at, booking.ends_at) == (start, start + timedelta(minutes=20))
    assert booking.status == BookingStatus.BOOKED and booking.seat == 1
    note = Notification.objects.get(recipient=cast.instructor)
    assert note.kind == NotificationKind.BOOKING_CHANGED and "booked" in note.title
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [cast.learner.email, cast.instructor.email]
    )
    assert "METHOD:REQUEST" in mail.outbox[0].alternatives[-1][0]
    moment = Touchpoint.objects.get(kind=TouchpointKind.OFFICE_HOURS_BOOKED)
    assert (moment.actor, moment.subject) == (cast.learner, cast.instructor)
    assert start not in {s.starts_at for s in selectors.slots_of(office_hours)}


def test_a_taken_slot_is_refused_and_the_database_holds_one_per_seat(cast):
    office_hours = office_hours_make(cast, per_learner_limit=3)
    start = _first_slot(office_hours)
    _book(cast, office_hours, start)
    with pytest.raises(Refused) as refused:
        _book(cast, office_hours, start, who="other_learner")
    assert refused.value.code == "gone"
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(
            office_hours=office_hours,
            course=cast.course,
            host=cast.instructor,
            learner=cast.other_learner,
            starts_at=start,
            ends_at=start + timedelta(minutes=20),
            seat=1,
        )
    assert Booking.objects.count() == 1


def test_group_office_hours_fill_their_seats_then_close(cast):
    office_hours = office_hours_make(cast, seats=2)
    start = _first_slot(office_hours)
    _book(cast, office_hours, start)
    assert selectors.slot_at(office_hours, start).seats_left == 1
    second = _book(cast, office_hours, start, who="other_learner")
    assert second.seat == 2
    assert selectors.slot_at(office_hours, start) is None


def test_the_per_learner_limit_and_closed_hours_and_staff_are_refused(cast):
    office_hours = office_hours_make(cast, per_learner_limit=1)
    slots = selectors.slots_of(office_hours)
    _book(cast, office_hours, slots[0].starts_at)
    with pytest.raises(Refused) as refused:
        _book(cast, office_hours, slots[3].starts_at)
    assert refused.value.code == "limit"
    with pytest.raises(Refused):
        _book(cast, office_hours, slots[3].starts_at, who="ta")
    office_hours.is_open = False
    office_hours.save()
    with pytest.raises(Refused):
        _book(cast, office_hours, slots[3].starts_at, who="other_learner")
    assert Booking.objects.count() == 1


def test_moving_keeps_the_uid_and_raises_the_sequence(cast):
    office_hours = office_hours_make(cast)
    slots = selectors.slots_of(office_hours)
    booking = _book(cast, office_hours, slots[10].starts_at)
    moved = services.booking_reschedule(
        booking=booking, user=cast.learner, starts_at=slots[15].starts_at
    )
    assert (moved.uid, moved.sequence, moved.starts_at) == (booking.uid, 1, slots[15].starts_at)
    assert slots[10].starts_at in {s.starts_at for s in selectors.slots_of(office_hours)}
    with pytest.raises(Refused):
        services.booking_reschedule(
            booking=moved, user=cast.other_learner, starts_at=slots[20].starts_at
        )


def test_a_learner_cannot_cancel_inside_the_notice_but_staff_can_with_a_message(cast):
    office_hours = office_hours_make(cast, cancel_notice_minutes=24 * 60)
    booking = _book(cast, office_hours, _first_slot(office_hours))
    with pytest.raises(Refused) as refused:
        services.booking_cancel(booking=booking, user=cast.learner)
    assert refused.value.code == "too_late"
    cancelled = services.booking_cancel(booking=booking, user=cast.instructor, message="Ill today")
    assert cancelled.status == BookingStatus.CANCELLED and cancelled.sequence == 1
    note = Notification.objects.get(recipient=cast.learner, kind=NotificationKind.BOOKING_CHANGED)
    assert note.body == "Ill today"


def test_marking_met_records_a_one_to_one_moment_and_unmarking_takes_it_back(cast):
    office_hours = office_hours_make(cast)
    booking = _book(cast, office_hours, _first_slot(office_hours))
    staff = member(cast, "instructor")
    with pytest.raises(Refused):
        services.booking_mark(booking=booking, member=staff, status=BookingStatus.ATTENDED)
    with time_machine.travel(booking.ends_at, tick=False):
        services.booking_mark(
            booking=booking, member=staff, status=BookingStatus.ATTENDED, note="Went well"
        )
        met = Touchpoint.objects.get(kind=TouchpointKind.ONE_TO_ONE_MET)
        assert (met.actor, met.subject) == (cast.instructor, cast.learner)
        services.booking_mark(booking=booking, member=staff, status=BookingStatus.NO_SHOW)
    assert not Touchpoint.objects.filter(kind=TouchpointKind.ONE_TO_ONE_MET).exists()
    booking.refresh_from_db()
    assert booking.staff_note == "Went well"
    with pytest.raises(Refused):
        services.booking_mark(booking=booking, member=member(cast, "learner"), status="attended")


def test_the_weekly_limit_counts_the_weeks_earlier_meetings_too(cast):
    office_hours = office_hours_make(cast, max_per_week=1, timezone="America/Chicago")
    monday_morning = datetime(2027, 3, 15, 14, 0, tzinfo=UTC)  # 9:00 in Chicago, past by Wed
    Booking.objects.create(
        office_hours=office_hours,
        course=cast.course,
        host=cast.instructor,
        learner=cast.other_learner,
        starts_at=monday_morning,
        ends_at=monday_morning + timedelta(minutes=20),
    )
    with time_machine.travel(datetime(2027, 3, 17, 15, 0, tzinfo=UTC), tick=False):
        slots = selectors.slots_of(office_hours)
    chicago = ZoneInfo("America/Chicago")
    weeks = {slot.starts_at.astimezone(chicago).isocalendar()[1] for slot in slots}
    assert slots and 11 not in weeks  # week 11 (15–21 March) already has its meeting


def test_a_slot_across_midnight_names_both_halves_of_the_day():
    from rapport.officehours.forms import slot_label
    from rapport.officehours.slots import Slot

    late = Slot(
        datetime(2027, 3, 16, 4, 40, tzinfo=UTC), datetime(2027, 3, 16, 5, 0, tzinfo=UTC), 1
    )
    assert slot_label(late, ZoneInfo("America/Chicago")) == "11:40 PM–12:00 AM"
    early = Slot(
        datetime(2027, 3, 16, 14, 0, tzinfo=UTC), datetime(2027, 3, 16, 14, 20, tzinfo=UTC), 1
    )
    assert slot_label(early, ZoneInfo("America/Chicago")) == "9:00–9:20 AM"

"""The calendar invitations a booking sends: one email to each person with a
``text/calendar; method=…`` part that calendars read (the booking's UID, a SEQUENCE that
grows with each change, the organizer and attendee, the start in the office hours' zone
with its VTIMEZONE), the body in each reader's own zone, and nothing to a person who
turned those emails off."""

from datetime import UTC, datetime, time

import icalendar
import pytest
import time_machine
from django.core import mail

from rapport.core.enums import Channel
from rapport.core.kinds import NotificationKind
from rapport.core.models import NotificationOptOut
from rapport.officehours import selectors, services
from rapport.officehours.testing import member, office_hours_make

pytestmark = pytest.mark.django_db
NOW = datetime(2027, 1, 11, 12, 0, tzinfo=UTC)  # Monday 6:00 in Chicago
CHICAGO, TOKYO = "America/Chicago", "Asia/Tokyo"
TUESDAY_MORNINGS = {1: [(time(9), time(12))]}


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def office_hours(cast):
    cast.instructor.timezone = CHICAGO
    cast.instructor.save()
    cast.learner.timezone = TOKYO
    cast.learner.save()
    return office_hours_make(cast, timezone=CHICAGO, weekly=TUESDAY_MORNINGS)


def _calendar_of(message, method: str) -> icalendar.Calendar:
    """The message's text/calendar alternative, checked to carry ``method`` in its type."""
    parts = [(content, kind) for content, kind in message.alternatives]
    calendars = [(content, kind) for content, kind in parts if kind.startswith("text/calendar")]
    assert len(calendars) == 1
    content, kind = calendars[0]
    assert f"method={method}" in kind
    return icalendar.Calendar.from_ical(content)


def _event(calendar: icalendar.Calendar) -> icalendar.Event:
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return events[0]


def _mail_to(address: str) -> list:
    return [message for message in mail.outbox if message.to == [address]]


def _book(cast, office_hours, capture, starts_at):
    with capture(execute=True):
        return services.booking_make(
            office_hours=office_hours,
            member=member(cast, "learner"),
            choice=services.Choice(starts_at),
        )


def test_booking_sends_each_person_a_request_calendars_can_read(
    cast, office_hours, django_capture_on_commit_callbacks
):
    first = selectors.slots_of(office_hours)[0].starts_at
    assert first == datetime(2027, 1, 12, 15, 0, tzinfo=UTC)  # Tuesday 9:00 in Chicago
    booking = _book(cast, office_hours, django_capture_on_commit_callbacks, first)

    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [cast.learner.email, cast.instructor.email]
    )
    for message in mail.outbox:
        calendar = _calendar_of(message, "REQUEST")
        assert calendar["METHOD"] == "REQUEST"
        event = _event(calendar)
        uid = str(event["UID"])
        assert uid.startswith(f"booking-{booking.uid}@")
        assert event.decoded("SEQUENCE") == 0
        assert str(event["STATUS"]) == "CONFIRMED"
        organizer = event["ORGANIZER"]
        assert str(organizer).lower() == f"mailto:{cast.instructor.email}"
        assert organizer.params["CN"] == cast.instructor.display_name
        attendees = event["ATTENDEE"]
        attendees = attendees if isinstance(attendees, list) else [attendees]
        assert [str(a).lower() for a in attendees] == [f"mailto:{cast.learner.email}"]
        assert event["DTSTART"].params["TZID"] == CHICAGO
        starts = event.decoded("DTSTART")
        assert (starts.hour, starts.minute) == (9, 0)
        assert starts.astimezone(UTC) == first
        assert event.decoded("DTEND").astimezone(UTC) == booking.ends_at
        assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == [CHICAGO]


def test_moving_sends_a_request_with_the_same_uid_and_sequence_one(
    cast, office_hours, django_capture_on_commit_callbacks
):
    slots = selectors.slots_of(office_hours)
    booking = _book(cast, office_hours, django_capture_on_commit_callbacks, slots[0].starts_at)
    uid = str(_event(_calendar_of(mail.outbox[0], "REQUEST"))["UID"])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.booking_reschedule(
            booking=booking, user=cast.learner, starts_at=slots[3].starts_at
        )

    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [cast.learner.email, cast.instructor.email]
    )
    for message in mail.outbox:
        event = _event(_calendar_of(message, "REQUEST"))
        assert str(event["UID"]) == uid
        assert event.decoded("SEQUENCE") == 1
        assert event.decoded("DTSTART").astimezone(UTC) == slots[3].starts_at


def test_cancelling_sends_a_cancel_with_the_same_uid_and_a_higher_sequence(
    cast, office_hours, django_capture_on_commit_callbacks
):
    slots = selectors.slots_of(office_hours)
    booking = _book(cast, office_hours, django_capture_on_commit_callbacks, slots[0].starts_at)
    uid = str(_event(_calendar_of(mail.outbox[0], "REQUEST"))["UID"])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.booking_cancel(booking=booking, user=cast.instructor, message="Unwell")

    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [cast.learner.email, cast.instructor.email]
    )
    for message in mail.outbox:
        calendar = _calendar_of(message, "CANCEL")
        assert calendar["METHOD"] == "CANCEL"
        event = _event(calendar)
        assert str(event["UID"]) == uid
        assert str(event["STATUS"]) == "CANCELLED"
        assert event.decoded("SEQUENCE") > 0
        assert "Unwell" in message.body


def test_a_person_who_turned_off_meeting_emails_gets_no_invitation(
    cast, office_hours, django_capture_on_commit_callbacks
):
    NotificationOptOut.objects.create(
        user=cast.learner, kind=NotificationKind.BOOKING_CHANGED, channel=Channel.EMAIL
    )
    slots = selectors.slots_of(office_hours)
    booking = _book(cast, office_hours, django_capture_on_commit_callbacks, slots[0].starts_at)
    assert [m.to for m in mail.outbox] == [[cast.instructor.email]]

    with django_capture_on_commit_callbacks(execute=True):
        services.booking_cancel(booking=booking, user=cast.instructor)
    assert [m.to for m in mail.outbox] == [[cast.instructor.email]] * 2


def test_each_email_gives_the_time_in_its_readers_own_zone(
    cast, office_hours, django_capture_on_commit_callbacks
):
    first = selectors.slots_of(office_hours)[0].starts_at  # 15:00 UTC
    _book(cast, office_hours, django_capture_on_commit_callbacks, first)

    (learners,) = _mail_to(cast.learner.email)
    (hosts,) = _mail_to(cast.instructor.email)
    # Tuesday 9:00 in Chicago is already Wednesday, midnight, in Tokyo.
    assert "Wed 13 Jan, 12:00–12:20 AM your time (Asia/Tokyo)" in learners.body
    assert "Tue 12 Jan, 9:00–9:20 AM your time (America/Chicago)" in hosts.body
    assert "Asia/Tokyo" in learners.subject and "America/Chicago" in hosts.subject
    assert "Chicago" not in learners.body and "Tokyo" not in hosts.body

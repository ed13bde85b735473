"""Office-hours meetings in each person's private calendar feed (``/calendar/<token>.ics``):
their own as learner and as host, under the booking's UID, a cancelled one marked
CANCELLED so calendars drop it, never another learner's; and a renewed link's old address
stops working."""

from datetime import UTC, datetime, timedelta

import icalendar
import pytest
import time_machine
from django.urls import reverse

from rapport.events import services as event_services
from rapport.officehours import services
from rapport.officehours.testing import member, office_hours_make

pytestmark = pytest.mark.django_db
NOW = datetime(2027, 1, 11, 6, 0, tzinfo=UTC)  # a Monday
TUESDAY_TEN = datetime(2027, 1, 12, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def bookings(cast):
    """The learner's meeting with the instructor, the other learner's with the instructor
    (cancelled) and the other learner's with the TA."""
    instructors = office_hours_make(cast, per_learner_limit=3)
    tas = office_hours_make(cast, by="ta", per_learner_limit=3)

    def book(office_hours, who, starts_at):
        return services.booking_make(
            office_hours=office_hours, member=member(cast, who), choice=services.Choice(starts_at)
        )

    mine = book(instructors, "learner", TUESDAY_TEN)
    cancelled = book(instructors, "other_learner", TUESDAY_TEN + timedelta(hours=1))
    cancelled = services.booking_cancel(booking=cancelled, user=cast.instructor, message="Sorry")
    with_ta = book(tas, "other_learner", TUESDAY_TEN)
    return mine, cancelled, with_ta


def _feed_url(user) -> str:
    return event_services.calendar_feed_get(user=user).get_absolute_url()


def _events(client, url) -> dict[str, icalendar.Event]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["UID"]).split("@")[0]: event for event in calendar.walk("VEVENT")}


def _uid(booking) -> str:
    return f"booking-{booking.uid}"


def test_the_feed_path_is_the_calendar_address(cast):
    url = _feed_url(cast.learner)
    assert url.startswith("/calendar/") and url.endswith(".ics")


def test_a_learners_feed_lists_their_own_meeting_and_no_one_elses(cast, client, bookings):
    mine, cancelled, with_ta = bookings
    events = {
        uid: e for uid, e in _events(client, _feed_url(cast.learner)).items() if "booking" in uid
    }
    assert set(events) == {_uid(mine)}
    event = events[_uid(mine)]
    assert event.decoded("DTSTART").astimezone(UTC) == TUESDAY_TEN
    assert str(event["STATUS"]) == "CONFIRMED"
    assert cast.other_learner.display_name not in str(event["SUMMARY"])

    others = _events(client, _feed_url(cast.other_learner))
    assert _uid(mine) not in others
    assert {_uid(cancelled), _uid(with_ta)} <= set(others)


def test_a_hosts_feed_lists_their_meetings_and_marks_a_cancelled_one(cast, client, bookings):
    mine, cancelled, with_ta = bookings
    events = _events(client, _feed_url(cast.instructor))
    booked = {uid for uid in events if uid.startswith("booking-")}
    assert booked == {_uid(mine), _uid(cancelled)}  # not the TA's
    assert str(events[_uid(mine)]["STATUS"]) == "CONFIRMED"
    assert str(events[_uid(cancelled)]["STATUS"]) == "CANCELLED"
    assert events[_uid(cancelled)].decoded("SEQUENCE") == 1
    assert str(_events(client, _feed_url(cast.ta))[_uid(with_ta)]["STATUS"]) == "CONFIRMED"


def test_a_renewed_link_replaces_the_old_one(cast, client, client_for, bookings):
    mine = bookings[0]
    old = _feed_url(cast.learner)
    assert _uid(mine) in _events(client, old)

    event_services.calendar_feed_renew(user=cast.learner)
    assert client.get(old).status_code == 404
    new = _feed_url(cast.learner)
    assert new != old and _uid(mine) in _events(client, new)

    # The page's "new link" button does the same.
    signed_in = client_for("learner")
    response = signed_in.post(reverse("events:calendar_link_renew", args=[cast.course.slug]))
    assert response.status_code == 302
    signed_in.logout()
    assert client.get(new).status_code == 404
    assert _uid(mine) in _events(client, _feed_url(cast.learner))


def test_a_deactivated_persons_link_stops_working(cast, client, bookings):
    url = _feed_url(cast.learner)
    cast.learner.is_active = False
    cast.learner.save()
    assert client.get(url).status_code == 404
    assert client.get("/calendar/not-a-real-token.ics").status_code == 404

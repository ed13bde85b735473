"""A learner in Tokyo books their instructor in Chicago for next Tuesday, across the
United States' spring clock change: the booking page lists the time in Tokyo, the POST
books it, and both invitations place it at 9:00 in Chicago (14:00 UTC, not 15:00), while
each email tells its reader the time on their own clock."""

from datetime import UTC, datetime, time

import icalendar
import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from rapport.officehours.models import Booking, BookingStatus
from rapport.officehours.testing import office_hours_make

pytestmark = pytest.mark.django_db
NOW = datetime(2027, 3, 10, 15, 0, tzinfo=UTC)  # Wednesday; US clocks change on 14 March
CHICAGO, TOKYO = "America/Chicago", "Asia/Tokyo"
NINE_IN_CHICAGO = datetime(2027, 3, 16, 14, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def test_a_learner_in_tokyo_books_chicago_office_hours_across_the_clock_change(
    cast, client_for, django_capture_on_commit_callbacks
):
    cast.instructor.timezone = CHICAGO
    cast.instructor.save()
    cast.learner.timezone = TOKYO
    cast.learner.timezone_chosen = True
    cast.learner.save()
    office_hours = office_hours_make(
        cast, timezone=CHICAGO, weekly={1: [(time(9), time(12))]}, slot_minutes=20
    )
    url = reverse(
        "officehours:book",
        kwargs={"course_slug": cast.course.slug, "office_hours_id": office_hours.pk},
    )
    client = client_for("learner")

    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    # Tuesday 9:00 in Chicago, after the change, is 14:00 UTC: 23:00 the same Tuesday in
    # Tokyo (the week before it was 15:00 UTC, midnight in Tokyo).
    days = page.context["days"]
    assert days[0][0] == "Tuesday 16 March"
    value, label = days[0][1][0]
    assert value == "2027-03-16T14:00Z"
    assert label == "11:00–11:20 PM"
    assert "Tuesday 16 March" in html and "11:00–11:20 PM" in html
    assert 'value="2027-03-16T14:00Z"' in html

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"start": value, "answer": "Lab report"})
    booking = Booking.objects.get()
    assert response.status_code == 302 and response["Location"] == booking.get_absolute_url()
    assert (booking.learner, booking.host) == (cast.learner, cast.instructor)
    assert booking.starts_at == NINE_IN_CHICAGO and booking.status == BookingStatus.BOOKED

    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [cast.learner.email, cast.instructor.email]
    )
    for message in mail.outbox:
        (content, kind) = next(a for a in message.alternatives if "calendar" in a[1])
        assert "method=REQUEST" in kind
        assert "DTSTART;TZID=America/Chicago:20270316T090000" in content
        event = icalendar.Calendar.from_ical(content).walk("VEVENT")[0]
        assert event.decoded("DTSTART").astimezone(UTC) == NINE_IN_CHICAGO
    (learners,) = [m for m in mail.outbox if m.to == [cast.learner.email]]
    (hosts,) = [m for m in mail.outbox if m.to == [cast.instructor.email]]
    assert "Tue 16 Mar, 11:00–11:20 PM your time (Asia/Tokyo)" in learners.body
    assert "Tue 16 Mar, 9:00–9:20 AM your time (America/Chicago)" in hosts.body

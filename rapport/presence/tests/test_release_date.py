"""A check-in's release time far in the future is a form error, not a crash."""

import datetime as dt

import pytest
import time_machine

from rapport.presence.models import Message

pytestmark = pytest.mark.django_db
NEW_CHECKIN = "/c/env-sci/messages/check-ins/new/"


@pytest.mark.parametrize("zone", ["UTC", "America/Los_Angeles", "Pacific/Kiritimati"])
@pytest.mark.parametrize("release_at", ["9999-12-31T23:59", "9999-01-01T10:00", "2029-01-01T09:00"])
def test_a_release_time_years_ahead_is_refused_with_a_message(cast, client_for, zone, release_at):
    cast.course.timezone = zone
    cast.course.save()
    with time_machine.travel(dt.datetime(2027, 3, 1, 12, 0, tzinfo=dt.UTC), tick=False):
        client = client_for("instructor")
        client.raise_request_exception = True
        response = client.post(
            NEW_CHECKIN, {"title": "Week 3", "body": "Hello!", "release_at": release_at}
        )
    assert response.status_code == 200
    assert "within the next year" in response.content.decode()
    assert not Message.objects.exists()


def test_a_release_time_within_the_year_is_scheduled(cast, client_for):
    cast.course.timezone = "UTC"
    cast.course.save()
    with time_machine.travel(dt.datetime(2027, 3, 1, 12, 0, tzinfo=dt.UTC), tick=False):
        client = client_for("instructor")
        response = client.post(
            NEW_CHECKIN, {"title": "Week 3", "body": "Hello!", "release_at": "2027-12-01T09:00"}
        )
    assert response.status_code == 302
    assert Message.objects.get().release_at == dt.datetime(2027, 12, 1, 9, 0, tzinfo=dt.UTC)

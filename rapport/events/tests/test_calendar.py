"""Calendar files: an event's .ics and each person's private feed read back with icalendar,
giving the same instants across daylight-saving changes, with the zone's rules inside."""

import zoneinfo
from datetime import UTC, datetime

import icalendar
import pytest

from rapport.events import services
from rapport.events.models import CalendarFeed
from rapport.events.testing import event_make, member
from rapport.factories import MembershipFactory

pytestmark = pytest.mark.django_db

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")
LONDON = zoneinfo.ZoneInfo("Europe/London")


def planned(cast, wall_clock: datetime, zone, **fields):
    """An event planned at ``wall_clock`` in ``zone``; the clock is set before it."""
    starts_at = wall_clock.replace(tzinfo=zone)
    return event_make(cast, starts_at=starts_at, timezone=str(zone), **fields)


def read(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def vevents(calendar) -> dict[str, icalendar.Event]:
    return {str(e["summary"]): e for e in calendar.walk("VEVENT")}


@pytest.fixture(autouse=True)
def before_the_events(time_machine):
    time_machine.move_to(datetime(2026, 3, 1, 12, tzinfo=UTC), tick=False)


def test_an_events_ics_gives_the_right_instants_either_side_of_the_dst_change(cast, client_for):
    # Chicago leaves daylight time on Sunday 1 November 2026: a 5 pm Friday event is 22:00
    # UTC the week before, 23:00 on the Fridays after.
    before = planned(cast, datetime(2026, 10, 30, 17, 0), CHICAGO, title="Before")
    after = planned(cast, datetime(2026, 11, 6, 17, 0), CHICAGO, title="After")
    week_after = planned(cast, datetime(2026, 11, 13, 17, 0), CHICAGO, title="Week after")
    client = client_for("learner")
    for event, hour in ((before, 22), (after, 23), (week_after, 23)):
        calendar = read(client.get(f"{event.get_absolute_url()}event.ics"))
        assert str(calendar["prodid"]) and str(calendar["version"]) == "2.0"
        (vevent,) = calendar.walk("VEVENT")
        start = vevent.decoded("dtstart")
        assert vevent["dtstart"].params["TZID"] == "America/Chicago"
        assert start.astimezone(UTC) == event.starts_at
        assert start.astimezone(UTC).hour == hour
        assert vevent.decoded("dtend").astimezone(UTC) == event.ends_at
        assert str(vevent["uid"]).startswith(f"event-{event.pk}@")
        assert "dtstamp" in vevent and int(vevent["sequence"]) == 0
        assert str(vevent["status"]) == "CONFIRMED"
        (zone,) = calendar.walk("VTIMEZONE")
        assert str(zone["tzid"]) == "America/Chicago"
        assert {c.name for c in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}


def test_an_event_in_london_across_its_clocks_going_forward(cast, client_for):
    # The UK moves to summer time on 29 March 2026: 7 pm is 19:00 UTC before, 18:00 after.
    friday = planned(cast, datetime(2026, 3, 27, 19, 0), LONDON, title="Friday")
    monday = planned(cast, datetime(2026, 3, 30, 19, 0), LONDON, title="Monday")
    calendar = read(client_for("ta").get(f"{friday.get_absolute_url()}event.ics"))
    assert calendar.walk("VEVENT")[0].decoded("dtstart").astimezone(UTC) == datetime(
        2026, 3, 27, 19, tzinfo=UTC
    )
    calendar = read(client_for("ta").get(f"{monday.get_absolute_url()}event.ics"))
    assert calendar.walk("VEVENT")[0].decoded("dtstart").astimezone(UTC) == datetime(
        2026, 3, 30, 18, tzinfo=UTC
    )
    assert str(calendar.walk("VTIMEZONE")[0]["tzid"]) == "Europe/London"


def test_a_cancelled_event_says_so_with_a_higher_sequence(cast, client_for):
    event = planned(
        cast,
        datetime(2026, 4, 3, 15),
        CHICAGO,
        meeting_link="https://meet.example.test/fun",
        description="Bring a joke.",
    )
    services.event_cancel(event=event, member=member(cast, "instructor"))
    calendar = read(client_for("learner").get(f"{event.get_absolute_url()}event.ics"))
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["status"]) == "CANCELLED"
    assert int(vevent["sequence"]) == 1
    assert str(vevent["location"]) == "https://meet.example.test/fun"
    assert str(vevent["url"]) == "https://meet.example.test/fun"
    assert "Bring a joke." in str(vevent["description"])


def feed_url(user) -> str:
    return services.calendar_feed_get(user=user).get_absolute_url()


def test_the_feed_lists_only_the_persons_own_courses_without_signing_in(cast, client):
    ours = planned(cast, datetime(2026, 11, 6, 17), CHICAGO, title="Ours")
    theirs_course = cast.other_course
    MembershipFactory(course=theirs_course, user=cast.ta, status="removed")
    from rapport.events.models import Event

    Event.objects.create(
        course=theirs_course,
        title="Theirs",
        starts_at=ours.starts_at,
        ends_at=ours.ends_at,
        timezone="Europe/London",
    )
    calendar = read(client.get(feed_url(cast.learner)))
    assert set(vevents(calendar)) == {"Ours"}
    assert vevents(calendar)["Ours"].decoded("dtstart").astimezone(UTC) == ours.starts_at
    assert [str(z["tzid"]) for z in calendar.walk("VTIMEZONE")] == ["America/Chicago"]
    # The TA left the other course: its events are not theirs either.
    assert set(vevents(read(client.get(feed_url(cast.ta))))) == {"Ours"}
    assert set(vevents(read(client.get(feed_url(cast.outsider))))) == {"Theirs"}


def test_a_new_link_makes_the_old_one_404(cast, client):
    old = feed_url(cast.learner)
    assert client.get(old).status_code == 200
    services.calendar_feed_renew(user=cast.learner)
    assert client.get(old).status_code == 404
    assert client.get(feed_url(cast.learner)).status_code == 200
    assert client.get("/calendar/not-a-token.ics").status_code == 404
    assert CalendarFeed.objects.filter(user=cast.learner).count() == 1


def test_making_a_new_link_from_the_page(cast, client_for):
    old = feed_url(cast.learner)
    client = client_for("learner")
    page = client.get(f"/c/{cast.course.slug}/events/calendar/")
    assert old in page.content.decode()
    response = client.post(f"/c/{cast.course.slug}/events/calendar/new-link/")
    assert response.status_code == 302
    client.logout()
    assert client.get(old).status_code == 404
    new = feed_url(cast.learner)
    assert new != old and client.get(new).status_code == 200


def test_a_feed_carries_each_zone_once_ahead_of_the_events(cast, client):
    planned(cast, datetime(2026, 11, 6, 17), CHICAGO, title="Chicago one")
    planned(cast, datetime(2026, 11, 13, 17), CHICAGO, title="Chicago two")
    planned(cast, datetime(2026, 3, 30, 19), LONDON, title="London")
    utc = planned(cast, datetime(2026, 5, 1, 9), zoneinfo.ZoneInfo("UTC"), title="UTC")
    calendar = read(client.get(feed_url(cast.learner)))
    names = [c.name for c in calendar.subcomponents]
    assert names == ["VTIMEZONE", "VTIMEZONE"] + ["VEVENT"] * 4
    assert [str(z["tzid"]) for z in calendar.walk("VTIMEZONE")] == [
        "America/Chicago",
        "Europe/London",
    ]
    assert vevents(calendar)["UTC"].decoded("dtstart") == utc.starts_at
    assert b"DTSTART:20260501T090000Z" in calendar.to_ical()

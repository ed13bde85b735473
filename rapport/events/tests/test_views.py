"""The events pages as each person sees them: the list in the viewer's own time, an event's
page (places, full, cancelled, who's coming), planning with its form errors, who came."""

import zoneinfo
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from rapport.core.kinds import TouchpointKind
from rapport.core.models import Touchpoint
from rapport.events import services
from rapport.events.models import Attendance, Event, EventSettings, Rsvp, RsvpStatus
from rapport.events.testing import event_make, member
from rapport.groups.testing import learner_make

pytestmark = pytest.mark.django_db


def events_url(cast, tail: str = "") -> str:
    return f"/c/{cast.course.slug}/events/{tail}"


def test_the_list_shows_upcoming_first_then_past_in_the_viewers_own_time(
    cast, client_for, time_machine
):
    time_machine.move_to(datetime(2026, 11, 2, 12, tzinfo=UTC), tick=False)
    chicago = zoneinfo.ZoneInfo("America/Chicago")
    event_make(
        cast,
        title="Coffee chat",
        starts_at=datetime(2026, 11, 6, 17, tzinfo=chicago),
        timezone="America/Chicago",
    )
    event_make(cast, title="Game night", in_hours=-30)
    cast.learner.timezone = "Europe/London"
    cast.learner.save(update_fields=["timezone"])
    page = client_for("learner").get(events_url(cast)).content.decode()
    assert page.index("Coffee chat") < page.index("Past events") < page.index("Game night")
    # 5 pm in Chicago that day is 11 pm in London.
    assert "Fri 6 Nov, 11:00 p.m." in page
    assert "your time (Europe/London)" in page
    assert "Plan an event" not in page
    coffee = Event.objects.get(title="Coffee chat")
    text = client_for("learner").get(coffee.get_absolute_url()).content.decode()
    assert "Fri 6 Nov, 11:00 p.m." in text
    assert "Fri 6 Nov, 5:00 p.m. in America/Chicago, where it was planned." in text


def test_an_events_page_counts_places_left(cast, client_for):
    event = event_make(cast, capacity=8)
    for name in ("ana", "bo", "cy", "di", "ed"):
        Rsvp.objects.create(event=event, user=learner_make(cast, name), status=RsvpStatus.GOING)
    page = client_for("learner").get(event.get_absolute_url()).content.decode()
    assert "3 of 8 places left" in page
    assert "Ana" in page  # members see who is coming


def test_a_full_event_refuses_clearly(cast, client_for):
    event = event_make(cast, capacity=1)
    services.rsvp_set(event=event, member=member(cast, "other_learner"), status=RsvpStatus.GOING)
    client = client_for("learner")
    assert "<strong>Full</strong>" in client.get(event.get_absolute_url()).content.decode()
    response = client.post(f"{event.get_absolute_url()}rsvp/", {"status": "going"}, follow=True)
    assert "Sorry, this event is full: all 1 places are taken." in response.content.decode()
    assert not Rsvp.objects.filter(user=cast.learner).exists()


def test_saying_youll_come_from_the_page(cast, client_for):
    event = event_make(cast)
    response = client_for("learner").post(
        f"{event.get_absolute_url()}rsvp/", {"status": "going"}, follow=True
    )
    assert "see you there!" in response.content.decode()
    assert Rsvp.objects.get(user=cast.learner).status == RsvpStatus.GOING
    assert Touchpoint.objects.filter(kind=TouchpointKind.EVENT_RSVP, actor=cast.learner).exists()


def test_a_cancelled_event_is_shown_as_cancelled_without_answer_buttons(cast, client_for):
    event = event_make(cast)
    response = client_for("instructor").post(f"{event.get_absolute_url()}cancel/")
    assert response.status_code == 302
    page = client_for("learner").get(event.get_absolute_url()).content.decode()
    assert "This event was cancelled" in page
    assert "I'll come" not in page
    assert "Cancelled" in client_for("learner").get(events_url(cast)).content.decode()


def plan(**changes) -> dict:
    data = {
        "kind": "coffee_chat",
        "title": "Coffee chat",
        "description": "Bring a mug.",
        "starts_at": "2030-05-03T16:00",
        "ends_at": "2030-05-03T17:00",
        "timezone": "America/Chicago",
        "meeting_link": "https://meet.example.test/coffee",
        "capacity": "8",
    }
    return data | changes


def test_staff_plan_an_event_in_the_zone_they_choose(cast, client_for):
    response = client_for("ta").post(events_url(cast, "new/"), plan())
    event = Event.objects.get()
    assert response.status_code == 302 and response["Location"] == event.get_absolute_url()
    assert event.starts_at == datetime(2030, 5, 3, 21, tzinfo=UTC)  # 4 pm CDT
    assert event.timezone == "America/Chicago" and event.created_by == cast.ta
    # Changing it shows the times back as they were typed.
    form = client_for("ta").get(f"{event.get_absolute_url()}edit/").content.decode()
    assert 'value="2030-05-03T16:00"' in form


def test_the_form_proposes_the_courses_zone(cast, client_for):
    form = client_for("instructor").get(events_url(cast, "new/")).content.decode()
    assert '<option value="America/Chicago" selected>' in form


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"ends_at": "2030-05-03T15:00"}, "The event must end after it starts."),
        ({"ends_at": "2030-05-03T16:00"}, "The event must end after it starts."),
        ({"capacity": "0"}, "Places must be at least 1"),
        ({"capacity": "-3"}, "Places must be at least 1"),
        ({"meeting_link": "javascript:alert(1)"}, "must start with https://"),
        ({"meeting_link": "meet.example.test"}, "must start with https://"),
        ({"meeting_link": "https://not a link"}, "doesn&#x27;t look like a web address"),
        ({"starts_at": "soon"}, "Enter a valid date/time."),
        ({"title": ""}, "This field is required."),
    ],
)
def test_bad_input_gets_a_clear_error_and_saves_nothing(cast, client_for, changes, message):
    response = client_for("instructor").post(events_url(cast, "new/"), plan(**changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Event.objects.exists()


def test_learners_plan_only_when_the_course_allows(cast, client_for):
    client = client_for("learner")
    assert client.get(events_url(cast, "new/")).status_code == 404
    assert client.post(events_url(cast, "new/"), plan()).status_code == 404
    staff = client_for("instructor")
    switched = staff.post(events_url(cast, "settings/"), {"learners_may_create": "on"})
    assert switched.status_code == 302
    assert EventSettings.objects.get(course=cast.course).learners_may_create
    client = client_for("learner")
    assert "Plan an event" in client.get(events_url(cast)).content.decode()
    assert client.post(events_url(cast, "new/"), plan(title="Study hall")).status_code == 302
    event = Event.objects.get()
    assert client.get(f"{event.get_absolute_url()}edit/").status_code == 200
    assert client_for("other_learner").get(f"{event.get_absolute_url()}edit/").status_code == 404
    assert client_for("other_learner").post(f"{event.get_absolute_url()}cancel/").status_code == 404
    # Switched off again: the learner's own event is the teaching team's to change.
    client_for("instructor").post(events_url(cast, "settings/"), {})
    assert client_for("learner").get(f"{event.get_absolute_url()}edit/").status_code == 404


def test_staff_mark_who_came_with_checkboxes(cast, client_for):
    event = event_make(cast, in_hours=-2)
    Rsvp.objects.create(event=event, user=cast.learner, status=RsvpStatus.GOING)
    client = client_for("instructor")
    sheet = client.get(f"{event.get_absolute_url()}attendance/").content.decode()
    assert f'value="{cast.learner.pk}"' in sheet and "said they'd come" in sheet
    response = client.post(
        f"{event.get_absolute_url()}attendance/",
        {"came": [cast.learner.pk, cast.other_learner.pk]},
    )
    assert response.status_code == 302
    assert set(Attendance.objects.values_list("user_id", flat=True)) == {
        cast.learner.pk,
        cast.other_learner.pk,
    }
    assert Touchpoint.objects.filter(kind=TouchpointKind.EVENT_ATTENDED).count() == 2


def test_a_going_member_checks_in_during_the_event(cast, client_for):
    event = event_make(cast, in_hours=-0.25, hours=1)
    Rsvp.objects.create(event=event, user=cast.learner, status=RsvpStatus.GOING)
    client = client_for("learner")
    assert "check me in" in client.get(event.get_absolute_url()).content.decode()
    page = client.post(f"{event.get_absolute_url()}check-in/", follow=True).content.decode()
    assert "You're checked in" in page
    assert Attendance.objects.get().user == cast.learner
    # Someone who didn't say they'd come sees no button, and is refused.
    other = client_for("other_learner")
    assert "check me in" not in other.get(event.get_absolute_url()).content.decode()
    other.post(f"{event.get_absolute_url()}check-in/")
    assert Attendance.objects.count() == 1


def test_the_list_takes_the_same_queries_however_many_events(
    cast, client_for, django_assert_max_num_queries
):
    for hours in (5, 10, -10):
        event_make(cast, in_hours=hours)
    client = client_for("learner")
    client.get(events_url(cast))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(events_url(cast))
    for hours in range(20, 60, 2):
        event_make(cast, in_hours=hours)
    with CaptureQueriesContext(connection) as many:
        client.get(events_url(cast))
    assert len(many) == len(few)


def test_times_in_notifications_are_the_readers_own(cast, django_capture_on_commit_callbacks):
    from rapport.core.models import Notification

    cast.learner.timezone = "Asia/Tokyo"
    cast.learner.save(update_fields=["timezone"])
    starts_at = timezone.now().replace(microsecond=0) + timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        event_make(cast, starts_at=starts_at)
    body = Notification.objects.get(recipient=cast.learner).body
    local = starts_at.astimezone(zoneinfo.ZoneInfo("Asia/Tokyo"))
    assert f"{local:%-I:%M %p} your time (Asia/Tokyo)" in body


def test_an_events_page_takes_the_same_queries_however_many_are_coming(cast, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    event = event_make(cast, capacity=50)
    Rsvp.objects.create(event=event, user=cast.ta, status=RsvpStatus.GOING)
    client = client_for("learner")
    client.get(event.get_absolute_url())
    with CaptureQueriesContext(connection) as few:
        client.get(event.get_absolute_url())
    for index in range(15):
        status = RsvpStatus.GOING if index % 3 else RsvpStatus.NOT_GOING
        Rsvp.objects.create(event=event, user=learner_make(cast, f"p{index}"), status=status)
    with CaptureQueriesContext(connection) as many:
        page = client.get(event.get_absolute_url()).content.decode()
    assert len(many) == len(few)
    assert "P1" in page and "TA" in page  # a role badge for the teaching team

"""The reads the homes use: a course's coming events, and a person's across their courses."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rapport.events import services
from rapport.events.models import Event, RsvpStatus
from rapport.events.selectors import upcoming_events, upcoming_events_for_user
from rapport.events.testing import event_make, member

pytestmark = pytest.mark.django_db


def test_a_courses_coming_events_soonest_first_with_how_many_are_going(cast):
    later = event_make(cast, title="Later", in_hours=48)
    soon = event_make(cast, title="Soon", in_hours=2)
    event_make(cast, title="Over", in_hours=-5)
    services.rsvp_set(event=soon, member=member(cast, "learner"), status=RsvpStatus.GOING)
    events = upcoming_events(course=cast.course)
    assert [e.title for e in events] == ["Soon", "Later"]
    assert [e.going_count for e in events] == [1, 0]
    assert upcoming_events(course=cast.course, limit=1) == [soon]
    assert later in upcoming_events(course=cast.course)


def test_a_persons_coming_events_across_their_active_courses(cast):
    event_make(cast, title="Ours", in_hours=3)
    cancelled = event_make(cast, title="Cancelled", in_hours=4)
    services.event_cancel(event=cancelled, member=member(cast, "instructor"))
    Event.objects.create(
        course=cast.other_course,
        title="Theirs",
        starts_at=cancelled.starts_at,
        ends_at=cancelled.ends_at,
    )
    ours = upcoming_events_for_user(user=cast.learner)
    assert [(e.title, e.my_status) for e in ours] == [("Ours", "")]
    services.rsvp_set(event=ours[0], member=member(cast, "learner"), status=RsvpStatus.GOING)
    assert upcoming_events_for_user(user=cast.learner)[0].my_status == RsvpStatus.GOING
    assert [e.title for e in upcoming_events_for_user(user=cast.outsider)] == ["Theirs"]


def test_the_course_list_shows_whats_coming_up_in_every_course_of_mine(cast, client_for):
    event_make(cast, title="Coffee chat", in_hours=3)
    Event.objects.create(
        course=cast.other_course,
        title="Not ours",
        starts_at=timezone.now() + timedelta(hours=5),
        ends_at=timezone.now() + timedelta(hours=6),
    )
    page = client_for("learner").get(reverse("courses:dashboard")).content.decode()
    assert "Coming up" in page and "Coffee chat" in page and cast.course.title in page
    assert "Not ours" not in page

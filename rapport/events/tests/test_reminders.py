"""The reminder before an event: to the people coming, once, about an hour before."""

from datetime import timedelta

import pytest
from django.utils import timezone

from rapport.core.kinds import NotificationKind
from rapport.core.models import Notification
from rapport.courses.models import MembershipStatus
from rapport.events import services
from rapport.events.models import Rsvp, RsvpStatus
from rapport.events.tasks import send_event_reminders
from rapport.events.testing import event_make, member

pytestmark = pytest.mark.django_db


def reminded():
    return list(
        Notification.objects.filter(
            kind=NotificationKind.EVENT_REMINDER, title__startswith="Starting soon"
        ).values_list("recipient_id", flat=True)
    )


def test_the_reminder_goes_once_and_only_to_people_going(cast, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    event = event_make(cast, in_hours=3, meeting_link="https://meet.example.test/fun")
    services.rsvp_set(event=event, member=member(cast, "learner"), status=RsvpStatus.GOING)
    services.rsvp_set(event=event, member=member(cast, "ta"), status=RsvpStatus.GOING)
    services.rsvp_set(
        event=event, member=member(cast, "other_learner"), status=RsvpStatus.NOT_GOING
    )
    send_event_reminders.call_local()
    assert reminded() == []  # three hours ahead: too early
    time_machine.shift(timedelta(hours=2, minutes=5))
    send_event_reminders.call_local()
    send_event_reminders.call_local()
    assert sorted(reminded()) == sorted([cast.learner.pk, cast.ta.pk])
    note = Notification.objects.filter(recipient=cast.learner, kind="event_reminder").get()
    assert note.url == event.get_absolute_url() and "Starting soon" in note.title
    assert Rsvp.objects.get(user=cast.learner).reminded_at is not None


def test_no_reminder_for_a_cancelled_event_or_someone_who_left(cast, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    cancelled = event_make(cast, in_hours=0.5)
    services.rsvp_set(event=cancelled, member=member(cast, "learner"), status=RsvpStatus.GOING)
    services.event_cancel(event=cancelled, member=member(cast, "instructor"))
    kept = event_make(cast, in_hours=0.5)
    services.rsvp_set(event=kept, member=member(cast, "other_learner"), status=RsvpStatus.GOING)
    cast.course.memberships.filter(user=cast.other_learner).update(status=MembershipStatus.REMOVED)
    assert services.reminders_send_due() == 0
    assert reminded() == []


def test_someone_who_says_yes_inside_the_hour_still_gets_a_reminder(cast, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    event = event_make(cast, in_hours=0.75)
    services.rsvp_set(event=event, member=member(cast, "learner"), status=RsvpStatus.GOING)
    assert services.reminders_send_due() == 1
    services.rsvp_set(event=event, member=member(cast, "other_learner"), status=RsvpStatus.GOING)
    assert services.reminders_send_due() == 1
    assert sorted(reminded()) == sorted([cast.learner.pk, cast.other_learner.pk])

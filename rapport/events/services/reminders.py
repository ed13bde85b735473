"""Reminding the people who said they'd come, shortly before an event starts."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from rapport.core.kinds import NotificationKind
from rapport.core.notifications import notify
from rapport.courses.models import Membership, MembershipStatus
from rapport.events.models import Rsvp, RsvpStatus
from rapport.events.services.planning import when_for

REMIND_BEFORE = timedelta(hours=1)


def reminders_send_due(*, now: datetime | None = None) -> int:
    """Remind each "going" person of an event starting within the hour, once: the reminder
    is recorded on their answer, so running this again (or twice at once) sends nothing."""
    now = now or timezone.now()
    due = (
        Rsvp.objects.filter(
            status=RsvpStatus.GOING,
            reminded_at__isnull=True,
            event__cancelled_at__isnull=True,
            event__starts_at__gt=now,
            event__starts_at__lte=now + REMIND_BEFORE,
        )
        .select_related("event__course", "user")
        .order_by("event__starts_at", "pk")
    )
    active = set(
        Membership.objects.filter(
            status=MembershipStatus.ACTIVE,
            course_id__in={rsvp.event.course_id for rsvp in due},
        ).values_list("course_id", "user_id")
    )
    sent = 0
    for rsvp in due:
        if (rsvp.event.course_id, rsvp.user_id) in active:
            sent += _remind(rsvp, now)
    return sent


@transaction.atomic
def _remind(rsvp: Rsvp, now: datetime) -> bool:
    claimed = Rsvp.objects.filter(pk=rsvp.pk, reminded_at__isnull=True).update(reminded_at=now)
    if not claimed:
        return False
    event = rsvp.event
    notify(
        recipient=rsvp.user,
        kind=NotificationKind.EVENT_REMINDER,
        title=f"Starting soon: {event.title}",
        body=f"{when_for(event, rsvp.user)}."
        + (" The link to join is on the event's page." if event.meeting_link else ""),
        url=event.get_absolute_url(),
        course=event.course,
    )
    return True

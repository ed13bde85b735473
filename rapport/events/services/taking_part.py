"""Saying you'll come (or not), checking in during an event, and staff marking who came.
Each first "going" and each attendance is a touchpoint."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from rapport.core import touchpoints
from rapport.core.kinds import TouchpointKind
from rapport.core.refusals import Refused
from rapport.courses.models import Membership, MembershipStatus
from rapport.events.models import Attendance, AttendanceHow, Event, Rsvp, RsvpStatus


@transaction.atomic
def rsvp_set(*, event: Event, member: Membership, status: str, at: datetime | None = None) -> Rsvp:
    if status not in RsvpStatus.values:
        raise Refused("Say whether you are coming or not.")
    at = at or timezone.now()
    # Locking the event row makes "is there a place left?" and taking it one step.
    event = Event.objects.select_for_update().select_related("course").get(pk=event.pk)
    if event.is_cancelled:
        raise Refused("This event was cancelled.")
    if event.is_over(at):
        raise Refused("This event is over.")
    rsvp = Rsvp.objects.filter(event=event, user=member.user).first()
    if status == RsvpStatus.GOING and (rsvp is None or rsvp.status != RsvpStatus.GOING):
        going = event.rsvps.filter(status=RsvpStatus.GOING).count()
        if event.capacity is not None and going >= event.capacity:
            raise Refused(
                f"Sorry, this event is full: all {event.capacity} places are taken. "
                "If someone says they can't come, a place opens up."
            )
    if rsvp is None:
        rsvp = Rsvp(event=event, user=member.user)
    rsvp.status = status
    rsvp.responded_at = at
    first_going = status == RsvpStatus.GOING and rsvp.first_going_at is None
    if first_going:
        rsvp.first_going_at = at
    rsvp.save()
    if first_going:
        touchpoints.record(
            course=event.course,
            kind=TouchpointKind.EVENT_RSVP,
            actor=member.user,
            target=event,
            occurred_at=at,
        )
    return rsvp


@transaction.atomic
def check_in(*, event: Event, member: Membership, at: datetime | None = None) -> Attendance:
    """A member who said they'd come says they are here, while the event is on."""
    at = at or timezone.now()
    if event.is_cancelled:
        raise Refused("This event was cancelled.")
    if not event.is_happening(at):
        raise Refused("You can check in while the event is on.")
    if not event.rsvps.filter(user=member.user, status=RsvpStatus.GOING).exists():
        raise Refused("Say you're coming first, then check in.")
    existing = Attendance.objects.filter(event=event, user=member.user).first()
    if existing is not None:
        return existing
    return _attend(event=event, user=member.user, by=member.user, how=AttendanceHow.CHECK_IN, at=at)


@transaction.atomic
def attendance_mark(
    *, event: Event, member: Membership, user_ids: set[int], at: datetime | None = None
) -> tuple[int, int]:
    """Make the event's attendance exactly ``user_ids`` (active members of its course).
    Returns (added, removed). A removal takes its touchpoint with it: it was a mistake."""
    at = at or timezone.now()
    if not member.is_staff:
        raise Refused("Only the teaching team marks who came.")
    if event.is_cancelled:
        raise Refused("This event was cancelled.")
    if event.starts_at > at:
        raise Refused("You can mark who came once the event has started.")
    people = {
        m.user_id: m.user
        for m in Membership.objects.filter(
            course=event.course, status=MembershipStatus.ACTIVE, user_id__in=user_ids
        ).select_related("user")
    }
    present = set(event.attendances.values_list("user_id", flat=True))
    when = min(at, event.ends_at)
    added = Attendance.objects.bulk_create(
        Attendance(
            event=event,
            user=people[user_id],
            recorded_by=member.user,
            how=AttendanceHow.STAFF,
            recorded_at=when,
        )
        for user_id in sorted(people.keys() - present)
    )
    touchpoints.record_many(_attended(event, attendance, when) for attendance in added)
    gone = list(event.attendances.filter(user_id__in=present - people.keys()))
    if gone:
        touchpoints.forget(kind=TouchpointKind.EVENT_ATTENDED, targets=gone)
        Attendance.objects.filter(pk__in=[a.pk for a in gone]).delete()
    return len(added), len(gone)


def _attended(event: Event, attendance: Attendance, at: datetime) -> dict:
    return {
        "course": event.course,
        "kind": TouchpointKind.EVENT_ATTENDED,
        "actor": attendance.user,
        "target": attendance,
        "occurred_at": at,
    }


def _attend(*, event: Event, user, by, how: str, at: datetime) -> Attendance:
    attendance = Attendance.objects.create(
        event=event, user=user, recorded_by=by, how=how, recorded_at=at
    )
    touchpoints.record(**_attended(event, attendance, at))
    return attendance

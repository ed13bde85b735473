"""Planning a course's events: creating, changing and cancelling one, the course's choice
about learners planning them, and telling the class about a new one."""

import zoneinfo
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from rapport.core.kinds import NotificationKind
from rapport.core.notifications import notify
from rapport.core.refusals import Refused
from rapport.courses.announcements import tell_learners_once
from rapport.courses.models import Course, Membership
from rapport.events import rules
from rapport.events.models import Event, EventKind, EventSettings, RsvpStatus


@dataclass
class EventDetails:
    """What a person fills in to plan an event. Times are aware; ``timezone`` is the zone
    they were planned in."""

    kind: str
    title: str
    starts_at: datetime
    ends_at: datetime
    timezone: str
    description: str = ""
    meeting_link: str = ""
    capacity: int | None = None


def details_problems(details: EventDetails) -> None:
    """Refuse details that cannot make an event, naming the field at fault."""
    if details.kind not in EventKind.values:
        raise Refused("Choose what kind of event this is.", field="kind")
    if not details.title.strip():
        raise Refused("Give the event a title.", field="title")
    try:
        zoneinfo.ZoneInfo(details.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise Refused("Choose a time zone from the list.", field="timezone") from None
    if timezone.is_naive(details.starts_at) or timezone.is_naive(details.ends_at):
        raise ValueError("Event times must be aware datetimes.")
    if details.ends_at <= details.starts_at:
        raise Refused("The event must end after it starts.", field="ends_at")
    if details.capacity is not None and details.capacity < 1:
        raise Refused(
            "Places must be at least 1 — or leave it empty for no limit.", field="capacity"
        )
    link = details.meeting_link.strip()
    if link:
        if urlsplit(link).scheme.lower() not in ("http", "https"):
            raise Refused(
                "The meeting link must start with https:// (or http://).", field="meeting_link"
            )
        try:
            URLValidator(schemes=["http", "https"])(link)
        except ValidationError:
            raise Refused(
                "That doesn't look like a web address. Paste the whole meeting link.",
                field="meeting_link",
            ) from None


@transaction.atomic
def event_create(*, course: Course, member: Membership, details: EventDetails) -> Event:
    if not rules.may_create(member):
        raise Refused("Only the teaching team can plan events in this course.")
    details_problems(details)
    event = Event.objects.create(
        course=course,
        created_by=member.user,
        **_fields(details),
    )
    event_id = event.pk
    transaction.on_commit(lambda: _enqueue_announce(event_id))
    return event


@transaction.atomic
def event_update(*, event: Event, member: Membership, details: EventDetails) -> Event:
    if not rules.may_change(member, event):
        raise Refused("Only the teaching team or the person who planned it can change it.")
    if event.is_cancelled:
        raise Refused("This event was cancelled, so it can't be changed.")
    details_problems(details)
    moved = details.starts_at != event.starts_at
    for name, value in _fields(details).items():
        setattr(event, name, value)
    event.sequence += 1
    event.updated_at = timezone.now()
    event.save()
    if moved:
        # A new time deserves a new reminder, and the people coming should hear of it.
        event.rsvps.update(reminded_at=None)
        _tell_those_coming(event, actor=member.user, title=f"New time: {event.title}")
    return event


@transaction.atomic
def event_cancel(*, event: Event, member: Membership) -> Event:
    if not rules.may_change(member, event):
        raise Refused("Only the teaching team or the person who planned it can cancel it.")
    if event.is_cancelled:
        return event
    event.cancelled_at = timezone.now()
    event.sequence += 1
    event.updated_at = event.cancelled_at
    event.save(update_fields=["cancelled_at", "sequence", "updated_at"])
    _tell_those_coming(event, actor=member.user, title=f"Cancelled: {event.title}")
    return event


def _tell_those_coming(event: Event, *, actor, title: str) -> None:
    """A note to each person who said they'd come (of an event not over yet)."""
    if event.is_over():
        return
    going = event.rsvps.filter(status=RsvpStatus.GOING).select_related("user")
    for rsvp in going:
        notify(
            recipient=rsvp.user,
            kind=NotificationKind.EVENT_REMINDER,
            title=title,
            body="" if event.is_cancelled else f"{when_for(event, rsvp.user)}.",
            url=event.get_absolute_url(),
            course=event.course,
            actor=actor,
        )


@transaction.atomic
def event_settings_save(*, course: Course, member: Membership, learners_may_create: bool):
    if not member.is_staff:
        raise Refused("Only the teaching team can change this.")
    settings, _ = EventSettings.objects.update_or_create(
        course=course, defaults={"learners_may_create": learners_may_create}
    )
    return settings


def event_announce(*, event_id: int) -> int:
    """Tell the course's active learners about a new event (not one already over); safe to
    run twice."""
    event = Event.objects.filter(pk=event_id).select_related("course", "created_by").first()
    if event is None or event.is_cancelled or event.is_over():
        return 0
    return tell_learners_once(
        course=event.course,
        kind=NotificationKind.EVENT_ANNOUNCED,
        url=event.get_absolute_url(),
        title=event.headline,
        actor=event.created_by,
        body_for=lambda user: f"{when_for(event, user)}. Will you come?",
    )


def when_for(event: Event, person) -> str:
    """The event's start in the person's own zone, named."""
    local = timezone.localtime(event.starts_at, person.zone())
    return f"{local:%a %-d %b, %-I:%M %p} your time ({person.timezone.replace('_', ' ')})"


def _enqueue_announce(event_id: int) -> None:
    from rapport.events.tasks import announce_event

    announce_event(event_id)


def _fields(details: EventDetails) -> dict:
    return {
        "kind": details.kind,
        "title": details.title.strip(),
        "description": details.description.strip(),
        "starts_at": details.starts_at,
        "ends_at": details.ends_at,
        "timezone": details.timezone,
        "meeting_link": details.meeting_link.strip(),
        "capacity": details.capacity,
    }

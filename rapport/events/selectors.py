"""Reads for the events pages, the homes and the calendar feed. Each list is a fixed number
of queries, whatever the size of the class."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from rapport.courses.models import Membership, MembershipStatus, Role
from rapport.events.models import CalendarFeed, Event, Rsvp, RsvpStatus


def _with_counts(qs):
    return qs.select_related("course").annotate(
        going_count=Count("rsvps", filter=Q(rsvps__status=RsvpStatus.GOING))
    )


def upcoming_events(*, course, now: datetime | None = None, limit: int | None = None) -> list:
    """The course's events not over yet, soonest first (cancelled ones included, marked),
    each with ``going_count``. For the course homes: ``upcoming_events(course=c, limit=3)``."""
    now = now or timezone.now()
    qs = _with_counts(Event.objects.filter(course=course, ends_at__gt=now)).order_by(
        "starts_at", "pk"
    )
    return list(qs[:limit] if limit else qs)


def past_events(*, course, now: datetime | None = None, limit: int = 50) -> list:
    now = now or timezone.now()
    qs = _with_counts(Event.objects.filter(course=course, ends_at__lte=now))
    return list(qs.order_by("-starts_at", "-pk")[:limit])


def upcoming_events_for_user(*, user, now: datetime | None = None, limit: int = 10) -> list:
    """The events not over yet and not cancelled in every course the person is an active
    member of, soonest first, each with ``going_count`` and ``my_status`` (their answer, or
    ""). For a person's home or the navigation across courses."""
    now = now or timezone.now()
    events = list(
        _with_counts(
            Event.objects.filter(
                course__in=_active_course_ids(user),
                ends_at__gt=now,
                cancelled_at__isnull=True,
            )
        )
        .select_related("course")
        .order_by("starts_at", "pk")[:limit]
    )
    return with_my_answers(user=user, events=events)


def my_answers(*, user, events) -> dict[int, str]:
    """The person's answer to each of ``events`` (event id -> status), one query."""
    return dict(
        Rsvp.objects.filter(user=user, event__in=[e.pk for e in events]).values_list(
            "event_id", "status"
        )
    )


def with_my_answers(*, user, events: list) -> list:
    """``events``, each with ``my_status``: the person's answer, or "" (one query)."""
    answers = my_answers(user=user, events=events)
    for event in events:
        event.my_status = answers.get(event.pk, "")
    return events


def event_for(*, course, event_id: int) -> Event | None:
    return (
        _with_counts(Event.objects.filter(course=course, pk=event_id))
        .select_related("course", "created_by")
        .first()
    )


@dataclass
class EventPeople:
    """Who answered and who came, as their active memberships of the event's course (so
    faces and role badges follow each person's choices and role); people who have left
    the course are not listed."""

    going: list
    not_going: list
    attended: list
    my_status: str
    i_attended: bool


def event_people(*, event: Event, user) -> EventPeople:
    rsvps = list(event.rsvps.order_by("responded_at", "pk").values_list("user_id", "status"))
    came = list(event.attendances.order_by("recorded_at", "pk").values_list("user_id", flat=True))
    members = {
        m.user_id: m
        for m in Membership.objects.filter(
            course=event.course,
            status=MembershipStatus.ACTIVE,
            user_id__in={u for u, _ in rsvps} | set(came),
        ).select_related("user")
    }
    return EventPeople(
        going=[members[u] for u, s in rsvps if s == RsvpStatus.GOING and u in members],
        not_going=[members[u] for u, s in rsvps if s == RsvpStatus.NOT_GOING and u in members],
        attended=[members[u] for u in came if u in members],
        my_status=next((s for u, s in rsvps if u == user.pk), ""),
        i_attended=user.pk in came,
    )


@dataclass
class AttendanceRow:
    membership: Membership
    going: bool
    attended: bool


def attendance_sheet(*, event: Event) -> list[AttendanceRow]:
    """The course's active learners for staff to tick: those who said they'd come first."""
    going = set(event.rsvps.filter(status=RsvpStatus.GOING).values_list("user_id", flat=True))
    came = set(event.attendances.values_list("user_id", flat=True))
    members = Membership.objects.filter(
        course=event.course, status=MembershipStatus.ACTIVE
    ).select_related("user")
    rows = [
        AttendanceRow(membership=m, going=m.user_id in going, attended=m.user_id in came)
        for m in members
        if m.role == Role.LEARNER or m.user_id in going or m.user_id in came
    ]
    rows.sort(key=lambda r: (not r.going, r.membership.user.display_name.lower()))
    return rows


def feed_events(*, user, now: datetime | None = None, days_back: int = 60) -> list[Event]:
    """The events a person's calendar feed lists: those of their active courses, from two
    months back on (cancelled ones too, so calendars drop them)."""
    now = now or timezone.now()
    return list(
        Event.objects.filter(
            course__in=_active_course_ids(user),
            ends_at__gt=now - timedelta(days=days_back),
        )
        .select_related("course")
        .order_by("starts_at", "pk")
    )


def feed_owner(*, token: str):
    """The person a calendar token belongs to, or None (unknown or replaced)."""
    feed = CalendarFeed.objects.filter(token=token).select_related("user").first()
    if feed is None or not feed.user.is_active:
        return None
    return feed.user


def _active_course_ids(user):
    return Membership.objects.filter(user=user, status=MembershipStatus.ACTIVE).values("course_id")

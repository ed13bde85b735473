"""Office-hours meetings in each person's private calendar feed (the one social events
started: ``rapport.events.calendar.FEED_SOURCES``), theirs as learner or as host, in their
active courses, from two months back on (cancelled ones too, so calendars drop them)."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from rapport.core.calendars import CalendarEntry
from rapport.courses.models import Membership, MembershipStatus
from rapport.officehours.models import Booking
from rapport.officehours.services.telling import calendar_entry


def feed_bookings(user, *, now=None, days_back: int = 60) -> list[Booking]:
    now = now or timezone.now()
    courses = Membership.objects.filter(user=user, status=MembershipStatus.ACTIVE).values(
        "course_id"
    )
    return list(
        Booking.objects.filter(
            Q(learner=user) | Q(host=user),
            course__in=courses,
            ends_at__gt=now - timedelta(days=days_back),
        )
        .select_related("office_hours", "host", "learner", "course")
        .order_by("starts_at", "pk")
    )


def bookings_in_feed(user) -> list[CalendarEntry]:
    return [calendar_entry(booking, stamp=booking.updated_at) for booking in feed_bookings(user)]

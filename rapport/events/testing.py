"""Events for tests: one planned through the service by a member of the cast, starting
``in_hours`` from now (negative: already begun) and lasting ``hours``."""

from datetime import timedelta

from django.utils import timezone

from rapport.courses.models import Membership
from rapport.events import services
from rapport.events.models import EventKind


def member(cast, role: str) -> Membership:
    return Membership.objects.select_related("user", "course").get(
        course=cast.course, user=getattr(cast, role)
    )


def event_make(cast, *, by: str = "instructor", in_hours: float = 24, hours: float = 1, **fields):
    starts_at = fields.pop("starts_at", None) or timezone.now() + timedelta(hours=in_hours)
    details = services.EventDetails(
        kind=fields.pop("kind", EventKind.FUN_FRIDAY),
        title=fields.pop("title", "Fun Friday"),
        starts_at=starts_at,
        ends_at=fields.pop("ends_at", None) or starts_at + timedelta(hours=hours),
        timezone=fields.pop("timezone", cast.course.timezone),
        **fields,
    )
    return services.event_create(course=cast.course, member=member(cast, by), details=details)

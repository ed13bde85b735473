"""Hand-built ledgers for the radar's tests: every moment goes through
core.touchpoints.record, dated relative to NOW."""

from datetime import UTC, datetime, timedelta

from rapport.core.enums import Channel
from rapport.core.kinds import TouchpointKind as K
from rapport.core.touchpoints import record
from rapport.courses.models import Membership

NOW = datetime(2027, 3, 10, 18, 0, tzinfo=UTC)


def days_ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


def joined(course, *users, days: float = 40) -> None:
    Membership.objects.filter(course=course, user__in=users).update(joined_at=days_ago(days))


def moment(
    course, kind, actor=None, subject=None, days=1.0, target=None, value=None, channel=Channel.TEXT
):
    return record(
        course=course,
        kind=kind,
        actor=actor,
        subject=subject,
        channel=channel,
        target=target,
        occurred_at=days_ago(days),
        value=value,
    )


def checkin(course, author, days: float, target):
    """A course-wide check-in (a broadcast: no subject)."""
    return moment(course, K.CHECKIN_POSTED, actor=author, days=days, target=target)

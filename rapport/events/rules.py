"""Who may do what with a course's events: plain questions about one member and one event,
asked by views (to show a button) and services (to refuse)."""

from rapport.courses.models import Membership
from rapport.events.models import Event, EventSettings


def learners_may_create(course) -> bool:
    settings = EventSettings.objects.filter(course=course).first()
    return bool(settings and settings.learners_may_create)


def may_create(member: Membership, *, learners_allowed: bool | None = None) -> bool:
    if member.is_staff:
        return True
    if learners_allowed is None:
        learners_allowed = learners_may_create(member.course)
    return learners_allowed


def may_change(member: Membership, event: Event) -> bool:
    """Staff change any event; a learner only one they planned, while learners may plan."""
    if member.is_staff:
        return True
    return event.created_by_id == member.user_id and learners_may_create(member.course)

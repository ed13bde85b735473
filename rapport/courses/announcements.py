"""Telling a whole class about one thing (a released check-in, a new event): every active
learner of the course, each once for that kind of notification and that address, so a task
that runs again tells nobody twice and reaches whoever it missed."""

from collections.abc import Callable

from rapport.core.models import Notification
from rapport.core.notifications import notify, unsent_emails_queue_again
from rapport.courses.models import Course, Membership, MembershipStatus, Role


def tell_learners_once(
    *,
    course: Course,
    kind: str,
    url: str,
    title: str,
    actor=None,
    body_for: Callable[[object], str] | None = None,
) -> int:
    """Notify each active learner of ``course`` not yet told (``body_for(user)`` gives each
    their own words, e.g. a time in their zone); returns how many were told."""
    told_before = Notification.objects.filter(kind=kind, course=course, url=url)
    unsent_emails_queue_again(told_before)
    already = told_before.values_list("recipient_id", flat=True)
    learners = (
        Membership.objects.filter(course=course, role=Role.LEARNER, status=MembershipStatus.ACTIVE)
        .exclude(user_id__in=already)
        .select_related("user")
    )
    told = 0
    for membership in learners.iterator(chunk_size=200):
        told += bool(
            notify(
                recipient=membership.user,
                kind=kind,
                title=title,
                body=body_for(membership.user) if body_for else "",
                url=url,
                course=course,
                actor=actor,
            )
        )
    return told

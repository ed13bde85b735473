from datetime import datetime

from django.core.paginator import Page, Paginator
from django.db.models import Q

from rapport.core.models import Notification, NotificationOptOut, Touchpoint

NOTIFICATIONS_PER_PAGE = 30


def notifications_for(*, user, page_number=None) -> Page:
    """One page of someone's notifications, newest first (``page_number`` as given in the
    address: a page out of range gives the nearest one)."""
    notifications = (
        Notification.objects.filter(recipient=user)
        .select_related("course", "actor")
        .order_by("-created_at", "-pk")
    )
    return Paginator(notifications, NOTIFICATIONS_PER_PAGE).get_page(page_number)


def opt_outs_for(*, user) -> set[tuple[str, str]]:
    return set(NotificationOptOut.objects.filter(user=user).values_list("kind", "channel"))


def course_touchpoints(
    *,
    course,
    since: datetime | None = None,
    until: datetime | None = None,
    kind: str | None = None,
    learner_id: int | None = None,
):
    """The course's ledger, newest first, each moment with its two people — a queryset,
    so a page of it is one query."""
    moments = (
        Touchpoint.objects.filter(course=course)
        .select_related("actor", "subject")
        .order_by("-occurred_at", "-pk")
    )
    if since is not None:
        moments = moments.filter(occurred_at__gte=since)
    if until is not None:
        moments = moments.filter(occurred_at__lt=until)
    if kind:
        moments = moments.filter(kind=kind)
    if learner_id is not None:
        moments = moments.filter(Q(actor_id=learner_id) | Q(subject_id=learner_id))
    return moments

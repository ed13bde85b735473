from django.core.paginator import Page, Paginator

from rapport.core.models import Notification, NotificationOptOut

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

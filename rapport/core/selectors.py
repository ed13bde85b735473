from rapport.core.models import Notification, NotificationOptOut


def notifications_for(*, user, limit: int = 50) -> list[Notification]:
    return list(
        Notification.objects.filter(recipient=user).select_related("course", "actor")[:limit]
    )


def opt_outs_for(*, user) -> set[tuple[str, str]]:
    return set(NotificationOptOut.objects.filter(user=user).values_list("kind", "channel"))

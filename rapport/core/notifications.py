"""Notifications: the one function every feature calls to tell a person something.

An in-app notification is stored (unless the person opted out of that kind in-app) and the
unread badge is pushed live. If the person prefers email and has not opted out of that kind
by email, an email is sent through the task queue — held until their quiet hours end.
"""

from datetime import datetime, timedelta

from django.core import signing
from django.db import transaction
from django.utils import timezone

from rapport.core.enums import Channel
from rapport.core.kinds import NotificationKind
from rapport.core.models import Notification, NotificationOptOut
from rapport.core.realtime import send_to_user_on_commit

UNSUBSCRIBE_SALT = "rapport.notifications.unsubscribe"


def opted_out(*, user, kind: str, channel: str) -> bool:
    return NotificationOptOut.objects.filter(user=user, kind=kind, channel=channel).exists()


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def quiet_hours_end(user, now: datetime | None = None) -> datetime | None:
    """When the person's quiet hours end, if they are in them now."""
    now = now or timezone.now()
    if not user.in_quiet_hours(now):
        return None
    local = user.local_now(now)
    end = local.replace(
        hour=user.quiet_hours_end.hour,
        minute=user.quiet_hours_end.minute,
        second=0,
        microsecond=0,
    )
    if end <= local:
        end += timedelta(days=1)
    return end


@transaction.atomic
def notify(
    *,
    recipient,
    kind: NotificationKind,
    title: str,
    body: str = "",
    url: str = "",
    course=None,
    actor=None,
    email: bool = True,
) -> Notification | None:
    """Tell ``recipient`` in the app and, where they prefer email, by email — unless
    ``email`` is False: the caller sends an email of its own (a calendar invitation)."""
    if kind not in NotificationKind.values:
        raise ValueError(f"Unknown notification kind {kind!r}; add it to core.kinds first.")
    if recipient is None or not recipient.is_active or recipient == actor:
        return None
    wants_in_app = not opted_out(user=recipient, kind=kind, channel=Channel.IN_APP)
    wants_email = (
        email
        and recipient.preferred_channel == Channel.EMAIL
        and not opted_out(user=recipient, kind=kind, channel=Channel.EMAIL)
    )
    if not (wants_in_app or wants_email):
        return None
    notification = Notification.objects.create(
        recipient=recipient,
        kind=kind,
        title=title[:200],
        body=body,
        url=url,
        course=course,
        actor=actor,
        # An email-only notification still exists as a record, but arrives already read.
        read_at=None if wants_in_app else timezone.now(),
    )
    if wants_in_app:
        push_unread_count(recipient)
    if wants_email:
        eta = quiet_hours_end(recipient)
        transaction.on_commit(lambda: _enqueue_email(notification.pk, eta))
    return notification


def unsent_emails_queue_again(notifications) -> int:
    """Queue again the email of each of ``notifications`` not yet emailed whose recipient
    prefers email: a fan-out whose task died (its consumer killed) between making someone's
    notification and queueing its email would otherwise, when it runs again, skip them as
    told. ``send_notification_email`` sends a notification's email once, however often
    queued."""
    unsent = notifications.filter(
        emailed_at__isnull=True, recipient__preferred_channel=Channel.EMAIL
    ).select_related("recipient")
    count = 0
    for notification in unsent.iterator(chunk_size=200):
        _enqueue_email(notification.pk, quiet_hours_end(notification.recipient))
        count += 1
    return count


def _enqueue_email(notification_id: int, eta: datetime | None) -> None:
    from rapport.core.tasks import send_notification_email

    if eta is None:
        send_notification_email(notification_id)
    else:
        send_notification_email.schedule(args=(notification_id,), eta=eta)


def push_unread_count(user) -> None:
    count = unread_count(user)
    send_to_user_on_commit(user.pk, {"type": "notifications.unread", "count": count})


@transaction.atomic
def notification_mark_read(*, user, notification_id: int | None = None) -> int:
    """Mark one (or, with no id, all) of the person's notifications read."""
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_id is not None:
        qs = qs.filter(pk=notification_id)
    changed = qs.update(read_at=timezone.now())
    if changed:
        push_unread_count(user)
    return changed


@transaction.atomic
def notification_settings_save(*, user, opt_outs: set[tuple[str, str]]) -> None:
    """Replace the person's opt-outs with ``opt_outs`` — a set of (kind, channel)."""
    valid = {(k, c) for k, c in opt_outs if k in NotificationKind.values and c in Channel.values}
    NotificationOptOut.objects.filter(user=user).delete()
    NotificationOptOut.objects.bulk_create(
        NotificationOptOut(user=user, kind=kind, channel=channel) for kind, channel in valid
    )


def unsubscribe_token(*, user, kind: str) -> str:
    return signing.dumps({"u": user.pk, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_token_read(token: str) -> tuple[int, str] | None:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if data.get("k") not in NotificationKind.values:
        return None
    return int(data["u"]), data["k"]


@transaction.atomic
def email_unsubscribe(*, user, kind: str) -> None:
    NotificationOptOut.objects.get_or_create(user=user, kind=kind, channel=Channel.EMAIL)

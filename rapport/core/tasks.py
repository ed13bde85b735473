from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from huey.contrib.djhuey import db_task

from rapport.core.calendars import CalendarEntry
from rapport.core.invitations import invitation_email
from rapport.core.links import absolute_url
from rapport.core.models import Notification
from rapport.core.plain_text import one_line
from rapport.core.task_queue import done_before, mark_done


@db_task(retries=3, retry_delay=60, context=True)
def send_email(
    *,
    subject: str,
    body: str,
    to: list[str],
    html: str | None = None,
    headers: dict | None = None,
    from_email: str | None = None,
    task=None,
) -> None:
    if done_before(task):  # rerun after its consumer died: the email went already
        return
    headers = {name: one_line(value) for name, value in (headers or {}).items()}
    message = EmailMultiAlternatives(
        one_line(subject), body, from_email or settings.DEFAULT_FROM_EMAIL, to, headers=headers
    )
    if html:
        message.attach_alternative(html, "text/html")
    message.send()
    mark_done(task)


@db_task(retries=3, retry_delay=60, context=True)
def send_invitation(
    *,
    subject: str,
    body: str,
    to: list[str],
    entry_data: dict,
    method: str,
    from_email: str | None = None,
    task=None,
) -> None:
    """A meeting invitation (REQUEST) or its cancellation (CANCEL); ``entry_data`` is
    ``CalendarEntry.as_data()``, so the queued arguments stay plain data."""
    if done_before(task):
        return
    invitation_email(
        subject=subject,
        body=body,
        to=to,
        entry=CalendarEntry.from_data(entry_data),
        method=method,
        from_email=from_email,
    ).send()
    mark_done(task)


@db_task(retries=3, retry_delay=60)
def send_notification_email(notification_id: int) -> None:
    # Locked while it is sent: the same notification queued twice (a fan-out run again
    # queues the emails it may have missed) is emailed once.
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(of=("self",), skip_locked=True)
            .select_related("recipient", "course", "actor")
            .filter(pk=notification_id, emailed_at__isnull=True)
            .first()
        )
        if notification is not None:
            _notification_email(notification)


def _notification_email(notification: Notification) -> None:
    from rapport.core.notifications import opted_out, unsubscribe_token

    recipient = notification.recipient
    if opted_out(user=recipient, kind=notification.kind, channel="email"):
        return
    token = unsubscribe_token(user=recipient, kind=notification.kind)
    unsubscribe_url = absolute_url(reverse("core:unsubscribe", args=[token]))
    link = notification.url
    if link.startswith("/"):
        link = absolute_url(link)
    context = {
        "notification": notification,
        "recipient": recipient,
        "link": link,
        "unsubscribe_url": unsubscribe_url,
        "settings_url": absolute_url(reverse("core:notification_settings")),
    }
    message = EmailMultiAlternatives(
        subject=one_line(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + notification.title),
        body=render_to_string("core/email/notification.txt", context),
        to=[recipient.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(
        render_to_string("core/email/notification.html", context), "text/html"
    )
    message.send()
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())

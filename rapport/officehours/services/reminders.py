"""Reminding both people shortly before a meeting, where each prefers to hear."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from rapport.core.kinds import NotificationKind
from rapport.core.notifications import notify
from rapport.officehours.models import Booking, BookingStatus
from rapport.officehours.services.telling import place_text, when_for

REMIND_BEFORE = timedelta(hours=1)


def reminders_send_due(*, now: datetime | None = None) -> int:
    """Remind host and learner of each meeting starting within the hour, once (marked on
    the booking in the same transaction, so a second run sends nothing)."""
    now = now or timezone.now()
    due = Booking.objects.filter(
        status=BookingStatus.BOOKED,
        reminded_at__isnull=True,
        starts_at__gt=now,
        starts_at__lte=now + REMIND_BEFORE,
    ).values_list("pk", flat=True)
    sent = 0
    for booking_id in list(due):
        with transaction.atomic():
            booking = (
                Booking.objects.select_for_update()
                .select_related("host", "learner", "course", "office_hours")
                .filter(pk=booking_id, reminded_at__isnull=True)
                .first()
            )
            if booking is None:
                continue
            for person, other in ((booking.learner, booking.host), (booking.host, booking.learner)):
                notify(
                    recipient=person,
                    kind=NotificationKind.BOOKING_REMINDER,
                    title=f"Soon: meeting {other.display_name}, {when_for(booking, person)}",
                    body=place_text(booking),
                    url=booking.get_absolute_url(),
                    course=booking.course,
                )
                sent += 1
            booking.reminded_at = now
            booking.save(update_fields=["reminded_at"])
    return sent

"""Office hours' background work: reminders shortly before each meeting."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(minute="*/5"))
def send_booking_reminders() -> int:
    from rapport.officehours.services import reminders_send_due

    return reminders_send_due()

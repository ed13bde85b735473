"""The events' background work: telling a class about a new event (a big course's fan-out
never runs in a request), and reminding the people coming shortly before it starts."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task


@db_task(retries=3, retry_delay=60)
def announce_event(event_id: int) -> int:
    from rapport.events.services import event_announce

    return event_announce(event_id=event_id)


@db_periodic_task(crontab(minute="*/5"))
def send_event_reminders() -> int:
    from rapport.events.services import reminders_send_due

    return reminders_send_due()

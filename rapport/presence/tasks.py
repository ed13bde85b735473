"""Presence's background work: releasing scheduled check-ins, and telling a course's
learners about a new one (a big course's fan-out never runs in a request)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from rapport.presence import services


@db_periodic_task(crontab(minute="*"))
def release_due_checkins() -> int:
    return services.checkins_release_due()


@db_task(retries=3, retry_delay=60)
def checkin_notify_learners(message_id: int) -> int:
    return services.checkin_fan_out(message_id=message_id)

"""The radar's background work: the weekly care plans and learner digests, checked every
quarter of an hour so each course's go out at Monday 08:00 in its own time zone (time
zones with half-hour offsets included)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from rapport.radar.services import weekly_emails_send


@db_periodic_task(crontab(minute="*/15"))
def weekly_emails() -> int:
    return weekly_emails_send()

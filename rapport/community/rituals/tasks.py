"""Rituals' background work: every hour, open the rounds that are due (telling learners
from a task of its own) and settle the rounds that have closed.

Huey finds periodic tasks in each app's ``tasks`` module: ``rapport/community/tasks.py``
imports this one."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from rapport.community.rituals import services


@db_periodic_task(crontab(minute="0"))
def rituals_hourly() -> dict:
    opened = services.rounds_open_due()
    settled = services.rounds_settle_due()
    return {"opened": len(opened), "settled": settled}


@db_task(retries=3, retry_delay=60)
def ritual_round_notify(round_id: int) -> int:
    return services.round_notify_learners(round_id=round_id)

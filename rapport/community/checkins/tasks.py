"""Background work for reflections: opening scheduled prompts every hour, and telling a
course's learners about an open prompt (a big course's fan-out never runs in a request).

huey's consumer imports each app's ``tasks`` module; ``rapport/community/tasks.py`` imports
this one so the periodic task is registered."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from rapport.community.checkins import services


@db_periodic_task(crontab(minute="0"))
def announce_due_reflection_prompts() -> int:
    return services.reflection_prompts_announce_due()


@db_task(retries=3, retry_delay=60)
def reflection_prompt_notify_learners(prompt_id: int) -> int:
    return services.reflection_prompt_fan_out(prompt_id=prompt_id)

"""Surveys' background work: announcing a survey when it is published, the hourly run
that announces surveys as they open and reminds people who have not answered, and the
hourly run that opens the belonging pulse's next round where one is due."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from rapport.surveys import services
from rapport.surveys.models import Survey


@db_task(retries=3, retry_delay=60)
def survey_announce(survey_id: int) -> int:
    survey = Survey.objects.select_related("course", "created_by").filter(pk=survey_id).first()
    if survey is None:
        return 0
    return services.survey_nudge(survey=survey)


@db_periodic_task(crontab(minute="0"))
def survey_reminders() -> int:
    return services.survey_reminders_send()


@db_periodic_task(crontab(minute="5"))
def pulse_rounds() -> int:
    return services.pulse_rounds_open()

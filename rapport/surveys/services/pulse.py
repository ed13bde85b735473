"""The belonging pulse's writes: staff turn it on for a course with a rhythm, and the
hourly run opens a new round when the last one is that many weeks old. A round is an
ordinary named survey (kind ``PULSE``) announced to learners by the engine."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from rapport.core.refusals import Refused
from rapport.courses.memberships import require_staff
from rapport.courses.models import Course
from rapport.surveys import pulse
from rapport.surveys.models import PulseSchedule, Question, Survey, SurveyKind


@transaction.atomic
def pulse_schedule_save(
    *, course: Course, actor, enabled: bool, every_weeks: int, now: datetime | None = None
) -> PulseSchedule:
    """Turn the pulse on or off and set its rhythm. Turning it on opens the first round at
    once when none is open, so learners are asked the same day."""
    require_staff(course=course, user=actor)
    now = now or timezone.now()
    if every_weeks not in pulse.EVERY_WEEKS_CHOICES:
        raise Refused("Choose a rhythm of every 1, 2, 3 or 4 weeks.", field="every_weeks")
    schedule, _ = PulseSchedule.objects.select_for_update().get_or_create(course=course)
    was_enabled = schedule.enabled
    schedule.enabled = enabled
    schedule.every_weeks = every_weeks
    schedule.updated_by = actor
    schedule.updated_at = now
    schedule.save()
    if enabled and not was_enabled and _open_round(course, now) is None:
        pulse_round_open(schedule=schedule, now=now)
    return schedule


def _open_round(course: Course, now: datetime) -> Survey | None:
    for survey in Survey.objects.filter(course=course, kind=SurveyKind.PULSE).order_by("-pk"):
        if survey.is_open(now):
            return survey
    return None


@transaction.atomic
def pulse_round_open(*, schedule: PulseSchedule, now: datetime) -> Survey:
    """A new round, open from ``now`` until the next one is due; learners are told on
    commit."""
    from rapport.surveys.tasks import survey_announce

    local = now.astimezone(schedule.course.zone())
    survey = Survey.objects.create(
        course=schedule.course,
        kind=SurveyKind.PULSE,
        title=f"{pulse.TITLE} · {local.day} {local:%B}",
        intro=pulse.INTRO,
        anonymous=False,
        opens_at=now,
        closes_at=now + pulse.round_length(schedule),
        published_at=now,
        created_by=schedule.updated_by,
        created_at=now,
    )
    Question.objects.bulk_create(
        Question(
            survey=survey,
            position=position,
            type=pulse.QUESTION_TYPE,
            prompt=item.prompt,
            required=True,
            options=dict(pulse.SCALE),
            key=item.key,
        )
        for position, item in enumerate(pulse.ITEMS)
    )
    survey_id = survey.pk
    transaction.on_commit(lambda: survey_announce(survey_id))
    return survey


def pulse_rounds_due(now: datetime) -> list[PulseSchedule]:
    """Schedules that are on, in courses still running, whose latest round opened at least
    the rhythm ago (hour-aligned, so an hourly run a little early still counts)."""
    due = []
    schedules = PulseSchedule.objects.filter(
        enabled=True, course__archived_at__isnull=True
    ).select_related("course", "updated_by")
    latest = dict(
        Survey.objects.filter(kind=SurveyKind.PULSE, course__pulse_schedule__enabled=True)
        .order_by("course_id", "opens_at")
        .values_list("course_id", "opens_at")
    )
    for schedule in schedules:
        opened = latest.get(schedule.course_id)
        if opened is None:
            due.append(schedule)
            continue
        hour = opened.replace(minute=0, second=0, microsecond=0)
        if hour + pulse.round_length(schedule) <= now:
            due.append(schedule)
    return due


def pulse_rounds_open(*, now: datetime | None = None) -> int:
    """The hourly run: a new round in every course whose pulse is due. Returns how many."""
    now = now or timezone.now()
    opened = 0
    for schedule in pulse_rounds_due(now):
        pulse_round_open(schedule=schedule, now=now)
        opened += 1
    return opened

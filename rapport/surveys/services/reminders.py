"""Telling learners a survey is waiting: once when it opens (or when they join while it is
open), then — if the survey asks for reminders — every N days until they send it or it
closes. ``Participation.reminded_at`` remembers when each person was last told, so people
who never started have a row too."""

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from rapport.core.kinds import NotificationKind
from rapport.core.notifications import notify
from rapport.courses.models import Membership, MembershipStatus, Role
from rapport.surveys.models import Participation, Survey
from rapport.surveys.services.common import answer_url


def _closing_words(survey: Survey, user) -> str:
    if not survey.closes_at:
        return ""
    closes = survey.closes_at.astimezone(user.zone())
    return f" It closes on {closes:%A} {closes.day} {closes:%B} at {closes:%H:%M}."


def _what_it_is(survey: Survey) -> str:
    if survey.is_intro:
        return "A few questions so your teachers can get to know you — about five minutes."
    if survey.is_pulse:
        return "Three quick questions on how connected you feel — under a minute."
    if survey.anonymous:
        return "It's anonymous: your answers are stored with no link to you."
    return "Your teachers would love to hear from you."


def _due(reminded_at: datetime | None, every_days: int, now: datetime) -> bool:
    if reminded_at is None:
        return True
    if not every_days:
        return False
    # Hour-aligned, so an hourly run a few seconds "early" still counts as N days later.
    hour = reminded_at.replace(minute=0, second=0, microsecond=0)
    return hour + timedelta(days=every_days) <= now


@transaction.atomic
def survey_nudge(*, survey: Survey, now: datetime | None = None) -> int:
    """Tell every active learner who has not sent ``survey`` and is due a word about it.
    Returns how many were told."""
    now = now or timezone.now()
    if not survey.is_open(now):
        return 0
    learners = Membership.objects.filter(
        course=survey.course, role=Role.LEARNER, status=MembershipStatus.ACTIVE
    ).select_related("user")
    participations = {
        p.user_id: p
        for p in Participation.objects.filter(survey=survey).only(
            "pk", "user_id", "submitted_at", "reminded_at"
        )
    }
    url = answer_url(survey)
    told, fresh = [], []
    for membership in learners:
        learner = membership.user
        participation = participations.get(learner.pk)
        if participation is not None and participation.submitted_at is not None:
            continue
        reminded_at = participation.reminded_at if participation else None
        if not _due(reminded_at, survey.reminder_every_days, now):
            continue
        title = (
            f"A survey is waiting for you: {survey.title}"
            if reminded_at is None
            else f"Still waiting for you: {survey.title}"
        )
        notify(
            recipient=learner,
            kind=NotificationKind.SURVEY_OPEN,
            title=title,
            body=_what_it_is(survey) + _closing_words(survey, learner),
            url=url,
            course=survey.course,
            actor=survey.created_by,
        )
        if participation is None:
            fresh.append(Participation(survey=survey, user=learner, reminded_at=now))
        else:
            told.append(participation.pk)
    Participation.objects.filter(pk__in=told).update(reminded_at=now)
    Participation.objects.bulk_create(fresh)
    count = len(told) + len(fresh)
    if count:
        Survey.objects.filter(pk=survey.pk).update(last_reminded_at=now)
    return count


def open_surveys(now: datetime):
    return (
        Survey.objects.filter(published_at__isnull=False)
        .filter(Q(opens_at__isnull=True) | Q(opens_at__lte=now))
        .filter(Q(closes_at__isnull=True) | Q(closes_at__gt=now))
        .filter(course__archived_at__isnull=True)
        .select_related("course", "created_by")
    )


def survey_reminders_send(*, now: datetime | None = None) -> int:
    """The hourly run: every open survey, each in its own transaction."""
    now = now or timezone.now()
    return sum(survey_nudge(survey=survey, now=now) for survey in open_surveys(now))

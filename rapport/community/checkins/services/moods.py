"""Mood check-ins: a learner says how they feel (maybe asking for help), staff follow up."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from rapport.community.checkins.services.common import LEARNERS_ONLY, active_staff, mood_learner_url
from rapport.community.models.checkins import MOOD_WORD_MAX_CHARS, MoodCheckin, MoodScore
from rapport.community.models.settings import community_settings_for
from rapport.core import touchpoints
from rapport.core.enums import Channel
from rapport.core.kinds import NotificationKind, TouchpointKind
from rapport.core.notifications import notify
from rapport.core.refusals import Refused
from rapport.courses.memberships import require_learner, require_staff
from rapport.courses.models import Course

SCORE_PROBLEM = "Choose how you're feeling, from Really low to Great."


def _score(score) -> int:
    if isinstance(score, str) and score.strip().isdigit():
        score = int(score)
    if isinstance(score, bool) or not isinstance(score, int) or score not in MoodScore.values:
        raise Refused(SCORE_PROBLEM, field="score")
    return score


def _word(word: str | None) -> str:
    # One plain line: newlines and runs of spaces become single spaces.
    word = " ".join((word or "").split())
    if len(word) > MOOD_WORD_MAX_CHARS:
        raise Refused(
            f"Keep your word to {MOOD_WORD_MAX_CHARS} characters or fewer (it's {len(word)} now).",
            field="word",
        )
    return word


def course_day_start(*, course: Course, now: datetime) -> datetime:
    """Midnight of ``now``'s day in the course's time zone."""
    local = now.astimezone(course.zone())
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def checkins_today(*, course: Course, learner, now: datetime) -> int:
    start = course_day_start(course=course, now=now)
    return MoodCheckin.objects.filter(
        course=course,
        learner=learner,
        created_at__gte=start,
        created_at__lt=start + timedelta(days=1),
    ).count()


@transaction.atomic
def mood_record(
    *,
    course: Course,
    learner,
    score: int,
    word: str = "",
    wants_help: bool = False,
    now: datetime | None = None,
) -> MoodCheckin:
    """Record how a learner feels. Asking for help tells every member of the course's staff
    at once (by email too, for those who prefer it)."""
    now = now or timezone.now()
    require_learner(course=course, user=learner, lock=True, refusal=LEARNERS_ONLY)
    score, word = _score(score), _word(word)
    limit = community_settings_for(course).mood_daily_limit
    if checkins_today(course=course, learner=learner, now=now) >= limit:
        raise Refused(
            f"You've checked in {limit} time{'s' if limit != 1 else ''} today — that's the most "
            "for one day. You can check in again tomorrow. If you need help now, please "
            "message your teacher."
        )
    checkin = MoodCheckin.objects.create(
        course=course,
        learner=learner,
        score=score,
        word=word,
        wants_help=bool(wants_help),
        created_at=now,
    )
    for kind in [TouchpointKind.MOOD_CHECKIN] + (
        [TouchpointKind.HELP_REQUESTED] if checkin.wants_help else []
    ):
        touchpoints.record(
            course=course,
            kind=kind,
            actor=learner,
            subject=learner,
            channel=Channel.IN_APP,
            target=checkin,
            occurred_at=now,
            value=checkin.score if kind == TouchpointKind.MOOD_CHECKIN else None,
        )
    if checkin.wants_help:
        _tell_staff(course=course, learner=learner)
    return checkin


def _tell_staff(*, course: Course, learner) -> None:
    # Deliberately says nothing of the mood or the word: emails leave Rapport.
    url = mood_learner_url(course=course, learner=learner)
    for staff in active_staff(course=course):
        notify(
            recipient=staff,
            kind=NotificationKind.HELP_REQUESTED,
            title=f"{learner.display_name} could use some help",
            body=f"{learner.display_name} asked for help in a mood check-in in {course.title}. "
            "A quick personal note goes a long way.",
            url=url,
            course=course,
            actor=learner,
        )


@transaction.atomic
def help_requests_follow_up(*, course: Course, learner, staff, now: datetime | None = None) -> int:
    """Mark every open help request of ``learner`` as followed up by ``staff``."""
    require_staff(course=course, user=staff)
    now = now or timezone.now()
    followed = MoodCheckin.objects.filter(
        course=course, learner=learner, wants_help=True, followed_up_at__isnull=True
    ).update(followed_up_at=now, followed_up_by=staff)
    if followed:
        # The radar closes the learner's open requests from this one row.
        touchpoints.record(
            course=course,
            kind=TouchpointKind.HELP_FOLLOWED_UP,
            actor=staff,
            subject=learner,
            channel=Channel.IN_APP,
            occurred_at=now,
        )
    return followed

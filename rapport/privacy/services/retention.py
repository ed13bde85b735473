"""A course's retention rule: its recordings and check-ins are deleted a chosen number of
days after it ends. The nightly task applies every rule; its log says only how many
things of which course went, never what they were."""

import logging
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from rapport.community.models.checkins import MoodCheckin
from rapport.core.refusals import Refused
from rapport.courses.memberships import require_instructor
from rapport.courses.models import Course
from rapport.media.models import MediaItem
from rapport.presence.models import Message, MessageKind
from rapport.privacy.files import files_delete_on_commit, stored_files_deleted_with
from rapport.privacy.models import CourseRetention

log = logging.getLogger(__name__)

MAX_DAYS = 3650


def course_retention_set(*, course: Course, actor, days: int | None) -> CourseRetention:
    """Instructors set (or, with ``days`` None, clear) the rule. It needs the course's end
    date to count from."""
    require_instructor(course=course, user=actor)
    if days is not None and not 0 <= days <= MAX_DAYS:
        raise Refused(
            f"Choose a number of days from 0 to {MAX_DAYS}, or leave it empty.", field="days"
        )
    if days is not None and course.ends_on is None:
        raise Refused(
            "Give the course an end date first: the days are counted from it.", field="days"
        )
    with transaction.atomic():
        rule, _ = CourseRetention.objects.update_or_create(
            course=course, defaults={"days": days, "updated_at": timezone.now()}
        )
    return rule


def _due(rule: CourseRetention, today: date) -> bool:
    ends_on = rule.course.ends_on
    return (
        rule.days is not None
        and ends_on is not None
        and today >= ends_on + timedelta(days=rule.days)
    )


def course_recordings_and_checkins_delete(*, course: Course) -> dict[str, int]:
    """Delete the course's recordings (files too), its check-ins with their conversations,
    and its mood check-ins, in one transaction."""
    with transaction.atomic():
        checkins = Message.objects.filter(course=course, kind=MessageKind.CHECKIN)
        recordings = MediaItem.objects.filter(course=course)
        files = stored_files_deleted_with(checkins) + stored_files_deleted_with(recordings)
        counts = {
            "checkins": checkins.delete()[1].get(Message._meta.label, 0),
            "recordings": recordings.delete()[1].get(MediaItem._meta.label, 0),
            "moods": MoodCheckin.objects.filter(course=course).delete()[0],
        }
        files_delete_on_commit(files)
    return counts


def retention_apply_all(*, now: datetime | None = None) -> int:
    """Apply every course's rule that is due; returns how many courses were cleared."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    cleared = 0
    for rule in CourseRetention.objects.filter(days__isnull=False).select_related("course"):
        if not _due(rule, today):
            continue
        counts = course_recordings_and_checkins_delete(course=rule.course)
        CourseRetention.objects.filter(pk=rule.pk).update(last_applied_at=now)
        log.info("Retention for course %s deleted %s", rule.course_id, counts)
        cleared += 1
    return cleared

"""Creating a course and changing its details, join link and archived state."""

from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.utils.timezone import now

from rapport.core.refusals import Refused
from rapport.courses.memberships import require_instructor
from rapport.courses.models import Course, JoinedVia, Role, new_join_code
from rapport.courses.services.common import check_dates, unique_slug
from rapport.courses.services.joining import course_join


@transaction.atomic
def course_create(
    *,
    creator,
    title: str,
    term: str = "",
    description: str = "",
    timezone: str = "UTC",
    starts_on: date | None = None,
    ends_on: date | None = None,
    young_learners: bool = False,
) -> Course:
    """Create a course; its creator becomes its first instructor."""
    title = title.strip()
    if not title:
        raise Refused("Give the course a title.")
    check_dates(starts_on, ends_on)
    for attempt in range(3):
        try:
            with transaction.atomic():
                course = Course.objects.create(
                    title=title,
                    slug=unique_slug(title),
                    term=term.strip(),
                    description=description.strip(),
                    timezone=timezone,
                    starts_on=starts_on,
                    ends_on=ends_on,
                    young_learners=young_learners,
                    created_by=creator,
                )
            break
        except IntegrityError:
            # Someone took the same slug a moment ago: pick the next free one.
            if attempt == 2:
                raise
    course_join(course=course, user=creator, role=Role.INSTRUCTOR, via=JoinedVia.CREATED)
    return course


@transaction.atomic
def course_update(
    *,
    course: Course,
    actor,
    title: str,
    term: str = "",
    description: str = "",
    timezone: str = "UTC",
    starts_on: date | None = None,
    ends_on: date | None = None,
    young_learners: bool = False,
) -> Course:
    """Change a course's details. The slug stays, so links already shared keep working."""
    require_instructor(course=course, user=actor)
    title = title.strip()
    if not title:
        raise Refused("Give the course a title.")
    check_dates(starts_on, ends_on)
    course.title = title
    course.term = term.strip()
    course.description = description.strip()
    course.timezone = timezone
    course.starts_on = starts_on
    course.ends_on = ends_on
    course.young_learners = young_learners
    course.save(
        update_fields=[
            "title",
            "term",
            "description",
            "timezone",
            "starts_on",
            "ends_on",
            "young_learners",
        ]
    )
    return course


@transaction.atomic
def course_join_settings_update(
    *, course: Course, actor, join_enabled: bool, expires_at: datetime | None
) -> Course:
    require_instructor(course=course, user=actor)
    course.join_enabled = join_enabled
    course.join_code_expires_at = expires_at
    course.save(update_fields=["join_enabled", "join_code_expires_at"])
    return course


@transaction.atomic
def course_join_code_rotate(*, course: Course, actor) -> str:
    """Give the course a new join code; the old link and code stop working at once."""
    require_instructor(course=course, user=actor)
    code = new_join_code()
    while Course.objects.filter(join_code=code).exists():
        code = new_join_code()
    course.join_code = code
    course.save(update_fields=["join_code"])
    return code


@transaction.atomic
def course_archive(*, course: Course, actor) -> Course:
    require_instructor(course=course, user=actor)
    if course.archived_at is None:
        course.archived_at = now()
        course.save(update_fields=["archived_at"])
    return course


@transaction.atomic
def course_unarchive(*, course: Course, actor) -> Course:
    require_instructor(course=course, user=actor)
    if course.archived_at is not None:
        course.archived_at = None
        course.save(update_fields=["archived_at"])
    return course

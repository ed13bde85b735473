"""What learners share (a birthday, personal news) and what staff mark for the class (a
module finished)."""

from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from rapport.core.refusals import Refused
from rapport.courses.memberships import require_member, require_staff
from rapport.courses.models import Course
from rapport.knowing.models.milestones import (
    Birthday,
    MilestoneVisibility,
    ModuleMarker,
    ModuleMilestone,
    PersonalMilestone,
    is_valid_month_day,
)
from rapport.knowing.selectors.people import active_learners
from rapport.knowing.services.common import clean_text

MILESTONE_MAX_LENGTH = PersonalMilestone._meta.get_field("text").max_length
MODULE_TITLE_MAX_LENGTH = ModuleMarker._meta.get_field("title").max_length


@transaction.atomic
def birthday_share(*, user, month: int, day: int, now: datetime | None = None) -> Birthday:
    """Share (or change) a birthday: month and day only, never a year."""
    if not is_valid_month_day(month, day):
        raise Refused("That day doesn't exist in that month — check the date.", field="day")
    birthday, _ = Birthday.objects.update_or_create(
        user=user,
        defaults={"month": int(month), "day": int(day), "shared_at": now or timezone.now()},
    )
    return birthday


@transaction.atomic
def birthday_forget(*, user) -> bool:
    deleted, _ = Birthday.objects.filter(user=user).delete()
    return bool(deleted)


def _checked_milestone(text: str | None, happened_on: date | None, visibility: str, now) -> str:
    text = clean_text(text)
    if not text:
        raise Refused(
            "Tell us what happened — “started a new job”, “ran my first 5K”…", field="text"
        )
    if len(text) > MILESTONE_MAX_LENGTH:
        raise Refused(
            f"Keep it under {MILESTONE_MAX_LENGTH} characters — a headline is plenty.",
            field="text",
        )
    if happened_on is None:
        raise Refused("Add the date it happened.", field="happened_on")
    # A day of slack: "today" somewhere on Earth may be tomorrow on the server.
    if happened_on > (now + timedelta(days=1)).date():
        raise Refused(
            "Milestones are things that already happened — choose today or an earlier date.",
            field="happened_on",
        )
    if visibility not in MilestoneVisibility.values:
        raise Refused("Choose who can see it.", field="visibility")
    return text


@transaction.atomic
def personal_milestone_share(
    *,
    course: Course,
    user,
    text: str,
    happened_on: date | None,
    visibility: str = MilestoneVisibility.STAFF,
    now: datetime | None = None,
) -> PersonalMilestone:
    require_member(course=course, user=user)
    now = now or timezone.now()
    text = _checked_milestone(text, happened_on, visibility, now)
    return PersonalMilestone.objects.create(
        course=course,
        user=user,
        text=text,
        happened_on=happened_on,
        visibility=visibility,
        shared_at=now,
        updated_at=now,
    )


def _require_owner(milestone: PersonalMilestone, user) -> None:
    if user is None or milestone.user_id != user.pk:
        raise Refused("Only the person who shared a milestone can change it.")


@transaction.atomic
def personal_milestone_update(
    *,
    milestone: PersonalMilestone,
    user,
    text: str,
    happened_on: date | None,
    visibility: str,
    now: datetime | None = None,
) -> PersonalMilestone:
    _require_owner(milestone, user)
    now = now or timezone.now()
    milestone.text = _checked_milestone(text, happened_on, visibility, now)
    milestone.happened_on = happened_on
    milestone.visibility = visibility
    milestone.updated_at = now
    milestone.save(update_fields=["text", "happened_on", "visibility", "updated_at"])
    return milestone


@transaction.atomic
def personal_milestone_delete(*, milestone: PersonalMilestone, user) -> None:
    _require_owner(milestone, user)
    milestone.delete()


def _day(moment: datetime, course: Course) -> str:
    local = moment.astimezone(course.zone())
    return f"{local.day} {local:%B}"


@transaction.atomic
def module_mark_finished(
    *, course: Course, marked_by, title: str, now: datetime | None = None
) -> tuple[ModuleMarker, int]:
    """The class finished a module: one milestone for each learner active now. Returns the
    marker and how many learners reached it."""
    require_staff(course=course, user=marked_by)
    title = clean_text(title)
    if not title:
        raise Refused("Name the module, like “Week 4: wetlands”.", field="title")
    if len(title) > MODULE_TITLE_MAX_LENGTH:
        raise Refused(
            f"Keep the module's name under {MODULE_TITLE_MAX_LENGTH} characters.", field="title"
        )
    earlier = ModuleMarker.objects.filter(course=course, title__iexact=title).first()
    if earlier is not None:
        raise Refused(
            f"“{earlier.title}” was already marked finished on {_day(earlier.marked_at, course)}.",
            field="title",
        )
    marker = ModuleMarker.objects.create(
        course=course, title=title, marked_by=marked_by, marked_at=now or timezone.now()
    )
    learner_ids = active_learners(course=course).values_list("user_id", flat=True)
    created = ModuleMilestone.objects.bulk_create(
        ModuleMilestone(marker=marker, learner_id=user_id) for user_id in learner_ids
    )
    return marker, len(created)

"""What every course service shares: the refusals and checks specific to running a course."""

from datetime import date

from django.urls import reverse
from django.utils.text import slugify

from rapport.core.refusals import Refused
from rapport.courses.models import Course, Membership, MembershipStatus, Role


class InvalidEmails(Refused):
    def __init__(self, invalid: list[str]):
        super().__init__("These don't look like email addresses: " + ", ".join(invalid))
        self.invalid = invalid


# What a staff member who may not do something is told (members, invitations).
NO_PERMISSION = "You don't have permission to do that in this course."


def is_last_instructor(membership: Membership) -> bool:
    if membership.role != Role.INSTRUCTOR or not membership.is_active:
        return False
    # Lock the instructor rows so two instructors demoting each other at once cannot both
    # succeed and leave the course with nobody in charge.
    instructor_ids = list(
        Membership.objects.select_for_update()
        .filter(
            course_id=membership.course_id,
            role=Role.INSTRUCTOR,
            status=MembershipStatus.ACTIVE,
        )
        .values_list("pk", flat=True)
    )
    return instructor_ids == [membership.pk]


def check_dates(starts_on: date | None, ends_on: date | None) -> None:
    if starts_on and ends_on and ends_on < starts_on:
        raise Refused("The end date can't be before the start date.")


def unique_slug(title: str) -> str:
    base = slugify(title)[:70].strip("-") or "course"
    taken = set(Course.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    if base not in taken:
        return base
    number = 2
    while f"{base}-{number}" in taken:
        number += 1
    return f"{base}-{number}"


def person_url(course: Course, user) -> str:
    return reverse("courses:person", kwargs={"course_slug": course.slug, "user_id": user.pk})


def check_may_manage(actor_membership: Membership, membership: Membership) -> None:
    if not actor_membership.is_instructor and membership.role != Role.LEARNER:
        raise Refused("Teaching assistants can only manage learners.")

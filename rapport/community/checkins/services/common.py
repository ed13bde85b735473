"""What the check-in services share: the refusal, the membership checks and the links that
notifications carry."""

from django.db.models import QuerySet
from django.urls import reverse

from rapport.courses.models import STAFF_ROLES, Course, Membership, MembershipStatus, Role


class CheckinRefused(Exception):
    """The action is not allowed or the input can't be used; ``message`` says why in words
    for the person and is shown as is — next to ``field`` when it is about one field."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def _active(*, course: Course, user) -> QuerySet:
    return Membership.objects.filter(course=course, user=user, status=MembershipStatus.ACTIVE)


def require_staff(*, course: Course, user) -> Membership:
    membership = _active(course=course, user=user).filter(role__in=STAFF_ROLES).first()
    if membership is None:
        raise CheckinRefused("Only the course's teaching team can do that.")
    return membership


def require_learner(*, course: Course, user, lock: bool = False) -> Membership:
    """The person's active learner membership — locked for the rest of the transaction
    with ``lock``, so two check-ins sent at once cannot both slip under the daily limit."""
    memberships = _active(course=course, user=user).filter(role=Role.LEARNER)
    if lock:
        memberships = memberships.select_for_update()
    membership = memberships.first()
    if membership is None:
        raise CheckinRefused("Reflections and mood check-ins are for the course's learners.")
    return membership


def active_staff(*, course: Course) -> list:
    return [
        m.user
        for m in Membership.objects.filter(
            course=course, role__in=STAFF_ROLES, status=MembershipStatus.ACTIVE
        ).select_related("user")
    ]


def prompt_url(prompt) -> str:
    return reverse(
        "community:reflection_prompt",
        kwargs={"course_slug": prompt.course.slug, "prompt_id": prompt.pk},
    )


def mood_learner_url(*, course: Course, learner) -> str:
    return reverse(
        "community:mood_learner", kwargs={"course_slug": course.slug, "user_id": learner.pk}
    )

"""What every presence service shares: the refusal, the membership checks and the links
that notifications carry."""

from django.urls import reverse

from rapport.courses.models import STAFF_ROLES, Course, Membership, MembershipStatus, Role


class PresenceRefused(Exception):
    """The action is not allowed or the input can't be used; ``message`` says why, in words
    for the person, and is shown as is — next to ``field`` when it is about one form field
    (``media_id``, ``media_file``)."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def active_membership(*, course: Course, user) -> Membership | None:
    if user is None:
        return None
    return Membership.objects.filter(
        course=course, user=user, status=MembershipStatus.ACTIVE
    ).first()


def require_staff(*, course: Course, user) -> Membership:
    membership = active_membership(course=course, user=user)
    if membership is None or membership.role not in STAFF_ROLES:
        raise PresenceRefused("Only the course's teaching team can do that.")
    return membership


def require_member(*, course: Course, user) -> Membership:
    membership = active_membership(course=course, user=user)
    if membership is None:
        raise PresenceRefused("You're not a member of this course.")
    return membership


def require_learner(*, course: Course, user) -> Membership:
    membership = active_membership(course=course, user=user)
    if membership is None or membership.role != Role.LEARNER:
        raise PresenceRefused(
            f"{getattr(user, 'display_name', 'That person')} isn't a learner in this course."
        )
    return membership


def message_url(message) -> str:
    return reverse(
        "presence:message",
        kwargs={"course_slug": message.course.slug, "message_id": message.pk},
    )


def thread_url(message, learner) -> str:
    return reverse(
        "presence:thread",
        kwargs={
            "course_slug": message.course.slug,
            "message_id": message.pk,
            "user_id": learner.pk,
        },
    )


def has_words(text: str | None) -> bool:
    return bool(text and text.strip())

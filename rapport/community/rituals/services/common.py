"""What every ritual service shares: the refusal and the membership checks."""

from rapport.courses.models import STAFF_ROLES, Course, Membership, MembershipStatus


class RitualRefused(Exception):
    """The action is not allowed or the input can't be used; ``message`` says why, in words
    for the person — next to ``field`` when it is about one form field."""

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


def require_member(*, course: Course, user) -> Membership:
    membership = active_membership(course=course, user=user)
    if membership is None:
        raise RitualRefused("You're not a member of this course.")
    return membership


def require_staff(*, course: Course, user) -> Membership:
    membership = active_membership(course=course, user=user)
    if membership is None or membership.role not in STAFF_ROLES:
        raise RitualRefused("Only the course's teaching team can do that.")
    return membership

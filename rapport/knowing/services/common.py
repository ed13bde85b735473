"""What every knowing service shares: the refusal and the membership checks."""

from rapport.courses.models import STAFF_ROLES, Course, Membership, MembershipStatus, Role


class KnowingRefused(Exception):
    """The action is not allowed or the input can't be used; ``message`` says why, in words
    for the person, shown as is — next to ``field`` when it is about one form field."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def _active(course: Course, user) -> Membership | None:
    if user is None:
        return None
    return Membership.objects.filter(
        course=course, user=user, status=MembershipStatus.ACTIVE
    ).first()


def require_staff(*, course: Course, user) -> Membership:
    membership = _active(course, user)
    if membership is None or membership.role not in STAFF_ROLES:
        raise KnowingRefused("Only the course's teaching team can do that.")
    return membership


def require_member(*, course: Course, user) -> Membership:
    membership = _active(course, user)
    if membership is None:
        raise KnowingRefused("You're not a member of this course.")
    return membership


def require_learner(*, course: Course, user) -> Membership:
    membership = _active(course, user)
    if membership is None or membership.role != Role.LEARNER:
        name = getattr(user, "display_name", "That person")
        raise KnowingRefused(f"{name} isn't a learner in this course.")
    return membership


def clean_text(text: str | None) -> str:
    return (text or "").strip()

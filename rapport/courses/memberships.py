"""The membership checks every service starts with: who may act in a course, as what.

Only active memberships count. Each guard returns the membership or raises ``Refused`` with
a message for the person; a feature may word that message for its own context. Pass the
course the object acted on belongs to (``post.round.ritual.course``, ``topic.course``), never
one taken from the request, so a member of one course can't reach into another."""

from rapport.core.refusals import Refused
from rapport.courses.models import STAFF_ROLES, Course, Membership, MembershipStatus, Role

NOT_A_MEMBER = "You're not a member of this course."
STAFF_ONLY = "Only the course's teaching team can do that."
INSTRUCTORS_ONLY = "Only the course's instructors can do that."


def active_membership(*, course: Course, user, lock: bool = False) -> Membership | None:
    """``user``'s active membership of ``course``, or None (also for nobody and for an
    anonymous visitor). With ``lock`` the row stays locked for the rest of the transaction,
    so two requests counting against a limit at once run one after the other."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    memberships = Membership.objects.filter(
        course=course, user=user, status=MembershipStatus.ACTIVE
    )
    if lock:
        memberships = memberships.select_for_update()
    return memberships.first()


def require_member(
    *, course: Course, user, lock: bool = False, refusal: str = NOT_A_MEMBER
) -> Membership:
    membership = active_membership(course=course, user=user, lock=lock)
    if membership is None:
        raise Refused(refusal)
    return membership


def require_staff(
    *, course: Course, user, lock: bool = False, refusal: str = STAFF_ONLY
) -> Membership:
    membership = active_membership(course=course, user=user, lock=lock)
    if membership is None or membership.role not in STAFF_ROLES:
        raise Refused(refusal)
    return membership


def require_instructor(
    *, course: Course, user, lock: bool = False, refusal: str = INSTRUCTORS_ONLY
) -> Membership:
    membership = active_membership(course=course, user=user, lock=lock)
    if membership is None or membership.role != Role.INSTRUCTOR:
        raise Refused(refusal)
    return membership


def require_learner(
    *, course: Course, user, lock: bool = False, refusal: str | None = None
) -> Membership:
    """The default refusal names the person, since staff often act on a learner's behalf
    (sending them a note): "Sam isn't a learner in this course"."""
    membership = active_membership(course=course, user=user, lock=lock)
    if membership is None or membership.role != Role.LEARNER:
        name = getattr(user, "display_name", "That person")
        raise Refused(refusal or f"{name} isn't a learner in this course.")
    return membership

"""Staff changing people's roles and places in a course, and people leaving."""

from django.db import transaction
from django.urls import reverse
from django.utils.timezone import now

from rapport.core.kinds import NotificationKind
from rapport.core.notifications import notify
from rapport.core.realtime import membership_changed_on_commit
from rapport.core.refusals import Refused
from rapport.courses.memberships import require_instructor, require_learner, require_staff
from rapport.courses.models import Membership, MembershipStatus, Role
from rapport.courses.services.common import NO_PERMISSION, check_may_manage, is_last_instructor


@transaction.atomic
def membership_role_change(*, membership: Membership, role: Role, actor) -> Membership:
    """Instructors change anyone's role; the last instructor cannot be demoted."""
    course = membership.course
    require_instructor(course=course, user=actor)
    if role not in Role.values:
        raise Refused("Choose a role.")
    if not membership.is_active:
        raise Refused("Restore this person before changing their role.")
    if role == membership.role:
        return membership
    if is_last_instructor(membership):
        raise Refused(
            f"{membership.user.display_name} is the course's only instructor. "
            "Make someone else an instructor first."
        )
    membership.role = role
    membership.save(update_fields=["role"])
    membership_changed_on_commit(course.pk, membership.user_id)
    notify(
        recipient=membership.user,
        kind=NotificationKind.ROLE_CHANGED,
        title=f"You're now {_with_article(membership.get_role_display())} in {course.title}",
        url=course.get_absolute_url(),
        course=course,
        actor=actor,
    )
    return membership


def _with_article(label: str) -> str:
    return f"an {label.lower()}" if label[0].lower() in "aeiou" else f"a {label.lower()}"


_ENDED_TITLES = {
    MembershipStatus.REMOVED: "You were removed from {course}",
    MembershipStatus.ARCHIVED: "Your place in {course} was archived",
}


@transaction.atomic
def membership_end(*, membership: Membership, status: MembershipStatus, actor) -> Membership:
    """Remove or archive someone. TAs may do this to learners only; nobody does it to
    themselves (that is leaving) and the last instructor stays."""
    if status not in _ENDED_TITLES:
        raise Refused("Choose remove or archive.")
    course = membership.course
    actor_membership = require_staff(course=course, user=actor, refusal=NO_PERMISSION)
    check_may_manage(actor_membership, membership)
    if membership.user_id == actor.pk:
        raise Refused("To leave the course yourself, use “Leave this course”.")
    if not membership.is_active:
        raise Refused(f"{membership.user.display_name} is not an active member.")
    if is_last_instructor(membership):
        raise Refused(
            f"{membership.user.display_name} is the course's only instructor and must stay."
        )
    membership.status = status
    membership.status_changed_at = now()
    membership.save(update_fields=["status", "status_changed_at"])
    membership_changed_on_commit(course.pk, membership.user_id)
    notify(
        recipient=membership.user,
        kind=NotificationKind.MEMBERSHIP_ENDED,
        title=_ENDED_TITLES[status].format(course=course.title),
        body="If you think this is a mistake, please contact your instructor.",
        url=reverse("courses:dashboard"),
        course=course,
        actor=actor,
    )
    return membership


@transaction.atomic
def membership_restore(*, membership: Membership, actor) -> Membership:
    """Bring back someone who was removed or archived (not someone who chose to leave)."""
    course = membership.course
    actor_membership = require_staff(course=course, user=actor, refusal=NO_PERMISSION)
    check_may_manage(actor_membership, membership)
    if membership.status not in (MembershipStatus.REMOVED, MembershipStatus.ARCHIVED):
        raise Refused(
            "Only removed or archived people can be restored. Someone who left can rejoin "
            "with the join link or an invitation."
        )
    membership.status = MembershipStatus.ACTIVE
    membership.status_changed_at = now()
    membership.save(update_fields=["status", "status_changed_at"])
    notify(
        recipient=membership.user,
        kind=NotificationKind.MEMBERSHIP_RESTORED,
        title=f"You're back in {course.title}",
        url=course.get_absolute_url(),
        course=course,
        actor=actor,
    )
    return membership


@transaction.atomic
def membership_leave(*, membership: Membership) -> Membership:
    """The person leaves the course themself. Their history stays; they may rejoin."""
    if not membership.is_active:
        raise Refused("You're not an active member of this course.")
    if is_last_instructor(membership):
        raise Refused(
            "You're the only instructor of this course, so you can't leave it. Make "
            "someone else an instructor first, or archive the course."
        )
    membership.status = MembershipStatus.LEFT
    membership.status_changed_at = now()
    membership.save(update_fields=["status", "status_changed_at"])
    membership_changed_on_commit(membership.course_id, membership.user_id)
    return membership


@transaction.atomic
def membership_peer_suggestions_set(*, course, user, opted_out: bool) -> Membership:
    """A learner's own choice to be left out of (or back in) the classmate pairings staff
    are offered. Only the learner decides it, for themselves."""
    membership = require_learner(
        course=course, user=user, lock=True, refusal="Only learners choose this, for themselves."
    )
    if membership.peer_suggestions_opted_out != opted_out:
        membership.peer_suggestions_opted_out = opted_out
        membership.save(update_fields=["peer_suggestions_opted_out"])
    return membership

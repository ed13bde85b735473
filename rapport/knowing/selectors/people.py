"""Who the learners are and when the teaching team last reached each of them."""

from datetime import datetime

from django.db.models import Max

from rapport.core.models import Touchpoint
from rapport.courses.models import STAFF_ROLES, Course, Membership, MembershipStatus, Role


def active_learners(*, course: Course, user_id: int | None = None):
    """Active learner memberships (a queryset, so it may also serve as a subquery)."""
    memberships = Membership.objects.filter(
        course=course, role=Role.LEARNER, status=MembershipStatus.ACTIVE
    )
    if user_id is not None:
        memberships = memberships.filter(user_id=user_id)
    return memberships


def learner_memberships(*, course: Course, user_id: int | None = None) -> list[Membership]:
    """Active learners with their user row, by name — one query."""
    rows = active_learners(course=course, user_id=user_id).select_related("user")
    return sorted(rows, key=lambda m: m.user.display_name.casefold())


def learner_in_course(*, course: Course, user_id: int) -> Membership | None:
    found = learner_memberships(course=course, user_id=user_id)
    return found[0] if found else None


def staff_user_ids(*, course: Course):
    """The course's active staff, as a subquery of user ids."""
    return Membership.objects.filter(
        course=course, role__in=STAFF_ROLES, status=MembershipStatus.ACTIVE
    ).values("user_id")


def last_staff_contact(*, course: Course, learner_id: int | None = None) -> dict[int, datetime]:
    """When someone on the teaching team last reached each learner (any touchpoint with a
    staff actor and the learner as subject) — one aggregate query."""
    rows = Touchpoint.objects.filter(
        course=course, subject__isnull=False, actor_id__in=staff_user_ids(course=course)
    )
    if learner_id is not None:
        rows = rows.filter(subject_id=learner_id)
    # Grouped by actor and subject, the ledger's index by actor answers alone (grouped by
    # subject only, the database read every moment of the course); the latest of the
    # team's few members for each learner is taken here.
    latest: dict[int, datetime] = {}
    by_actor = rows.values("actor_id", "subject_id").annotate(latest=Max("occurred_at"))
    for row in by_actor.order_by():
        subject, moment = row["subject_id"], row["latest"]
        if subject not in latest or moment > latest[subject]:
            latest[subject] = moment
    return latest

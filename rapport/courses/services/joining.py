"""Joining a course — by code, by invitation, or by creating it."""

from django.db import IntegrityError, transaction
from django.utils.timezone import now

from rapport.core import touchpoints
from rapport.core.enums import Channel
from rapport.core.kinds import NotificationKind, TouchpointKind
from rapport.core.notifications import notify
from rapport.core.refusals import Refused
from rapport.courses.models import (
    STAFF_ROLES,
    Course,
    JoinedVia,
    Membership,
    MembershipStatus,
    Role,
)
from rapport.courses.selectors import join_by_code_problem
from rapport.courses.services.common import person_url


@transaction.atomic
def course_join(
    *, course: Course, user, role: Role = Role.LEARNER, via: JoinedVia = JoinedVia.CODE
) -> Membership:
    """Put ``user`` in ``course``; returns their active membership.

    Joining by code obeys the course's join settings, and people who were removed or
    archived cannot come back that way — only staff (by inviting them) can let them back.
    Someone who left may rejoin. An active member is returned untouched.
    """
    membership = Membership.objects.select_for_update().filter(course=course, user=user).first()
    if membership is not None and membership.is_active:
        return membership
    if via == JoinedVia.CODE:
        problem = join_by_code_problem(course=course, membership=membership)
        if problem:
            raise Refused(problem)
    elif course.archived_at and via != JoinedVia.CREATED:
        raise Refused("This course has been archived and is no longer taking new members.")
    stamp = now()
    if membership is None:
        try:
            with transaction.atomic():
                membership = Membership.objects.create(
                    course=course, user=user, role=role, joined_via=via, joined_at=stamp
                )
        except IntegrityError:
            # A double-clicked Join button: the other request already let them in.
            return Membership.objects.get(course=course, user=user)
    else:
        membership.role = role
        membership.status = MembershipStatus.ACTIVE
        membership.joined_via = via
        membership.joined_at = stamp
        membership.status_changed_at = stamp
        membership.save(
            update_fields=["role", "status", "joined_via", "joined_at", "status_changed_at"]
        )
    touchpoints.record(
        course=course,
        kind=TouchpointKind.COURSE_JOINED,
        actor=user,
        subject=user,
        channel=Channel.SYSTEM,
        target=membership,
        occurred_at=stamp,
    )
    if via != JoinedVia.CREATED:
        _notify_staff_of_join(membership)
    return membership


def _notify_staff_of_join(membership: Membership) -> None:
    course, person = membership.course, membership.user
    staff = Membership.objects.filter(
        course=course, status=MembershipStatus.ACTIVE, role__in=STAFF_ROLES
    ).select_related("user")
    role_note = "" if membership.role == Role.LEARNER else f" as {membership.get_role_display()}"
    for member in staff:
        notify(
            recipient=member.user,
            kind=NotificationKind.MEMBER_JOINED,
            title=f"{person.display_name} joined {course.title}{role_note}",
            body="Say hello — a quick welcome in the first week goes a long way.",
            url=person_url(course, person),
            course=course,
            actor=person,
        )

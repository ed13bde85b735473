"""Role changes, removing, archiving, restoring and leaving."""

import pytest

from rapport.core.kinds import NotificationKind
from rapport.core.models import Notification
from rapport.core.refusals import Refused
from rapport.courses import services
from rapport.courses.models import Membership, MembershipStatus, Role
from rapport.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def membership(cast, name):
    return Membership.objects.select_related("user", "course").get(
        course=cast.course, user=getattr(cast, name)
    )


def test_instructor_changes_a_role_and_the_person_is_told(cast):
    changed = services.membership_role_change(
        membership=membership(cast, "learner"), role=Role.TA, actor=cast.instructor
    )
    assert changed.role == Role.TA
    note = Notification.objects.get(recipient=cast.learner)
    assert note.kind == NotificationKind.ROLE_CHANGED
    assert "teaching assistant" in note.title


def test_tas_cannot_change_roles(cast):
    with pytest.raises(Refused):
        services.membership_role_change(
            membership=membership(cast, "learner"), role=Role.TA, actor=cast.ta
        )


def test_the_last_instructor_cannot_be_demoted(cast):
    with pytest.raises(Refused, match="only instructor"):
        services.membership_role_change(
            membership=membership(cast, "instructor"), role=Role.TA, actor=cast.instructor
        )
    assert membership(cast, "instructor").role == Role.INSTRUCTOR


def test_an_instructor_can_step_down_when_another_instructor_exists(cast):
    services.membership_role_change(
        membership=membership(cast, "ta"), role=Role.INSTRUCTOR, actor=cast.instructor
    )
    services.membership_role_change(
        membership=membership(cast, "instructor"), role=Role.TA, actor=cast.instructor
    )
    assert membership(cast, "instructor").role == Role.TA


@pytest.mark.parametrize("status", [MembershipStatus.REMOVED, MembershipStatus.ARCHIVED])
def test_ending_a_membership_keeps_the_row_and_tells_the_person(cast, status):
    ended = services.membership_end(
        membership=membership(cast, "learner"), status=status, actor=cast.instructor
    )
    assert ended.status == status and ended.status_changed_at is not None
    note = Notification.objects.get(recipient=cast.learner)
    assert note.kind == NotificationKind.MEMBERSHIP_ENDED


def test_tas_may_remove_learners_but_not_staff(cast):
    services.membership_end(
        membership=membership(cast, "learner"), status=MembershipStatus.REMOVED, actor=cast.ta
    )
    with pytest.raises(Refused, match="only manage learners"):
        services.membership_end(
            membership=membership(cast, "instructor"),
            status=MembershipStatus.REMOVED,
            actor=cast.ta,
        )


def test_learners_cannot_remove_anyone(cast):
    with pytest.raises(Refused):
        services.membership_end(
            membership=membership(cast, "other_learner"),
            status=MembershipStatus.REMOVED,
            actor=cast.learner,
        )


def test_nobody_removes_themself(cast):
    with pytest.raises(Refused, match="Leave this course"):
        services.membership_end(
            membership=membership(cast, "instructor"),
            status=MembershipStatus.ARCHIVED,
            actor=cast.instructor,
        )


def test_restore_brings_a_removed_learner_back(cast):
    row = services.membership_end(
        membership=membership(cast, "learner"),
        status=MembershipStatus.REMOVED,
        actor=cast.instructor,
    )
    restored = services.membership_restore(membership=row, actor=cast.ta)
    assert restored.is_active
    assert Notification.objects.filter(recipient=cast.learner, title__contains="back in").exists()


def test_people_who_left_are_not_restored_by_staff(cast):
    row = services.membership_leave(membership=membership(cast, "learner"))
    with pytest.raises(Refused, match="rejoin"):
        services.membership_restore(membership=row, actor=cast.instructor)


def test_a_learner_leaves(cast):
    left = services.membership_leave(membership=membership(cast, "learner"))
    assert left.status == MembershipStatus.LEFT


def test_a_ta_leaves(cast):
    assert services.membership_leave(membership=membership(cast, "ta")).status == "left"


def test_the_last_instructor_cannot_leave(cast):
    with pytest.raises(Refused, match="only instructor"):
        services.membership_leave(membership=membership(cast, "instructor"))
    assert membership(cast, "instructor").is_active


def test_an_instructor_may_leave_when_another_remains(cast):
    MembershipFactory(course=cast.course, role=Role.INSTRUCTOR)
    assert services.membership_leave(membership=membership(cast, "instructor")).status == "left"

"""course_join and joining by code: who gets in, who is turned away, and what is recorded."""

from datetime import timedelta

import pytest
from django.utils.timezone import now

from rapport.core.kinds import NotificationKind, TouchpointKind
from rapport.core.models import Notification, Touchpoint
from rapport.core.refusals import Refused
from rapport.courses import services
from rapport.courses.models import JoinedVia, Membership, MembershipStatus, Role
from rapport.factories import UserFactory

pytestmark = pytest.mark.django_db


def join(cast, user, **kwargs):
    return services.course_join(course=cast.course, user=user, via=JoinedVia.CODE, **kwargs)


def test_joining_by_code_makes_an_active_learner(cast):
    newcomer = UserFactory()
    membership = join(cast, newcomer)
    assert membership.role == Role.LEARNER
    assert membership.status == MembershipStatus.ACTIVE
    assert membership.joined_via == JoinedVia.CODE


def test_joining_records_a_course_joined_touchpoint(cast):
    newcomer = UserFactory()
    join(cast, newcomer)
    touchpoint = Touchpoint.objects.get(course=cast.course, kind=TouchpointKind.COURSE_JOINED)
    assert touchpoint.actor == newcomer
    assert touchpoint.subject == newcomer
    assert touchpoint.channel == "system"


def test_joining_notifies_instructors_and_tas_with_a_link_to_the_person(cast):
    newcomer = UserFactory(preferred_name="Amara")
    join(cast, newcomer)
    notes = Notification.objects.filter(kind=NotificationKind.MEMBER_JOINED)
    assert {n.recipient for n in notes} == {cast.instructor, cast.ta}
    note = notes.first()
    assert "Amara" in note.title
    assert note.url == f"/c/env-sci/people/{newcomer.pk}/"
    assert note.actor == newcomer and note.course == cast.course


def test_learners_are_not_notified_when_someone_joins(cast):
    join(cast, UserFactory())
    assert not Notification.objects.filter(recipient=cast.learner).exists()


def test_joining_when_already_active_changes_nothing(cast):
    before = Membership.objects.get(course=cast.course, user=cast.learner)
    after = join(cast, cast.learner)
    assert after.pk == before.pk and after.joined_at == before.joined_at
    assert not Touchpoint.objects.exists()
    assert not Notification.objects.exists()


def test_a_learner_who_left_may_rejoin(cast):
    membership = Membership.objects.get(course=cast.course, user=cast.learner)
    services.membership_leave(membership=membership)
    rejoined = join(cast, cast.learner)
    assert rejoined.pk == membership.pk
    assert rejoined.status == MembershipStatus.ACTIVE
    assert Touchpoint.objects.filter(kind=TouchpointKind.COURSE_JOINED).count() == 1


@pytest.mark.parametrize("status", [MembershipStatus.REMOVED, MembershipStatus.ARCHIVED])
def test_removed_or_archived_people_cannot_rejoin_by_code(cast, status):
    Membership.objects.filter(course=cast.course, user=cast.learner).update(status=status)
    with pytest.raises(Refused, match="Ask your instructor"):
        join(cast, cast.learner)
    assert Membership.objects.get(course=cast.course, user=cast.learner).status == status


def test_removed_people_can_come_back_through_an_invitation(cast):
    Membership.objects.filter(course=cast.course, user=cast.learner).update(
        status=MembershipStatus.REMOVED
    )
    membership = services.course_join(
        course=cast.course, user=cast.learner, via=JoinedVia.INVITATION
    )
    assert membership.is_active


def test_switched_off_join_code_is_refused(cast):
    cast.course.join_enabled = False
    cast.course.save()
    with pytest.raises(Refused, match="switched off"):
        join(cast, UserFactory())


def test_expired_join_code_is_refused(cast):
    cast.course.join_code_expires_at = now() - timedelta(minutes=1)
    cast.course.save()
    with pytest.raises(Refused, match="expired"):
        join(cast, UserFactory())


def test_join_code_before_its_expiry_still_works(cast):
    cast.course.join_code_expires_at = now() + timedelta(days=1)
    cast.course.save()
    assert join(cast, UserFactory()).is_active


def test_archived_course_refuses_new_members(cast):
    cast.course.archived_at = now()
    cast.course.save()
    with pytest.raises(Refused, match="archived"):
        join(cast, UserFactory())
    with pytest.raises(Refused, match="archived"):
        services.course_join(course=cast.course, user=UserFactory(), via=JoinedVia.INVITATION)


def test_refused_join_leaves_nothing_behind(cast):
    cast.course.join_enabled = False
    cast.course.save()
    newcomer = UserFactory()
    with pytest.raises(Refused):
        join(cast, newcomer)
    assert not Membership.objects.filter(user=newcomer).exists()
    assert not Touchpoint.objects.exists()
    assert not Notification.objects.exists()

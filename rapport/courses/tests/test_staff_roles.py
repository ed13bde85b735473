"""Only instructors hand out staff roles, whatever the path: inviting, inviting again,
resending, restoring, joining by link, accepting an old invitation or changing a role."""

import pytest

from rapport.core.refusals import Refused
from rapport.courses import services
from rapport.courses.models import (
    Invitation,
    JoinedVia,
    Membership,
    MembershipStatus,
    Role,
)
from rapport.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

STAFF = [Role.TA, Role.INSTRUCTOR]


def learner_membership(cast):
    return Membership.objects.get(course=cast.course, user=cast.learner)


def archive_learner(cast):
    services.membership_end(
        membership=learner_membership(cast), status=MembershipStatus.ARCHIVED, actor=cast.ta
    )


@pytest.mark.parametrize("role", STAFF)
def test_a_ta_cannot_make_an_archived_learner_staff_by_inviting_them(cast, role):
    archive_learner(cast)
    with pytest.raises(Refused, match="Only instructors"):
        services.invitations_send(
            course=cast.course, inviter=cast.ta, emails=[cast.learner.email], role=role
        )
    assert not Invitation.objects.exists()
    assert learner_membership(cast).role == Role.LEARNER


@pytest.mark.parametrize("role", STAFF)
def test_a_ta_cannot_raise_a_pending_learner_invitation_by_inviting_again(cast, role):
    services.invitations_send(
        course=cast.course, inviter=cast.ta, emails=["new@example.org"], role=Role.LEARNER
    )
    with pytest.raises(Refused, match="Only instructors"):
        services.invitations_send(
            course=cast.course, inviter=cast.ta, emails=["new@example.org"], role=role
        )
    assert Invitation.objects.get().role == Role.LEARNER


@pytest.mark.parametrize("role", STAFF)
def test_a_ta_cannot_resend_a_staff_invitation(cast, role):
    invitation = Invitation.objects.create(
        course=cast.course, email="co@example.org", role=role, invited_by=cast.instructor
    )
    with pytest.raises(Refused, match="Only instructors"):
        services.invitation_resend(invitation=invitation, actor=cast.ta)


@pytest.mark.parametrize("role", STAFF)
def test_a_staff_invitation_written_by_a_ta_only_lets_its_holder_in_as_a_learner(cast, role):
    archive_learner(cast)
    invitation = Invitation.objects.create(
        course=cast.course, email=cast.learner.email, role=role, invited_by=cast.ta
    )
    membership = services.invitation_accept(invitation=invitation, user=cast.learner)
    assert membership.is_active and membership.role == Role.LEARNER


def test_a_staff_invitation_from_an_instructor_still_grants_the_role(cast):
    archive_learner(cast)
    invitation = Invitation.objects.create(
        course=cast.course, email=cast.learner.email, role=Role.TA, invited_by=cast.instructor
    )
    assert services.invitation_accept(invitation=invitation, user=cast.learner).role == Role.TA


def test_a_ta_cannot_restore_an_archived_ta(cast):
    other_ta = MembershipFactory(course=cast.course, user=UserFactory(), role=Role.TA)
    services.membership_end(
        membership=other_ta, status=MembershipStatus.ARCHIVED, actor=cast.instructor
    )
    with pytest.raises(Refused, match="only manage learners"):
        services.membership_restore(membership=other_ta, actor=cast.ta)
    other_ta.refresh_from_db()
    assert other_ta.status == MembershipStatus.ARCHIVED


def test_restoring_by_a_ta_keeps_a_learner_a_learner(cast):
    archive_learner(cast)
    restored = services.membership_restore(membership=learner_membership(cast), actor=cast.ta)
    assert restored.is_active and restored.role == Role.LEARNER


def test_a_ta_who_left_rejoins_by_link_as_a_learner(cast):
    ta = Membership.objects.get(course=cast.course, user=cast.ta)
    services.membership_leave(membership=ta)
    rejoined = services.course_join(course=cast.course, user=cast.ta, via=JoinedVia.CODE)
    assert rejoined.is_active and rejoined.role == Role.LEARNER


@pytest.mark.parametrize("role", STAFF)
def test_a_ta_cannot_change_a_role(cast, role):
    with pytest.raises(Refused, match="Only the course's instructors"):
        services.membership_role_change(
            membership=learner_membership(cast), role=role, actor=cast.ta
        )
    assert learner_membership(cast).role == Role.LEARNER


def test_the_invite_page_offers_tas_only_the_learner_role(cast, client_for):
    page = client_for("ta").get("/c/env-sci/members/invite/").content.decode()
    assert 'value="learner"' in page
    assert 'value="ta"' not in page and 'value="instructor"' not in page


def test_a_ta_posting_the_ta_role_to_the_invite_page_creates_nothing(cast, client_for):
    archive_learner(cast)
    response = client_for("ta").post(
        "/c/env-sci/members/invite/", {"emails": cast.learner.email, "role": Role.TA}
    )
    assert response.status_code == 200
    assert not Invitation.objects.exists()


def test_a_ta_posting_a_role_change_gets_404(cast, client_for):
    url = f"/c/env-sci/members/{learner_membership(cast).pk}/role/"
    assert client_for("ta").post(url, {"role": Role.TA}).status_code == 404
    assert learner_membership(cast).role == Role.LEARNER

"""Inviting by pasted email addresses, resending, revoking and accepting."""

import pytest
from django.core import mail
from django.utils.timezone import now

from rapport.core.kinds import NotificationKind, TouchpointKind
from rapport.core.models import Notification, Touchpoint
from rapport.core.refusals import Refused
from rapport.courses import services
from rapport.courses.models import Invitation, JoinedVia, Membership, MembershipStatus, Role
from rapport.factories import UserFactory

pytestmark = pytest.mark.django_db


def invite(cast, text, role=Role.LEARNER, inviter=None):
    return services.invitations_send(
        course=cast.course, inviter=inviter or cast.instructor, emails=[text], role=role
    )


# --- parsing --------------------------------------------------------------------------


def test_addresses_may_be_separated_by_commas_spaces_semicolons_and_new_lines():
    valid, invalid = services.parse_email_list(
        "a@example.org, b@example.org;c@example.org\nd@example.org  e@example.org\r\n"
    )
    assert valid == [f"{x}@example.org" for x in "abcde"]
    assert invalid == []


def test_addresses_are_lowercased_and_deduplicated():
    valid, _ = services.parse_email_list("Ada@Example.org ada@example.org ADA@EXAMPLE.ORG")
    assert valid == ["ada@example.org"]


def test_addresses_copied_from_a_mail_program_keep_only_the_address():
    valid, invalid = services.parse_email_list(
        '"Lovelace, Ada" <ada@example.org>, Grace Hopper <grace@example.org>; mailto:kw@x.org'
    )
    assert valid == ["ada@example.org", "grace@example.org", "kw@x.org"]
    assert invalid == []


def test_invalid_addresses_are_listed():
    valid, invalid = services.parse_email_list("ok@example.org, not-an-email, @x.org, a@b")
    assert valid == ["ok@example.org"]
    assert invalid == ["not-an-email", "@x.org", "a@b"]


# --- sending --------------------------------------------------------------------------


def test_one_invalid_address_means_nothing_is_created_or_sent(
    cast, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(services.InvalidEmails) as refusal,
    ):
        invite(cast, "good@example.org, oops, also-good@example.org")
    assert refusal.value.invalid == ["oops"]
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_invitations_are_created_for_each_new_address(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = invite(cast, "a@example.org b@example.org", role=Role.TA)
    assert sorted(i.email for i in result.invited) == ["a@example.org", "b@example.org"]
    assert {i.role for i in Invitation.objects.all()} == {Role.TA}
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]


def test_existing_members_are_skipped(cast):
    result = invite(cast, "learner@example.test, new@example.org")
    assert result.already_members == ["learner@example.test"]
    assert [i.email for i in result.invited] == ["new@example.org"]
    assert not Invitation.objects.filter(email="learner@example.test").exists()


def test_a_pending_invitation_is_resent_not_duplicated(cast, django_capture_on_commit_callbacks):
    invite(cast, "again@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        result = invite(cast, "again@example.org", role=Role.TA)
    assert result.invited == []
    assert [i.email for i in result.resent] == ["again@example.org"]
    invitation = Invitation.objects.get(email="again@example.org")
    assert invitation.role == Role.TA
    assert len(mail.outbox) == 1


def test_people_with_an_account_are_also_told_in_the_app(cast):
    person = UserFactory(email="has-account@example.org")
    invite(cast, "has-account@example.org, no-account@example.org")
    note = Notification.objects.get(kind=NotificationKind.INVITED)
    assert note.recipient == person
    invitation = Invitation.objects.get(email="has-account@example.org")
    assert note.url == f"/invitations/{invitation.token}/"


@pytest.mark.parametrize("role", [Role.INSTRUCTOR, Role.TA])
def test_tas_cannot_invite_staff(cast, role):
    with pytest.raises(Refused, match="Only instructors"):
        invite(cast, "boss@example.org", role=role, inviter=cast.ta)
    assert not Invitation.objects.exists()
    assert invite(cast, "helper@example.org", role=Role.LEARNER, inviter=cast.ta).invited


def test_learners_cannot_invite(cast):
    with pytest.raises(Refused):
        invite(cast, "friend@example.org", inviter=cast.learner)


def test_revoke_marks_the_invitation_and_it_can_no_longer_be_accepted(cast):
    invitation = invite(cast, "gone@example.org").invited[0]
    services.invitation_revoke(invitation=invitation, actor=cast.ta)
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    with pytest.raises(Refused, match="withdrawn"):
        services.invitation_accept(
            invitation=invitation, user=UserFactory(email="gone@example.org")
        )


def test_tas_cannot_revoke_an_instructor_invitation(cast):
    invitation = invite(cast, "co@example.org", role=Role.INSTRUCTOR).invited[0]
    with pytest.raises(Refused):
        services.invitation_revoke(invitation=invitation, actor=cast.ta)


def test_resend_updates_the_sent_time(cast, django_capture_on_commit_callbacks):
    invitation = invite(cast, "slow@example.org").invited[0]
    first = invitation.last_sent_at
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_resend(invitation=invitation, actor=cast.instructor)
    invitation.refresh_from_db()
    assert invitation.last_sent_at > first
    assert [m.to for m in mail.outbox] == [["slow@example.org"]]


# --- accepting ------------------------------------------------------------------------


def test_accepting_makes_a_member_with_the_invited_role(cast):
    invitation = invite(cast, "newta@example.org", role=Role.TA).invited[0]
    person = UserFactory(email="newta@example.org")
    membership = services.invitation_accept(invitation=invitation, user=person)
    assert membership.role == Role.TA and membership.is_active
    assert membership.joined_via == JoinedVia.INVITATION
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None and invitation.accepted_by == person
    assert Touchpoint.objects.filter(kind=TouchpointKind.COURSE_JOINED, subject=person).exists()
    assert Notification.objects.filter(
        kind=NotificationKind.MEMBER_JOINED, recipient=cast.instructor
    ).exists()


def test_accepting_matches_the_address_whatever_its_case(cast):
    invitation = invite(cast, "Mixed@Example.org").invited[0]
    person = UserFactory(email="mixed@example.org")
    assert services.invitation_accept(invitation=invitation, user=person).is_active


def test_an_invitation_cannot_be_used_twice(cast):
    invitation = invite(cast, "once@example.org").invited[0]
    person = UserFactory(email="once@example.org")
    services.invitation_accept(invitation=invitation, user=person)
    with pytest.raises(Refused, match="already been used"):
        services.invitation_accept(invitation=invitation, user=person)


def test_an_invitation_belongs_to_its_address(cast):
    invitation = invite(cast, "intended@example.org", role=Role.INSTRUCTOR).invited[0]
    with pytest.raises(Refused, match="intended@example.org"):
        services.invitation_accept(invitation=invitation, user=cast.outsider)
    assert not Membership.objects.filter(course=cast.course, user=cast.outsider).exists()


def test_accepting_brings_back_someone_who_was_removed(cast):
    Membership.objects.filter(course=cast.course, user=cast.learner).update(
        status=MembershipStatus.REMOVED
    )
    invitation = Invitation.objects.create(
        course=cast.course, email=cast.learner.email, invited_by=cast.instructor
    )
    membership = services.invitation_accept(invitation=invitation, user=cast.learner)
    assert membership.is_active and membership.role == Role.LEARNER


def test_accepting_a_ta_invitation_promotes_someone_who_joined_as_learner(cast):
    invitation = Invitation.objects.create(
        course=cast.course, email=cast.learner.email, role=Role.TA, invited_by=cast.instructor
    )
    assert services.invitation_accept(invitation=invitation, user=cast.learner).role == Role.TA


def test_accepting_an_invitation_to_an_archived_course_is_refused(cast):
    invitation = invite(cast, "late@example.org").invited[0]
    cast.course.archived_at = now()
    cast.course.save()
    with pytest.raises(Refused, match="archived"):
        services.invitation_accept(
            invitation=invitation, user=UserFactory(email="late@example.org")
        )

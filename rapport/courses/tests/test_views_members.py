"""The members page, its actions and the invite page."""

import pytest
from django.core import mail
from django.urls import reverse

from rapport.courses.models import Invitation, Membership, MembershipStatus, Role

pytestmark = pytest.mark.django_db

MEMBERS = "/c/env-sci/members/"
INVITE = "/c/env-sci/members/invite/"


def row(cast, name):
    return Membership.objects.get(course=cast.course, user=getattr(cast, name))


def action(name, membership):
    return reverse(f"courses:{name}", args=["env-sci", membership.pk])


@pytest.mark.parametrize("role", ["instructor", "ta"])
def test_members_table_shows_people_for_staff(cast, client_for, role):
    response = client_for(role).get(MEMBERS)
    assert response.status_code == 200
    content = response.content.decode()
    for person in (cast.instructor, cast.ta, cast.learner, cast.other_learner):
        assert person.email in content
    assert "Missing photo, about me" in content
    assert "Teaching assistant" in content


def test_only_instructors_get_role_selects(cast, client_for):
    assert 'name="role"' in client_for("instructor").get(MEMBERS).content.decode()
    assert 'name="role"' not in client_for("ta").get(MEMBERS).content.decode()


@pytest.mark.parametrize("role", ["learner", "outsider"])
def test_members_page_is_404_for_non_staff(cast, client_for, role):
    assert client_for(role).get(MEMBERS).status_code == 404


def test_instructor_changes_a_role(cast, client_for):
    response = client_for("instructor").post(
        action("member_role", row(cast, "learner")), {"role": "ta"}
    )
    assert response.status_code == 302 and response["Location"] == MEMBERS
    assert row(cast, "learner").role == Role.TA


def test_demoting_the_last_instructor_shows_why_not(cast, client_for):
    response = client_for("instructor").post(
        action("member_role", row(cast, "instructor")), {"role": "learner"}, follow=True
    )
    assert "only instructor" in response.content.decode()
    assert row(cast, "instructor").role == Role.INSTRUCTOR


def test_tas_cannot_reach_role_changes(cast, client_for):
    response = client_for("ta").post(action("member_role", row(cast, "learner")), {"role": "ta"})
    assert response.status_code == 404
    assert row(cast, "learner").role == Role.LEARNER


def test_ta_removes_and_archives_learners(cast, client_for):
    client = client_for("ta")
    client.post(action("member_remove", row(cast, "learner")))
    client.post(action("member_archive", row(cast, "other_learner")))
    assert row(cast, "learner").status == MembershipStatus.REMOVED
    assert row(cast, "other_learner").status == MembershipStatus.ARCHIVED


def test_ta_cannot_remove_the_instructor(cast, client_for):
    response = client_for("ta").post(action("member_remove", row(cast, "instructor")), follow=True)
    assert "only manage learners" in response.content.decode()
    assert row(cast, "instructor").is_active


def test_restore_from_the_former_members_list(cast, client_for):
    client = client_for("instructor")
    client.post(action("member_archive", row(cast, "learner")))
    page = client.get(MEMBERS).content.decode()
    assert action("member_restore", row(cast, "learner")) in page
    client.post(action("member_restore", row(cast, "learner")))
    assert row(cast, "learner").is_active


def test_member_actions_are_post_only(cast, client_for):
    response = client_for("instructor").get(action("member_remove", row(cast, "learner")))
    assert response.status_code == 405


def test_membership_from_another_course_is_404(cast, client_for):
    other = Membership.objects.get(course=cast.other_course)
    response = client_for("instructor").post(action("member_remove", other))
    assert response.status_code == 404
    assert Membership.objects.get(pk=other.pk).is_active


# --- invitations ----------------------------------------------------------------------


def test_invite_page_offers_instructor_role_only_to_instructors(cast, client_for):
    instructor_page = client_for("instructor").get(INVITE)
    assert instructor_page.status_code == 200
    assert 'value="instructor"' in instructor_page.content.decode()
    assert 'value="instructor"' not in client_for("ta").get(INVITE).content.decode()


def test_invite_lists_invalid_addresses_and_creates_nothing(cast, client_for):
    response = client_for("instructor").post(
        INVITE, {"emails": "fine@example.org\nnot an email; also@@bad", "role": "learner"}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Nothing was sent" in content
    for bad in ("“not”", "“an”", "“email”", "“also@@bad”"):
        assert bad in content
    assert "fine@example.org" in content  # kept in the box to fix
    assert not Invitation.objects.exists()


def test_invite_sends_and_reports_skips(cast, client_for, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("ta").post(
            INVITE,
            {"emails": "a@example.org, learner@example.test", "role": "learner"},
            follow=True,
        )
    content = response.content.decode()
    assert "Sent 1 invitation." in content
    assert "Already in the course, so skipped: learner@example.test." in content
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    assert "a@example.org" in content  # now listed as waiting


def test_ta_posting_an_instructor_role_is_refused(cast, client_for):
    response = client_for("ta").post(INVITE, {"emails": "x@example.org", "role": "instructor"})
    assert response.status_code == 200
    assert not Invitation.objects.exists()


def test_resend_and_revoke_from_the_members_page(
    cast, client_for, django_capture_on_commit_callbacks
):
    invitation = Invitation.objects.create(course=cast.course, email="w@example.org")
    client = client_for("instructor")
    page = client.get(MEMBERS).content.decode()
    resend = reverse("courses:invitation_resend", args=["env-sci", invitation.pk])
    revoke = reverse("courses:invitation_revoke", args=["env-sci", invitation.pk])
    assert resend in page and revoke in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(resend)
    assert len(mail.outbox) == 1
    client.post(revoke)
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert client.get(MEMBERS).context["members"].invitations == []


def test_invitation_of_another_course_is_404(cast, client_for):
    invitation = Invitation.objects.create(course=cast.other_course, email="p@example.org")
    url = reverse("courses:invitation_revoke", args=["env-sci", invitation.pk])
    assert client_for("instructor").post(url).status_code == 404

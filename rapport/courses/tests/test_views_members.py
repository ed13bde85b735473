"""Managing members — roles, archiving, removing, restoring, invitations — from the tabs of
the staff's People page (the roster), and the invite page. The old members page sends its
visitors there."""

from urllib.parse import urlencode

import pytest
from django.core import mail
from django.urls import reverse

from rapport.courses.models import Invitation, Membership, MembershipStatus, Role

pytestmark = pytest.mark.django_db

PEOPLE = "/c/env-sci/learners/"
TEAM = PEOPLE + "?tab=team"
INVITATIONS = PEOPLE + "?tab=invitations"
FORMER = PEOPLE + "?tab=former"
OLD_MEMBERS = "/c/env-sci/members/"
INVITE = "/c/env-sci/members/invite/"


def row(cast, name):
    return Membership.objects.get(course=cast.course, user=getattr(cast, name))


def action(name, membership):
    return reverse(f"courses:{name}", args=["env-sci", membership.pk])


@pytest.mark.parametrize("role", ["instructor", "ta"])
def test_people_tabs_show_everyone_with_email_role_and_profile(cast, client_for, role):
    client = client_for(role)
    learners = client.get(PEOPLE)
    assert learners.status_code == 200
    content = learners.content.decode()
    for person in (cast.learner, cast.other_learner):
        assert person.email in content
    assert "Missing photo, about me" in content
    team = client.get(TEAM).content.decode()
    for person in (cast.instructor, cast.ta):
        assert person.email in team
    assert "Teaching assistant" in team
    assert cast.learner.email not in team


@pytest.mark.parametrize("url", [PEOPLE, TEAM])
def test_only_instructors_get_role_selects(cast, client_for, url):
    assert 'name="role"' in client_for("instructor").get(url).content.decode()
    assert 'name="role"' not in client_for("ta").get(url).content.decode()


@pytest.mark.parametrize("role", ["learner", "outsider"])
@pytest.mark.parametrize("url", [PEOPLE, TEAM, INVITATIONS, FORMER, OLD_MEMBERS])
def test_people_page_and_old_members_page_are_404_for_non_staff(cast, client_for, role, url):
    assert client_for(role).get(url).status_code == 404


@pytest.mark.parametrize("role", ["instructor", "ta"])
def test_the_old_members_page_sends_staff_to_the_people_page(cast, client_for, role):
    response = client_for(role).get(OLD_MEMBERS)
    assert response.status_code == 302 and response["Location"] == PEOPLE


def test_every_action_on_the_page_comes_back_to_it(cast, client_for):
    """Each membership form carries the address of the tab (and filters) it sits on."""
    client = client_for("instructor")
    Invitation.objects.create(course=cast.course, email="w@example.org")
    client.post(action("member_archive", row(cast, "other_learner")))
    for url, forms in [
        (PEOPLE + "?q=learner", 3),  # role, archive, remove for cast.learner
        (TEAM, 3),  # the TA's role, archive, remove (the instructor's own role too)
        (INVITATIONS, 2),  # resend, revoke
        (FORMER, 1),  # restore
    ]:
        page = client.get(url).content.decode()
        escaped = url.replace("&", "&amp;")
        assert page.count(f'name="next" value="{escaped}"') >= forms, url


def test_instructor_changes_a_role(cast, client_for):
    response = client_for("instructor").post(
        action("member_role", row(cast, "learner")), {"role": "ta"}
    )
    assert response.status_code == 302 and response["Location"] == PEOPLE
    assert row(cast, "learner").role == Role.TA


def test_an_action_returns_to_the_tab_it_was_sent_from(cast, client_for):
    response = client_for("instructor").post(
        action("member_role", row(cast, "ta")), {"role": "instructor", "next": TEAM}
    )
    assert response.status_code == 302 and response["Location"] == TEAM
    assert row(cast, "ta").role == Role.INSTRUCTOR


def test_an_action_never_sends_people_off_the_site(cast, client_for):
    response = client_for("ta").post(
        action("member_archive", row(cast, "learner")), {"next": "https://evil.example/"}
    )
    assert response["Location"] == PEOPLE


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
    assert action("member_restore", row(cast, "learner")) not in client.get(PEOPLE).content.decode()
    page = client.get(FORMER).content.decode()
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


def test_the_people_page_links_to_invite_and_back_to_its_invitations(cast, client_for):
    page = client_for("ta").get(PEOPLE).content.decode()
    invite = f"{INVITE}?{urlencode({'next': INVITATIONS})}"
    assert f'href="{invite}"' in page.replace("&amp;", "&")
    assert f'href="{INVITATIONS}"' in client_for("ta").get(invite).content.decode()


def test_invite_sends_and_reports_skips(cast, client_for, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("ta").post(
            f"{INVITE}?{urlencode({'next': INVITATIONS})}",
            {"emails": "a@example.org, learner@example.test", "role": "learner"},
            follow=True,
        )
    assert response.redirect_chain == [(INVITATIONS, 302)]
    content = response.content.decode()
    assert "Sent 1 invitation." in content
    assert "Already in the course, so skipped: learner@example.test." in content
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    assert "a@example.org" in content  # now listed as waiting


def test_ta_posting_an_instructor_role_is_refused(cast, client_for):
    response = client_for("ta").post(INVITE, {"emails": "x@example.org", "role": "instructor"})
    assert response.status_code == 200
    assert not Invitation.objects.exists()


def test_the_invitations_tab_has_the_join_link(cast, client_for):
    page = client_for("ta").get(INVITATIONS).content.decode()
    assert f"http://testserver/join/{cast.course.join_code}/" in page
    assert f'data-copy="{cast.course.join_code}"' in page
    assert "No invitations waiting." in page


def test_the_former_tab_says_when_nobody_has_gone(cast, client_for):
    assert "Nobody has been archived" in client_for("ta").get(FORMER).content.decode()


def test_invite_without_a_next_returns_to_the_people_page(cast, client_for):
    response = client_for("ta").post(INVITE, {"emails": "b@example.org", "role": "learner"})
    assert response.status_code == 302 and response["Location"] == PEOPLE


def test_resend_and_revoke_from_the_invitations_tab(
    cast, client_for, django_capture_on_commit_callbacks
):
    invitation = Invitation.objects.create(course=cast.course, email="w@example.org")
    client = client_for("instructor")
    page = client.get(INVITATIONS).content.decode()
    resend = reverse("courses:invitation_resend", args=["env-sci", invitation.pk])
    revoke = reverse("courses:invitation_revoke", args=["env-sci", invitation.pk])
    assert resend in page and revoke in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(resend)
    assert len(mail.outbox) == 1
    client.post(revoke)
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert client.get(INVITATIONS).context["members"].invitations == []


def test_invitation_of_another_course_is_404(cast, client_for):
    invitation = Invitation.objects.create(course=cast.other_course, email="p@example.org")
    url = reverse("courses:invitation_revoke", args=["env-sci", invitation.pk])
    assert client_for("instructor").post(url).status_code == 404

"""Dashboard, creating a course, joining by code or link, and the invitation page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils.timezone import now

from rapport.courses.models import Course, Invitation, Membership, MembershipStatus, Role
from rapport.factories import UserFactory

pytestmark = pytest.mark.django_db


def join_url(course):
    return reverse("courses:join_link", args=[course.join_code])


# --- dashboard ------------------------------------------------------------------------


def test_dashboard_groups_my_courses(cast, client_for):
    cast.other_course.memberships.create(user=cast.ta, role=Role.LEARNER)
    response = client_for("ta").get(reverse("courses:dashboard"))
    assert response.status_code == 200
    teaching, learning = (
        response.context["dashboard"].teaching,
        response.context["dashboard"].learning,
    )
    assert [m.course for m in teaching] == [cast.course]
    assert [m.course for m in learning] == [cast.other_course]
    assert b"Teaching" in response.content and b"Learning" in response.content


def test_dashboard_shows_pending_invitations_with_an_accept_button(cast, client_for):
    invitation = Invitation.objects.create(
        course=cast.other_course, email="LEARNER@example.test", invited_by=cast.outsider
    )
    response = client_for("learner").get(reverse("courses:dashboard"))
    assert response.context["dashboard"].invitations == [invitation]
    accept = reverse("courses:invitation_accept", args=[invitation.token])
    assert f'action="{accept}"' in response.content.decode()


def test_dashboard_hides_invitations_to_courses_i_am_already_in(cast, client_for):
    Invitation.objects.create(course=cast.course, email="learner@example.test")
    response = client_for("learner").get(reverse("courses:dashboard"))
    assert response.context["dashboard"].invitations == []


def test_dashboard_needs_sign_in(client):
    response = client.get(reverse("courses:dashboard"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_new_person_sees_how_to_start(client):
    client.force_login(UserFactory())
    response = client.get(reverse("courses:dashboard"))
    assert b"No courses yet" in response.content


# --- create ---------------------------------------------------------------------------


def test_create_form_offers_my_time_zone(client):
    client.force_login(UserFactory(timezone="Africa/Lagos"))
    response = client.get(reverse("courses:create"))
    assert response.status_code == 200
    assert response.context["form"]["timezone"].value() == "Africa/Lagos"


def test_creating_a_course_makes_me_its_instructor_and_opens_it(client):
    creator = UserFactory()
    client.force_login(creator)
    response = client.post(
        reverse("courses:create"),
        {
            "title": "Marine Biology",
            "term": "Spring 2027",
            "timezone": "Europe/Lisbon",
            "starts_on": "2027-02-01",
            "ends_on": "2027-05-30",
        },
    )
    course = Course.objects.get(title="Marine Biology")
    assert response.status_code == 302 and response["Location"] == "/c/marine-biology/"
    assert course.memberships.get().user == creator
    assert course.memberships.get().role == Role.INSTRUCTOR
    assert course.timezone == "Europe/Lisbon" and course.young_learners is False


def test_end_before_start_is_a_clear_error_and_creates_nothing(client):
    client.force_login(UserFactory())
    response = client.post(
        reverse("courses:create"),
        {"title": "Oops", "timezone": "UTC", "starts_on": "2027-05-01", "ends_on": "2027-04-01"},
    )
    assert response.status_code == 200
    assert "The end date can&#x27;t be before the start date" in response.content.decode()
    assert not Course.objects.filter(title="Oops").exists()


# --- join by code ---------------------------------------------------------------------


def test_typing_a_code_in_any_case_with_spaces_finds_the_course(cast, client_for):
    cast.course.join_code = "ABCD2345"
    cast.course.save()
    response = client_for("outsider").post(reverse("courses:join"), {"code": " abcd 2345 "})
    assert response.status_code == 302
    assert response["Location"] == "/join/ABCD2345/"


def test_typing_an_unknown_code_explains(cast, client_for):
    response = client_for("outsider").post(reverse("courses:join"), {"code": "NOPE"})
    assert response.status_code == 200
    assert "couldn&#x27;t find a course with that code" in response.content.decode()


def test_join_link_shows_the_course_and_a_join_button(cast, client_for):
    response = client_for("outsider").get(join_url(cast.course))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Environmental Science 101" in content
    assert "Join Environmental Science 101</button>" in content


def test_lowercase_join_link_is_tidied(cast, client_for):
    response = client_for("outsider").get(f"/join/{cast.course.join_code.lower()}/")
    assert response.status_code == 302 and response["Location"] == join_url(cast.course)


def test_anonymous_visitor_is_offered_sign_up_and_sign_in_that_come_back(cast, client):
    response = client.get(join_url(cast.course))
    assert response.status_code == 200
    content = response.content.decode()
    back = f"?next=/join/{cast.course.join_code}/"
    assert reverse("account_signup") + back in content
    assert reverse("account_login") + back in content


def test_anonymous_post_is_sent_to_sign_in(cast, client):
    response = client.post(join_url(cast.course))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=")
    assert (
        not Membership.objects.filter(course=cast.course)
        .exclude(user__in=[cast.instructor, cast.ta, cast.learner, cast.other_learner])
        .exists()
    )


def test_joining_by_link_lands_on_the_course(cast, client_for):
    response = client_for("outsider").post(join_url(cast.course))
    assert response.status_code == 302 and response["Location"] == "/c/env-sci/"
    membership = Membership.objects.get(course=cast.course, user=cast.outsider)
    assert membership.role == Role.LEARNER and membership.is_active


def test_a_member_following_the_link_just_goes_to_the_course(cast, client_for):
    response = client_for("learner").get(join_url(cast.course))
    assert response.status_code == 302 and response["Location"] == "/c/env-sci/"


def test_rotated_code_says_the_link_was_replaced(cast, client_for):
    old = join_url(cast.course)
    cast.course.join_code = "NEWCODE2"
    cast.course.save()
    client = client_for("outsider")
    for response in (client.get(old), client.post(old)):
        assert response.status_code == 200
        assert "no longer valid — it may have been replaced" in response.content.decode()
    assert not Membership.objects.filter(course=cast.course, user=cast.outsider).exists()


@pytest.mark.parametrize(
    "change,message",
    [
        ({"join_enabled": False}, "switched off"),
        ({"join_code_expires_at": now() - timedelta(hours=1)}, "expired"),
        ({"archived_at": now()}, "archived"),
    ],
)
def test_unusable_link_explains_why_and_has_no_join_button(cast, client_for, change, message):
    Course.objects.filter(pk=cast.course.pk).update(**change)
    client = client_for("outsider")
    response = client.get(join_url(cast.course))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "</button>" not in response.content.decode().split("<main", 1)[1]
    response = client.post(join_url(cast.course))
    assert response.status_code == 200
    assert not Membership.objects.filter(course=cast.course, user=cast.outsider).exists()


def test_a_removed_learner_is_told_to_ask_the_instructor(cast, client_for):
    Membership.objects.filter(course=cast.course, user=cast.learner).update(
        status=MembershipStatus.REMOVED
    )
    response = client_for("learner").post(join_url(cast.course))
    assert response.status_code == 200
    assert "Ask your instructor to invite you back" in response.content.decode()


def test_a_learner_who_left_can_rejoin(cast, client_for):
    Membership.objects.filter(course=cast.course, user=cast.learner).update(
        status=MembershipStatus.LEFT
    )
    client = client_for("learner")
    assert "Rejoin" in client.get(join_url(cast.course)).content.decode()
    client.post(join_url(cast.course))
    assert Membership.objects.get(course=cast.course, user=cast.learner).is_active


# --- invitation page ------------------------------------------------------------------


@pytest.fixture
def invitation(cast):
    return Invitation.objects.create(
        course=cast.course, email="outsider@example.test", role=Role.TA, invited_by=cast.instructor
    )


def accept_url(invitation):
    return reverse("courses:invitation_accept", args=[invitation.token])


def test_invitation_page_shows_the_course_and_an_accept_button(client_for, invitation):
    response = client_for("outsider").get(accept_url(invitation))
    assert response.status_code == 200
    assert "Environmental Science 101" in response.content.decode()
    assert "Accept and join</button>" in response.content.decode()


def test_accepting_joins_with_the_invited_role(cast, client_for, invitation):
    response = client_for("outsider").post(accept_url(invitation))
    assert response.status_code == 302 and response["Location"] == "/c/env-sci/"
    assert Membership.objects.get(course=cast.course, user=cast.outsider).role == Role.TA
    invitation.refresh_from_db()
    assert invitation.accepted_by == cast.outsider


def test_anonymous_invitee_is_offered_sign_up_and_sign_in_that_come_back(client, invitation):
    response = client.get(accept_url(invitation))
    content = response.content.decode()
    assert response.status_code == 200
    assert reverse("account_signup") + "?next=/invitations/" in content
    assert "outsider@example.test" in content
    assert client.post(accept_url(invitation))["Location"].startswith(reverse("account_login"))


def test_revoked_invitation_explains(client_for, invitation):
    invitation.revoked_at = now()
    invitation.save()
    response = client_for("outsider").post(accept_url(invitation))
    assert response.status_code == 200
    assert "This invitation was withdrawn" in response.content.decode()


def test_used_invitation_explains(client_for, invitation, cast):
    invitation.accepted_at = now()
    invitation.accepted_by = cast.learner
    invitation.save()
    response = client_for("outsider").get(accept_url(invitation))
    assert "already been used" in response.content.decode()


def test_invitation_for_another_address_says_so(cast, client_for, invitation):
    response = client_for("learner").post(accept_url(invitation))
    assert response.status_code == 200
    assert "sent to <strong>outsider@example.test</strong>" in response.content.decode()
    assert Membership.objects.get(course=cast.course, user=cast.learner).role == Role.LEARNER


def test_unknown_invitation_token_is_404_with_a_message(client_for):
    response = client_for("learner").get("/invitations/not-a-token/")
    assert response.status_code == 404
    assert "couldn&#x27;t find this invitation" in response.content.decode()

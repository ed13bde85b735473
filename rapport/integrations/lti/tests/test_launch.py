"""Login and launch, as an instructor and as a learner, through the test platform."""

from urllib.parse import parse_qs, urlsplit

from django.contrib.auth import get_user_model
from django.urls import reverse
from lti_tool.models import LtiUser

from rapport.core.enums import JoinedVia, MembershipStatus, Role
from rapport.core.testing.headers import csp_directives
from rapport.courses.models import Course, Membership
from rapport.factories import UserFactory
from rapport.integrations.lti.models import CourseLink
from rapport.integrations.lti.testing import INSTRUCTOR, LEARNER, LTI, TestPlatform

TA_SUB_ROLE = "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant"

User = get_user_model()


def test_instructor_first_launch_creates_the_course_and_signs_them_in(client, platform):
    response = platform.launch_as(client, sub="teacher-1")

    course = Course.objects.get()
    assert (course.title, response.status_code) == ("Biology 101", 302)
    assert response["Location"] == course.get_absolute_url()
    membership = Membership.objects.get(course=course)
    assert (membership.role, membership.joined_via) == (Role.INSTRUCTOR, JoinedVia.LTI)
    user = membership.user
    assert (user.full_name, user.preferred_name) == ("Ada Lovelace", "Ada")
    assert user.email == "teacher-1@lms.example.edu"
    assert not user.has_usable_password()
    assert LtiUser.objects.get(sub="teacher-1").auth_user == user
    assert CourseLink.objects.get().course == course
    assert client.get(course.get_absolute_url()).status_code == 200


def test_term_comes_from_a_custom_parameter(client, platform):
    platform.launch_as(client, **{LTI + "custom": {"term": "Fall 2027"}})

    assert Course.objects.get().term == "Fall 2027"


def test_learner_launch_joins_the_linked_course_as_learner(client, platform):
    platform.launch_as(client, sub="teacher-1")
    client.logout()

    response = platform.launch_as(client, sub="learner-1", roles=LEARNER, name="Grace Hopper")

    course = Course.objects.get()
    assert response["Location"] == course.get_absolute_url()
    learner = Membership.objects.get(course=course, role=Role.LEARNER)
    assert (learner.user.full_name, learner.joined_via) == ("Grace Hopper", JoinedVia.LTI)
    assert int(client.session["_auth_user_id"]) == learner.user_id


def test_second_launch_by_the_same_person_reuses_their_account_and_course(client, platform):
    platform.launch_as(client, sub="teacher-1")
    platform.launch_as(client, sub="teacher-1", email="changed@lms.example.edu")

    assert (Course.objects.count(), User.objects.count(), Membership.objects.count()) == (1, 1, 1)


def test_the_lms_role_change_reaches_an_lti_membership(client, platform):
    platform.launch_as(client, sub="teacher-1")
    platform.launch_as(client, sub="helper", roles=LEARNER)

    platform.launch_as(client, sub="helper", roles=INSTRUCTOR + [TA_SUB_ROLE])

    assert Membership.objects.get(user__lti_users__sub="helper").role == Role.TA


def test_a_learner_the_lms_removed_comes_back_with_the_lms(client, platform):
    platform.launch_as(client, sub="teacher-1")
    platform.launch_as(client, sub="learner-1", roles=LEARNER)
    learner = Membership.objects.filter(user__lti_users__sub="learner-1")
    learner.update(status=MembershipStatus.REMOVED)  # as a roster sync does

    response = platform.launch_as(client, sub="learner-1", roles=LEARNER)

    assert response.status_code == 302
    assert learner.get().status == MembershipStatus.ACTIVE


def test_a_person_from_another_platform_with_the_same_sub_is_someone_else(client, platform, mocked):
    platform.launch_as(client, sub="teacher-1")
    other = TestPlatform(issuer="https://other-lms.example.org", client_id="other")
    other.register()
    other.mock(mocked)

    other.launch_as(client, sub="teacher-1")

    assert User.objects.count() == 2
    assert Course.objects.count() == 2


def test_email_is_not_matched_unless_the_platform_allows_it(client, platform):
    existing = UserFactory(email="teacher-1@lms.example.edu")

    platform.launch_as(client, sub="teacher-1")

    user = LtiUser.objects.get(sub="teacher-1").auth_user
    assert user != existing
    assert user.email.endswith(".invalid")  # the address is someone else's: a stand-in


def test_email_is_matched_where_the_platform_allows_it(client, db, mocked):
    platform = TestPlatform()
    platform.register(match_users_by_email=True)
    platform.mock(mocked)
    existing = UserFactory(email="teacher-1@lms.example.edu")

    platform.launch_as(client, sub="teacher-1")

    assert LtiUser.objects.get(sub="teacher-1").auth_user == existing
    assert Membership.objects.get().user == existing


def test_site_staff_accounts_are_never_matched_by_email(client, db, mocked):
    platform = TestPlatform()
    platform.register(match_users_by_email=True)
    platform.mock(mocked)
    admin = UserFactory(email="teacher-1@lms.example.edu", is_staff=True, is_superuser=True)

    platform.launch_as(client, sub="teacher-1")

    assert LtiUser.objects.get(sub="teacher-1").auth_user != admin
    assert int(client.session["_auth_user_id"]) != admin.pk


def test_a_platform_without_email_gets_a_stand_in_address(client, platform):
    platform.launch_as(client, sub="teacher-1", email=None)

    assert LtiUser.objects.get(sub="teacher-1").auth_user.email.endswith("@lms.example.edu.invalid")


def test_cookie_check_page_offers_a_new_tab(client, platform):
    response = platform.login(client, new_window=False)

    assert response.status_code == 200
    assert b"Open Rapport in a new tab" in response.content
    assert b"lti1p3_new_window" in response.content


def test_login_from_an_unknown_platform_is_refused_clearly(client, platform):
    response = TestPlatform(issuer="https://stranger.example").login(client)

    assert response.status_code == 400
    assert b"does not know the platform" in response.content


def test_launched_pages_may_be_framed_by_the_platform_only(client, platform):
    platform.launch_as(client, sub="teacher-1")

    page = client.get(Course.objects.get().get_absolute_url())

    framers = csp_directives(page)["frame-ancestors"]
    assert framers[:2] == ["'self'", "https://lms.example.edu"]
    assert "https://school.example.edu" in framers
    assert csp_directives(page)["script-src"] == ["'self'"]  # the rest of the policy stays
    assert "X-Frame-Options" not in page


def test_pages_outside_a_launch_still_refuse_framing(client, cast):
    client.force_login(cast.instructor)

    page = client.get(cast.course.get_absolute_url())

    assert page["X-Frame-Options"] == "DENY"


def test_a_deep_linked_item_opens_its_page(client, platform):
    platform.launch_as(client, sub="teacher-1")
    course = Course.objects.get()
    target = f"/c/{course.slug}/people/"

    response = platform.launch_as(
        client, sub="teacher-1", **{LTI + "custom": {"rapport_target": target}}
    )

    assert response["Location"] == target


def test_a_target_outside_the_course_lands_on_the_course_home(client, platform):
    platform.launch_as(client, sub="teacher-1")
    course = Course.objects.get()

    for target in (
        "https://evil.example/",
        "/c/poetry/people/",
        "/admin/",
        f"/c/{course.slug}/nope/",
    ):
        response = platform.launch_as(
            client, sub="teacher-1", **{LTI + "custom": {"rapport_target": target}}
        )
        assert response["Location"] == course.get_absolute_url()


def test_the_only_instructor_stays_one_whatever_the_lms_says(client, platform):
    platform.launch_as(client, sub="teacher-1")

    platform.launch_as(client, sub="teacher-1", roles=LEARNER)

    assert Membership.objects.get().role == Role.INSTRUCTOR


def test_login_always_returns_to_the_one_launch_url(client, platform):
    params = {"iss": platform.issuer, "client_id": platform.client_id, "login_hint": "x"}

    response = client.get(reverse("lti:login"), {**params, "lti1p3_new_window": "1"})

    assert response.status_code == 302
    redirect = parse_qs(urlsplit(response["Location"]).query)
    assert redirect["redirect_uri"] == ["http://testserver/lti/launch/"]
    assert redirect["client_id"] == [platform.client_id]
    assert response["Location"].startswith(platform.auth_url)

"""The first instructor launch from an LMS course, by someone who already teaches in Rapport:
a new Rapport course for it, or one of theirs linked."""

import html
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils.timezone import now
from lti_tool.models import LtiRegistration, LtiUser

from rapport.core.enums import JoinedVia, MembershipStatus, Role
from rapport.core.testing.caches import clear_own_cache
from rapport.core.testing.headers import csp_directives
from rapport.core.testing.queries import count_queries
from rapport.courses.models import Course, Membership
from rapport.factories import CourseFactory, MembershipFactory
from rapport.integrations.lti.models import CourseLink, RosterSync
from rapport.integrations.lti.pending_choices import CHOICE_VALID_FOR
from rapport.integrations.lti.testing import (
    LEARNER,
    LTI,
    NRPS_CLAIM,
    NRPS_URL,
    TestPlatform,
    assert_refused,
    roster_sync_make,
)

CHOICE_PATH = "/lti/course-choice/"


@pytest.fixture
def teacher(cast, platform):
    """cast.instructor, known to the platform as teacher-1: they teach Environmental
    Science 101 in Rapport (and the outsider teaches Poetry Workshop)."""
    LtiUser.objects.create(
        registration=platform.registration, sub="teacher-1", auth_user=cast.instructor
    )
    return cast.instructor


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def signed_in_as(client):
    return client.session.get("_auth_user_id")


def launch_to_choice(client, platform, **claims) -> str:
    response = platform.launch_as(client, sub="teacher-1", **claims)
    assert response.status_code == 302
    assert response["Location"].startswith(CHOICE_PATH)
    return response["Location"]


def test_an_instructor_who_teaches_in_rapport_chooses_first(client, platform, cast, teacher):
    choice_url = launch_to_choice(client, platform)

    assert (Course.objects.count(), CourseLink.objects.count()) == (2, 0)
    assert signed_in_as(client) is None
    page = client.get(choice_url)
    text = page_text(page)
    assert "Make a new Rapport course for Biology 101" in text
    assert "Link Environmental Science 101" in text
    assert "Poetry Workshop" not in text  # the outsider's course
    assert csp_directives(page)["frame-ancestors"][:2] == ["'self'", "https://lms.example.edu"]


@pytest.mark.parametrize(
    "unlinkable", ["archived", "ta-only", "removed", "linked-on-this-platform"]
)
def test_no_choice_when_they_have_no_course_to_link(client, platform, cast, teacher, unlinkable):
    their = Membership.objects.filter(course=cast.course, user=teacher)
    if unlinkable == "archived":
        Course.objects.filter(pk=cast.course.pk).update(archived_at=now())
    elif unlinkable == "ta-only":
        their.update(role=Role.TA)
    elif unlinkable == "removed":
        their.update(status=MembershipStatus.REMOVED)
    else:
        roster_sync_make(cast.course, issuer=platform.issuer)

    response = platform.launch_as(client, sub="teacher-1")

    course = Course.objects.get(title="Biology 101")
    assert response["Location"] == course.get_absolute_url()
    assert int(signed_in_as(client)) == teacher.pk


def test_a_course_linked_from_another_platform_can_still_be_linked(client, platform, cast, teacher):
    roster_sync_make(cast.course, issuer="https://other-lms.example.org")

    text = page_text(client.get(launch_to_choice(client, platform)))

    assert "Link Environmental Science 101" in text


def test_choosing_a_new_course_makes_it_as_a_launch_would(client, platform, teacher):
    choice_url = launch_to_choice(client, platform, **{LTI + "custom": {"term": "Fall 2027"}})

    response = client.post(choice_url, {"course": "new"})

    course = Course.objects.get(title="Biology 101")
    assert (course.term, response["Location"]) == ("Fall 2027", course.get_absolute_url())
    assert CourseLink.objects.get().course == course
    membership = Membership.objects.get(course=course)
    assert (membership.user, membership.role, membership.joined_via) == (
        teacher,
        Role.INSTRUCTOR,
        JoinedVia.LTI,
    )
    assert int(signed_in_as(client)) == teacher.pk


def test_linking_their_course_opens_it_for_everyone_in_the_lms_course(
    client, platform, cast, teacher
):
    choice_url = launch_to_choice(client, platform)

    response = client.post(choice_url, {"course": str(cast.course.pk)})

    assert response["Location"] == cast.course.get_absolute_url()
    assert CourseLink.objects.get().course == cast.course
    assert CourseLink.objects.get().linked_by == teacher
    assert Course.objects.count() == 2
    assert int(signed_in_as(client)) == teacher.pk
    assert client.get(response["Location"]).status_code == 200
    client.logout()
    learner = platform.launch_as(client, sub="learner-1", roles=LEARNER)
    assert learner["Location"] == cast.course.get_absolute_url()
    assert Membership.objects.get(user__lti_users__sub="learner-1").course == cast.course
    client.logout()
    again = platform.launch_as(client, sub="teacher-1")
    assert again["Location"] == cast.course.get_absolute_url()
    kept = Membership.objects.get(course=cast.course, user=teacher)
    assert (kept.role, kept.joined_via) != (Role.INSTRUCTOR, JoinedVia.LTI)  # as it was


def test_after_the_choice_the_launch_goes_on_to_sync_and_its_page(client, platform, cast, teacher):
    target = f"/c/{cast.course.slug}/people/"
    nrps = {"context_memberships_url": NRPS_URL, "service_versions": ["2.0"]}
    choice_url = launch_to_choice(
        client, platform, **{NRPS_CLAIM: nrps, LTI + "custom": {"rapport_target": target}}
    )

    response = client.post(choice_url, {"course": str(cast.course.pk)})

    assert response["Location"] == target
    assert RosterSync.objects.filter(link__course=cast.course, requested_by=teacher).exists()


@pytest.mark.parametrize("whose", ["outsiders", "not-a-number", "archived-own"])
def test_a_course_they_may_not_link_is_refused_and_nothing_linked(
    client, platform, cast, teacher, whose
):
    choice_url = launch_to_choice(client, platform)
    value = {"outsiders": str(cast.other_course.pk), "not-a-number": "1 OR 1=1"}.get(whose)
    if whose == "archived-own":
        Course.objects.filter(pk=cast.course.pk).update(archived_at=now())
        value = str(cast.course.pk)

    response = client.post(choice_url, {"course": value})

    assert_refused(response, 403, "Nothing was linked")
    assert (CourseLink.objects.count(), Course.objects.count()) == (0, 2)
    assert signed_in_as(client) is None
    assert_refused(client.post(choice_url, {"course": "new"}), 400, "already made")


def test_a_choice_is_made_once(client, platform, teacher):
    choice_url = launch_to_choice(client, platform)
    client.post(choice_url, {"course": "new"})

    response = client.post(choice_url, {"course": "new"})

    assert_refused(response, 400, "expired or was already made")
    assert Course.objects.filter(title="Biology 101").count() == 1


def test_an_expired_choice_is_refused(client, platform, teacher):
    choice_url = launch_to_choice(client, platform)

    with time_machine.travel(now() + timedelta(seconds=CHOICE_VALID_FOR + 1)):
        assert_refused(client.get(choice_url), 400, "expired")
        assert_refused(client.post(choice_url, {"course": "new"}), 400, "expired")

    assert CourseLink.objects.count() == 0


def test_a_choice_belongs_to_the_browser_that_launched(client, platform, cast, teacher):
    choice_url = launch_to_choice(client, platform)
    other_browser = Client()

    response = other_browser.post(choice_url, {"course": str(cast.course.pk)})

    assert_refused(response, 400, "expired or was already made")
    assert CourseLink.objects.count() == 0
    assert_refused(client.get(CHOICE_PATH + "made-up-key/"), 400, "expired")


def test_the_choice_needs_its_csrf_token(platform, cast, teacher):
    browser = Client(enforce_csrf_checks=True)
    choice_url = launch_to_choice(browser, platform)

    assert browser.post(choice_url, {"course": str(cast.course.pk)}).status_code == 403
    assert CourseLink.objects.count() == 0
    browser.get(choice_url)
    token = browser.cookies["csrftoken"].value
    response = browser.post(
        choice_url, {"course": str(cast.course.pk), "csrfmiddlewaretoken": token}
    )
    assert response["Location"] == cast.course.get_absolute_url()


def test_choosing_nothing_asks_again(client, platform, teacher):
    choice_url = launch_to_choice(client, platform)

    response = client.post(choice_url, {})

    assert response.status_code == 400
    assert "Choose a new course or one of yours" in page_text(response)
    assert client.post(choice_url, {"course": "new"}).status_code == 302


def test_a_learner_is_refused_while_the_instructor_is_choosing(client, platform, teacher):
    launch_to_choice(client, platform)

    response = platform.launch_as(Client(), sub="learner-1", roles=LEARNER)

    assert_refused(response, 403, "hasn't opened Rapport in this course yet")


def test_a_choice_made_after_another_instructor_linked_opens_their_course(
    client, platform, cast, teacher
):
    choice_url = launch_to_choice(client, platform)
    platform.launch_as(Client(), sub="teacher-2")  # new to Rapport: their course is made

    response = client.post(choice_url, {"course": str(cast.course.pk)})

    linked = CourseLink.objects.get().course
    assert linked.title == "Biology 101"
    assert response["Location"] == linked.get_absolute_url()
    assert Membership.objects.get(course=linked, user=teacher).role == Role.INSTRUCTOR


def test_a_deep_linking_launch_chooses_then_opens_the_picker(client, platform, cast, teacher):
    deep_linking = {
        LTI + "message_type": "LtiDeepLinkingRequest",
        "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings": {
            "deep_link_return_url": "https://lms.example.edu/deep_links",
            "accept_types": ["ltiResourceLink"],
            "accept_presentation_document_targets": ["iframe"],
        },
    }
    choice_url = launch_to_choice(client, platform, **deep_linking)

    response = client.post(choice_url, {"course": str(cast.course.pk)})

    assert response["Location"] == reverse("lti:deep_link")
    assert "Add Rapport to Environmental Science 101" in page_text(
        client.get(reverse("lti:deep_link"))
    )


def test_an_instructor_of_another_platform_is_someone_else(client, platform, mocked, teacher):
    other = TestPlatform(issuer="https://other-lms.example.org", client_id="other")
    other.register()
    other.mock(mocked)

    response = other.launch_as(client, sub="teacher-1")

    assert not response["Location"].startswith(CHOICE_PATH)


def test_the_choice_page_costs_the_same_queries_for_many_courses(client, platform, teacher):
    choice_url = launch_to_choice(client, platform)
    few = count_queries(client, choice_url)
    for number in range(8):
        course = CourseFactory(title=f"Old course {number}")
        MembershipFactory(course=course, user=teacher, role=Role.INSTRUCTOR)

    many = count_queries(client, choice_url)

    assert "Link Old course 7" in page_text(client.get(choice_url))
    assert many == few


def test_someone_else_signed_in_in_this_browser_is_signed_out_by_the_launch(
    client, platform, cast, teacher
):
    client.force_login(cast.outsider)

    choice_url = launch_to_choice(client, platform)

    assert signed_in_as(client) is None
    assert "Link Environmental Science 101" in page_text(client.get(choice_url))


def test_the_pending_launch_is_kept_in_the_session_not_the_cache(client, platform, cast, teacher):
    choice_url = launch_to_choice(client, platform)
    clear_own_cache()

    response = client.post(choice_url, {"course": str(cast.course.pk)})

    assert response["Location"] == cast.course.get_absolute_url()


def test_a_platform_switched_off_meanwhile_ends_the_choice(client, platform, cast, teacher):
    choice_url = launch_to_choice(client, platform)
    LtiRegistration.objects.filter(pk=platform.registration.pk).update(is_active=False)

    response = client.post(choice_url, {"course": str(cast.course.pk)})

    assert_refused(response, 400, "expired or was already made")
    assert CourseLink.objects.count() == 0

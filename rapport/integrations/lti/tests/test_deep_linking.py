"""Deep linking: an instructor picks Rapport pages, the LMS gets them signed, and a launch
of a placed item lands on its page."""

import html
import re
from types import SimpleNamespace

import jwt
import pytest
from django.urls import reverse

from rapport.core.testing.headers import csp_directives
from rapport.courses.models import Course
from rapport.groups.testing import group_make
from rapport.integrations.lti.testing import CLIENT_ID, DEEP_LINKING_CLAIM, ISSUER, LEARNER, LTI
from rapport.live.models import LiveSession
from rapport.live.testing import session_make
from rapport.walls.models import Board
from rapport.walls.testing import board_make

RETURN_URL = "https://lms.example.edu/courses/101/deep_linking_response"
DEEP_LINKING = {
    LTI + "message_type": "LtiDeepLinkingRequest",
    DEEP_LINKING_CLAIM: {
        "deep_link_return_url": RETURN_URL,
        "accept_types": ["ltiResourceLink"],
        "accept_presentation_document_targets": ["iframe", "window"],
        "accept_multiple": True,
        "data": "platform-opaque-data",
    },
}


@pytest.fixture
def course_with_pages(client, platform):
    """The LMS course's Rapport course, made by a first launch, with a wall, a live session
    and a peer group's own wall."""
    platform.launch_as(client, sub="teacher-1")
    course = Course.objects.get()
    people = SimpleNamespace(course=course, instructor=course.memberships.get().user)
    board_make(people, title="Ideas wall")
    session_make(people)
    return course


def picker_launch(client, platform, **claims):
    return platform.launch_as(client, sub="teacher-1", **{**DEEP_LINKING, **claims})


def test_deep_linking_offers_the_course_pages(client, platform, course_with_pages):
    response = picker_launch(client, platform)
    assert response["Location"] == reverse("lti:deep_link")

    page = html.unescape(client.get(reverse("lti:deep_link")).content.decode())

    for title in ("Biology 101 in Rapport", "Ideas wall", "Monday class", "Office hours"):
        assert title in page


def test_chosen_pages_go_back_to_the_platform_signed(client, platform, course_with_pages):
    picker_launch(client, platform)
    board = Board.objects.get(title="Ideas wall")

    response = client.post(reverse("lti:deep_link"), {"page": ["home", f"wall-{board.pk}"]})

    page = response.content.decode()
    assert f'action="{RETURN_URL}"' in page
    # the policy lets the form post there, and only there besides this site
    assert csp_directives(response)["form-action"] == ["'self'", "https://lms.example.edu"]
    token = re.search(r'name="JWT" value="([^"]+)"', page).group(1)
    jwks = client.get(reverse("lti:jwks")).json()
    assert jwt.get_unverified_header(token)["kid"] == jwks["keys"][0]["kid"]
    key = jwt.PyJWK(jwks["keys"][0]).key
    claims = jwt.decode(token, key, algorithms=["RS256"], audience=ISSUER)
    assert claims["iss"] == CLIENT_ID
    assert claims[LTI + "message_type"] == "LtiDeepLinkingResponse"
    assert claims["https://purl.imsglobal.org/spec/lti-dl/claim/data"] == "platform-opaque-data"
    items = claims["https://purl.imsglobal.org/spec/lti-dl/claim/content_items"]
    assert [item["title"] for item in items] == ["Biology 101 in Rapport", "Ideas wall"]
    assert {item["url"] for item in items} == {"http://testserver/lti/launch/"}
    assert items[1]["custom"] == {"rapport_target": board.get_absolute_url()}


def test_a_placed_item_opens_its_page(client, platform, course_with_pages):
    board = Board.objects.get(title="Ideas wall")
    client.logout()
    platform.launch_as(client, sub="learner-1", roles=LEARNER)

    response = platform.launch_as(
        client,
        sub="learner-1",
        roles=LEARNER,
        **{LTI + "custom": {"rapport_target": board.get_absolute_url()}},
    )

    assert response["Location"] == board.get_absolute_url()
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("gone", ["wall", "live-session"])
def test_an_item_whose_page_was_deleted_lands_on_the_course_home(
    client, platform, course_with_pages, gone
):
    thing = (Board if gone == "wall" else LiveSession).objects.get(course=course_with_pages)
    name = "walls:board" if gone == "wall" else "live:session"
    target = reverse(name, args=[course_with_pages.slug, thing.pk])
    assert (
        platform.launch_as(client, sub="teacher-1", **{LTI + "custom": {"rapport_target": target}})[
            "Location"
        ]
        == target
    )  # before it is deleted
    thing.delete()

    response = platform.launch_as(
        client, sub="teacher-1", **{LTI + "custom": {"rapport_target": target}}
    )

    assert response["Location"] == course_with_pages.get_absolute_url()
    home = client.get(response["Location"])
    assert home.status_code == 200
    assert "isn't in Rapport any more" in html.unescape(home.content.decode())


def test_a_course_page_without_an_object_still_opens(client, platform, course_with_pages):
    target = f"/c/{course_with_pages.slug}/people/"

    response = platform.launch_as(
        client, sub="teacher-1", **{LTI + "custom": {"rapport_target": target}}
    )

    assert response["Location"] == target
    page = html.unescape(client.get(target).content.decode())
    assert "isn't in Rapport any more" not in page


def test_a_peer_groups_wall_is_not_a_target(client, platform, course_with_pages, cast):
    wall = Board.objects.create(course=course_with_pages, group=group_make(cast), title="Ours")

    response = platform.launch_as(
        client, sub="teacher-1", **{LTI + "custom": {"rapport_target": wall.get_absolute_url()}}
    )

    assert response["Location"] == course_with_pages.get_absolute_url()


def test_a_choice_is_needed(client, platform, course_with_pages):
    picker_launch(client, platform)

    response = client.post(reverse("lti:deep_link"), {})

    assert response.status_code == 400
    assert "Choose at least one page" in response.content.decode()


def test_one_page_only_when_the_platform_takes_one(client, platform, course_with_pages):
    settings = {**DEEP_LINKING[DEEP_LINKING_CLAIM], "accept_multiple": False}
    picker_launch(client, platform, **{DEEP_LINKING_CLAIM: settings})
    assert 'type="radio"' in client.get(reverse("lti:deep_link")).content.decode()

    response = client.post(reverse("lti:deep_link"), {"page": ["home", "office-hours"]})

    token = re.search(r'name="JWT" value="([^"]+)"', response.content.decode()).group(1)
    items = jwt.decode(token, options={"verify_signature": False})[
        "https://purl.imsglobal.org/spec/lti-dl/claim/content_items"
    ]
    assert len(items) == 1


def test_a_peer_groups_wall_is_not_offered(client, platform, course_with_pages, cast):
    group = group_make(cast)
    Board.objects.create(course=course_with_pages, group=group, title="Group secrets")
    picker_launch(client, platform)

    assert "Group secrets" not in client.get(reverse("lti:deep_link")).content.decode()


def test_the_picker_needs_a_deep_linking_launch(client, platform, course_with_pages):
    # Signed in by an ordinary launch: no deep-linking request to answer.
    response = client.get(reverse("lti:deep_link"))

    assert response.status_code == 403
    assert "add content" in html.unescape(response.content.decode())


def test_the_picker_refuses_strangers(client, cast):
    client.force_login(cast.instructor)

    assert client.get(reverse("lti:deep_link")).status_code == 403


def test_the_picker_is_framed_by_the_platform_only(client, platform, course_with_pages):
    picker_launch(client, platform)

    response = client.get(reverse("lti:deep_link"))

    assert csp_directives(response)["frame-ancestors"][:2] == ["'self'", "https://lms.example.edu"]
    assert "X-Frame-Options" not in response

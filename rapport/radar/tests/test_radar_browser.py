"""The peer network and a learner's own connections in a real browser: axe finds no WCAG
2.1 AA violation, nothing scrolls sideways at 390 px, and the opt-out saves."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from rapport.core.kinds import TouchpointKind as K
from rapport.core.testing.browser import PHONE, browser, shoot, signed_in  # noqa: F401
from rapport.core.tests.test_accessibility_browser import axe_violations
from rapport.core.touchpoints import record
from rapport.courses.models import Membership, Role
from rapport.factories import MembershipFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def class_of_twelve(cast):
    """Made before the browser starts: Playwright's event loop then owns this thread."""
    course = cast.course
    people = [cast.learner, cast.other_learner]
    for n in range(10):
        person = UserFactory(preferred_name=f"Classmate {n}")
        MembershipFactory(course=course, user=person, role=Role.LEARNER)
        people.append(person)
    ties = [(0, 2), (2, 3), (3, 4), (4, 2), (5, 6), (1, 3), (0, 7)]
    now = timezone.now()
    for days, (a, b) in enumerate(ties, start=1):
        record(
            course=course,
            kind=K.POST_REPLY,
            actor=people[a],
            subject=people[b],
            occurred_at=now - timedelta(days=days),
        )
    record(
        course=course,
        kind=K.SHOUTOUT,
        actor=cast.instructor,
        subject=cast.learner,
        occurred_at=now - timedelta(days=2),
    )
    return cast


def _checked(page, path: str) -> list[str]:
    page.goto(path, wait_until="load")
    return axe_violations(page, path)


def test_the_network_page_is_accessible_and_fits_a_phone(class_of_twelve, live_server, browser):  # noqa: F811
    cast = class_of_twelve
    url = f"{live_server.url}/c/{cast.course.slug}/radar/network/"
    for viewport, name in ((DESKTOP, "radar-network.png"), (PHONE, "radar-network-phone.png")):
        errors = []
        page = signed_in(browser, live_server, cast.instructor, errors, viewport=viewport)
        assert _checked(page, url) == []
        svg = page.locator("svg.network__svg")
        expect(svg).to_have_attribute("role", "img")
        assert svg.locator("circle").count() == 12
        expect(page.get_by_text("Pair Classmate", exact=False).first).to_be_visible()
        if viewport is PHONE:
            shoot(page, name)
        assert errors == []
        page.context.close()


def test_a_learner_sees_their_own_connections_and_opts_out(class_of_twelve, live_server, browser):  # noqa: F811
    cast = class_of_twelve
    errors = []
    page = signed_in(browser, live_server, cast.learner, errors, viewport=PHONE)
    url = f"{live_server.url}/c/{cast.course.slug}/my-connections/"
    assert _checked(page, url) == []
    main = page.locator("main")
    expect(main).to_contain_text("Classmate 0")
    expect(main).to_contain_text("Classmate 5")
    expect(main).not_to_contain_text("Classmate 4")  # not theirs
    shoot(page, "my-connections-phone.png")
    page.get_by_label("Leave me out of partner suggestions").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator("body")).to_contain_text("you won't be suggested as a partner")
    assert Membership.objects.get(course=cast.course, user=cast.learner).peer_suggestions_opted_out
    assert errors == []

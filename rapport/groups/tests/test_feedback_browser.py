"""Peer feedback on a phone (390 px) in a real browser: a learner asks their group, a
groupmate answers in the chosen structure, the author says thank you in place; the teaching
team's table. With SCREENSHOTS=1, screenshots go to var/screenshots/."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from rapport.groups.feedback import services
from rapport.groups.feedback.testing import membership_of
from rapport.groups.models import FeedbackReply, FeedbackRequest
from rapport.groups.testing import group_make, learner_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

from rapport.core.testing.browser import browser, shoot, signed_in  # noqa: E402, F401


@pytest.fixture
def group(cast):
    """Made before the browser starts (Playwright's event loop then owns this thread)."""
    return group_make(cast, users=[cast.learner, learner_make(cast, "kai")])


def test_ask_answer_and_thank_on_a_phone(cast, group, live_server, browser):  # noqa: F811
    kai = group.members.exclude(user=cast.learner).get().user
    errors = []

    page = signed_in(browser, live_server, cast.learner, errors)
    page.goto(live_server.url + group.get_absolute_url())
    page.get_by_role("link", name="Ask for feedback").click()
    page.get_by_label("What are you sharing?").fill("My wetlands poster")
    page.get_by_label("Your work, or a note about it").fill("Is the **title** clear?")
    page.get_by_label("A glow and a grow").check()
    shoot(page, "groups-feedback-ask-390.png")
    page.get_by_role("button", name="Ask for feedback").click()
    expect(page.get_by_role("heading", name="My wetlands poster")).to_be_visible()
    asked = FeedbackRequest.objects.get()

    mate = signed_in(browser, live_server, kai, errors)
    mate.goto(live_server.url + asked.get_absolute_url())
    mate.get_by_label("A glow").fill("The photo of the heron!")
    mate.get_by_label("A grow").fill("A bigger title")
    shoot(mate, "groups-feedback-answer-390.png")
    mate.get_by_role("button", name="Send my feedback").click()
    expect(mate.get_by_text("Change your feedback")).to_be_visible()

    page.reload()
    expect(page.get_by_text("The photo of the heron!")).to_be_visible()
    page.get_by_role("button", name="Say thank you to Kai").click()
    expect(page.get_by_text("You said thank you")).to_be_visible()
    shoot(page, "groups-feedback-thanked-390.png")
    assert FeedbackReply.objects.get().thanked_at is not None

    staff = signed_in(browser, live_server, cast.instructor, errors)
    staff.goto(
        live_server.url
        + reverse("groups:feedback_report", args=["env-sci", group.round.group_set_id])
    )
    expect(staff.get_by_role("cell", name="1").first).to_be_visible()
    shoot(staff, "groups-feedback-report-390.png")
    assert errors == []


@pytest.fixture
def long_words(cast, group):
    return services.feedback_request_create(
        group=group,
        member=membership_of(cast, cast.learner),
        title="Photosynthesis" * 8,
        body="https://example.org/" + "a" * 200,
        link_url="https://example.org/" + "b" * 300,
    )


def test_the_pages_fit_a_phone_with_long_words(
    cast,
    group,
    long_words,
    live_server,
    browser,  # noqa: F811
):
    errors = []
    page = signed_in(browser, live_server, cast.learner, errors)
    page.goto(live_server.url + long_words.get_absolute_url())
    shoot(page, "groups-feedback-long-390.png")
    page.goto(live_server.url + group.get_absolute_url())
    shoot(page, "groups-feedback-group-390.png")
    assert errors == []

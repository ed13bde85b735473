"""An event in a real browser: a learner on a phone reads the time in their own zone, says
they'll come and sees their place counted; staff plan one through the form."""

import pytest
from playwright.sync_api import expect

from rapport.core.testing.browser import browser, signed_in  # noqa: F401
from rapport.events.models import Event, RsvpStatus
from rapport.events.testing import event_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 900}


@pytest.fixture
def coffee_chat(cast):
    cast.learner.timezone = "Europe/London"
    cast.learner.save(update_fields=["timezone"])
    return event_make(
        cast,
        title="Coffee chat",
        capacity=4,
        meeting_link="https://meet.example.test/coffee",
        timezone="America/Chicago",
    )


def test_a_learner_says_theyll_come(
    cast,
    coffee_chat,
    live_server,
    browser,  # noqa: F811
):
    errors = []
    page = signed_in(browser, live_server, cast.learner, errors, viewport=PHONE)
    page.goto(f"{live_server.url}/c/{cast.course.slug}/events/")
    expect(page.get_by_text("your time (Europe/London)").first).to_be_visible()
    page.get_by_role("link", name="Coffee chat").click()
    expect(page.get_by_text("4 of 4 places left")).to_be_visible()
    page.get_by_role("button", name="I'll come").click()
    expect(page.get_by_text("3 of 4 places left")).to_be_visible()
    expect(page.get_by_text("You're going")).to_be_visible()
    assert coffee_chat.rsvps.get(user=cast.learner).status == RsvpStatus.GOING
    assert not errors, errors


def test_staff_plan_an_event(
    cast,
    live_server,
    browser,  # noqa: F811
):
    errors = []
    page = signed_in(browser, live_server, cast.instructor, errors, viewport=WIDE)
    page.goto(f"{live_server.url}/c/{cast.course.slug}/events/new/")
    page.get_by_label("What kind of event").select_option("game_night")
    page.get_by_label("Title").fill("Trivia night")
    page.get_by_label("Starts").fill("2030-05-03T19:00")
    page.get_by_label("Ends").fill("2030-05-03T18:00")
    page.get_by_role("button", name="Plan it").click()
    expect(page.get_by_text("The event must end after it starts.")).to_be_visible()
    assert not Event.objects.exists()
    page.get_by_label("Ends").fill("2030-05-03T20:30")
    page.get_by_role("button", name="Plan it").click()
    expect(page.get_by_role("heading", name="Trivia night")).to_be_visible()
    assert Event.objects.get().timezone == "America/Chicago"
    assert not errors, errors

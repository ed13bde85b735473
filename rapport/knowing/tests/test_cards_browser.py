"""htmx on the roster, the card and the celebrate page, in a real browser: each change lands
in place without a page load."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from rapport.core.kinds import TouchpointKind
from rapport.core.testing.browser import browser, signed_in  # noqa: F401
from rapport.knowing.models.milestones import Celebration
from rapport.knowing.models.notes import StaffNote
from rapport.knowing.tests.test_cards_helpers import give_intro_answers, touch

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DESKTOP = {"width": 1200, "height": 900}


@pytest.fixture
def course_with_news(cast):
    """Made before the browser starts: Playwright's event loop then owns this thread."""
    give_intro_answers(cast.course, cast.learner, interests=["Birds"], goals="Wildfire smoke")
    give_intro_answers(cast.course, cast.other_learner, interests=["Books"])
    touch(
        cast.course,
        kind=TouchpointKind.TOPIC_STARTED,
        actor=cast.learner,
        at=timezone.now() - timedelta(hours=3),
    )
    return cast


def mark_page(page) -> None:
    page.evaluate("window.__stillHere = true")


def assert_no_reload(page) -> None:
    assert page.evaluate("window.__stillHere === true"), "the page reloaded"


def test_roster_filters_note_and_celebration_work_in_place(
    course_with_news,
    live_server,
    browser,  # noqa: F811
):
    cast = course_with_news
    errors = []
    page = signed_in(
        browser, live_server, cast.instructor, errors, viewport=DESKTOP, accept_dialogs=True
    )

    page.goto(f"{live_server.url}/c/env-sci/learners/")
    mark_page(page)
    grid = page.locator("#roster-results")
    expect(grid.locator(".learner-tile")).to_have_count(2)
    page.get_by_label("Search").fill("wildfire")
    expect(grid.locator(".learner-tile")).to_have_count(1)
    expect(grid).to_contain_text("Learner")
    assert "q=wildfire" in page.url
    page.get_by_label("Search").fill("")
    page.get_by_label("Interest", exact=True).select_option("Books")
    expect(grid.locator(".learner-tile")).to_have_count(1)
    expect(grid).to_contain_text("Other_Learner")
    assert_no_reload(page)

    page.goto(f"{live_server.url}/c/env-sci/learners/{cast.learner.pk}/")
    mark_page(page)
    page.get_by_label("Add a note").fill("Prefers async check-ins")
    page.get_by_role("button", name="Save note").click()
    notes = page.locator("#notes")
    expect(notes).to_contain_text("Prefers async check-ins")
    expect(page.get_by_label("Add a note")).to_have_value("")
    page.get_by_role("link", name="Edit note").click()
    page.locator("#notes textarea").nth(1).fill("Prefers async check-ins, mornings")
    page.get_by_role("button", name="Save changes").click()
    expect(notes).to_contain_text("Prefers async check-ins, mornings")
    assert StaffNote.objects.get().body == "Prefers async check-ins, mornings"
    page.get_by_role("button", name="Delete note").click()
    expect(notes).not_to_contain_text("Prefers async")
    assert not StaffNote.objects.exists()
    assert_no_reload(page)

    page.goto(f"{live_server.url}/c/env-sci/celebrate/")
    mark_page(page)
    page.get_by_role("button", name="Send congratulations").click()
    expect(page.get_by_text("Your note is on its way to Learner")).to_be_visible()
    assert Celebration.objects.get().learner == cast.learner
    assert_no_reload(page)
    assert not errors, errors

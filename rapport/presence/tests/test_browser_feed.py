"""presence.js and htmx in a real browser: a learner finishes a video check-in in the feed
(the server hears of it once, the "New" marker goes), and reacts without a page load."""

import pytest
from playwright.sync_api import expect

from rapport.core.kinds import TouchpointKind
from rapport.core.models import Touchpoint
from rapport.core.testing.browser import PHONE, browser, signed_in  # noqa: F401
from rapport.presence import services
from rapport.presence.models import MessageView, Reaction
from rapport.presence.tests.helpers import make_media

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def video_checkin(cast):
    """Made before the browser starts: Playwright's event loop then owns this thread, and
    the services' after-commit pushes could not run in it."""
    return services.checkin_post(
        course=cast.course,
        author=cast.instructor,
        title="Week 1: hello",
        media_id=make_media(cast.course, cast.instructor).public_id,
    )


def test_a_learner_finishes_a_video_in_the_feed_and_reacts(
    cast,
    video_checkin,
    live_server,
    browser,  # noqa: F811
):
    checkin = video_checkin
    errors = []
    page = signed_in(browser, live_server, cast.learner, errors)
    page.goto(f"{live_server.url}/c/env-sci/messages/")
    card = page.locator(f"#message-{checkin.pk}")
    expect(card.get_by_text("New")).to_be_visible()

    # Whether this Chromium can decode the clip or not, the player says it ended.
    for _ in range(2):
        card.locator("video").evaluate("v => v.dispatchEvent(new Event('ended'))")
    expect(card.get_by_text("New")).to_be_hidden()
    view = MessageView.objects.get(user=cast.learner)
    assert view.completed_at is not None
    assert Touchpoint.objects.filter(kind=TouchpointKind.CHECKIN_WATCHED).count() == 1

    url_before = page.url
    card.get_by_role("group", name="Reactions").locator("summary").click()
    card.locator(".react-picker__choices").get_by_role("button", name="Celebrate").click()
    expect(card.get_by_role("button", name="Celebrate: 1")).to_have_attribute(
        "aria-pressed", "true"
    )
    assert page.url == url_before
    assert Reaction.objects.filter(user=cast.learner, emoji="🎉").exists()
    assert not errors, errors

"""A classmate reads a check-in's transcript in a real browser at phone size: the page
meets WCAG 2.1 AA, a caption's time plays the recording from there, and the box under the
summary shows only the captions holding the words typed."""

import pytest
from playwright.sync_api import expect

from rapport.core.testing.browser import browser, shoot, signed_in  # noqa: F401
from rapport.core.tests.test_accessibility_browser import axe_violations
from rapport.media.models import Caption
from rapport.media.testing import media_item_ready
from rapport.presence import services as presence

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

THREE_CUES = (
    "WEBVTT\n\n"
    "00:00.000 --> 00:00.300\nRain falls on the hills\n\n"
    "00:00.300 --> 00:00.600\nit runs into the river\n\n"
    "00:00.600 --> 00:01.000\nand the river meets the sea\n"
)


def test_a_transcript_seeks_and_filters(cast, live_server, browser):  # noqa: F811
    media = media_item_ready(course=cast.course, owner=cast.instructor)
    Caption.objects.create(media=media, language="en", label="English", vtt=THREE_CUES)
    checkin = presence.checkin_post(
        course=cast.course, author=cast.instructor, title="Week 2", media_id=media.public_id
    )
    errors = []
    page = signed_in(browser, live_server, cast.learner, errors)
    url = live_server.url + checkin.get_absolute_url()
    page.goto(url, wait_until="load")
    page.get_by_text("Read the transcript").click()
    expect(page.get_by_role("button", name="Play from 0:00")).to_have_count(3)
    assert axe_violations(page, url) == []

    video = page.get_by_label("Video recording")
    page.locator("button[data-seek='0.600']").click()
    assert 0.6 <= video.evaluate("video => { video.pause(); return video.currentTime; }") <= 1

    search = page.get_by_label("Show only captions with")
    search.fill("RIVER")
    expect(page.locator("[data-transcript-cue]:visible")).to_have_count(2)
    expect(page.get_by_role("status").filter(has_text="captions shown")).to_have_text(
        "2 of 3 captions shown."
    )
    search.fill("river sea")
    expect(page.locator("[data-transcript-cue]:visible")).to_have_count(1)
    expect(page.get_by_text("Rain falls on the hills")).to_be_hidden()
    shoot(page, "captions-transcript-phone.png")
    search.fill("")
    expect(page.locator("[data-transcript-cue]:visible")).to_have_count(3)
    assert errors == []


def test_without_javascript_the_transcript_is_plain_text(cast, live_server, browser):  # noqa: F811
    media = media_item_ready(course=cast.course, owner=cast.instructor)
    Caption.objects.create(media=media, language="en", label="English", vtt=THREE_CUES)
    checkin = presence.checkin_post(
        course=cast.course, author=cast.instructor, title="Week 2", media_id=media.public_id
    )
    page = signed_in(browser, live_server, cast.learner, [], java_script_enabled=False)
    page.goto(live_server.url + checkin.get_absolute_url(), wait_until="load")
    page.get_by_text("Read the transcript").click()
    expect(page.get_by_text("and the river meets the sea")).to_be_visible()
    expect(page.locator("[data-transcript] button")).to_have_count(0)
    expect(page.get_by_label("Show only captions with")).to_be_hidden()


@pytest.fixture
def wall_clip(cast):
    """A board with a learner's captioned clip, made before the browser's event loop runs
    (adding a card tells the board's followers, which is refused from inside that loop)."""
    from rapport.walls import services as walls
    from rapport.walls.testing import board_make, member

    board = board_make(cast)
    media = media_item_ready(course=cast.course, owner=cast.learner)
    Caption.objects.create(media=media, language="en", label="English", vtt=THREE_CUES)
    walls.card_add(board=board, member=member(cast, "learner"), kind="clip", clip=media)
    return board


def test_a_wall_clips_transcript_drawn_by_the_boards_script(cast, wall_clip, live_server, browser):  # noqa: F811
    errors = []
    page = signed_in(browser, live_server, cast.other_learner, errors)
    url = f"{live_server.url}/c/{cast.course.slug}/walls/{wall_clip.pk}/"
    page.goto(url, wait_until="load")
    card = page.locator("[data-card]")
    expect(card.locator("[data-transcript][data-transcript-ready]")).to_have_count(1)
    expect(card.get_by_text("Captions:")).to_have_count(0)  # the status is for its managers
    card.get_by_text("Read the transcript").click()
    card.get_by_label("Show only captions with").fill("river")
    expect(card.locator("[data-transcript-cue]:visible")).to_have_count(2)
    video = card.get_by_label("Video clip")
    card.locator("button[data-seek='0.600']").click()
    assert 0.6 <= video.evaluate("video => { video.pause(); return video.currentTime; }") <= 1
    assert axe_violations(page, url) == []
    shoot(page, "captions-wall-clip-phone.png")
    assert errors == []

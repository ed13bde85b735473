"""The cue editor in a real browser at phone size: the page meets WCAG 2.1 AA; a caption's
words are corrected, times nudged with the keyboard and a button, captions split (in half
and at the caret), merged, deleted and added, and what is saved is the WebVTT the page showed."""

import pytest
from playwright.sync_api import expect

from rapport.core.testing.browser import browser, shoot, signed_in  # noqa: F401
from rapport.core.tests.test_accessibility_browser import axe_violations
from rapport.media.models import Caption
from rapport.media.tests.test_caption_cues import STORED

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_cues_are_corrected_split_merged_and_saved(learner_media, live_server, browser):  # noqa: F811
    Caption.objects.create(media=learner_media, language="en", label="English", vtt=STORED)
    errors = []
    page = signed_in(browser, live_server, learner_media.owner, errors)
    url = (
        f"{live_server.url}/c/{learner_media.course.slug}/media/"
        f"{learner_media.public_id}/captions/en/cues/"
    )
    page.goto(url, wait_until="load")
    expect(page.get_by_role("button", name="Play from 0:00.300 (caption 2)")).to_be_visible()
    assert axe_violations(page, url) == []
    video = page.locator("video")
    page.get_by_role("button", name="Play from 0:00.300 (caption 2)").click()
    assert 0.3 <= video.evaluate("video => { video.pause(); return video.currentTime; }") <= 1
    video.evaluate("video => { video.currentTime = 0.45; }")  # the player is in caption 2
    expect(page.locator("[data-cue]").nth(1)).to_have_attribute("aria-current", "time")
    expect(page.locator(".cue--playing")).to_have_count(1)

    first_words = page.get_by_label("Words").first
    first_words.fill("Hello, everyone")
    first_words.press("Alt+ArrowRight")  # the first caption starts 0.1 s later
    expect(page.locator("#cue-1-start")).to_have_value("0:00.100")
    expect(page.locator("[data-cue-status]")).to_have_text("Caption 1 starts at 0:00.100.")

    # no caret placed: split in half at the space nearest the middle, the time in proportion
    page.get_by_role("button", name="Split caption 1").click()
    expect(page.locator("#cue-1-text")).to_have_value("Hello,")
    expect(page.locator("#cue-2-text")).to_have_value("everyone")
    expect(page.locator("#cue-2-start")).to_have_value("0:00.180")
    expect(page.locator("#cue-2-text")).to_be_focused()

    page.get_by_role("button", name="Merge with next (caption 3 with 4)").click()
    expect(page.locator("#cue-3-text")).to_have_value("welcome to week two")
    expect(page.locator("[data-cue]")).to_have_count(3)
    expect(page.get_by_role("button", name="Merge with next")).to_have_count(2)  # not the last
    # the caret placed after "welcome to": split there
    third_words = page.locator("#cue-3-text")
    third_words.click()
    third_words.press("End")
    for _ in range(len(" week two")):
        third_words.press("ArrowLeft")
    page.get_by_role("button", name="Split caption 3").click()
    expect(page.locator("#cue-4-text")).to_have_value("week two")
    # delete a caption, then add one in the time it left
    expect(page.get_by_text("Add a caption", exact=True)).to_have_count(0)  # buttons instead
    expect(page.locator("[data-cue-remove-box]:visible")).to_have_count(0)
    page.get_by_role("button", name="Delete caption 2").click()
    expect(page.locator("[data-cue]")).to_have_count(3)
    expect(page.locator("#cue-2-text")).to_have_value("welcome to")
    expect(page.locator("#cue-2-text")).to_be_focused()
    page.get_by_role("button", name="Add after caption 1").click()
    expect(page.locator("#cue-2-start")).to_have_value("0:00.180")
    expect(page.locator("#cue-2-end")).to_have_value("0:00.300")
    expect(page.locator("#cue-2-text")).to_be_focused()
    page.locator("#cue-2-text").fill("everybody")
    page.get_by_role("button", name="+0.1 s (end of caption 4)").click()
    expect(page.locator("#cue-4-end")).to_have_value("0:01.000")
    shoot(page, "caption-cues-phone.png")

    # leaving with changes not saved asks first; staying keeps them
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    page.get_by_role("link", name="Back to captions").click(no_wait_after=True)
    expect(page.locator("#cue-4-text")).to_have_value("week two")
    assert asked == ["beforeunload"]

    page.get_by_role("button", name="Save captions").click()
    expect(page.get_by_text("Your caption changes are saved.")).to_be_visible()
    assert Caption.objects.get(media=learner_media).vtt == (
        "WEBVTT\n\n"
        "00:00:00.100 --> 00:00:00.180\nHello,\n\n"
        "00:00:00.180 --> 00:00:00.300\neverybody\n\n"
        "00:00:00.300 --> 00:00:00.616\nwelcome to\n\n"
        "00:00:00.616 --> 00:00:01.000\nweek two\n"
    )
    assert errors == []

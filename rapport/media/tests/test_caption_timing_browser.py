"""Pasting what was said on the captions page, in a real browser: the page meets WCAG 2.1
AA, fits a phone, and the pasted text becomes the English captions."""

import pytest
from playwright.sync_api import expect

from rapport.core.testing.browser import browser, shoot, signed_in  # noqa: F401
from rapport.core.tests.test_accessibility_browser import axe_violations
from rapport.media.captions.tests.clips import reference
from rapport.media.models import Caption

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pasted_text_becomes_captions_on_an_accessible_page(spoken_media, live_server, browser):  # noqa: F811
    errors = []
    page = signed_in(browser, live_server, spoken_media.owner, errors)
    url = f"{live_server.url}/c/{spoken_media.course.slug}/media/{spoken_media.public_id}/captions/"
    page.goto(url, wait_until="load")
    assert axe_violations(page, url) == []
    expect(page.locator("#caption-timings")).to_contain_text("Captions: none yet.")
    page.get_by_label("Paste what you said").fill(reference("names")["text"])
    page.get_by_role("button", name="Make English captions").click()
    # tasks run at once in tests: the redirect already shows the result
    expect(page.locator("#caption-timings")).to_contain_text("English captions: ready")
    shoot(page, "captions-from-text-phone.png")
    assert "Aroha" in Caption.objects.get(media=spoken_media).vtt
    assert errors == []

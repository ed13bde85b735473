"""The sign-up form proposes the zone the browser is in."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from rapport.core.testing.browser import browser  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_up_proposes_the_browsers_time_zone(browser, live_server):  # noqa: F811
    page = browser.new_context(timezone_id="Asia/Tokyo").new_page()
    page.goto(live_server.url + "/accounts/signup/")
    zone = page.get_by_label("Your time zone")
    expect(zone).to_have_value("Asia/Tokyo")
    page.get_by_label("What should we call you?").fill("Aiko")
    page.get_by_label("Email").fill("aiko@example.test")
    page.get_by_label("Password", exact=True).fill("a-long-walk-by-the-river")
    page.get_by_label("Password (again)").fill("a-long-walk-by-the-river")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    person = get_user_model().objects.get(email="aiko@example.test")
    assert (person.timezone, person.timezone_chosen) == ("Asia/Tokyo", True)

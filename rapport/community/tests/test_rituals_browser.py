"""Shout-outs and rituals on a phone (390 px), in Debian's Chromium, on the demo class:
every page fits the screen, a learner reacts and replies without a page load, votes in Fun
Friday and gives a shout-out with the face picker. With SCREENSHOTS=1, screenshots go to
var/screenshots/."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from rapport.community.models.rituals import Ritual, RitualReaction, RitualReply
from rapport.community.models.shoutouts import Shoutout
from rapport.core.testing.browser import PHONE, browser, screenshot, session_for  # noqa: F401
from rapport.courses.models import Course
from rapport.demo.testing import on_a_saturday

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo():
    """The demo class, seeded before the browser starts (Playwright's loop then owns this
    thread, and after-commit work could not run in it), as on the latest Saturday at noon in
    the course's zone (both demo rituals have a round open), with the clock there for the
    test (rapport/demo/testing.py)."""
    with on_a_saturday():
        yield Course.objects.get(slug="env-sci-101")


def phone(browser, live_server, email, errors):  # noqa: F811
    session = session_for(get_user_model().objects.get(email=email))
    context = browser.new_context(viewport=PHONE, device_scale_factor=1)
    context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    return page


def visit(page, url: str, shot: str) -> None:
    page.goto(url)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{url} is {width}px wide on a phone"
    screenshot(page, f"{shot}-390.png")


def test_a_learner_takes_part_in_rituals_on_a_phone(demo, live_server, browser):  # noqa: F811
    errors = []
    page = phone(browser, live_server, "learner@rapport.test", errors)
    base = f"{live_server.url}/c/{demo.slug}"
    visit(page, f"{base}/rituals/", "rituals-list-learner")
    win = Ritual.objects.get(course=demo, title="Win of the Week")
    visit(page, f"{base}/rituals/{win.pk}/", "rituals-win-of-the-week-learner")
    expect(page.get_by_role("button", name="Share my answer")).to_be_visible()

    # React and reply in place: no page load.
    post = page.locator("article.post").first
    before = page.url
    post.locator(".react-picker summary").click()
    post.locator(".react-picker__choices").get_by_role("button", name="Applause").click()
    expect(post.get_by_role("button", name="Applause").first).to_have_attribute(
        "aria-pressed", "true"
    )
    post.locator("summary", has_text="Reply").click()
    post.get_by_placeholder("Say something kind").fill("Go you!")
    post.get_by_role("button", name="Send").click()
    expect(post.get_by_text("Go you!")).to_be_visible()
    assert page.url == before
    sam = get_user_model().objects.get(email="learner@rapport.test")
    assert RitualReaction.objects.filter(user=sam, emoji="👏").exists()
    assert RitualReply.objects.filter(author=sam, body="Go you!").exists()
    screenshot(page, "rituals-after-react-reply-390.png")

    fun = Ritual.objects.get(course=demo, title="Fun Friday")
    visit(page, f"{base}/rituals/{fun.pk}/", "rituals-fun-friday-learner")
    visit(page, f"{base}/rituals/{win.pk}/archive/", "rituals-archive-learner")
    assert not errors, errors


def test_a_learner_gives_a_shoutout_with_the_face_picker(demo, live_server, browser):  # noqa: F811
    errors = []
    page = phone(browser, live_server, "learner@rapport.test", errors)
    base = f"{live_server.url}/c/{demo.slug}"
    visit(page, f"{base}/shoutouts/", "shoutouts-wall-learner")
    visit(page, f"{base}/shoutouts/for-me/", "shoutouts-for-me-learner")
    visit(page, f"{base}/shoutouts/new/", "shoutouts-give-learner")
    page.get_by_label("Aroha").check()
    page.get_by_label("Mateus").check()
    page.get_by_text("Creative", exact=True).click()
    page.get_by_label("Your shout-out").fill("Your photos of the **lake** made my week!")
    page.get_by_role("button", name="Send shout-out").click()
    expect(page.get_by_text("Your shout-out is on its way to")).to_be_visible()
    shoutout = Shoutout.objects.filter(course=demo).order_by("-pk").first()
    assert shoutout.message.startswith("Your photos") and shoutout.tag.label == "Creative"
    assert shoutout.receipts.count() == 2
    screenshot(page, "shoutouts-given-390.png")
    assert not errors, errors


def test_staff_pages_fit_a_phone(demo, live_server, browser):  # noqa: F811
    errors = []
    page = phone(browser, live_server, "instructor@rapport.test", errors)
    base = f"{live_server.url}/c/{demo.slug}"
    win = Ritual.objects.get(course=demo, title="Win of the Week")
    visit(page, f"{base}/rituals/", "rituals-list-staff")
    visit(page, f"{base}/rituals/{win.pk}/", "rituals-round-staff")
    visit(page, f"{base}/rituals/new/?preset=fun_friday", "rituals-new-staff")
    visit(page, f"{base}/shoutouts/tags/", "shoutouts-tags-staff")
    assert not errors, errors

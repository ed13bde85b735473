"""Discussions on a phone (390 px) in a real browser: a learner mentions a classmate with
the keyboard alone and replies; the classmate, with the thread open, sees the reply
arrive without a reload; reactions toggle in place; the demo's forum and the staff's
waiting queue fit the phone. With SCREENSHOTS=1, screenshots go to var/screenshots/."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from rapport.community.discussions.testing import opening, reply, start
from rapport.community.discussions.views import thread as thread_views
from rapport.community.models.discussions import PostReaction, Topic
from rapport.core.kinds import NotificationKind
from rapport.core.models import Notification
from rapport.core.testing.browser import PHONE, browser, shoot, signed_in  # noqa: F401
from rapport.courses.models import Course
from rapport.demo.testing import on_a_saturday

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def topic(cast):
    """Made before the browser starts: Playwright's event loop then owns this thread."""
    return start(cast.course, cast.instructor, title="Where does your water come from?")


def test_a_mention_chosen_by_keyboard_and_a_reply_arriving_live(
    cast,
    topic,
    live_server,
    browser,  # noqa: F811
    monkeypatch,
):
    monkeypatch.setattr(thread_views, "POLL_SECONDS", 1)
    errors = []
    url = f"{live_server.url}/c/{cast.course.slug}/discussions/{topic.pk}/"
    # Both sessions are made before any page loads: the reader's page polls every second,
    # and a session written by the test while the server reads them meets a locked table.
    reader = signed_in(browser, live_server, cast.other_learner, errors)
    writer = signed_in(browser, live_server, cast.learner, errors)
    reader.goto(url)
    writer.goto(url)

    box = writer.get_by_label("Your reply")
    box.click()
    box.press_sequentially("Thanks @oth")
    listbox = writer.get_by_role("listbox", name="People to mention")
    expect(listbox.get_by_role("option", name="Other_Learner")).to_be_visible()
    option_id = listbox.get_by_role("option").first.get_attribute("id")
    expect(box).to_have_attribute("aria-activedescendant", option_id)
    box.press("Enter")
    expect(listbox).to_be_hidden()
    # The person reads the name; the form carries whom they picked.
    expect(box).to_have_value("Thanks @Other_Learner ")
    picked = writer.locator("#reply input[name=mention_ids]")
    expect(picked).to_have_value(str(cast.other_learner.pk))
    box.press_sequentially("— see you Thursday!")
    expect(listbox).to_be_hidden()  # words after a chosen name start no new search
    writer.get_by_role("button", name="Post reply").click()
    expect(writer.locator(".mention", has_text="@Other_Learner")).to_be_visible()

    # The reader never reloads: the poller brings the reply in.
    arrived = reader.locator("#newer-posts .post", has_text="see you Thursday")
    expect(arrived).to_be_visible(timeout=10_000)
    expect(arrived.locator(".mention")).to_have_text("@Other_Learner")
    expect(reader.get_by_role("status").filter(has_text="1 new reply below.")).to_be_attached()
    assert Notification.objects.filter(
        recipient=cast.other_learner, kind=NotificationKind.MENTIONED
    ).exists()

    url_before = reader.url
    arrived.get_by_role("group", name="Reactions").locator("summary").click()
    arrived.get_by_role("button", name="Celebrate").click()
    expect(arrived.get_by_role("button", name="Celebrate: 1")).to_have_attribute(
        "aria-pressed", "true"
    )
    assert reader.url == url_before
    assert PostReaction.objects.filter(user=cast.other_learner, emoji="🎉").exists()
    shoot(writer, "discussions-thread-after-reply.png")
    assert not errors, errors


def test_replying_in_place_under_a_reply(cast, topic, live_server, browser):  # noqa: F811
    errors = []
    page = signed_in(browser, live_server, cast.learner, errors)
    page.goto(f"{live_server.url}/c/{cast.course.slug}/discussions/{topic.pk}/")
    first = opening(topic)
    page.locator(f"#post-{first.pk}").get_by_role("link", name="Reply to Instructor").click()
    inline = page.locator(f"#reply-slot-{first.pk}")
    expect(inline.get_by_text("Replying to Instructor")).to_be_visible()
    assert page.url.endswith(f"/discussions/{topic.pk}/")  # htmx: no page load
    inline.get_by_label("Your reply").fill("Mine comes from a well!")
    inline.get_by_role("button", name="Post reply").click()
    expect(page.get_by_text("Mine comes from a well!")).to_be_visible()
    assert not errors, errors


@pytest.fixture
def demo():
    """The demo, discussions included, seeded before the browser starts: the same demo (on
    a Saturday, with the clock there) as the other browser tests, so the run builds it once."""
    with on_a_saturday():
        course = Course.objects.get(slug="env-sci-101")
        yield course, {user.email: user for user in get_user_model().objects.all()}


def test_the_demo_forum_fits_a_phone(demo, live_server, browser):  # noqa: F811
    course, users = demo
    errors = []
    sam = signed_in(browser, live_server, users["learner@rapport.test"], errors)
    base = f"{live_server.url}/c/{course.slug}/discussions/"
    sam.goto(base)
    expect(sam.get_by_role("heading", name="Discussions", exact=True)).to_be_visible()
    shoot(sam, "discussions-topics-phone.png")
    intros = Topic.objects.get(course=course, title__startswith="Introductions")
    sam.goto(f"{base}{intros.pk}/")
    shoot(sam, "discussions-introductions-phone.png")
    kids = Topic.objects.get(course=course, title__startswith="How do you study")
    sam.goto(f"{base}{kids.pk}/")
    shoot(sam, "discussions-nesting-phone.png")

    maya = signed_in(browser, live_server, users["instructor@rapport.test"], errors)
    maya.goto(base + "waiting/")
    expect(maya.get_by_role("heading", name="2 waiting", exact=True)).to_be_visible()
    shoot(maya, "discussions-waiting-phone.png")
    maya.goto(base)
    shoot(maya, "discussions-topics-staff-phone.png")
    assert not errors, errors


@pytest.fixture
def deep_reply(cast, topic):
    """A reply three levels down the topic (made before the browser starts). It and the
    opening post carry a few reactions already, so the picker's button sits far right."""
    from rapport.community.discussions import services

    parent = opening(topic)
    for author in (cast.learner, cast.other_learner, cast.ta):
        parent = reply(parent, author, body="Deeper")
    for post in (opening(topic), parent):
        for emoji in ("👍", "❤️", "🎉", "😂"):
            services.reaction_toggle(post=post, user=cast.other_learner, emoji=emoji)
    return parent


def test_the_reaction_picker_fits_a_phone_and_names_every_choice(
    cast,
    topic,
    deep_reply,
    live_server,
    browser,  # noqa: F811
):
    """Opened under a reply nested a few levels deep — where the post is narrowest and the
    picker starts furthest right — every choice stays on the screen, and each emoji-only
    button has a name in words (for screen readers, and for systems without emoji)."""
    parent = deep_reply
    errors = []
    page = signed_in(browser, live_server, cast.learner, errors)
    page.goto(f"{live_server.url}/c/{cast.course.slug}/discussions/{topic.pk}/")
    for post_id in (opening(topic).pk, parent.pk):
        reactions = page.locator(f"#post-{post_id}").get_by_role("group", name="Reactions")
        summary = reactions.locator("summary")
        expect(summary).to_have_accessible_name("Add a reaction")
        summary.click()
        choices = reactions.locator(".react-picker__choices")
        expect(choices).to_be_visible()
        wide = page.evaluate(
            """() => [...document.querySelectorAll('main *')]
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                .slice(0, 8).map(e => `${e.tagName}.${e.className}`)"""
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], wide
        for label in ("Thumbs up", "Love", "Celebrate", "Funny", "Thank you", "Got an idea"):
            button = choices.get_by_role("button", name=label, exact=True)
            expect(button).to_be_visible()
            expect(button).to_have_attribute("title", label)
            expect(button).to_contain_text(label)  # in words, whatever the emoji font
            box = button.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (label, box)
        for chip in reactions.locator("button.reaction").all()[:4]:
            assert chip.get_attribute("title") in ("Thumbs up", "Love", "Celebrate", "Funny")
        shoot(page, f"discussions-reaction-picker-{post_id}.png")
        summary.click()
    assert not errors, errors

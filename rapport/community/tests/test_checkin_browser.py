"""Check-ins on a phone (390 px) in a real browser: a learner checks in with the keyboard
alone, reads their history and answers a reflection; staff read the class and one
learner's trend. With SCREENSHOTS=1, screenshots go to var/screenshots/."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from rapport.community.checkins import services
from rapport.community.checkins.testing import prompt_open
from rapport.community.models.checkins import MoodCheckin, ReflectionAnswer
from rapport.core.testing.browser import PHONE, browser, shoot, signed_in  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def history(cast):
    """Made before the browser starts (Playwright's event loop then owns this thread)."""
    now = timezone.now()
    for days, score, word in [(20, 4, "curious"), (14, 5, "great"), (9, 3, ""), (4, 2, "tired")]:
        services.mood_record(
            course=cast.course,
            learner=cast.learner,
            score=score,
            word=word,
            now=now - timedelta(days=days),
        )
    for days, score in [(12, 4), (8, 4), (6, 3), (3, 3), (2, 2), (1, 2)]:
        services.mood_record(
            course=cast.course,
            learner=cast.other_learner,
            score=score,
            word="swamped" if score == 2 else "",
            wants_help=days == 2,
            now=now - timedelta(days=days),
        )
    prompt = prompt_open(cast, text="Where did the water you used today come from?")
    answer, _ = services.reflection_answer_save(
        prompt=prompt, learner=cast.other_learner, text="From the **reservoir** up the hill."
    )
    services.reflection_reply_add(answer=answer, author=cast.instructor, text="Lovely noticing!")
    return prompt


def test_a_learner_checks_in_with_the_keyboard_and_answers_a_reflection_on_a_phone(
    cast,
    history,
    live_server,
    browser,  # noqa: F811
):
    errors = []
    page = signed_in(browser, live_server, cast.learner, errors)
    page.goto(f"{live_server.url}/c/env-sci/mood/")
    expect(page.get_by_role("radio", name="Okay")).to_be_visible()
    shoot(page, "checkins-mood-learner-390.png")

    # Keyboard only: focus the first face, arrow along to "Good", type a word, submit.
    page.get_by_role("radio", name="Really low").focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    expect(page.get_by_role("radio", name="Good")).to_be_checked()
    page.get_by_label("A word for it").fill("hopeful")
    page.get_by_role("button", name="Check in").click()
    expect(page.get_by_text("Thanks for checking in")).to_be_visible()
    checkin = MoodCheckin.objects.filter(learner=cast.learner).order_by("-created_at").first()
    assert (checkin.score, checkin.word) == (4, "hopeful")
    expect(page.locator(".mood-table")).to_contain_text("hopeful")

    page.goto(f"{live_server.url}/c/env-sci/reflections/{history.pk}/")
    page.get_by_label("Your reflection").fill("From a well, I *think*.")
    page.get_by_role("button", name="Save my reflection").click()
    expect(page.get_by_text("your reflection is saved")).to_be_visible()
    assert ReflectionAnswer.objects.filter(learner=cast.learner).exists()
    shoot(page, "checkins-reflection-learner-390.png")
    assert not errors, errors


def test_staff_read_the_class_and_follow_up_on_a_phone(
    cast,
    history,
    live_server,
    browser,  # noqa: F811
):
    errors = []
    page = signed_in(browser, live_server, cast.instructor, errors)
    page.goto(f"{live_server.url}/c/env-sci/mood/class/")
    expect(page.get_by_role("heading", name="Asked for help (1)")).to_be_visible()
    shoot(page, "checkins-overview-390.png")
    url_before = page.url
    page.get_by_role("button", name="I've followed up").click()
    expect(page.get_by_text("Noted — you followed up with Other_Learner")).to_be_visible()
    assert page.url == url_before  # htmx swapped it in place
    assert not MoodCheckin.objects.filter(wants_help=True, followed_up_at__isnull=True).exists()

    page.goto(f"{live_server.url}/c/env-sci/mood/learners/{cast.other_learner.pk}/")
    expect(page.locator("svg.pygal-chart")).to_be_visible()
    shoot(page, "checkins-learner-trend-390.png")

    page.goto(f"{live_server.url}/c/env-sci/reflections/{history.pk}/")
    page.locator("summary", has_text="Reply privately").click()
    page.get_by_label("Reply privately").fill("Thank you — see you Thursday!")
    page.get_by_role("button", name="Send reply").click()
    expect(page.get_by_text("see you Thursday")).to_be_visible()
    shoot(page, "checkins-prompt-staff-390.png")
    assert not errors, errors

"""surveys.js and htmx in a real browser: a learner on a phone answers the intro survey
question by question (each saves itself, focus stays put, the grid answers to arrow keys)
and sends it; staff reorder questions by dragging and with the keyboard."""

import pytest
from playwright.sync_api import expect

from rapport.core.testing.browser import PHONE, browser, signed_in  # noqa: F401
from rapport.surveys import intro as keys
from rapport.surveys import services
from rapport.surveys.models import Answer, Participation, QuestionType

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def published_intro(cast):
    """Made before the browser starts (Playwright's loop then owns this thread)."""
    survey = services.intro_survey_create(course=cast.course, author=cast.instructor)
    services.survey_publish(survey=survey, actor=cast.instructor)
    return survey


def test_a_learner_answers_question_by_question_on_a_phone(
    cast,
    published_intro,
    live_server,
    browser,  # noqa: F811
):
    survey = published_intro
    errors = []
    page = signed_in(browser, live_server, cast.learner, errors)
    page.goto(f"{live_server.url}/c/env-sci/surveys/{survey.pk}/")
    expect(page.get_by_text("Each answer saves as soon as you make it.")).to_be_visible()

    goals = survey.questions.get(key=keys.GOALS)
    box = page.locator(f"#q-{goals.pk}")
    box.get_by_role("textbox").fill("Understand wildfire smoke")
    box.get_by_role("textbox").press("Tab")
    expect(page.locator(f"#q-{goals.pk} .question__note--saved")).to_have_text("Saved")
    assert Answer.objects.get(question=goals).value == "Understand wildfire smoke"

    times = survey.questions.get(key=keys.BEST_TIMES)
    cell = page.get_by_role("checkbox", name="Tuesday 19:00")
    cell.focus()
    page.keyboard.press("Space")
    expect(page.locator(f"#q-{times.pk} .question__note--saved")).to_have_text("Saved")
    assert page.evaluate("document.activeElement.id") == f"q{times.pk}-1-19"
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.id") == f"q{times.pk}-2-19"
    assert Answer.objects.get(question=times).value == [[1, 19 * 60, 20 * 60]]

    page.get_by_role("radio", name="Email").check()
    channel = survey.questions.get(key=keys.CHANNEL)
    expect(page.locator(f"#q-{channel.pk} .question__note--saved")).to_have_text("Saved")
    expect(page.locator("#survey-progress")).to_have_text("3 of 9 answered")

    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_text("Sent — thank you!")).to_be_visible()
    assert Participation.objects.get(user=cast.learner).submitted_at is not None
    assert not errors, errors


@pytest.fixture
def draft(cast):
    survey = services.survey_create(course=cast.course, author=cast.instructor, title="Pace")
    for prompt in ("First", "Second", "Third"):
        services.question_create(
            survey=survey, actor=cast.instructor, type=QuestionType.SHORT_TEXT, prompt=prompt
        )
    return survey


def test_staff_reorder_by_dragging_and_by_keyboard(
    cast,
    draft,
    live_server,
    browser,  # noqa: F811
):
    errors = []
    page = signed_in(
        browser, live_server, cast.instructor, errors, viewport={"width": 1200, "height": 900}
    )
    page.goto(f"{live_server.url}/c/env-sci/surveys/{draft.pk}/edit/")
    first, _, third = draft.questions.all()
    page.locator(f"#question-{third.pk}").drag_to(
        page.locator(f"#question-{first.pk}"), target_position={"x": 40, "y": 4}
    )
    expect(page.locator("#reorder-status")).to_have_text("Saved the new order.")
    assert list(draft.questions.values_list("prompt", flat=True)) == ["Third", "First", "Second"]

    button = page.get_by_role("button", name="Move up question 3")
    button.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".builder-item__prompt").nth(1)).to_contain_text("Second")
    assert list(draft.questions.values_list("prompt", flat=True)) == ["Third", "Second", "First"]
    second = draft.questions.get(prompt="Second")
    assert page.evaluate("document.activeElement.id") == f"move-up-{second.pk}"
    assert not errors, errors

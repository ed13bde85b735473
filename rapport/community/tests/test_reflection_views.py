"""Reflection pages: staff write prompts in the course's time zone and read every answer
(audited); learners answer their own, privately, and read their teachers' replies."""

import zoneinfo
from datetime import datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from rapport.community.checkins import services
from rapport.community.checkins.testing import prompt_open
from rapport.community.models.checkins import (
    ReflectionAnswer,
    ReflectionPrompt,
    ReflectionReply,
)
from rapport.core.models import SensitiveRead

pytestmark = pytest.mark.django_db

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")


def url(cast, name: str, **kwargs) -> str:
    return reverse(f"community:{name}", kwargs={"course_slug": cast.course.slug, **kwargs})


def answer(cast, prompt, learner=None, text="Tides and plovers"):
    return services.reflection_answer_save(
        prompt=prompt, learner=learner or cast.learner, text=text
    )[0]


# --- writing prompts ------------------------------------------------------------------------


def test_staff_write_a_prompt_with_times_in_the_course_time_zone(cast, client_for):
    with time_machine.travel(datetime(2027, 3, 1, 12, 0, tzinfo=CHICAGO), tick=False):
        response = client_for("ta").post(
            url(cast, "reflection_prompt_new"),
            {
                "text": "What surprised you?",
                "opens_at": "2027-03-08T09:00",
                "closes_at": "2027-03-15T09:00",
            },
        )
    prompt = ReflectionPrompt.objects.get()
    assert response["Location"] == url(cast, "reflection_prompt", prompt_id=prompt.pk)
    assert prompt.opens_at == datetime(2027, 3, 8, 9, 0, tzinfo=CHICAGO)
    assert prompt.closes_at == datetime(2027, 3, 15, 9, 0, tzinfo=CHICAGO)
    assert prompt.announced_at is None  # scheduled: the hourly task announces it


def test_editing_shows_the_times_in_the_course_time_zone(cast, client_for):
    prompt = prompt_open(cast, opens_at=datetime(2027, 3, 8, 9, 0, tzinfo=CHICAGO))
    with time_machine.travel(datetime(2027, 3, 1, 12, 0, tzinfo=CHICAGO), tick=False):
        html = (
            client_for("instructor")
            .get(url(cast, "reflection_prompt_edit", prompt_id=prompt.pk))
            .content.decode()
        )
    assert 'value="2027-03-08T09:00"' in html


def test_a_prompt_that_closes_before_it_opens_is_explained(cast, client_for):
    response = client_for("instructor").post(
        url(cast, "reflection_prompt_new"),
        {"text": "Hm?", "opens_at": "2030-03-08T09:00", "closes_at": "2030-03-01T09:00"},
    )
    assert "The closing time needs to be after the opening time." in response.content.decode()
    assert not ReflectionPrompt.objects.exists()


def test_an_empty_form_is_explained(cast, client_for):
    response = client_for("instructor").post(url(cast, "reflection_prompt_new"), {})
    assert "Write the question you&#x27;d like" in response.content.decode()


# --- learners ------------------------------------------------------------------------------


def test_learners_see_opened_prompts_with_their_own_answers_and_replies(cast, client_for):
    prompt = prompt_open(cast, text="Where does your water go?")
    prompt_open(cast, text="Next week's secret", opens_at=timezone.now() + timedelta(days=2))
    mine = answer(cast, prompt, text="Down the *drain*")
    answer(cast, prompt, learner=cast.other_learner, text="Their private words")
    services.reflection_reply_add(answer=mine, author=cast.ta, text="Good **noticing**")
    html = client_for("learner").get(url(cast, "reflections")).content.decode()
    assert "Where does your water go?" in html
    assert "Next week&#x27;s secret" not in html and "Next week's secret" not in html
    assert "Down the <em>drain</em>" in html
    assert "Good <strong>noticing</strong>" in html
    assert "Their private words" not in html


def test_a_scheduled_prompt_is_hidden_from_learners_but_not_from_staff(cast, client_for):
    prompt = prompt_open(cast, opens_at=timezone.now() + timedelta(days=2))
    link = url(cast, "reflection_prompt", prompt_id=prompt.pk)
    assert client_for("learner").get(link).status_code == 404
    assert client_for("ta").get(link).status_code == 200


def test_a_learner_answers_then_edits_while_the_prompt_is_open(cast, client_for):
    prompt = prompt_open(cast)
    client = client_for("learner")
    link = url(cast, "reflection_prompt", prompt_id=prompt.pk)
    response = client.post(link, {"text": "First thoughts"})
    assert response["Location"] == link + "#my-answer"
    page = client.get(link).content.decode()
    assert "First thoughts" in page and "Save changes" in page
    client.post(link, {"text": "Second thoughts"})
    assert ReflectionAnswer.objects.get().text == "Second thoughts"


def test_an_empty_reflection_is_explained(cast, client_for):
    prompt = prompt_open(cast)
    response = client_for("learner").post(
        url(cast, "reflection_prompt", prompt_id=prompt.pk), {"text": "   "}
    )
    assert "Write a few words before saving" in response.content.decode()
    assert not ReflectionAnswer.objects.exists()


def test_a_closed_prompt_says_so_and_keeps_the_answer(cast, client_for):
    start = timezone.now()
    prompt = prompt_open(cast, closes_at=start + timedelta(days=7))
    answer(cast, prompt, text="Before it closed")
    with time_machine.travel(start + timedelta(days=8), tick=False):
        response = client_for("learner").post(
            url(cast, "reflection_prompt", prompt_id=prompt.pk), {"text": "After"}
        )
    html = response.content.decode()
    assert "This reflection closed on" in html
    assert "your answer can&#x27;t be changed" in html or "your answer can't be changed" in html
    assert ReflectionAnswer.objects.get().text == "Before it closed"


def test_staff_do_not_post_answers(cast, client_for):
    prompt = prompt_open(cast)
    response = client_for("ta").post(
        url(cast, "reflection_prompt", prompt_id=prompt.pk), {"text": "Me"}
    )
    assert response.status_code == 405


# --- staff reading and replying --------------------------------------------------------------


def test_staff_see_who_has_and_has_not_answered_and_the_look_is_audited(cast, client_for):
    prompt = prompt_open(cast)
    answer(cast, prompt, text="Plovers **nest** on sand")
    html = client_for("ta").get(url(cast, "reflection_prompt", prompt_id=prompt.pk))
    html = html.content.decode()
    assert "1 of 2 learners answered" in html
    assert "Plovers <strong>nest</strong> on sand" in html
    waiting = html[html.index('id="waiting-heading"') :]
    assert "Other_Learner" in waiting and "face" in waiting
    read = SensitiveRead.objects.get()
    assert (read.viewer, read.learner, read.kind, read.about) == (
        cast.ta,
        cast.learner,
        "prompt_answers",
        prompt.text,
    )


def test_a_reply_with_htmx_returns_the_answer_card_with_the_reply(cast, client_for):
    prompt = prompt_open(cast)
    answer(cast, prompt)
    response = client_for("instructor").post(
        url(cast, "reflection_answer", prompt_id=prompt.pk, user_id=cast.learner.pk),
        {"text": "So glad you **noticed**"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert "<html" not in html
    assert f'id="answer-{cast.learner.pk}"' in html
    assert "So glad you <strong>noticed</strong>" in html
    assert ReflectionReply.objects.get().author == cast.instructor


def test_a_reply_without_htmx_goes_back_to_the_prompt_and_the_learner_sees_it(cast, client_for):
    prompt = prompt_open(cast)
    answer(cast, prompt)
    response = client_for("ta").post(
        url(cast, "reflection_answer", prompt_id=prompt.pk, user_id=cast.learner.pk),
        {"text": "Keep going"},
    )
    reply = ReflectionReply.objects.get()
    assert response["Location"] == (
        url(cast, "reflection_prompt", prompt_id=prompt.pk) + f"#reply-{reply.pk}"
    )
    html = client_for("learner").get(url(cast, "reflection_prompt", prompt_id=prompt.pk))
    assert "Keep going" in html.content.decode()


def test_an_empty_reply_is_explained(cast, client_for):
    prompt = prompt_open(cast)
    answer(cast, prompt)
    response = client_for("ta").post(
        url(cast, "reflection_answer", prompt_id=prompt.pk, user_id=cast.learner.pk),
        {"text": ""},
    )
    assert "Write your reply first." in response.content.decode()
    assert not ReflectionReply.objects.exists()


def test_reading_one_answer_is_audited_and_a_missing_answer_is_404(cast, client_for):
    prompt = prompt_open(cast)
    answer(cast, prompt)
    client = client_for("instructor")
    assert (
        client.get(
            url(cast, "reflection_answer", prompt_id=prompt.pk, user_id=cast.other_learner.pk)
        ).status_code
        == 404
    )
    client.get(url(cast, "reflection_answer", prompt_id=prompt.pk, user_id=cast.learner.pk))
    read = SensitiveRead.objects.get()
    assert (read.viewer, read.learner, read.kind) == (cast.instructor, cast.learner, "reflection")


def test_staff_list_every_prompt_with_how_many_active_learners_answered(cast, client_for):
    prompt = prompt_open(cast, text="Open one")
    prompt_open(cast, text="Later one", opens_at=timezone.now() + timedelta(days=3))
    answer(cast, prompt)
    html = client_for("ta").get(url(cast, "reflections")).content.decode()
    assert "Open one" in html and "Later one" in html
    assert "1 of 2 answered" in html
    assert "Scheduled" in html


def test_a_big_classs_answers_are_read_a_page_at_a_time_in_the_order_they_came(cast, client_for):
    from rapport.community.checkins.testing import add_learners, bulk_answers
    from rapport.community.checkins.views.reflections import ANSWERS_PER_PAGE

    prompt = prompt_open(cast)
    bulk_answers(prompt, add_learners(cast.course, ANSWERS_PER_PAGE + 3), replies_from=cast.ta)
    page_url = url(cast, "reflection_prompt", prompt_id=prompt.pk)
    client = client_for("instructor")
    first = client.get(page_url).content.decode()
    assert first.count('<article class="card answer"') == ANSWERS_PER_PAGE
    assert f"{ANSWERS_PER_PAGE + 3} of {ANSWERS_PER_PAGE + 5} learners answered" in first
    assert "**Answer** 0" not in first and "<strong>Answer</strong> 0" in first
    assert 'href="?page=2"' in first
    second = client.get(page_url, {"page": 2}).content.decode()
    assert second.count('<article class="card answer"') == 3
    assert f"<strong>Answer</strong> {ANSWERS_PER_PAGE + 2}" in second
    # Those yet to answer are listed beside every page.
    assert "Not answered yet (2)" in second

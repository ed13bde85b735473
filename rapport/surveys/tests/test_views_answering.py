"""The answer page: phone-first, one small form per question saved by htmx as it changes,
the whole page posted at once without JavaScript, and a preview for staff."""

from datetime import UTC, datetime
from html import unescape

import pytest
import time_machine
from django.urls import reverse

from rapport.surveys import intro as keys
from rapport.surveys import services
from rapport.surveys.models import Answer, Participation, QuestionType, Response

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def text(response) -> str:
    return unescape(response.content.decode())


def page_url(survey):
    return reverse("surveys:answer", args=[survey.course.slug, survey.pk])


def question_url(survey, question):
    return reverse("surveys:answer_question", args=[survey.course.slug, survey.pk, question.pk])


def q(survey, key):
    return survey.questions.get(key=key)


def shown(*questions) -> dict:
    return {f"q{question.pk}_shown": "1" for question in questions}


def test_the_named_page_says_teachers_see_names_and_saves_as_you_go(cast, client_for, intro):
    response = client_for("learner").get(page_url(intro))
    page = text(response)
    assert "Your teachers will see your answers with your name." in page
    assert "anonymous" not in page.lower()
    goals = q(intro, keys.GOALS)
    assert f'hx-post="{question_url(intro, goals)}"' in page
    assert 'hx-trigger="change"' in page
    assert f'hx-params="q{goals.pk},q{goals.pk}_shown"' in page
    assert "Save for later" in page and "Send my answers" in page
    assert "0 of 9 answered" in page


def test_one_question_saves_itself_and_comes_back_saved(cast, client_for, intro):
    goals = q(intro, keys.GOALS)
    response = client_for("learner").post(
        question_url(intro, goals), {f"q{goals.pk}": "Learn about rivers"} | shown(goals), **HTMX
    )
    assert response.status_code == 200
    html = text(response)
    assert html.lstrip().startswith("<fieldset")
    assert "question__note--saved" in html and ">Saved<" in html
    assert 'id="survey-status"' in html and 'hx-swap-oob="true"' in html
    assert "1 of 9 answered" in html
    assert Answer.objects.get(question=goals).value == "Learn about rivers"


def test_one_question_comes_back_with_its_error(cast, client_for, intro):
    channel = q(intro, keys.CHANNEL)
    response = client_for("learner").post(
        question_url(intro, channel), {f"q{channel.pk}": "Fax"} | shown(channel), **HTMX
    )
    html = text(response)
    assert response.status_code == 200
    assert "Choose one of the options offered." in html
    assert "question--invalid" in html
    assert not Answer.objects.exists()


def test_one_question_works_without_htmx_too(cast, client_for, intro):
    client = client_for("learner")
    goals = q(intro, keys.GOALS)
    response = client.post(question_url(intro, goals), {f"q{goals.pk}": "Rivers"})
    assert response.status_code == 302
    assert response["Location"] == page_url(intro) + f"#q-{goals.pk}"
    channel = q(intro, keys.CHANNEL)
    response = client.post(question_url(intro, channel), {f"q{channel.pk}": "Fax"})
    assert response.status_code == 200
    assert "Choose one of the options offered." in text(response)


def test_an_unfinished_ranking_is_not_an_error_yet(cast, client_for, every_kind):
    survey, questions = every_kind
    ranking = questions[QuestionType.RANKING]
    response = client_for("learner").post(
        question_url(survey, ranking), {f"q{ranking.pk}": ["Live", "", ""]}, **HTMX
    )
    html = text(response)
    assert "ranking is saved once every option has a place" in html
    assert "question--invalid" not in html
    assert not Answer.objects.exists()


def test_without_javascript_the_whole_page_saves_and_sends(cast, client_for, intro):
    client = client_for("learner")
    goals, channel, times = (
        q(intro, keys.GOALS),
        q(intro, keys.CHANNEL),
        q(intro, keys.BEST_TIMES),
    )
    data = {
        f"q{goals.pk}": "Understand soil",
        f"q{channel.pk}": "In Rapport",
        f"q{times.pk}": ["1-19", "1-20"],
        "action": "save",
    } | shown(goals, channel, times)
    response = client.post(page_url(intro), data)
    assert response.status_code == 302
    assert Answer.objects.count() == 3
    assert not Participation.objects.get(user=cast.learner).submitted_at
    response = client.post(page_url(intro), data | {"action": "send"}, follow=True)
    assert "Sent — thank you!" in text(response)
    assert Participation.objects.get(user=cast.learner).submitted_at


def test_sending_with_required_answers_missing_lists_them_and_saves_nothing(
    cast, client_for, intro
):
    goals, channel, pride = q(intro, keys.GOALS), q(intro, keys.CHANNEL), q(intro, keys.PROUD_OF)
    data = {f"q{pride.pk}": "My garden", "action": "send"} | shown(goals, channel, pride)
    response = client_for("learner").post(page_url(intro), data)
    html = text(response)
    assert response.status_code == 200
    assert "Almost there — please answer “What do you hope to get out of this course?”" in html
    assert "Where would you like to hear from us?" in html
    assert f'href="#q-{goals.pk}"' in html
    assert "Please answer this one before sending." in html
    assert "My garden" in html  # what they wrote comes back, to carry on
    assert not Answer.objects.exists()


def test_too_long_text_is_refused_with_the_count(cast, client_for, intro):
    name = q(intro, keys.NAME_SAY)
    data = {f"q{name.pk}": "x" * 250, "action": "save"} | shown(name)
    response = client_for("learner").post(page_url(intro), data)
    assert "200 characters or fewer — it's 250 now" in text(response)
    assert not Answer.objects.exists()


def test_a_question_left_off_the_post_is_left_alone(cast, client_for, intro_answered):
    client = client_for("learner")
    before = Answer.objects.count()
    response = client.post(page_url(intro_answered), {"action": "save"})
    assert response.status_code == 302
    assert Answer.objects.count() == before


def test_the_availability_grid_is_in_the_learners_own_zone(cast, client_for, intro):
    cast.learner.timezone = "Asia/Tokyo"
    cast.learner.save()
    times = q(intro, keys.BEST_TIMES)
    with time_machine.travel(datetime(2027, 1, 13, 12, tzinfo=UTC), tick=False):
        client = client_for("learner")
        page = text(client.get(page_url(intro)))
        assert "Times are in your time zone, Asia/Tokyo." in page
        assert '<th scope="row">06:00</th>' in page and '<th scope="row">23:00</th>' in page
        assert '<span class="visually-hidden">Tuesday 19:00</span>' in page
        client.post(question_url(intro, times), {f"q{times.pk}": ["0-8"]} | shown(times), **HTMX)
        assert Answer.objects.get(question=times).value == [[6, 1380, 1440]]
        page = text(client.get(page_url(intro)))
    assert 'value="0-8" checked' in page
    assert page.count("checked") == 1


def test_a_malformed_grid_post_is_refused(cast, client_for, intro):
    times = q(intro, keys.BEST_TIMES)
    response = client_for("learner").post(
        question_url(intro, times), {f"q{times.pk}": ["9-99"]} | shown(times), **HTMX
    )
    assert "Those times don't look right" in text(response)
    assert not Answer.objects.exists()


def test_tags_take_suggestions_and_your_own(cast, client_for, intro):
    tags = q(intro, keys.INTERESTS)
    data = {f"q{tags.pk}": ["hiking"], f"q{tags.pk}_new": "Rock Climbing, jazz"} | shown(tags)
    html = text(client_for("learner").post(question_url(intro, tags), data, **HTMX))
    assert Answer.objects.get(question=tags).value == ["hiking", "rock climbing", "jazz"]
    assert 'value="rock climbing" checked' in html


def test_staff_preview_checks_but_never_saves(cast, client_for, intro):
    goals, channel = q(intro, keys.GOALS), q(intro, keys.CHANNEL)
    client = client_for("ta")
    page = text(client.get(page_url(intro)))
    assert "Preview: this is what learners see" in page
    response = client.post(
        question_url(intro, goals), {f"q{goals.pk}": "Hi"} | shown(goals), **HTMX
    )
    assert "nothing was saved" in text(response)
    data = {f"q{channel.pk}": "Fax", "action": "send"} | shown(channel)
    assert "Choose one of the options offered." in text(client.post(page_url(intro), data))
    assert not Response.objects.exists()
    assert not Participation.objects.filter(started_at__isnull=False).exists()


def test_after_sending_a_named_survey_it_stays_editable_until_it_closes(
    cast, client_for, intro_answered
):
    client = client_for("learner")
    page = text(client.get(page_url(intro_answered)))
    assert "You sent your answers on" in page
    assert "Save my changes" in page and "Save for later" not in page
    assert reverse("surveys:my_answers", args=["env-sci", intro_answered.pk]) in page
    services.survey_close(survey=intro_answered, actor=cast.instructor)
    page = text(client.get(page_url(intro_answered)))
    assert "This survey closed on" in page
    assert "Understand wildfire smoke." in page  # their answers, read-only
    assert '<form method="post" action="' + page_url(intro_answered) not in page


def test_the_anonymous_page_says_so_and_sends_everything_at_once(cast, client_for, pace):
    survey, questions = pace
    client = client_for("learner")
    page = text(client.get(page_url(survey)))
    assert (
        "Your answers are anonymous: we store them with no link to you. "
        "You can't change them after sending." in page
    )
    assert "hx-post" not in page.split("survey-form", 1)[1]
    assert "Save for later" not in page
    scale = questions["scale"]
    data = {f"q{scale.pk}": "2"} | shown(scale, questions["words"])
    response = client.post(page_url(survey), data, follow=True)
    assert "with no link to you" in text(response)
    page = text(client.get(page_url(survey)))
    assert "we can't show them back to you" in page
    assert "survey-form" not in page


def test_the_intro_page_never_offers_anonymity(cast, client_for, intro):
    page = text(client_for("learner").get(page_url(intro)))
    assert "Your teachers will see your answers with your name." in page


def test_learners_cannot_reach_drafts(cast, client_for):
    draft = services.survey_create(course=cast.course, author=cast.instructor, title="Draft")
    assert client_for("learner").get(page_url(draft)).status_code == 404
    assert client_for("ta").get(page_url(draft)).status_code == 200

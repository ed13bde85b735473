"""The builder as staff use it: the template in one click, settings in the course's time
zone, questions of every kind, reordering by drag (one POST) and by Move up/down."""

from datetime import UTC, datetime
from html import unescape

import pytest
from django.urls import reverse

from rapport.surveys import services
from rapport.surveys.models import Question, QuestionType, Survey, SurveyKind

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return unescape(response.content.decode())


def url(name, survey=None, question=None):
    args = ["env-sci"] + ([survey.pk] if survey else []) + ([question.pk] if question else [])
    return reverse(f"surveys:{name}", args=args)


@pytest.fixture
def draft(cast):
    survey = services.survey_create(course=cast.course, author=cast.instructor, title="Pace")
    for prompt in "ABC":
        services.question_create(
            survey=survey, actor=cast.instructor, type=QuestionType.SHORT_TEXT, prompt=prompt
        )
    return survey


def prompts(survey) -> list[str]:
    return list(survey.questions.values_list("prompt", flat=True))


def test_the_intro_template_is_one_click_away(cast, client_for):
    client = client_for("ta")
    assert "Start “Getting to know you”" in text(client.get(url("list")))
    response = client.post(url("intro_new"), follow=True)
    survey = Survey.objects.get(kind=SurveyKind.INTRO)
    assert response.redirect_chain[-1][0] == url("edit", survey)
    page = text(response)
    assert "Your “Getting to know you” survey is ready" in page
    assert "How do you say your name?" in page
    assert "This survey is never anonymous" in page
    assert 'name="anonymous"' not in page
    assert "Start “Getting to know you”" not in text(client.get(url("list")))


def test_a_new_survey_takes_dates_in_the_course_time_zone(cast, client_for):
    client = client_for("instructor")
    response = client.post(
        url("new"),
        {
            "title": "How's the pace?",
            "anonymous": "on",
            "opens_at": "2027-03-01T09:00",
            "closes_at": "2027-03-08T17:00",
            "reminder_every_days": "2",
        },
    )
    survey = Survey.objects.get()
    assert response["Location"] == url("edit", survey)
    # env-sci is in America/Chicago: 09:00 CST is 15:00 UTC.
    assert survey.opens_at == datetime(2027, 3, 1, 15, 0, tzinfo=UTC)
    assert survey.closes_at == datetime(2027, 3, 8, 23, 0, tzinfo=UTC)
    assert survey.anonymous and survey.reminder_every_days == 2
    # And they are shown back in course time, whatever the viewer's own zone.
    cast.instructor.timezone = "Asia/Tokyo"
    cast.instructor.save()
    page = text(client.get(url("edit", survey)))
    assert 'value="2027-03-01T09:00"' in page
    assert "In the course's time zone (America/Chicago)" in page


def test_bad_settings_come_back_with_a_message(cast, client_for, draft):
    response = client_for("instructor").post(
        url("edit", draft),
        {
            "title": "Pace",
            "opens_at": "2027-03-08T09:00",
            "closes_at": "2027-03-01T09:00",
            "reminder_every_days": "0",
        },
    )
    assert response.status_code == 200
    assert "The survey needs to close after it opens." in text(response)
    draft.refresh_from_db()
    assert draft.opens_at is None


def test_an_intro_survey_posted_as_anonymous_stays_named(cast, client_for):
    survey = services.intro_survey_create(course=cast.course, author=cast.instructor)
    client_for("instructor").post(
        url("edit", survey),
        {"title": "Hello!", "anonymous": "on", "reminder_every_days": "0"},
    )
    survey.refresh_from_db()
    assert survey.title == "Hello!" and not survey.anonymous


@pytest.mark.parametrize("kind", QuestionType.values)
def test_every_kind_of_question_can_be_added(cast, client_for, draft, kind):
    client = client_for("ta")
    page = text(client.get(url("question_new", draft) + f"?type={kind}"))
    assert f'<option value="{kind}" selected>' in page
    data = {
        "type": kind,
        "prompt": f"A {kind} question",
        "help_text": "Help",
        "required": "on",
        "choices": "One\nTwo\nThree",
        "low": "Low",
        "high": "High",
        "suggestions": "Hiking\nMusic",
    }
    response = client.post(url("question_new", draft), data)
    question = draft.questions.get(prompt=f"A {kind} question")
    assert response["Location"] == url("edit", draft) + f"#question-{question.pk}"
    assert question.required and question.help_text == "Help"
    assert question.position == 3


def test_a_choice_question_without_options_is_refused_clearly(cast, client_for, draft):
    response = client_for("ta").post(
        url("question_new", draft),
        {"type": QuestionType.SINGLE_CHOICE, "prompt": "Tea or coffee?", "choices": "Tea"},
    )
    assert response.status_code == 200
    assert "Give at least two options, one per line." in text(response)
    assert draft.questions.count() == 3


def test_editing_a_question_keeps_its_place(cast, client_for, draft):
    question = draft.questions.get(prompt="B")
    client = client_for("instructor")
    page = text(client.get(url("question_edit", draft, question)))
    assert 'value="B"' in page
    client.post(url("question_edit", draft, question), {"type": "long_text", "prompt": "Bee"})
    question.refresh_from_db()
    assert (question.prompt, question.type, question.position) == ("Bee", "long_text", 1)


def test_move_up_and_down_work_as_plain_forms_and_with_htmx(cast, client_for, draft):
    client = client_for("instructor")
    c = draft.questions.get(prompt="C")
    response = client.post(url("question_move", draft, c), {"direction": "up"})
    assert response.status_code == 302
    assert prompts(draft) == ["A", "C", "B"]
    response = client.post(
        url("question_move", draft, c), {"direction": "up"}, HTTP_HX_REQUEST="true"
    )
    html = text(response)
    assert html.lstrip().startswith('<div id="question-list"')
    assert f'id="move-up-{c.pk}" aria-disabled="true"' in html
    assert prompts(draft) == ["C", "A", "B"]
    response = client.post(
        url("question_move", draft, c), {"direction": "up"}, HTTP_HX_REQUEST="true"
    )
    assert "It's already first." in text(response)


def test_dragging_saves_the_whole_order_in_one_post(cast, client_for, draft):
    client = client_for("ta")
    a, b, c = draft.questions.all()
    page = text(client.get(url("edit", draft)))
    assert f'data-reorder-url="{url("reorder", draft)}"' in page
    response = client.post(
        url("reorder", draft), {"order": [c.pk, a.pk, b.pk]}, HTTP_X_REQUESTED_WITH="fetch"
    )
    assert response.status_code == 200
    assert "Saved the new order." in text(response)
    assert prompts(draft) == ["C", "A", "B"]
    response = client.post(url("reorder", draft), {"order": [c.pk]}, HTTP_X_REQUESTED_WITH="fetch")
    assert response.status_code == 400
    assert "doesn't match" in text(response)
    assert prompts(draft) == ["C", "A", "B"]


def test_deleting_a_question(cast, client_for, draft):
    question = draft.questions.get(prompt="B")
    response = client_for("ta").post(url("question_delete", draft, question))
    assert response.status_code == 302
    assert not Question.objects.filter(pk=question.pk).exists()


def test_publishing_and_closing_from_the_builder(cast, client_for, draft):
    client = client_for("instructor")
    response = client.post(url("publish", draft), follow=True)
    assert "Published." in text(response)
    draft.refresh_from_db()
    assert draft.published_at
    assert "Close now" in text(response)
    response = client.post(url("close", draft), follow=True)
    assert "Closed." in text(response)


def test_publishing_an_empty_survey_says_why_not(cast, client_for):
    survey = services.survey_create(course=cast.course, author=cast.instructor, title="Empty")
    response = client_for("instructor").post(url("publish", survey), follow=True)
    assert "Add at least one question before publishing." in text(response)
    survey.refresh_from_db()
    assert survey.published_at is None


def test_deleting_a_draft_survey(cast, client_for, draft):
    response = client_for("ta").post(url("delete", draft))
    assert response["Location"] == url("list")
    assert not Survey.objects.exists()

"""Survey answers as CSV: every sent response for the teaching team (no names or emails
when the survey is anonymous), and a learner's own answers to a named survey.

Rows are produced one at a time for a streaming response, written by
``rapport.core.csvsafe`` so a learner's answer can never run as a formula on staff's
computer."""

from collections.abc import Iterator
from datetime import datetime

from django.db.models import Prefetch

from rapport.surveys.models import Answer, Response, Survey
from rapport.surveys.selectors import questions as survey_questions
from rapport.surveys.values import display


def _when(moment: datetime | None, zone) -> str:
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M") if moment else ""


def response_rows(*, survey: Survey, now: datetime) -> Iterator[list]:
    """Header, then one row per sent response; times and availability in course time."""
    questions = survey_questions(survey=survey)
    zone = survey.course.zone()
    prompts = [question.prompt for question in questions]
    if survey.anonymous:
        yield ["Response", *prompts]
    else:
        yield ["Name", "Email", f"Sent ({survey.course.timezone})", *prompts]
    responses = (
        # Anonymous answers waiting for a full batch stay out of the file as they stay
        # out of the results page.
        Response.objects.filter(survey=survey, submitted_at__isnull=False, in_results=True)
        .select_related("respondent")
        .prefetch_related(
            Prefetch("answers", queryset=Answer.objects.only("question_id", "value", "response_id"))
        )
        .order_by("respondent__preferred_name", "respondent__email", "pk")
    )
    for number, response in enumerate(responses.iterator(chunk_size=200), start=1):
        values = {answer.question_id: answer.value for answer in response.answers.all()}
        cells = [display(q, values.get(q.pk), zone=zone, now=now) for q in questions]
        if survey.anonymous:
            yield [number, *cells]
        else:
            person = response.respondent
            yield [
                person.display_name,
                person.email,
                _when(response.submitted_at, zone),
                *cells,
            ]


def my_answer_rows(*, survey: Survey, user, now: datetime) -> Iterator[list]:
    """The person's own answers, one question a row, availability in their own zone."""
    questions = survey_questions(survey=survey)
    response = Response.objects.filter(survey=survey, respondent=user).first()
    values = dict(response.answers.values_list("question_id", "value")) if response else {}
    zone = user.zone()
    yield ["Question", "My answer"]
    for question in questions:
        yield [question.prompt, display(question, values.get(question.pk), zone=zone, now=now)]

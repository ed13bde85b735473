"""What the survey views share: finding the survey and question the person may reach, and
telling script requests (htmx, surveys.js's fetch) from plain ones."""

from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse

from rapport.surveys import selectors
from rapport.surveys.models import Question, Survey


def survey_or_404(request, survey_id: int) -> Survey:
    survey = selectors.survey_for(
        course=request.course, survey_id=survey_id, is_staff=request.membership.is_staff
    )
    if survey is None:
        raise Http404("No such survey.")
    return survey


def question_or_404(survey: Survey, question_id: int) -> Question:
    question = selectors.question_for(survey=survey, question_id=question_id)
    if question is None:
        raise Http404("No such question.")
    return question


def is_script_request(request) -> bool:
    return bool(request.htmx) or request.headers.get("X-Requested-With") == "fetch"


def to_builder(survey: Survey, anchor: str = ""):
    url = reverse(
        "surveys:edit", kwargs={"course_slug": survey.course.slug, "survey_id": survey.pk}
    )
    return redirect(url + (f"#{anchor}" if anchor else ""))

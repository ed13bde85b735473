"""The survey builder: a new survey, the "Getting to know you" template in one click, the
survey's settings and question list, publishing, closing and deleting."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from rapport.core.refusals import Refused
from rapport.courses.access import STAFF, course_access
from rapport.surveys import selectors, services
from rapport.surveys.forms import SurveyForm
from rapport.surveys.models import QuestionType
from rapport.surveys.views.common import survey_or_404, to_builder


def _settings_initial(survey) -> dict:
    return {
        "title": survey.title,
        "intro": survey.intro,
        "anonymous": survey.anonymous,
        "opens_at": survey.opens_at,
        "closes_at": survey.closes_at,
        "reminder_every_days": survey.reminder_every_days,
    }


def _survey_fields(form: SurveyForm) -> dict:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "intro": data["intro"],
        "anonymous": data.get("anonymous", False),
        "opens_at": data["opens_at"],
        "closes_at": data["closes_at"],
        "reminder_every_days": data["reminder_every_days"] or 0,
    }


@course_access(STAFF)
@require_http_methods(["GET", "POST"])
def survey_new(request):
    form = SurveyForm(request.POST if request.method == "POST" else None, course=request.course)
    if form.is_bound and form.is_valid():
        try:
            survey = services.survey_create(
                course=request.course, author=request.user, **_survey_fields(form)
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, f"Made “{survey.title}”. Now add its questions.")
            return to_builder(survey)
    return render(request, "surveys/survey_new.html", {"form": form})


@course_access(STAFF)
@require_POST
def intro_new(request):
    had_one = selectors.intro_survey(course=request.course) is not None
    survey = services.intro_survey_create(course=request.course, author=request.user)
    if had_one:
        messages.info(request, "This course already has its “Getting to know you” survey.")
    else:
        messages.success(
            request,
            "Your “Getting to know you” survey is ready. Reword anything you like, then "
            "publish it.",
        )
    return to_builder(survey)


def builder_context(request, survey, form) -> dict:
    questions = selectors.questions(survey=survey)
    counts = selectors.answer_counts(survey=survey)
    for question in questions:
        question.answer_count = counts.get(question.pk, 0)
    return {
        "survey": survey,
        "form": form,
        "questions": questions,
        "question_types": QuestionType.choices,
        "learner_count": selectors.active_learner_count(course=request.course),
        "has_responses": selectors.has_responses(survey=survey),
    }


@course_access(STAFF)
@require_http_methods(["GET", "POST"])
def survey_edit(request, survey_id: int):
    survey = survey_or_404(request, survey_id)
    form = SurveyForm(
        request.POST if request.method == "POST" else None,
        course=request.course,
        is_intro=survey.is_intro,
        initial=_settings_initial(survey),
    )
    if form.is_bound and form.is_valid():
        try:
            services.survey_update(survey=survey, actor=request.user, **_survey_fields(form))
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, "Saved the survey's settings.")
            return to_builder(survey)
    return render(request, "surveys/edit.html", builder_context(request, survey, form))


@course_access(STAFF)
@require_POST
def survey_publish(request, survey_id: int):
    survey = survey_or_404(request, survey_id)
    try:
        services.survey_publish(survey=survey, actor=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        if survey.is_open():
            messages.success(request, "Published. Every learner is being told it's open.")
        else:
            messages.success(request, "Published. Learners will be told when it opens.")
    return to_builder(survey)


@course_access(STAFF)
@require_POST
def survey_close(request, survey_id: int):
    survey = survey_or_404(request, survey_id)
    try:
        services.survey_close(survey=survey, actor=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, "Closed. Answers can't change now; the results stay.")
    return to_builder(survey)


@course_access(STAFF)
@require_POST
def survey_delete(request, survey_id: int):
    survey = survey_or_404(request, survey_id)
    try:
        services.survey_delete(survey=survey, actor=request.user)
    except Refused as refusal:
        messages.error(request, refusal.message)
        return to_builder(survey)
    messages.success(request, f"Deleted “{survey.title}”.")
    return redirect("surveys:list", course_slug=request.course.slug)

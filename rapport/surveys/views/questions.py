"""A survey's questions: adding, editing and deleting one, and putting them in order — by
Move up / Move down buttons (small forms, htmx-swapped when it is there) or by dragging
(surveys.js posts the whole new order at once)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_POST

from rapport.core.refusals import Refused
from rapport.courses.access import STAFF, course_access
from rapport.surveys import selectors, services
from rapport.surveys.forms import QuestionForm
from rapport.surveys.models import QuestionType
from rapport.surveys.views.common import (
    is_script_request,
    question_or_404,
    survey_or_404,
    to_builder,
)


def _form_page(request, survey, form, question=None, answer_count: int = 0):
    return render(
        request,
        "surveys/question_form.html",
        {
            "survey": survey,
            "form": form,
            "question": question,
            "answer_count": answer_count,
            "option_types": sorted(services.building.CHOICE_TYPES),
        },
    )


@course_access(STAFF)
@require_http_methods(["GET", "POST"])
def question_new(request, survey_id: int):
    survey = survey_or_404(request, survey_id)
    kind = request.GET.get("type")
    initial = {"type": kind if kind in QuestionType.values else QuestionType.SHORT_TEXT}
    if initial["type"] == QuestionType.SCALE:
        initial |= {"low": "Not at all", "high": "Very much"}
    form = QuestionForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_bound and form.is_valid():
        try:
            question = services.question_create(
                survey=survey, actor=request.user, **form.question_fields()
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, "Added the question.")
            return to_builder(survey, f"question-{question.pk}")
    return _form_page(request, survey, form)


@course_access(STAFF)
@require_http_methods(["GET", "POST"])
def question_edit(request, survey_id: int, question_id: int):
    survey = survey_or_404(request, survey_id)
    question = question_or_404(survey, question_id)
    form = QuestionForm(
        request.POST if request.method == "POST" else None,
        initial=QuestionForm.initial_for(question),
    )
    if form.is_bound and form.is_valid():
        try:
            services.question_update(
                question=question, actor=request.user, **form.question_fields()
            )
        except Refused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, "Saved the question.")
            return to_builder(survey, f"question-{question.pk}")
    count = selectors.answer_counts(survey=survey).get(question.pk, 0)
    return _form_page(request, survey, form, question, count)


@course_access(STAFF)
@require_POST
def question_delete(request, survey_id: int, question_id: int):
    survey = survey_or_404(request, survey_id)
    question = question_or_404(survey, question_id)
    services.question_delete(question=question, actor=request.user)
    messages.success(request, f"Deleted “{question.prompt}”.")
    return to_builder(survey, "questions")


def _question_list(request, survey, *, status: int = 200, note: str = ""):
    questions = selectors.questions(survey=survey)
    counts = selectors.answer_counts(survey=survey)
    for question in questions:
        question.answer_count = counts.get(question.pk, 0)
    return render(
        request,
        "surveys/_question_list.html",
        {"survey": survey, "questions": questions, "note": note},
        status=status,
    )


@course_access(STAFF)
@require_POST
def question_move(request, survey_id: int, question_id: int):
    survey = survey_or_404(request, survey_id)
    question = question_or_404(survey, question_id)
    direction = request.POST.get("direction", "")
    note = ""
    try:
        moved = services.question_move(question=question, actor=request.user, direction=direction)
    except Refused as refusal:
        note = refusal.message
    else:
        where = "first" if direction == "up" else "last"
        note = f"Moved {direction}." if moved else f"It's already {where}."
    if request.htmx:
        return _question_list(request, survey, note=note)
    messages.info(request, note)
    return to_builder(survey, f"question-{question.pk}")


@course_access(STAFF)
@require_POST
def questions_reorder(request, survey_id: int):
    """The whole new order at once, as ``order`` = question ids, first to last."""
    survey = survey_or_404(request, survey_id)
    ids = [int(value) for value in request.POST.getlist("order") if value.isdigit()]
    try:
        services.questions_reorder(survey=survey, actor=request.user, order=ids)
    except Refused as refusal:
        if is_script_request(request):
            return HttpResponse(refusal.message, status=400, content_type="text/plain")
        messages.error(request, refusal.message)
        return to_builder(survey, "questions")
    if is_script_request(request):
        return _question_list(request, survey, note="Saved the new order.")
    messages.success(request, "Saved the new order.")
    return to_builder(survey, "questions")

"""Answering a survey. The page is one form: without JavaScript it posts every answer at
once ("Save for later" or "Send my answers"); with htmx, each question of a named survey
also saves itself as soon as it changes. Staff see the same page as a preview — what they
enter is checked but never saved. Availability is shown and entered in the person's own
time zone."""

from functools import partial

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from rapport.core.refusals import Refused
from rapport.core.text import render_markdown
from rapport.courses.access import course_access
from rapport.surveys import posted, selectors, services, widgets
from rapport.surveys.models import QuestionType, SurveyStatus
from rapport.surveys.services.common import answer_url
from rapport.surveys.values import AnswerInvalid, clean_answer, is_empty
from rapport.surveys.views.common import question_or_404, survey_or_404

PREVIEW_NOTE = "Looks good — this is a preview, so nothing was saved."
SAVED = "Saved"
RANKING_UNFINISHED = "Keep going — your ranking is saved once every option has a place."


def _preview_errors(questions, values: dict, *, sending: bool) -> dict[int, str]:
    errors = {}
    for question in questions:
        if question.pk not in values:
            continue
        try:
            value = clean_answer(question, values[question.pk])
        except AnswerInvalid as problem:
            errors[question.pk] = problem.message
            continue
        if sending and question.required and is_empty(value):
            errors[question.pk] = "Please answer this one before sending."
    return errors


def _page(request, survey, questions, mine, *, values, now, errors=None, notes=None, problem=""):
    status = survey.status(now)
    is_staff = request.membership.is_staff
    open_now = status == SurveyStatus.OPEN
    can_answer = not is_staff and open_now and not (survey.anonymous and mine.sent)
    states = widgets.states(
        questions, values, zone=request.user.zone(), now=now, errors=errors, notes=notes
    )
    context = {
        "survey": survey,
        "status": status,
        "states": states,
        "mine": mine,
        "preview": is_staff,
        "can_answer": can_answer,
        "autosave": not survey.anonymous and (can_answer or is_staff),
        "problem": problem,
        "errors": [s for s in states if s.error],
        "intro_html": render_markdown(survey.intro),
        "answered": sum(1 for s in states if s.answered),
    }
    return render(request, "surveys/answer.html", context)


@course_access()
@require_http_methods(["GET", "POST"])
def survey_answer(request, survey_id: int):
    survey = survey_or_404(request, survey_id)
    now = timezone.now()
    questions = selectors.questions(survey=survey)
    mine = selectors.my_participation(survey=survey, user=request.user)
    values = dict(mine.values)
    if request.method == "GET":
        return _page(request, survey, questions, mine, values=values, now=now)

    sent_values, errors = posted.raw_values(
        questions, request.POST, zone=request.user.zone(), now=now
    )
    values.update(sent_values)
    page = partial(_page, request, survey, questions, mine, values=values, now=now)
    sending = survey.anonymous or request.POST.get("action") == "send"
    if request.membership.is_staff:
        errors |= _preview_errors(questions, sent_values, sending=sending)
        notes = {pk: PREVIEW_NOTE for pk in sent_values if pk not in errors}
        problem = "Some answers would be refused — see the notes below." if errors else ""
        return page(errors=errors, notes=notes, problem=problem)
    if errors:
        problem = "Some answers need another look — nothing was saved yet. See the notes below."
        return page(errors=errors, problem=problem)
    try:
        if sending:
            services.answers_send(survey=survey, user=request.user, values=sent_values, now=now)
        else:
            services.answers_save(survey=survey, user=request.user, values=sent_values, now=now)
    except services.AnswersInvalid as refusal:
        return page(errors=refusal.errors, problem=refusal.message + " Nothing was saved yet.")
    except Refused as refusal:
        return page(problem=refusal.message)
    if sending and survey.anonymous:
        messages.success(request, "Sent — thank you! Your answers are in, with no link to you.")
    elif sending and mine.sent:
        messages.success(request, "Saved your changes.")
    elif sending:
        messages.success(request, "Sent — thank you! You can change your answers until it closes.")
    else:
        messages.success(request, "Saved. Come back any time before the survey closes to finish.")
    return redirect(request.path)


@course_access()
@require_POST
def answer_question(request, survey_id: int, question_id: int):
    """One question's small form, posted by htmx as soon as it changes; returns the question
    with "Saved" or what is wrong. Without htmx: back to the page (or the page with the
    error)."""
    survey = survey_or_404(request, survey_id)
    question = question_or_404(survey, question_id)
    now = timezone.now()
    zone = request.user.zone()
    error = note = ""
    value = None
    try:
        value = posted.raw_value(question, request.POST, zone=zone, now=now)
    except AnswerInvalid as problem:
        if question.type == QuestionType.RANKING and any(
            request.POST.getlist(posted.name(question))
        ):
            note = RANKING_UNFINISHED
        else:
            error = problem.message
    if not (error or note):
        if request.membership.is_staff:
            errors = _preview_errors([question], {question.pk: value}, sending=False)
            error, note = errors.get(question.pk, ""), PREVIEW_NOTE
        else:
            try:
                services.answer_save(
                    survey=survey, question=question, user=request.user, value=value, now=now
                )
            except services.AnswersInvalid as refusal:
                error = refusal.errors.get(question.pk, refusal.message)
            except Refused as refusal:
                error = refusal.message
            else:
                note = SAVED
    questions = selectors.questions(survey=survey)
    mine = selectors.my_participation(survey=survey, user=request.user)
    values = dict(mine.values)
    if error or note != SAVED:
        values[question.pk] = value if value is not None else values.get(question.pk)
    if not request.htmx:
        if error:
            return _page(
                request,
                survey,
                questions,
                mine,
                values=values,
                now=now,
                errors={question.pk: error},
                problem=error,
            )
        messages.success(request, "Saved." if note == SAVED else note)
        return redirect(answer_url(survey) + f"#q-{question.pk}")
    number = next(i for i, q in enumerate(questions, start=1) if q.pk == question.pk)
    state = widgets.QuestionState(
        question=question,
        number=number,
        value=values.get(question.pk),
        error=error,
        note=note,
        zone=zone,
        now=now,
    )
    answered = sum(1 for q in questions if not is_empty(values.get(q.pk)))
    return render(
        request,
        "surveys/_question_saved.html",
        {
            "state": state,
            "survey": survey,
            "autosave": True,
            "can_answer": True,
            "answered": answered,
            "total": len(questions),
            "announce": error or f"Question {number}: {note}",
        },
    )

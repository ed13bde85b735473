"""Results for the teaching team, the CSV export of every sent response, and a learner's
own answers as CSV."""

from django.http import Http404, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from rapport.core.audit import staff_read_record
from rapport.core.csvsafe import csv_response
from rapport.core.kinds import SensitiveReadKind
from rapport.core.paging import page_of, query_without_page
from rapport.courses.access import STAFF, course_access
from rapport.surveys import export, selectors
from rapport.surveys.results import survey_results
from rapport.surveys.views.common import survey_or_404

# Written answers shown under each question, and on each page of one question's answers.
TEXTS_SHOWN = 5
TEXTS_PER_PAGE = 50


@course_access(STAFF)
@require_safe
def results(request, survey_id: int):
    survey = survey_or_404(request, survey_id)
    now = timezone.now()
    _record_named_read(request, survey)
    results = survey_results(survey=survey, now=now)
    for summary in results.summaries:
        _texts_shown(request, summary)
    return render(
        request,
        "surveys/results.html",
        {"survey": survey, "results": results, "now": now, "params": query_without_page(request)},
    )


def _texts_shown(request, summary) -> None:
    """A written question shows its first few answers, and a link to read them all: that
    question's answers a page at a time (``?question=<id>``)."""
    if request.GET.get("question") == str(summary.question.pk):
        summary.page = page_of(summary.texts, request, per_page=TEXTS_PER_PAGE)
        summary.shown = list(summary.page.object_list)
    else:
        summary.page, summary.shown = None, summary.texts[:TEXTS_SHOWN]


def _record_named_read(request, survey) -> None:
    if not survey.anonymous:
        staff_read_record(
            request,
            kind=SensitiveReadKind.SURVEY_RESULTS,
            learners=selectors.named_respondents(survey=survey),
            about=survey.title,
        )


def _csv(rows, filename: str) -> StreamingHttpResponse:
    return csv_response(rows, filename=filename)


@course_access(STAFF)
@require_safe
def export_csv(request, survey_id: int):
    survey = survey_or_404(request, survey_id)
    rows = export.response_rows(survey=survey, now=timezone.now())
    _record_named_read(request, survey)
    return _csv(rows, f"{slugify(survey.title) or 'survey'}-answers.csv")


@course_access()
@require_safe
def my_answers_csv(request, survey_id: int):
    """A person's own answers to a named survey (anonymous answers can't be found again)."""
    survey = survey_or_404(request, survey_id)
    if survey.anonymous:
        raise Http404("Anonymous answers aren't linked to anyone, so they can't be downloaded.")
    rows = export.my_answer_rows(survey=survey, user=request.user, now=timezone.now())
    return _csv(rows, f"my-answers-{slugify(survey.title) or 'survey'}.csv")

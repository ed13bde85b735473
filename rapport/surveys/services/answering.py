"""Answering: saving a named survey's answers as the learner goes (one question at a time,
or all at once), sending them, and sending an anonymous survey — whose answers are stored
only then, with nothing tying them to the person."""

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from rapport.core import touchpoints
from rapport.core.enums import Channel
from rapport.core.kinds import TouchpointKind
from rapport.core.refusals import Refused
from rapport.courses.memberships import require_learner
from rapport.surveys.models import Answer, Participation, Question, Response, Survey
from rapport.surveys.services.common import AnswersInvalid
from rapport.surveys.values import AnswerInvalid, clean_answer

NEEDED_AFTER_SENDING = (
    "This one needs an answer: you've sent your answers already, so it can't be left empty."
)
NEEDED_BEFORE_SENDING = "Please answer this one before sending."


def _require_answerable(*, survey: Survey, user, now: datetime) -> None:
    require_learner(
        course=survey.course,
        user=user,
        refusal="Only the course's learners answer surveys — what you see is a preview.",
    )
    if not survey.is_published:
        raise Refused("This survey isn't open yet.")
    if survey.closes_at and now >= survey.closes_at:
        raise Refused("This survey has closed, so answers can't change now.")
    if survey.opens_at and now < survey.opens_at:
        raise Refused("This survey isn't open yet.")


def _clean_all(survey: Survey, values: dict[int, object]) -> dict[Question, object]:
    questions = {q.pk: q for q in survey.questions.all()}
    cleaned, errors = {}, {}
    for question_id, raw in values.items():
        question = questions.get(question_id)
        if question is None:
            errors[question_id] = "That question isn't in this survey any more. Reload the page."
            continue
        try:
            cleaned[question] = clean_answer(question, raw)
        except AnswerInvalid as problem:
            errors[question_id] = problem.message
    if errors:
        raise AnswersInvalid(errors)
    return cleaned


def _named_response(*, survey: Survey, user, now: datetime) -> tuple[Response, Participation]:
    response, _ = Response.objects.get_or_create(
        survey=survey, respondent=user, defaults={"updated_at": now}
    )
    participation, _ = Participation.objects.get_or_create(survey=survey, user=user)
    if participation.response_id != response.pk or participation.started_at is None:
        participation.response = response
        participation.started_at = participation.started_at or now
        participation.save(update_fields=["response", "started_at"])
    return response, participation


def _existing_response(*, survey: Survey, user) -> Response | None:
    return Response.objects.filter(survey=survey, respondent=user).first()


def _refuse_anonymous_drafts(survey: Survey) -> None:
    if survey.anonymous:
        raise Refused(
            "Answers to an anonymous survey are saved only when you send them, all together."
        )


def _apply(*, response: Response, cleaned: dict[Question, object], now: datetime) -> None:
    if response.submitted_at:
        emptied = {
            q.pk: NEEDED_AFTER_SENDING for q, v in cleaned.items() if q.required and v is None
        }
        if emptied:
            raise AnswersInvalid(emptied)
    for question, value in cleaned.items():
        if value is None:
            Answer.objects.filter(response=response, question=question).delete()
        else:
            Answer.objects.update_or_create(
                response=response, question=question, defaults={"value": value, "updated_at": now}
            )
    response.updated_at = now
    response.save(update_fields=["updated_at"])


@transaction.atomic
def answer_save(
    *, survey: Survey, question: Question, user, value, now: datetime | None = None
) -> Answer | None:
    """Save (or, when empty, clear) one answer to a named survey."""
    now = now or timezone.now()
    _refuse_anonymous_drafts(survey)
    _require_answerable(survey=survey, user=user, now=now)
    if question.survey_id != survey.pk:
        raise Refused("That question isn't in this survey.")
    cleaned = _clean_all(survey, {question.pk: value})
    if cleaned[question] is None and _existing_response(survey=survey, user=user) is None:
        return None  # nothing to clear, and no reason to start a response
    response, _ = _named_response(survey=survey, user=user, now=now)
    _apply(response=response, cleaned=cleaned, now=now)
    return Answer.objects.filter(response=response, question=question).first()


@transaction.atomic
def answers_save(
    *, survey: Survey, user, values: dict[int, object], now: datetime | None = None
) -> Response | None:
    """Save several answers to a named survey at once: all of them, or — when one can't be
    used — none."""
    now = now or timezone.now()
    _refuse_anonymous_drafts(survey)
    _require_answerable(survey=survey, user=user, now=now)
    cleaned = _clean_all(survey, values)
    nothing = not any(v is not None for v in cleaned.values())
    if nothing and _existing_response(survey=survey, user=user) is None:
        return None
    response, _ = _named_response(survey=survey, user=user, now=now)
    _apply(response=response, cleaned=cleaned, now=now)
    return response


def _missing(questions, answered_ids: set[int]) -> dict[int, str]:
    return {
        q.pk: NEEDED_BEFORE_SENDING for q in questions if q.required and q.pk not in answered_ids
    }


def _missing_message(questions, missing: dict[int, str]) -> str:
    prompts = [f"“{q.prompt}”" for q in questions if q.pk in missing]
    return "Almost there — please answer " + ", ".join(prompts) + " before sending."


@transaction.atomic
def response_submit(*, survey: Survey, user, now: datetime | None = None) -> Response:
    """Send a named survey's saved answers. The first time, the intro survey joins the
    ledger; later changes (allowed until the survey closes) are just saved."""
    now = now or timezone.now()
    _refuse_anonymous_drafts(survey)
    _require_answerable(survey=survey, user=user, now=now)
    response, participation = _named_response(survey=survey, user=user, now=now)
    questions = list(survey.questions.all())
    answered = set(response.answers.values_list("question_id", flat=True))
    missing = _missing(questions, answered)
    if missing:
        raise AnswersInvalid(missing, _missing_message(questions, missing))
    if response.submitted_at is None:
        response.submitted_at = now
        response.save(update_fields=["submitted_at"])
        participation.submitted_at = now
        participation.save(update_fields=["submitted_at"])
        if survey.is_intro:
            touchpoints.record(
                course=survey.course,
                kind=TouchpointKind.SURVEY_ANSWERED,
                actor=user,
                subject=user,
                channel=Channel.IN_APP,
                target=response,
                occurred_at=now,
            )
    return response


@transaction.atomic
def answers_send(
    *, survey: Survey, user, values: dict[int, object], now: datetime | None = None
) -> None:
    """Save ``values`` and send: for a named survey, everything saved so far; for an
    anonymous one, exactly ``values``. All or nothing."""
    now = now or timezone.now()
    if survey.anonymous:
        _anonymous_send(survey=survey, user=user, values=values, now=now)
        return
    answers_save(survey=survey, user=user, values=values, now=now)
    response_submit(survey=survey, user=user, now=now)


def _anonymous_send(*, survey: Survey, user, values: dict[int, object], now: datetime) -> None:
    _require_answerable(survey=survey, user=user, now=now)
    Participation.objects.get_or_create(survey=survey, user=user)
    participation = Participation.objects.select_for_update().get(survey=survey, user=user)
    if participation.submitted_at is not None:
        raise Refused(
            "You've already sent your answers to this survey. Anonymous answers can't be "
            "changed, because nothing links them to you."
        )
    cleaned = _clean_all(survey, values)
    questions = list(survey.questions.all())
    missing = _missing(questions, {q.pk for q, v in cleaned.items() if v is not None})
    if missing:
        raise AnswersInvalid(missing, _missing_message(questions, missing))
    # Every anonymous response carries the same time, so none can be matched to the moment
    # a person's participation was recorded.
    stamp = survey.anonymous_stamp
    response = Response.objects.create(
        survey=survey, respondent=None, submitted_at=stamp, updated_at=stamp, in_results=False
    )
    Answer.objects.bulk_create(
        Answer(response=response, question=question, value=value, updated_at=stamp)
        for question, value in cleaned.items()
        if value is not None
    )
    participation.submitted_at = now
    participation.started_at = participation.started_at or now
    participation.response = None
    participation.save(update_fields=["submitted_at", "started_at", "response"])
    _release_full_batch(survey)


def _release_full_batch(survey: Survey) -> None:
    """Once at least SURVEY_ANONYMOUS_MIN_ANSWERS anonymous responses are waiting, all of
    them join the results together. Results then only ever grow by a whole batch, so
    comparing them before and after one person answers shows nothing of that answer.
    (Two people sending at once may each see fewer waiting: the batch is then larger,
    never smaller.)"""
    waiting = Response.objects.filter(survey=survey, submitted_at__isnull=False, in_results=False)
    if waiting.count() >= settings.SURVEY_ANONYMOUS_MIN_ANSWERS:
        waiting.update(in_results=True)

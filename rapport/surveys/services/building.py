"""Making surveys: the survey itself, its questions and their order, the "Getting to know
you" template, publishing and closing."""

from datetime import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from rapport.core.refusals import Refused
from rapport.courses.memberships import require_staff
from rapport.courses.models import Course
from rapport.surveys import intro_template
from rapport.surveys.models import Question, QuestionType, Survey, SurveyKind
from rapport.surveys.values import TAG_MAX, normalise_tag

INTRO_NOT_ANONYMOUS = (
    "The “Getting to know you” survey can't be anonymous: it's how your teaching team gets "
    "to know each learner, so they see answers with names."
)
CHOICE_TYPES = {QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE, QuestionType.RANKING}
MAX_CHOICES = {
    QuestionType.SINGLE_CHOICE: 20,
    QuestionType.MULTIPLE_CHOICE: 20,
    QuestionType.RANKING: 10,
}
MAX_SUGGESTIONS = 30
MAX_REMINDER_DAYS = 30


def _clean_survey(
    *,
    kind: str,
    title: str,
    intro: str,
    anonymous: bool,
    opens_at: datetime | None,
    closes_at: datetime | None,
    reminder_every_days: int,
) -> dict:
    title, intro = (title or "").strip(), (intro or "").strip()
    if not title:
        raise Refused("Give the survey a title learners will recognise.")
    if len(title) > 160:
        raise Refused("Keep the title to 160 characters or fewer.")
    if len(intro) > 2000:
        raise Refused("Keep the introduction to 2,000 characters or fewer.")
    if kind == SurveyKind.INTRO and anonymous:
        raise Refused(INTRO_NOT_ANONYMOUS)
    if opens_at and closes_at and closes_at <= opens_at:
        raise Refused("The survey needs to close after it opens.")
    if not 0 <= (reminder_every_days or 0) <= MAX_REMINDER_DAYS:
        raise Refused(f"Remind people every 1 to {MAX_REMINDER_DAYS} days, or never (0).")
    return {
        "title": title,
        "intro": intro,
        "anonymous": bool(anonymous),
        "opens_at": opens_at,
        "closes_at": closes_at,
        "reminder_every_days": reminder_every_days or 0,
    }


@transaction.atomic
def survey_create(
    *,
    course: Course,
    author,
    title: str,
    intro: str = "",
    anonymous: bool = False,
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
    reminder_every_days: int = 0,
    now: datetime | None = None,
) -> Survey:
    require_staff(course=course, user=author)
    fields = _clean_survey(
        kind=SurveyKind.CUSTOM,
        title=title,
        intro=intro,
        anonymous=anonymous,
        opens_at=opens_at,
        closes_at=closes_at,
        reminder_every_days=reminder_every_days,
    )
    return Survey.objects.create(
        course=course, created_by=author, created_at=now or timezone.now(), **fields
    )


@transaction.atomic
def survey_update(
    *,
    survey: Survey,
    actor,
    title: str,
    intro: str = "",
    anonymous: bool = False,
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
    reminder_every_days: int = 0,
) -> Survey:
    require_staff(course=survey.course, user=actor)
    fields = _clean_survey(
        kind=survey.kind,
        title=title,
        intro=intro,
        anonymous=anonymous,
        opens_at=opens_at,
        closes_at=closes_at,
        reminder_every_days=reminder_every_days,
    )
    if fields["anonymous"] != survey.anonymous and survey.is_published:
        said = "anonymous" if survey.anonymous else "with names"
        raise Refused(
            f"Learners were told this survey is answered {said}, so that can't change now "
            "that it's published. Make a new survey instead."
        )
    for name, value in fields.items():
        setattr(survey, name, value)
    survey.save(update_fields=list(fields))
    return survey


@transaction.atomic
def survey_delete(*, survey: Survey, actor) -> None:
    require_staff(course=survey.course, user=actor)
    if survey.responses.exists():
        raise Refused("People have answered this survey, so it can't be deleted. Close it instead.")
    survey.delete()


@transaction.atomic
def intro_survey_create(*, course: Course, author, now: datetime | None = None) -> Survey:
    """The course's "Getting to know you" survey — made from the template the first time,
    the existing one after that (one per course, so learner cards read one set of answers)."""
    require_staff(course=course, user=author)
    existing = Survey.objects.filter(course=course, kind=SurveyKind.INTRO).first()
    if existing is not None:
        return existing
    survey = Survey.objects.create(
        course=course,
        kind=SurveyKind.INTRO,
        title=intro_template.TITLE,
        intro=intro_template.INTRO,
        anonymous=False,
        created_by=author,
        created_at=now or timezone.now(),
    )
    Question.objects.bulk_create(
        Question(
            survey=survey,
            position=position,
            type=question.type,
            prompt=question.prompt,
            help_text=question.help_text,
            required=question.required,
            options=dict(question.options),
            key=question.key,
        )
        for position, question in enumerate(intro_template.QUESTIONS)
    )
    return survey


@transaction.atomic
def survey_publish(*, survey: Survey, actor, now: datetime | None = None) -> Survey:
    """Opens the survey to learners (at ``opens_at`` if that is later). Everyone is told once
    it is open, by the announcement task."""
    from rapport.surveys.tasks import survey_announce

    require_staff(course=survey.course, user=actor)
    now = now or timezone.now()
    if survey.is_published:
        raise Refused("This survey is already published.")
    if survey.is_intro and survey.anonymous:
        raise Refused(INTRO_NOT_ANONYMOUS)
    if not survey.questions.exists():
        raise Refused("Add at least one question before publishing.")
    if survey.closes_at and survey.closes_at <= now:
        raise Refused("The closing time has already passed. Move it later first.")
    survey.published_at = now
    survey.save(update_fields=["published_at"])
    survey_id = survey.pk
    transaction.on_commit(lambda: survey_announce(survey_id))
    return survey


@transaction.atomic
def survey_close(*, survey: Survey, actor, now: datetime | None = None) -> Survey:
    require_staff(course=survey.course, user=actor)
    now = now or timezone.now()
    if not survey.is_published:
        raise Refused("Only a published survey can be closed.")
    if survey.closes_at and survey.closes_at <= now:
        raise Refused("This survey has already closed.")
    survey.closes_at = now
    survey.save(update_fields=["closes_at"])
    return survey


# --- questions -------------------------------------------------------------------------------


def _clean_lines(values, *, limit: int, most: int, what: str) -> list[str]:
    lines: list[str] = []
    for value in values or []:
        text = " ".join(str(value).split())
        if not text:
            continue
        if len(text) > limit:
            raise Refused(f"Keep each {what} to {limit} characters or fewer.")
        if text.casefold() in {line.casefold() for line in lines}:
            raise Refused(f"“{text}” is in the list twice. Give each {what} once.")
        lines.append(text)
    if len(lines) > most:
        raise Refused(f"Keep it to {most} {what}s or fewer.")
    return lines


def _clean_options(kind: str, options: dict | None) -> dict:
    options = options or {}
    if kind in CHOICE_TYPES:
        choices = _clean_lines(
            options.get("choices"), limit=200, most=MAX_CHOICES[kind], what="option"
        )
        if len(choices) < 2:
            raise Refused("Give at least two options, one per line.")
        return {"choices": choices}
    if kind == QuestionType.SCALE:
        low, high = (" ".join(str(options.get(end) or "").split()) for end in ("low", "high"))
        if len(low) > 60 or len(high) > 60:
            raise Refused("Keep the scale's labels to 60 characters or fewer.")
        return {"low": low, "high": high}
    if kind == QuestionType.TAGS:
        tags = [normalise_tag(tag) for tag in options.get("suggestions") or []]
        return {
            "suggestions": _clean_lines(
                tags, limit=TAG_MAX, most=MAX_SUGGESTIONS, what="suggestion"
            )
        }
    return {}


def _clean_question(*, type: str, prompt: str, help_text: str, options: dict | None) -> dict:
    if type not in QuestionType.values:
        raise Refused("Choose what kind of question this is.")
    prompt, help_text = (prompt or "").strip(), (help_text or "").strip()
    if not prompt:
        raise Refused("Write the question.")
    if len(prompt) > 300:
        raise Refused("Keep the question to 300 characters or fewer.")
    if len(help_text) > 300:
        raise Refused("Keep the help text to 300 characters or fewer.")
    return {
        "type": type,
        "prompt": prompt,
        "help_text": help_text,
        "options": _clean_options(type, options),
    }


@transaction.atomic
def question_create(
    *,
    survey: Survey,
    actor,
    type: str,
    prompt: str,
    help_text: str = "",
    required: bool = False,
    options: dict | None = None,
    key: str = "",
) -> Question:
    require_staff(course=survey.course, user=actor)
    fields = _clean_question(type=type, prompt=prompt, help_text=help_text, options=options)
    last = survey.questions.aggregate(last=Max("position"))["last"]
    return Question.objects.create(
        survey=survey,
        position=0 if last is None else last + 1,
        required=bool(required),
        key=key,
        **fields,
    )


@transaction.atomic
def question_update(
    *,
    question: Question,
    actor,
    type: str,
    prompt: str,
    help_text: str = "",
    required: bool = False,
    options: dict | None = None,
) -> Question:
    require_staff(course=question.survey.course, user=actor)
    fields = _clean_question(type=type, prompt=prompt, help_text=help_text, options=options)
    if fields["type"] != question.type and question.answers.exists():
        raise Refused(
            "People have answered this question, so its kind can't change. "
            "Add a new question instead."
        )
    for name, value in {**fields, "required": bool(required)}.items():
        setattr(question, name, value)
    question.save()
    return question


@transaction.atomic
def question_delete(*, question: Question, actor) -> None:
    require_staff(course=question.survey.course, user=actor)
    question.delete()


def _save_order(questions: list[Question]) -> None:
    for position, question in enumerate(questions):
        question.position = position
    Question.objects.bulk_update(questions, ["position"])


@transaction.atomic
def question_move(*, question: Question, actor, direction: str) -> bool:
    """Swap a question with its neighbour above or below; False at either end."""
    require_staff(course=question.survey.course, user=actor)
    if direction not in {"up", "down"}:
        raise Refused("Choose whether to move the question up or down.")
    questions = list(question.survey.questions.order_by("position", "pk"))
    index = next(i for i, q in enumerate(questions) if q.pk == question.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(questions):
        return False
    questions[index], questions[other] = questions[other], questions[index]
    _save_order(questions)
    return True


@transaction.atomic
def questions_reorder(*, survey: Survey, actor, order: list[int]) -> None:
    """Put the survey's questions in ``order`` (every question id once)."""
    require_staff(course=survey.course, user=actor)
    questions = {q.pk: q for q in survey.questions.all()}
    if len(order) != len(questions) or set(order) != set(questions):
        raise Refused(
            "The new order doesn't match this survey's questions. Reload the page and try again."
        )
    _save_order([questions[pk] for pk in order])

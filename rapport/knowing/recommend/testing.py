"""Test helpers: intro-survey answers written straight to the surveys models (the survey UI
is built elsewhere), and library resources made without going through a form."""

from django.core.files.base import ContentFile
from django.utils import timezone

from rapport.knowing.models.resources import Level, Resource
from rapport.surveys.intro import BEST_TIMES, CHANNEL, GOALS, INTERESTS
from rapport.surveys.models import Answer, Question, QuestionType, Response, Survey, SurveyKind

_TYPES = {
    GOALS: QuestionType.LONG_TEXT,
    INTERESTS: QuestionType.TAGS,
    CHANNEL: QuestionType.SINGLE_CHOICE,
    BEST_TIMES: QuestionType.AVAILABILITY,
}


def intro_survey(course) -> Survey:
    survey = Survey.objects.filter(course=course, kind=SurveyKind.INTRO).first()
    if survey is None:
        survey = Survey.objects.create(
            course=course,
            kind=SurveyKind.INTRO,
            title="Getting to know you",
            published_at=timezone.now(),
        )
        for position, (key, kind) in enumerate(_TYPES.items()):
            Question.objects.create(
                survey=survey, position=position, type=kind, prompt=key.title(), key=key
            )
    return survey


def intro_answer(
    course,
    user,
    *,
    goals: str | None = None,
    interests: list[str] | None = None,
    channel: str | None = None,
    best_times: list[list[int]] | None = None,
    submitted: bool = True,
) -> Response:
    """``user``'s intro-survey response in ``course`` with the given answers."""
    survey = intro_survey(course)
    response, _ = Response.objects.update_or_create(
        survey=survey,
        respondent=user,
        defaults={"submitted_at": timezone.now() if submitted else None},
    )
    questions = {question.key: question for question in survey.questions.all()}
    values = {GOALS: goals, INTERESTS: interests, CHANNEL: channel, BEST_TIMES: best_times}
    for key, value in values.items():
        if value is not None:
            Answer.objects.update_or_create(
                response=response, question=questions[key], defaults={"value": value}
            )
    return response


def resource_make(
    course,
    *,
    title: str = "Wetlands field guide",
    description: str = "",
    tags: str = "",
    url: str = "",
    content: bytes | None = None,
    file_name: str = "guide.txt",
    file_type: str = "text/plain; charset=utf-8",
    creator=None,
) -> Resource:
    """A resource: a link when ``url`` is given, else a stored file (a small text file by
    default)."""
    resource = Resource(
        course=course,
        title=title,
        description=description,
        tags=tags,
        url=url,
        level=Level.INTRO,
        created_by=creator,
    )
    if not url:
        data = content if content is not None else b"Wetlands filter water.\n"
        resource.file.save(file_name, ContentFile(data), save=False)
        resource.file_name, resource.file_type, resource.file_size = file_name, file_type, len(data)
    resource.save()
    return resource

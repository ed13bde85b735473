"""Helpers for knowing's card, note and milestone tests (no tests here).

The intro survey's UI is being built elsewhere, so answers are made straight from the
survey models, keyed the way ``rapport.surveys.intro`` reads them."""

from django.utils import timezone

from rapport.core import touchpoints
from rapport.core.kinds import TouchpointKind
from rapport.courses.models import Role
from rapport.factories import MembershipFactory, UserFactory
from rapport.surveys.models import Answer, Question, QuestionType, Response, Survey, SurveyKind

HX = {"HX-Request": "true"}

QUESTION_TYPES = {
    "goals": QuestionType.LONG_TEXT,
    "interests": QuestionType.TAGS,
    "channel": QuestionType.SINGLE_CHOICE,
    "feedback_style": QuestionType.MULTIPLE_CHOICE,
    "best_times": QuestionType.AVAILABILITY,
    "helps_me_learn": QuestionType.LONG_TEXT,
    "in_the_way": QuestionType.LONG_TEXT,
    "proud_of": QuestionType.LONG_TEXT,
    "name_pronunciation": QuestionType.SHORT_TEXT,
}


def intro_survey(course) -> Survey:
    survey = Survey.objects.filter(course=course, kind=SurveyKind.INTRO).first()
    if survey is not None:
        return survey
    survey = Survey.objects.create(
        course=course,
        kind=SurveyKind.INTRO,
        title="Getting to know you",
        published_at=timezone.now(),
    )
    for position, (key, kind) in enumerate(QUESTION_TYPES.items()):
        Question.objects.create(survey=survey, position=position, type=kind, prompt=key, key=key)
    return survey


def give_intro_answers(course, user, *, submitted: bool = True, **answers) -> Response:
    survey = intro_survey(course)
    response = Response.objects.create(
        survey=survey, respondent=user, submitted_at=timezone.now() if submitted else None
    )
    questions = {q.key: q for q in survey.questions.all()}
    for key, value in answers.items():
        Answer.objects.create(response=response, question=questions[key], value=value)
    return response


def add_learners(course, count: int, **fields) -> list:
    learners = []
    for _ in range(count):
        user = UserFactory(**fields)
        MembershipFactory(course=course, user=user, role=Role.LEARNER)
        learners.append(user)
    return learners


def touch(course, *, kind, actor, subject=None, at=None):
    return touchpoints.record(
        course=course, kind=kind, actor=actor, subject=subject, occurred_at=at or timezone.now()
    )


def staff_note_touch(course, staff, learner, at=None):
    return touch(course, kind=TouchpointKind.PERSONAL_MESSAGE, actor=staff, subject=learner, at=at)

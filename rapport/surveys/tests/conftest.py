"""Survey test helpers: the cast's surveys, made through the services."""

import pytest

from rapport.surveys import services
from rapport.surveys.models import QuestionType, Survey
from rapport.surveys.testing import survey_answered_by


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish a survey as the instructor, running the announcement like the queue would."""

    def run(survey: Survey, **kwargs) -> Survey:
        with django_capture_on_commit_callbacks(execute=True):
            services.survey_publish(survey=survey, actor=survey.created_by, **kwargs)
        survey.refresh_from_db()
        return survey

    return run


@pytest.fixture
def intro(cast, publish) -> Survey:
    """The course's published "Getting to know you" survey, not yet answered."""
    survey = services.intro_survey_create(course=cast.course, author=cast.instructor)
    return publish(survey)


@pytest.fixture
def intro_answered(cast) -> Survey:
    """The intro survey, sent by cast.learner (what the role matrix uses)."""
    return survey_answered_by(cast.learner, course=cast.course)


def add_questions(survey: Survey, actor) -> dict[str, object]:
    """One question of every kind, by kind."""
    specs = [
        (QuestionType.SHORT_TEXT, "Your nickname?", {}),
        (QuestionType.LONG_TEXT, "Tell us more", {}),
        (QuestionType.SINGLE_CHOICE, "Tea or coffee?", {"choices": ["Tea", "Coffee"]}),
        (QuestionType.MULTIPLE_CHOICE, "Which days?", {"choices": ["Mon", "Wed", "Fri"]}),
        (QuestionType.SCALE, "How is the pace?", {"low": "Too slow", "high": "Too fast"}),
        (QuestionType.RANKING, "Rank these", {"choices": ["Videos", "Readings", "Live"]}),
        (QuestionType.TAGS, "Interests", {"suggestions": ["hiking", "music"]}),
        (QuestionType.AVAILABILITY, "When are you free?", {}),
    ]
    return {
        kind: services.question_create(
            survey=survey, actor=actor, type=kind, prompt=prompt, options=options
        )
        for kind, prompt, options in specs
    }


@pytest.fixture
def every_kind(cast, publish):
    """A published named survey with one question of every kind: (survey, questions)."""
    survey = services.survey_create(course=cast.course, author=cast.instructor, title="Everything")
    questions = add_questions(survey, cast.instructor)
    return publish(survey), questions


@pytest.fixture
def pace(cast, publish):
    """A published anonymous survey: (survey, questions)."""
    survey = services.survey_create(
        course=cast.course, author=cast.instructor, title="How's the pace?", anonymous=True
    )
    scale = services.question_create(
        survey=survey,
        actor=cast.instructor,
        type=QuestionType.SCALE,
        prompt="How is the pace?",
        required=True,
        options={"low": "Too slow", "high": "Too fast"},
    )
    words = services.question_create(
        survey=survey, actor=cast.instructor, type=QuestionType.LONG_TEXT, prompt="Anything else?"
    )
    return publish(survey), {"scale": scale, "words": words}

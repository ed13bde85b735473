import pytest
from django.utils import timezone

from rapport.presence.placeholders import placeholder_values, render_placeholders
from rapport.surveys.intro import GOALS, INTERESTS
from rapport.surveys.models import Answer, Question, QuestionType, Response, Survey, SurveyKind

pytestmark = pytest.mark.django_db


def _intro_answers(cast, person, goals, interests):
    survey, _ = Survey.objects.get_or_create(
        course=cast.course,
        kind=SurveyKind.INTRO,
        defaults={"title": "Getting to know you", "published_at": timezone.now()},
    )
    goal_q, _ = Question.objects.get_or_create(
        survey=survey, key=GOALS, defaults={"type": QuestionType.LONG_TEXT, "prompt": "Goals"}
    )
    interest_q, _ = Question.objects.get_or_create(
        survey=survey, key=INTERESTS, defaults={"type": QuestionType.TAGS, "prompt": "Interests"}
    )
    response = Response.objects.create(
        survey=survey, respondent=person, submitted_at=timezone.now()
    )
    Answer.objects.create(response=response, question=goal_q, value=goals)
    Answer.objects.create(response=response, question=interest_q, value=interests)


def test_goal_and_interest_come_from_the_intro_survey(cast):
    _intro_answers(cast, cast.learner, "Understand my local river\nPass the course", ["birds"])
    values = placeholder_values(learner=cast.learner, course=cast.course)
    text = render_placeholders("Since you love {interest}: a step toward {goal}.", values)
    assert text == "Since you love birds: a step toward Understand my local river."


def test_learners_who_have_not_answered_get_empty_safe_placeholders(cast):
    _intro_answers(cast, cast.other_learner, "Something else", ["music"])
    values = placeholder_values(learner=cast.learner, course=cast.course)
    assert values["goal"] == values["interest"] == ""
    assert render_placeholders("Hi {preferred_name}, about {interest}!", values) == (
        f"Hi {cast.learner.display_name}, about!"
    )

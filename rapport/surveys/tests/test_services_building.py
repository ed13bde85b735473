"""Building surveys: the intro template, settings that protect learners' trust, questions
and their order, publishing and closing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from rapport.core.refusals import Refused
from rapport.surveys import intro as keys
from rapport.surveys import services
from rapport.surveys.models import Question, QuestionType, Survey, SurveyKind, SurveyStatus

pytestmark = pytest.mark.django_db


def test_the_intro_template_has_every_key_the_rest_of_rapport_reads(cast):
    survey = services.intro_survey_create(course=cast.course, author=cast.instructor)
    questions = list(survey.questions.order_by("position"))
    assert [(q.key, q.type) for q in questions] == [
        (keys.GOALS, QuestionType.LONG_TEXT),
        (keys.INTERESTS, QuestionType.TAGS),
        (keys.CHANNEL, QuestionType.SINGLE_CHOICE),
        (keys.FEEDBACK_STYLE, QuestionType.MULTIPLE_CHOICE),
        (keys.BEST_TIMES, QuestionType.AVAILABILITY),
        (keys.HELPS_ME_LEARN, QuestionType.LONG_TEXT),
        (keys.IN_THE_WAY, QuestionType.LONG_TEXT),
        (keys.PROUD_OF, QuestionType.LONG_TEXT),
        (keys.NAME_SAY, QuestionType.SHORT_TEXT),
    ]
    by_key = {q.key: q for q in questions}
    assert by_key[keys.CHANNEL].choices == ["In Rapport", "Email"]
    assert by_key[keys.FEEDBACK_STYLE].choices == ["Direct", "Gentle", "Written", "Spoken"]
    assert 10 <= len(by_key[keys.INTERESTS].suggestions) <= 14
    assert survey.kind == SurveyKind.INTRO and not survey.anonymous
    assert survey.published_at is None


def test_the_intro_template_is_made_once_per_course(cast):
    first = services.intro_survey_create(course=cast.course, author=cast.instructor)
    again = services.intro_survey_create(course=cast.course, author=cast.ta)
    assert again == first
    assert Survey.objects.filter(course=cast.course).count() == 1


def test_the_intro_survey_is_editable_afterwards(cast):
    survey = services.intro_survey_create(course=cast.course, author=cast.instructor)
    goals = survey.questions.get(key=keys.GOALS)
    services.question_update(
        question=goals,
        actor=cast.ta,
        type=QuestionType.LONG_TEXT,
        prompt="What would make this course a win for you?",
        required=True,
    )
    goals.refresh_from_db()
    assert goals.prompt == "What would make this course a win for you?"
    assert goals.key == keys.GOALS


def test_the_intro_survey_is_never_anonymous(cast):
    survey = services.intro_survey_create(course=cast.course, author=cast.instructor)
    with pytest.raises(Refused, match="can't be anonymous"):
        services.survey_update(survey=survey, actor=cast.instructor, title="Hi", anonymous=True)
    survey.refresh_from_db()
    assert not survey.anonymous


def test_anonymity_cannot_change_once_published(cast, publish):
    survey = services.survey_create(
        course=cast.course, author=cast.instructor, title="Pace", anonymous=True
    )
    services.question_create(
        survey=survey, actor=cast.instructor, type=QuestionType.SCALE, prompt="Pace?"
    )
    publish(survey)
    with pytest.raises(Refused, match="answered anonymous"):
        services.survey_update(survey=survey, actor=cast.instructor, title="Pace", anonymous=False)
    survey.refresh_from_db()
    assert survey.anonymous


def test_only_staff_build_surveys(cast):
    with pytest.raises(Refused, match="teaching team"):
        services.survey_create(course=cast.course, author=cast.learner, title="Mine")
    with pytest.raises(Refused):
        services.survey_create(course=cast.course, author=cast.outsider, title="Theirs")
    assert not Survey.objects.exists()


def test_bad_settings_are_refused_with_a_reason(cast):
    now = timezone.now()
    cases = [
        ({"title": "  "}, "Give the survey a title"),
        ({"title": "x" * 161}, "160 characters"),
        ({"title": "T", "opens_at": now, "closes_at": now}, "close after it opens"),
        ({"title": "T", "reminder_every_days": 31}, "every 1 to 30 days"),
    ]
    for fields, message in cases:
        with pytest.raises(Refused, match=message):
            services.survey_create(course=cast.course, author=cast.instructor, **fields)


def test_choice_questions_need_two_distinct_options(cast):
    survey = services.survey_create(course=cast.course, author=cast.instructor, title="T")

    def make(**options):
        return services.question_create(
            survey=survey, actor=cast.instructor, type=QuestionType.RANKING, prompt="?",
            options=options,
        )  # fmt: skip

    with pytest.raises(Refused, match="at least two options"):
        make(choices=["Only one"])
    with pytest.raises(Refused, match="“tea” is in the list twice"):
        make(choices=["Tea", "tea"])
    with pytest.raises(Refused, match="10 options or fewer"):
        make(choices=[str(n) for n in range(11)])
    assert make(choices=[" Tea ", "", "Coffee"]).choices == ["Tea", "Coffee"]


def test_tag_suggestions_are_normalised(cast):
    survey = services.survey_create(course=cast.course, author=cast.instructor, title="T")
    question = services.question_create(
        survey=survey,
        actor=cast.instructor,
        type=QuestionType.TAGS,
        prompt="?",
        options={"suggestions": ["Hiking", "  Climate  Policy"], "choices": ["ignored"]},
    )
    assert question.options == {"suggestions": ["hiking", "climate policy"]}


def test_a_question_with_answers_keeps_its_kind(cast, intro_answered):
    goals = intro_answered.questions.get(key=keys.GOALS)
    with pytest.raises(Refused, match="its kind can't change"):
        services.question_update(
            question=goals, actor=cast.instructor, type=QuestionType.SHORT_TEXT, prompt="Goals?"
        )


def test_questions_move_up_and_down_and_stop_at_the_ends(cast):
    survey = services.survey_create(course=cast.course, author=cast.instructor, title="T")
    a, b, c = (
        services.question_create(
            survey=survey, actor=cast.instructor, type=QuestionType.SHORT_TEXT, prompt=p
        )
        for p in "ABC"
    )
    assert services.question_move(question=c, actor=cast.ta, direction="up")
    assert [q.prompt for q in survey.questions.all()] == ["A", "C", "B"]
    assert not services.question_move(question=a, actor=cast.ta, direction="up")
    assert services.question_move(question=a, actor=cast.ta, direction="down")
    assert [q.prompt for q in survey.questions.all()] == ["C", "A", "B"]


def test_reordering_takes_every_question_once(cast):
    survey = services.survey_create(course=cast.course, author=cast.instructor, title="T")
    ids = [
        services.question_create(
            survey=survey, actor=cast.instructor, type=QuestionType.SHORT_TEXT, prompt=p
        ).pk
        for p in "ABC"
    ]
    services.questions_reorder(survey=survey, actor=cast.ta, order=[ids[2], ids[0], ids[1]])
    assert [q.prompt for q in survey.questions.all()] == ["C", "A", "B"]
    for bad in ([ids[0], ids[1]], [ids[0], ids[0], ids[1]], [*ids, 999]):
        with pytest.raises(Refused, match="doesn't match"):
            services.questions_reorder(survey=survey, actor=cast.ta, order=bad)
    assert [q.prompt for q in survey.questions.all()] == ["C", "A", "B"]


def test_publishing_needs_questions_and_a_future_close(cast, publish):
    survey = services.survey_create(course=cast.course, author=cast.instructor, title="T")
    with pytest.raises(Refused, match="at least one question"):
        services.survey_publish(survey=survey, actor=cast.instructor)
    services.question_create(
        survey=survey, actor=cast.instructor, type=QuestionType.SHORT_TEXT, prompt="?"
    )
    survey.closes_at = timezone.now() - timedelta(minutes=1)
    survey.save()
    with pytest.raises(Refused, match="closing time has already passed"):
        services.survey_publish(survey=survey, actor=cast.instructor)
    survey.closes_at = None
    survey.save()
    publish(survey)
    assert survey.status() == SurveyStatus.OPEN
    with pytest.raises(Refused, match="already published"):
        services.survey_publish(survey=survey, actor=cast.instructor)


def test_closing_ends_answering_now(cast, intro):
    services.survey_close(survey=intro, actor=cast.ta)
    assert intro.status() == SurveyStatus.CLOSED
    with pytest.raises(Refused, match="already closed"):
        services.survey_close(survey=intro, actor=cast.ta)


def test_a_survey_with_answers_cannot_be_deleted(cast, intro_answered):
    with pytest.raises(Refused, match="Close it instead"):
        services.survey_delete(survey=intro_answered, actor=cast.instructor)
    draft = services.survey_create(course=cast.course, author=cast.instructor, title="Draft")
    services.question_create(
        survey=draft, actor=cast.instructor, type=QuestionType.SHORT_TEXT, prompt="?"
    )
    services.survey_delete(survey=draft, actor=cast.instructor)
    assert not Survey.objects.filter(pk=draft.pk).exists()
    assert not Question.objects.filter(survey_id=draft.pk).exists()

"""Answering a named survey: saved as the learner goes, sent when they say so, editable
until it closes — all or nothing whenever something can't be used."""

from datetime import timedelta

import pytest
from django.utils import timezone

from rapport.core.kinds import TouchpointKind
from rapport.core.models import Touchpoint
from rapport.core.refusals import Refused
from rapport.surveys import intro as keys
from rapport.surveys import services
from rapport.surveys.models import Answer, Participation, QuestionType, Response
from rapport.surveys.services import AnswersInvalid

pytestmark = pytest.mark.django_db


def key(survey, name):
    return survey.questions.get(key=name)


def test_each_answer_is_saved_as_the_learner_goes(cast, intro):
    goals = key(intro, keys.GOALS)
    services.answer_save(survey=intro, question=goals, user=cast.learner, value="Learn a lot")
    response = Response.objects.get(survey=intro, respondent=cast.learner)
    assert response.answers.get().value == "Learn a lot"
    participation = Participation.objects.get(survey=intro, user=cast.learner)
    assert participation.response == response
    assert participation.started_at and participation.submitted_at is None
    # Saving again changes the one answer; saving nothing clears it.
    services.answer_save(survey=intro, question=goals, user=cast.learner, value="Learn more")
    assert response.answers.get().value == "Learn more"
    services.answer_save(survey=intro, question=goals, user=cast.learner, value="")
    assert not response.answers.exists()


def test_clearing_an_answer_that_was_never_given_starts_nothing(cast, intro):
    goals = key(intro, keys.GOALS)
    assert services.answer_save(survey=intro, question=goals, user=cast.learner, value="") is None
    assert not Response.objects.exists()
    assert not Participation.objects.filter(user=cast.learner, started_at__isnull=False).exists()


def test_sending_needs_every_required_answer_and_says_which(cast, intro):
    with pytest.raises(AnswersInvalid) as refusal:
        services.answers_send(survey=intro, user=cast.learner, values={})
    goals, channel = key(intro, keys.GOALS), key(intro, keys.CHANNEL)
    assert set(refusal.value.errors) == {goals.pk, channel.pk}
    assert "“What do you hope to get out of this course?”" in refusal.value.message
    assert not Participation.objects.filter(user=cast.learner, submitted_at__isnull=False)


def test_a_bad_answer_saves_none_of_the_others(cast, intro):
    goals, channel = key(intro, keys.GOALS), key(intro, keys.CHANNEL)
    with pytest.raises(AnswersInvalid) as refusal:
        services.answers_save(
            survey=intro,
            user=cast.learner,
            values={goals.pk: "Fine goal", channel.pk: "Carrier pigeon"},
        )
    assert refusal.value.errors == {channel.pk: "Choose one of the options offered."}
    assert not Answer.objects.exists()


def test_sending_the_intro_survey_joins_the_ledger_once(cast, intro):
    goals, channel = key(intro, keys.GOALS), key(intro, keys.CHANNEL)
    values = {goals.pk: "Understand soil", channel.pk: "Email"}
    services.answers_send(survey=intro, user=cast.learner, values=values)
    services.answers_send(survey=intro, user=cast.learner, values={goals.pk: "Understand soil!"})
    (touchpoint,) = Touchpoint.objects.filter(kind=TouchpointKind.SURVEY_ANSWERED)
    assert touchpoint.actor == touchpoint.subject == cast.learner
    assert touchpoint.course == cast.course
    participation = Participation.objects.get(survey=intro, user=cast.learner)
    assert participation.submitted_at is not None
    assert Answer.objects.get(question=goals).value == "Understand soil!"


def test_other_surveys_do_not_touch_the_ledger(cast, every_kind):
    survey, questions = every_kind
    short = questions[QuestionType.SHORT_TEXT]
    services.answers_send(survey=survey, user=cast.learner, values={short.pk: "Sam"})
    assert not Touchpoint.objects.filter(kind=TouchpointKind.SURVEY_ANSWERED).exists()


def test_a_sent_answer_to_a_required_question_cannot_be_emptied(cast, intro_answered):
    goals = key(intro_answered, keys.GOALS)
    with pytest.raises(AnswersInvalid, match="Some answers") as refusal:
        services.answer_save(survey=intro_answered, question=goals, user=cast.learner, value="")
    assert "can't be left empty" in refusal.value.errors[goals.pk]
    assert Answer.objects.filter(question=goals).exists()


def test_answers_can_change_until_the_survey_closes(cast, intro_answered):
    goals = key(intro_answered, keys.GOALS)
    services.answer_save(survey=intro_answered, question=goals, user=cast.learner, value="New")
    services.survey_close(survey=intro_answered, actor=cast.instructor)
    with pytest.raises(Refused, match="has closed"):
        services.answer_save(survey=intro_answered, question=goals, user=cast.learner, value="X")
    assert Answer.objects.get(question=goals).value == "New"


def test_drafts_and_scheduled_surveys_cannot_be_answered(cast, publish):
    survey = services.survey_create(
        course=cast.course,
        author=cast.instructor,
        title="Later",
        opens_at=timezone.now() + timedelta(days=2),
    )
    question = services.question_create(
        survey=survey, actor=cast.instructor, type=QuestionType.SHORT_TEXT, prompt="?"
    )
    with pytest.raises(Refused, match="isn't open yet"):
        services.answer_save(survey=survey, question=question, user=cast.learner, value="Hi")
    publish(survey)
    with pytest.raises(Refused, match="isn't open yet"):
        services.answer_save(survey=survey, question=question, user=cast.learner, value="Hi")


def test_only_learners_of_the_course_answer(cast, intro):
    goals = key(intro, keys.GOALS)
    for person in (cast.instructor, cast.ta, cast.outsider):
        with pytest.raises(Refused, match="Only the course's learners"):
            services.answer_save(survey=intro, question=goals, user=person, value="Hi")
    assert not Response.objects.exists()


def test_every_kind_of_answer_is_stored_in_its_shape(cast, every_kind):
    survey, q = every_kind
    values = {
        q[QuestionType.SHORT_TEXT].pk: "Sam",
        q[QuestionType.LONG_TEXT].pk: "Lots\nto say",
        q[QuestionType.SINGLE_CHOICE].pk: "Tea",
        q[QuestionType.MULTIPLE_CHOICE].pk: ["Fri", "Mon"],
        q[QuestionType.SCALE].pk: "4",
        q[QuestionType.RANKING].pk: ["Live", "Videos", "Readings"],
        q[QuestionType.TAGS].pk: ["Hiking", "Bird Watching"],
        q[QuestionType.AVAILABILITY].pk: [[1, 1080, 1140], [1, 1140, 1200]],
    }
    services.answers_send(survey=survey, user=cast.learner, values=values)
    stored = dict(Answer.objects.values_list("question__type", "value"))
    assert stored == {
        QuestionType.SHORT_TEXT: "Sam",
        QuestionType.LONG_TEXT: "Lots\nto say",
        QuestionType.SINGLE_CHOICE: "Tea",
        QuestionType.MULTIPLE_CHOICE: ["Mon", "Fri"],
        QuestionType.SCALE: 4,
        QuestionType.RANKING: ["Live", "Videos", "Readings"],
        QuestionType.TAGS: ["hiking", "bird watching"],
        QuestionType.AVAILABILITY: [[1, 1080, 1200]],
    }


def test_intro_answers_reads_what_learners_sent(cast, intro_answered):
    from rapport.surveys.intro import intro_answers

    answers = intro_answers(course=cast.course)
    mine = answers[cast.learner.pk]
    assert mine.submitted
    assert mine.first_goal == "Understand wildfire smoke."
    assert mine.interests == ["hiking", "photography"]
    assert mine.channel == "Email"
    assert mine.feedback_style == ["Gentle", "Written"]
    assert mine.best_times == [[1, 1080, 1200]]
    assert cast.other_learner.pk not in answers

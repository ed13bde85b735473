"""The belonging pulse: staff turn it on with a rhythm, rounds open on that rhythm as named
surveys learners are told about, and the class's and each learner's trend come from the
sent answers only."""

import datetime as dt

import pytest
import time_machine

from rapport.core.kinds import NotificationKind
from rapport.core.models import Notification
from rapport.core.refusals import Refused
from rapport.surveys import pulse, services
from rapport.surveys.models import PulseSchedule, QuestionType, Survey, SurveyKind

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 11, 2, 15, 20, tzinfo=dt.UTC)


@pytest.fixture
def turn_on(cast, django_capture_on_commit_callbacks):
    def run(every_weeks=2, at=START, actor=None):
        with (
            time_machine.travel(at, tick=False),
            django_capture_on_commit_callbacks(execute=True),
        ):
            return services.pulse_schedule_save(
                course=cast.course,
                actor=actor or cast.instructor,
                enabled=True,
                every_weeks=every_weeks,
            )

    return run


def open_due(at, capture) -> int:
    with time_machine.travel(at, tick=False), capture(execute=True):
        return services.pulse_rounds_open()


def rounds(cast):
    return list(Survey.objects.filter(course=cast.course, kind=SurveyKind.PULSE).order_by("pk"))


def test_turning_it_on_opens_a_named_round_and_tells_every_learner(cast, turn_on):
    turn_on(every_weeks=2)
    [survey] = rounds(cast)
    assert not survey.anonymous  # staff follow each learner's trend
    assert survey.is_open(START)
    assert survey.opens_at == START and survey.closes_at == START + dt.timedelta(weeks=2)
    # 15:20 UTC is 09:20 in Chicago, the course's zone: the round is named for that day.
    assert survey.title == "Belonging pulse · 2 November"
    questions = list(survey.questions.all())
    assert [q.key for q in questions] == list(pulse.KEYS)
    assert {q.type for q in questions} == {QuestionType.SCALE}
    assert all(q.required for q in questions)
    told = Notification.objects.filter(kind=NotificationKind.SURVEY_OPEN)
    assert {n.recipient for n in told} == {cast.learner, cast.other_learner}
    assert "Three quick questions" in told.first().body


def test_the_next_round_opens_when_the_rhythm_comes_round_and_only_once(
    cast, turn_on, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    turn_on(every_weeks=2)
    assert open_due(START + dt.timedelta(days=13, hours=23), capture) == 0
    # Hour-aligned: the run at 15:00 two weeks on counts, a little before 15:20.
    assert open_due(START.replace(minute=0) + dt.timedelta(weeks=2), capture) == 1
    assert open_due(START + dt.timedelta(weeks=2, minutes=40), capture) == 0
    assert len(rounds(cast)) == 2
    assert open_due(START + dt.timedelta(weeks=4), capture) == 1


def test_a_weekly_rhythm_asks_every_week(cast, turn_on, django_capture_on_commit_callbacks):
    turn_on(every_weeks=1)
    assert open_due(START + dt.timedelta(weeks=1), django_capture_on_commit_callbacks) == 1


def test_turned_off_or_archived_opens_no_more_rounds(
    cast, turn_on, django_capture_on_commit_callbacks
):
    turn_on(every_weeks=1)
    services.pulse_schedule_save(
        course=cast.course, actor=cast.instructor, enabled=False, every_weeks=1
    )
    assert open_due(START + dt.timedelta(weeks=3), django_capture_on_commit_callbacks) == 0
    turn_on(every_weeks=1, at=START + dt.timedelta(weeks=3))
    cast.course.archived_at = START + dt.timedelta(weeks=3, days=1)
    cast.course.save()
    assert open_due(START + dt.timedelta(weeks=5), django_capture_on_commit_callbacks) == 0


def test_turning_it_on_again_while_a_round_is_open_adds_none(cast, turn_on):
    turn_on(every_weeks=2)
    services.pulse_schedule_save(
        course=cast.course, actor=cast.instructor, enabled=False, every_weeks=2
    )
    turn_on(every_weeks=2, at=START + dt.timedelta(days=3))
    assert len(rounds(cast)) == 1


def test_a_bad_rhythm_or_a_learner_is_refused_and_nothing_is_saved(cast, turn_on):
    with pytest.raises(Refused, match="every 1, 2, 3 or 4 weeks"):
        turn_on(every_weeks=5)
    with pytest.raises(Refused):
        turn_on(actor=cast.learner)
    assert not PulseSchedule.objects.exists()
    assert not rounds(cast)


def answer(survey, user, values: tuple[int, int, int], send=True):
    by_key = {q.key: q.pk for q in survey.questions.all()}
    answers = {by_key[key]: value for key, value in zip(pulse.KEYS, values, strict=True)}
    if send:
        services.answers_send(survey=survey, user=user, values=answers)
    else:
        services.answers_save(survey=survey, user=user, values=answers)


@pytest.fixture
def two_rounds(cast, turn_on, django_capture_on_commit_callbacks):
    turn_on(every_weeks=1)
    first = rounds(cast)[0]
    with time_machine.travel(START + dt.timedelta(hours=1), tick=False):
        answer(first, cast.learner, (5, 4, 3))
        answer(first, cast.other_learner, (3, 2, 1))
    open_due(START + dt.timedelta(weeks=1), django_capture_on_commit_callbacks)
    second = rounds(cast)[1]
    with time_machine.travel(START + dt.timedelta(weeks=1, hours=1), tick=False):
        answer(second, cast.learner, (2, 2, 2))
        # Saved but never sent: a draft counts nowhere.
        answer(second, cast.other_learner, (5, 5, 5), send=False)
    return first, second


def test_the_class_trend_is_the_mean_of_sent_answers_per_round(cast, two_rounds):
    first, second = pulse.rounds(cast.course)
    assert first.means == {"pulse_instructor": 4.0, "pulse_classmates": 3.0, "pulse_learning": 2.0}
    assert first.answered == 2
    assert second.means == dict.fromkeys(pulse.KEYS, 2.0)
    assert second.answered == 1


def test_a_learners_trend_is_their_own_answers_only(cast, two_rounds):
    theirs = pulse.learner_rounds(cast.course, cast.other_learner)
    assert [r.values for r in theirs] == [
        {"pulse_instructor": 3, "pulse_classmates": 2, "pulse_learning": 1},
        dict.fromkeys(pulse.KEYS),  # the unsent draft is not theirs to show yet
    ]
    assert pulse.latest_by_learner(cast.course) == {
        cast.learner.pk: {"pulse_instructor": 2, "pulse_classmates": 2, "pulse_learning": 2},
        cast.other_learner.pk: {"pulse_instructor": 3, "pulse_classmates": 2, "pulse_learning": 1},
    }


def test_another_courses_pulse_is_not_mixed_in(cast, two_rounds):
    assert pulse.rounds(cast.other_course) == []
    assert pulse.latest_by_learner(cast.other_course) == {}

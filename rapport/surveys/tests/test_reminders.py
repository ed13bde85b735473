"""Learners are told once when a survey opens, then reminded every N days until they send
it or it closes — never more often, never after sending."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from rapport.core.kinds import NotificationKind
from rapport.core.models import Notification
from rapport.courses.models import MembershipStatus, Role
from rapport.factories import MembershipFactory, UserFactory
from rapport.surveys import services
from rapport.surveys.models import Participation, QuestionType
from rapport.surveys.tasks import survey_reminders

pytestmark = pytest.mark.django_db

START = datetime(2027, 3, 1, 9, 0, 5, tzinfo=UTC)


def told(user) -> list[str]:
    return list(
        Notification.objects.filter(recipient=user, kind=NotificationKind.SURVEY_OPEN)
        .order_by("created_at")
        .values_list("title", flat=True)
    )


def hourly(at: datetime) -> int:
    with time_machine.travel(at, tick=False):
        return survey_reminders.call_local()


@pytest.fixture
def survey(cast):
    survey = services.survey_create(
        course=cast.course,
        author=cast.instructor,
        title="How's the pace?",
        reminder_every_days=2,
    )
    services.question_create(
        survey=survey, actor=cast.instructor, type=QuestionType.SCALE, prompt="Pace?"
    )
    return survey


@pytest.fixture
def published(survey, publish):
    with time_machine.travel(START, tick=False):
        return publish(survey)


def test_the_reminder_task_runs_on_the_hour():
    task = survey_reminders.task_class()
    assert task.validate_datetime(datetime(2027, 3, 1, 10, 0))
    assert not task.validate_datetime(datetime(2027, 3, 1, 10, 30))


def test_publishing_tells_every_active_learner_once(cast, published):
    for learner in (cast.learner, cast.other_learner):
        assert told(learner) == ["A survey is waiting for you: How's the pace?"]
    for staff in (cast.instructor, cast.ta, cast.outsider):
        assert told(staff) == []
    assert hourly(START + timedelta(hours=1)) == 0
    assert len(told(cast.learner)) == 1


def test_reminders_come_every_n_days_until_the_learner_sends(cast, survey, published):
    assert hourly(START + timedelta(days=1, hours=23)) == 0
    assert hourly(START + timedelta(days=2)) == 2
    assert told(cast.learner)[-1] == "Still waiting for you: How's the pace?"
    with time_machine.travel(START + timedelta(days=2, hours=3), tick=False):
        question = survey.questions.get()
        services.answers_send(survey=survey, user=cast.learner, values={question.pk: 3})
    assert hourly(START + timedelta(days=3)) == 0
    assert hourly(START + timedelta(days=4)) == 1
    assert len(told(cast.learner)) == 2
    assert len(told(cast.other_learner)) == 3


def test_no_reminders_when_the_survey_asks_for_none(cast, survey, publish):
    survey.reminder_every_days = 0
    survey.save()
    with time_machine.travel(START, tick=False):
        publish(survey)
    for day in range(1, 8):
        hourly(START + timedelta(days=day))
    assert len(told(cast.learner)) == 1


def test_someone_who_joins_later_is_told_at_the_next_hour(cast, published):
    newcomer = UserFactory()
    MembershipFactory(course=cast.course, user=newcomer, role=Role.LEARNER)
    assert hourly(START + timedelta(hours=5)) == 1
    assert told(newcomer) == ["A survey is waiting for you: How's the pace?"]
    assert Participation.objects.get(user=newcomer).started_at is None


def test_learners_who_left_are_not_reminded(cast, published):
    cast.course.memberships.filter(user=cast.other_learner).update(status=MembershipStatus.REMOVED)
    assert hourly(START + timedelta(days=2)) == 1
    assert len(told(cast.other_learner)) == 1


def test_closed_surveys_remind_nobody(cast, survey, published):
    with time_machine.travel(START + timedelta(days=1), tick=False):
        services.survey_close(survey=survey, actor=cast.instructor)
    assert hourly(START + timedelta(days=4)) == 0


def test_a_scheduled_survey_is_announced_when_it_opens(cast, survey, publish):
    survey.opens_at = START + timedelta(days=1)
    survey.save()
    with time_machine.travel(START, tick=False):
        publish(survey)
    assert told(cast.learner) == []
    assert hourly(START + timedelta(hours=23)) == 0
    assert hourly(START + timedelta(days=1, minutes=-5) + timedelta(minutes=55)) == 2
    assert told(cast.learner) == ["A survey is waiting for you: How's the pace?"]


def test_the_notification_says_when_it_closes_in_the_learners_time(cast, survey, publish):
    cast.learner.timezone = "Asia/Tokyo"
    cast.learner.save()
    survey.closes_at = datetime(2027, 3, 5, 15, 0, tzinfo=UTC)
    survey.save()
    with time_machine.travel(START, tick=False):
        publish(survey)
    note = Notification.objects.get(recipient=cast.learner)
    assert "It closes on Saturday 6 March at 00:00." in note.body
    assert note.url == f"/c/env-sci/surveys/{survey.pk}/"

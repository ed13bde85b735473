"""The demo's surveys: every learner answered "Getting to know you" in their own words,
a few answered the anonymous "How's the pace?", and the belonging pulse has run three
rounds, the drifting learners feeling less and less connected — fast, and the same on
every run."""

import pytest

from rapport.core.kinds import NotificationKind, TouchpointKind
from rapport.core.models import Notification, Touchpoint
from rapport.core.testing.shared_data import module_data
from rapport.courses.models import Course
from rapport.demo.classmates import CLASSMATES
from rapport.demo.seeders.surveys import seed_surveys
from rapport.demo.seeders.surveys.script import (
    INTRO,
    PACE_ANSWERS,
    PULSE_DRIFTING,
    PULSE_ROUNDS_WEEKS_AGO,
)
from rapport.demo.testing import demo_on_a_saturday, seeding_at
from rapport.surveys import availability, pulse
from rapport.surveys.intro import intro_answers
from rapport.surveys.models import Answer, Participation, Response, Survey, SurveyKind

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("saturday_clock")]


def build():
    """The demo's people, courses and check-ins, then the surveys."""
    from django.contrib.auth import get_user_model

    now = demo_on_a_saturday(with_features=False).now
    course = Course.objects.get(slug="env-sci-101")
    users = {u.email: u for u in get_user_model().objects.all()}
    with seeding_at(now):
        added = seed_surveys(course=course, users=users, now=now)
    return course, users, added


demo = module_data(build, name="demo")


def counts() -> dict:
    return {
        "surveys": Survey.objects.count(),
        "responses": Response.objects.count(),
        "answers": Answer.objects.count(),
        "participations": Participation.objects.count(),
        "touchpoints": Touchpoint.objects.count(),
        "notifications": Notification.objects.count(),
    }


def test_every_demo_learner_answered_getting_to_know_you(demo):
    course, users, added = demo
    assert added == 2 + 25 + len(PACE_ANSWERS) + len(PULSE_ROUNDS_WEEKS_AGO)
    assert len(INTRO) == len(CLASSMATES) + 1
    survey = Survey.objects.get(course=course, kind=SurveyKind.INTRO)
    assert survey.is_open() and not survey.anonymous
    answers = intro_answers(course=course)
    learners = [f"{p.email}" for p in CLASSMATES] + ["learner@rapport.test"]
    for email in learners:
        intro = answers[users[email].pk]
        assert intro.submitted and intro.goals and intro.best_times, email
        assert 2 <= len(intro.interests) <= 5, email
        assert intro.channel == users[email].get_preferred_channel_display(), email
        for slot in intro.best_times:
            assert availability.clean_slots([slot]) == [slot]
    assert Touchpoint.objects.filter(kind=TouchpointKind.SURVEY_ANSWERED).count() == 25
    # Shared interests overlap, so learners find each other.
    everyone = [i for e in learners for i in answers[users[e].pk].interests]
    assert max(everyone.count(i) for i in set(everyone)) >= 8


def test_best_times_are_in_each_learners_own_evening(demo):
    course, users, *_ = demo
    sam = users["learner@rapport.test"]
    sent = Response.objects.get(respondent=sam, survey__kind=SurveyKind.INTRO).submitted_at
    times = intro_answers(course=course)[sam.pk].best_times
    # Sam (Denver) studies on weekday mornings, 9 to 12 local (as of the week they answered).
    labels = availability.describe(times, zone=sam.zone(), now=sent)
    assert labels == [f"{day} 09:00–12:00" for day in availability.WEEKDAYS[:5]]
    yuki = users["yuki@rapport.test"]
    yuki_times = intro_answers(course=course)[yuki.pk].best_times
    assert [6, 23 * 60, 24 * 60] in yuki_times  # Monday 08:00 in Tokyo is Sunday 23:00 UTC


def test_the_pace_survey_is_anonymous_with_a_handful_of_answers(demo):
    course, users, *_ = demo
    pace = Survey.objects.get(course=course, title="How's the pace?")
    assert pace.anonymous and pace.is_open()
    assert Response.objects.filter(survey=pace).count() == len(PACE_ANSWERS)
    assert not Response.objects.filter(survey=pace, respondent__isnull=False).exists()
    sam = users["learner@rapport.test"]
    assert not Participation.objects.filter(survey=pace, user=sam, submitted_at__isnull=False)
    waiting = Notification.objects.get(
        recipient=sam, kind=NotificationKind.SURVEY_OPEN, title__contains="pace"
    )
    assert waiting.read_at is None


def test_the_surveys_send_no_stale_email(demo, module_outbox):
    assert not [m for m in module_outbox if "survey" in m.subject.lower()]


def test_running_again_adds_nothing(demo, django_capture_on_commit_callbacks):
    from django.utils import timezone

    course, users, *_ = demo
    before = counts()
    with django_capture_on_commit_callbacks(execute=True):
        assert seed_surveys(course=course, users=users, now=timezone.now()) == 0
    assert counts() == before


def test_the_pulse_ran_three_rounds_and_the_drifting_feel_less_connected(demo):
    course, users, *_ = demo
    rounds = pulse.rounds(course)
    assert len(rounds) == len(PULSE_ROUNDS_WEEKS_AGO)
    assert [r.survey.is_open() for r in rounds] == [False, False, True]
    assert all(r.answered >= 5 for r in rounds)
    latest = pulse.latest_by_learner(course)
    for name, scores in PULSE_DRIFTING.items():
        learner = users[f"{name}@rapport.test"]
        answered = [s for s in scores if s is not None]
        assert latest[learner.pk] == dict(zip(pulse.KEYS, answered[-1], strict=True))
    # Dmitri, Wei and the demo learner have not answered the open round: it waits for them.
    open_round = rounds[-1].survey
    waiting = {users[f"{name}@rapport.test"].pk for name in ("dmitri", "wei", "learner")}
    answered = set(
        Participation.objects.filter(survey=open_round, submitted_at__isnull=False).values_list(
            "user_id", flat=True
        )
    )
    assert not waiting & answered

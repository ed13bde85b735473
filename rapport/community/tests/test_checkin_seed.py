"""The demo's reflections and moods: a real-looking class, Liam's falling mood and waiting
help request, two learners who never check in — and a second run that adds nothing."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse

from rapport.community.checkins import selectors
from rapport.community.models.checkins import (
    MoodCheckin,
    PromptState,
    ReflectionAnswer,
    ReflectionPrompt,
    ReflectionReply,
)
from rapport.core.kinds import NotificationKind, TouchpointKind
from rapport.core.models import Notification, Touchpoint
from rapport.core.testing.shared_data import module_data
from rapport.courses.models import Course
from rapport.demo.seeders.wellbeing import seed_wellbeing
from rapport.demo.testing import a_saturday_noon, demo_on_a_saturday, seeding_at

pytestmark = pytest.mark.django_db

NOW = a_saturday_noon()


def seed() -> int:
    course = Course.objects.get(slug="env-sci-101")
    users = {user.email: user for user in get_user_model().objects.all()}
    return seed_wellbeing(course=course, users=users, now=NOW)


def build() -> Course:
    demo_on_a_saturday(with_features=False)
    with seeding_at(NOW):
        assert seed() > 100
    return Course.objects.get(slug="env-sci-101")


env_sci = module_data(build, name="env_sci")


def counts() -> dict:
    return {
        "prompts": ReflectionPrompt.objects.count(),
        "answers": ReflectionAnswer.objects.count(),
        "replies": ReflectionReply.objects.count(),
        "moods": MoodCheckin.objects.count(),
        "touchpoints": Touchpoint.objects.count(),
        "notifications": Notification.objects.count(),
    }


def by_name(name: str):
    return get_user_model().objects.get(email=f"{name}@rapport.test")


def test_six_weekly_prompts_answered_by_most_learners_with_some_replies(env_sci):
    prompts = list(ReflectionPrompt.objects.filter(course=env_sci).order_by("opens_at"))
    assert len(prompts) == 6
    states = [prompt.state(NOW) for prompt in prompts]
    assert states == [PromptState.CLOSED] * 4 + [PromptState.OPEN, PromptState.SCHEDULED]
    zone = env_sci.zone()
    local = [prompt.opens_at.astimezone(zone) for prompt in prompts]
    assert {moment.hour for moment in local} == {9}  # nine in the morning, course time
    assert {(b.date() - a.date()).days for a, b in zip(local, local[1:], strict=False)} == {7}
    assert all(a.closes_at == b.opens_at for a, b in zip(prompts, prompts[1:], strict=False))
    # Most learners who were in the course while a prompt was open answered it.
    joined = env_sci.memberships.filter(role="learner").values_list("joined_at", flat=True)
    could = sum(j < prompt.closes_at - timedelta(hours=3) for prompt in prompts[:4] for j in joined)
    did = ReflectionAnswer.objects.filter(prompt__in=prompts[:4]).count()
    assert did / could > 0.6
    for answer in ReflectionAnswer.objects.select_related("prompt"):
        assert answer.prompt.opens_at <= answer.created_at <= answer.prompt.closes_at
    assert ReflectionReply.objects.count() >= 5
    assert not ReflectionAnswer.objects.filter(learner=by_name("dmitri")).exists()
    # Sam has replies to read and this week's prompt still to answer.
    sam = by_name("learner")
    assert ReflectionReply.objects.filter(answer__learner=sam).exists()
    assert not ReflectionAnswer.objects.filter(learner=sam, prompt=prompts[4]).exists()
    touchpoints = Touchpoint.objects.filter(kind=TouchpointKind.REFLECTION)
    assert touchpoints.count() == ReflectionAnswer.objects.count()


def test_learners_are_told_about_the_open_prompt(env_sci):
    told = Notification.objects.filter(kind=NotificationKind.PROMPT_OPEN)
    assert told.count() == selectors.learner_count(course=env_sci)


def test_moods_are_mostly_good_since_each_learner_joined(env_sci):
    moods = list(MoodCheckin.objects.filter(course=env_sci).select_related("learner"))
    assert len(moods) > 100
    assert sum(mood.score >= 3 for mood in moods) / len(moods) > 0.8
    joined = dict(env_sci.memberships.values_list("user_id", "joined_at"))
    assert all(joined[mood.learner_id] <= mood.created_at <= NOW for mood in moods)
    touchpoints = Touchpoint.objects.filter(kind=TouchpointKind.MOOD_CHECKIN)
    assert touchpoints.count() == len(moods)


def test_liam_is_falling_swamped_and_waiting_for_someone_to_follow_up(env_sci):
    overview = selectors.class_overview(course=env_sci)
    assert [row.member.user.preferred_name for row in overview.falling] == ["Liam"]
    liam = overview.rows[0]  # open help requests come first
    assert liam.member.user.preferred_name == "Liam"
    assert liam.scores[0] == 4 and liam.scores[-1] == 2
    assert liam.latest.word == "swamped"
    [request] = liam.open_help
    assert timedelta(days=5) < NOW - request.created_at < timedelta(days=8)
    unread = Notification.objects.filter(
        kind=NotificationKind.HELP_REQUESTED, actor=by_name("liam"), read_at__isnull=True
    )
    assert unread.count() == 2  # Maya and Tomás


def test_dmitri_and_wei_never_check_in_and_sams_request_was_followed_up(env_sci):
    overview = selectors.class_overview(course=env_sci)
    never = {member.user.preferred_name for member in overview.never}
    assert {"Dmitri", "Wei"} <= never
    sam = MoodCheckin.objects.get(learner=by_name("learner"), wants_help=True)
    assert sam.followed_up_by == by_name("ta")


def test_seeding_again_adds_nothing(env_sci):
    before = counts()
    with time_machine.travel(NOW + timedelta(minutes=5), tick=False):
        assert seed() == 0
    assert counts() == before


def test_the_staff_pages_tell_the_story(env_sci, client):
    with time_machine.travel(NOW, tick=False):
        client.force_login(by_name("instructor"))
        html = client.get(reverse("community:mood_overview", args=["env-sci-101"])).text
    assert "Asked for help (1)" in html and "swamped" in html and "Falling" in html

"""Reflection prompts open (now, or by the hourly task) and tell learners once; learners
answer privately while a prompt is open; staff reply privately."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from rapport.community.checkins import services, tasks
from rapport.community.checkins.testing import prompt_open
from rapport.community.models.checkins import ReflectionAnswer, ReflectionPrompt, ReflectionReply
from rapport.core.enums import Channel
from rapport.core.kinds import NotificationKind, TouchpointKind
from rapport.core.models import Notification, Touchpoint
from rapport.core.refusals import Refused
from rapport.courses.models import MembershipStatus

pytestmark = pytest.mark.django_db


def prompt_notifications():
    return Notification.objects.filter(kind=NotificationKind.PROMPT_OPEN)


# --- prompts ------------------------------------------------------------------------------


def test_a_prompt_opening_now_tells_every_active_learner_once(
    cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        prompt = prompt_open(cast)
    told = prompt_notifications()
    assert {n.recipient for n in told} == {cast.learner, cast.other_learner}
    assert all(f"/reflections/{prompt.pk}/" in n.url for n in told)
    assert "What surprised you this week?" in told[0].title
    # A retry of the fan-out, or the hourly task, tells nobody again.
    assert services.reflection_prompt_fan_out(prompt_id=prompt.pk) == 0
    assert services.reflection_prompts_announce_due() == 0
    assert prompt_notifications().count() == 2


def test_a_scheduled_prompt_is_announced_by_the_hourly_task_when_its_time_comes(
    cast, django_capture_on_commit_callbacks
):
    start = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        prompt = prompt_open(cast, opens_at=start + timedelta(hours=2))
        tasks.announce_due_reflection_prompts.call_local()
    assert not prompt_notifications().exists()
    with (
        time_machine.travel(start + timedelta(hours=3), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert tasks.announce_due_reflection_prompts.call_local() == 1
    prompt.refresh_from_db()
    assert prompt.announced_at is not None
    assert prompt_notifications().count() == 2


def test_learners_who_left_are_not_told(cast, django_capture_on_commit_callbacks):
    cast.course.memberships.filter(user=cast.other_learner).update(status=MembershipStatus.LEFT)
    with django_capture_on_commit_callbacks(execute=True):
        prompt_open(cast)
    assert [n.recipient for n in prompt_notifications()] == [cast.learner]


@pytest.mark.parametrize("text", ["", "   ", "x" * 1001])
def test_a_prompt_needs_words_and_not_too_many(cast, text):
    with pytest.raises(Refused) as refusal:
        prompt_open(cast, text=text)
    assert refusal.value.field == "text"
    assert not ReflectionPrompt.objects.exists()


def test_a_prompt_must_close_after_it_opens_and_not_in_the_past(cast):
    now = timezone.now()
    with pytest.raises(Refused, match="after the opening time"):
        prompt_open(cast, opens_at=now + timedelta(days=2), closes_at=now + timedelta(days=1))
    with pytest.raises(Refused, match="already passed"):
        prompt_open(cast, opens_at=now - timedelta(days=2), closes_at=now - timedelta(minutes=1))
    assert not ReflectionPrompt.objects.exists()


def test_learners_cannot_write_prompts(cast):
    with pytest.raises(Refused):
        services.reflection_prompt_create(course=cast.course, author=cast.learner, text="Hi?")


def test_an_announced_prompt_cannot_be_moved_back_into_the_future(cast):
    prompt = prompt_open(cast)
    with pytest.raises(Refused, match="already been told"):
        services.reflection_prompt_update(
            prompt=prompt,
            editor=cast.ta,
            text="New words",
            opens_at=timezone.now() + timedelta(days=1),
        )
    prompt.refresh_from_db()
    assert prompt.text == "What surprised you this week?"


def test_editing_a_scheduled_prompt_to_open_now_announces_it(
    cast, django_capture_on_commit_callbacks
):
    prompt = prompt_open(cast, opens_at=timezone.now() + timedelta(days=3))
    with django_capture_on_commit_callbacks(execute=True):
        services.reflection_prompt_update(prompt=prompt, editor=cast.ta, text="Sooner?")
    assert prompt_notifications().count() == 2


# --- answers ------------------------------------------------------------------------------


def test_a_learner_answers_and_the_ledger_hears_of_it_once(cast):
    prompt = prompt_open(cast)
    answer, created = services.reflection_answer_save(
        prompt=prompt, learner=cast.learner, text="  The plovers!  "
    )
    assert created and answer.text == "The plovers!"
    again, created = services.reflection_answer_save(
        prompt=prompt, learner=cast.learner, text="The plovers, and the tides."
    )
    assert not created and again.pk == answer.pk
    assert ReflectionAnswer.objects.get().text == "The plovers, and the tides."
    touchpoint = Touchpoint.objects.get(kind=TouchpointKind.REFLECTION)
    assert (touchpoint.actor, touchpoint.subject) == (cast.learner, cast.learner)
    assert touchpoint.channel == Channel.TEXT


@pytest.mark.parametrize("text", ["", "  \n ", None])
def test_an_empty_reflection_is_refused(cast, text):
    prompt = prompt_open(cast)
    with pytest.raises(Refused, match="Write a few words"):
        services.reflection_answer_save(prompt=prompt, learner=cast.learner, text=text)
    assert not ReflectionAnswer.objects.exists()
    assert not Touchpoint.objects.filter(kind=TouchpointKind.REFLECTION).exists()


def test_a_reflection_longer_than_4000_characters_is_refused(cast):
    prompt = prompt_open(cast)
    services.reflection_answer_save(prompt=prompt, learner=cast.learner, text="x" * 4000)
    with pytest.raises(Refused, match="4,001 characters"):
        services.reflection_answer_save(prompt=prompt, learner=cast.learner, text="y" * 4001)
    assert ReflectionAnswer.objects.get().text == "x" * 4000


def test_a_closed_prompt_takes_no_new_answers_and_no_changes(cast):
    start = timezone.now()
    prompt = prompt_open(cast, closes_at=start + timedelta(days=7))
    services.reflection_answer_save(prompt=prompt, learner=cast.learner, text="First")
    with time_machine.travel(start + timedelta(days=8), tick=False):
        for learner in (cast.learner, cast.other_learner):
            with pytest.raises(Refused, match="closed on"):
                services.reflection_answer_save(prompt=prompt, learner=learner, text="Later")
    assert list(ReflectionAnswer.objects.values_list("text", flat=True)) == ["First"]


def test_a_scheduled_prompt_cannot_be_answered_yet(cast):
    prompt = prompt_open(cast, opens_at=timezone.now() + timedelta(days=1))
    with pytest.raises(Refused, match="isn't open yet"):
        services.reflection_answer_save(prompt=prompt, learner=cast.learner, text="Early")


def test_staff_do_not_answer_reflections(cast):
    prompt = prompt_open(cast)
    with pytest.raises(Refused):
        services.reflection_answer_save(prompt=prompt, learner=cast.ta, text="Me too")


# --- replies ------------------------------------------------------------------------------


def test_a_staff_reply_tells_the_learner_and_counts_as_a_human_touch(cast):
    prompt = prompt_open(cast)
    answer, _ = services.reflection_answer_save(prompt=prompt, learner=cast.learner, text="Hi")
    reply = services.reflection_reply_add(answer=answer, author=cast.ta, text="Lovely **work**")
    assert ReflectionReply.objects.get() == reply
    notification = Notification.objects.get(kind=NotificationKind.MESSAGE_REPLY)
    assert notification.recipient == cast.learner
    assert notification.url.endswith(f"/reflections/{prompt.pk}/#reply-{reply.pk}")
    touchpoint = Touchpoint.objects.get(kind=TouchpointKind.MESSAGE_REPLY)
    assert (touchpoint.actor, touchpoint.subject) == (cast.ta, cast.learner)


def test_learners_cannot_reply_to_answers(cast):
    prompt = prompt_open(cast)
    answer, _ = services.reflection_answer_save(prompt=prompt, learner=cast.learner, text="Hi")
    for person in (cast.learner, cast.other_learner, cast.outsider):
        with pytest.raises(Refused):
            services.reflection_reply_add(answer=answer, author=person, text="Hey")
    with pytest.raises(Refused, match="Write your reply"):
        services.reflection_reply_add(answer=answer, author=cast.ta, text=" ")
    assert not ReflectionReply.objects.exists()

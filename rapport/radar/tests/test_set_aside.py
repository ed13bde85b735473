"""Snoozing (a week) and dismissing (until a new signal) someone on the reach-out list,
with a reason; undoing it; and only the course's own staff may."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from rapport.community.checkins.services import mood_record
from rapport.radar.models import DecisionKind, DecisionReason, ReachOutDecision
from rapport.radar.selectors import reason_key, this_week

pytestmark = pytest.mark.django_db

HOME = "/c/env-sci/"


def set_aside_url(cast, learner):
    return reverse("radar:set_aside", args=[cast.course.slug, learner.pk])


def to_reach(cast, now=None):
    return [item.user for item in this_week(course=cast.course, now=now or timezone.now()).to_reach]


def test_a_snooze_takes_them_off_for_a_week_then_they_come_back(drifting, client_for):
    client = client_for("ta")
    response = client.post(
        set_aside_url(drifting, drifting.learner),
        {"kind": DecisionKind.SNOOZE, "reason": DecisionReason.AWAY, "next": HOME},
    )
    assert response.status_code == 302 and response["Location"] == HOME + "#reach-out"
    decision = ReachOutDecision.objects.get()
    assert (decision.decided_by, decision.reason) == (drifting.ta, DecisionReason.AWAY)
    assert to_reach(drifting) == [drifting.other_learner]
    home = client.get(HOME)
    assert [aside.item.user for aside in home.context["home"].week.set_aside] == [drifting.learner]
    assert "They're away or on leave" in home.content.decode() or "away or on leave" in (
        home.content.decode()
    )
    eight_days_on = timezone.now() + timedelta(days=8)
    with time_machine.travel(eight_days_on):
        assert drifting.learner in to_reach(drifting, now=eight_days_on)


def test_a_dismissal_holds_until_a_new_signal_appears(drifting, client_for):
    client_for("instructor").post(
        set_aside_url(drifting, drifting.learner),
        {"kind": DecisionKind.DISMISS, "reason": DecisionReason.IN_TOUCH_ELSEWHERE},
    )
    assert drifting.learner not in to_reach(drifting)
    # The days passing change the numbers in a reason, not the signal.
    later = timezone.now() + timedelta(days=3)
    assert drifting.learner not in to_reach(drifting, now=later)
    # Asking for help is a new signal: they are back.
    mood_record(course=drifting.course, learner=drifting.learner, score=1, wants_help=True)
    assert drifting.learner in to_reach(drifting)


def test_undo_puts_them_back_on_the_list(drifting, client_for):
    client = client_for("instructor")
    client.post(
        set_aside_url(drifting, drifting.learner),
        {"kind": DecisionKind.DISMISS, "reason": DecisionReason.HANDLED},
    )
    decision = ReachOutDecision.objects.get()
    response = client.post(
        reverse("radar:set_aside_undo", args=[drifting.course.slug, decision.pk]), {"next": HOME}
    )
    assert response.status_code == 302
    assert not ReachOutDecision.objects.exists()
    assert drifting.learner in to_reach(drifting)


def test_a_reason_is_required_and_nothing_is_saved_without_one(drifting, client_for):
    client = client_for("instructor")
    response = client.post(set_aside_url(drifting, drifting.learner), {"kind": "snooze"})
    assert response.status_code == 302
    assert not ReachOutDecision.objects.exists()
    page = client.get(HOME)
    assert "Choose a reason" in page.content.decode()


def test_learners_and_another_courses_staff_cannot_set_anyone_aside(drifting, client_for):
    data = {"kind": DecisionKind.SNOOZE, "reason": DecisionReason.AWAY}
    assert (
        client_for("other_learner")
        .post(set_aside_url(drifting, drifting.learner), data)
        .status_code
        == 404
    )
    # The outsider teaches another course: through their own course the learner is a stranger.
    outsider = client_for("outsider")
    own_course = reverse("radar:set_aside", args=[drifting.other_course.slug, drifting.learner.pk])
    assert outsider.post(own_course, data).status_code == 302
    assert outsider.post(set_aside_url(drifting, drifting.learner), data).status_code == 404
    assert not ReachOutDecision.objects.exists()


def test_another_courses_staff_cannot_undo_a_decision(drifting, client_for):
    client_for("instructor").post(
        set_aside_url(drifting, drifting.learner),
        {"kind": DecisionKind.SNOOZE, "reason": DecisionReason.AWAY},
    )
    decision = ReachOutDecision.objects.get()
    outsider = client_for("outsider")
    for slug in (drifting.other_course.slug, drifting.course.slug):
        url = reverse("radar:set_aside_undo", args=[slug, decision.pk])
        assert outsider.post(url).status_code == 404
    assert ReachOutDecision.objects.filter(pk=decision.pk).exists()


def test_reason_keys_leave_numbers_out():
    assert reason_key("no personal contact in 16 days") == reason_key(
        "no personal contact in 17 days"
    )
    assert reason_key("has not opened the last two check-ins") != reason_key(
        "has not opened the last three check-ins"
    )

"""Check-ins, sent now or scheduled: what they record in the ledger, who hears of them and
when, and who may watch their recording."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from rapport.core.enums import Channel
from rapport.core.kinds import NotificationKind, TouchpointKind
from rapport.core.models import Notification, Touchpoint
from rapport.core.refusals import Refused
from rapport.courses.models import MembershipStatus
from rapport.media.models import Audience, MediaKind
from rapport.media.selectors import media_visible_to
from rapport.presence import services
from rapport.presence.models import Format, Message, MessageKind
from rapport.presence.tests.helpers import add_learners

pytestmark = pytest.mark.django_db


def touchpoints(kind):
    return Touchpoint.objects.filter(kind=kind)


def told(kind):
    return set(Notification.objects.filter(kind=kind).values_list("recipient__email", flat=True))


# --- check-ins --------------------------------------------------------------------------


def test_text_checkin_is_released_at_once_and_recorded_for_everyone(
    cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = services.checkin_post(
            course=cast.course, author=cast.instructor, title="Week 1", body="Hello all"
        )
    assert message.kind == MessageKind.CHECKIN
    assert message.recipient is None
    assert message.is_released
    assert message.format == Format.TEXT
    point = touchpoints(TouchpointKind.CHECKIN_POSTED).get()
    assert (point.actor, point.subject, point.channel) == (cast.instructor, None, Channel.TEXT)
    assert point.target == message


def test_checkin_tells_every_active_learner_but_not_staff_or_former_learners(
    cast, django_capture_on_commit_callbacks
):
    cast.course.memberships.filter(user=cast.other_learner).update(status=MembershipStatus.REMOVED)
    with django_capture_on_commit_callbacks(execute=True):
        message = services.checkin_post(
            course=cast.course, author=cast.instructor, title="Week 1", body="Hello"
        )
    notification = Notification.objects.get(kind=NotificationKind.CHECKIN_RELEASED)
    assert notification.recipient == cast.learner
    assert notification.url == f"/c/env-sci/messages/{message.pk}/"
    assert notification.actor == cast.instructor
    assert "Week 1" in notification.title


def test_the_fan_out_runs_after_commit_not_inside_the_request(
    cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.checkin_post(course=cast.course, author=cast.instructor, title="W", body="x")
        assert not Notification.objects.filter(kind=NotificationKind.CHECKIN_RELEASED).exists()
    assert callbacks


def test_fan_out_is_safe_to_run_twice(cast, checkin):
    assert told(NotificationKind.CHECKIN_RELEASED) == {cast.learner.email, cast.other_learner.email}
    assert services.checkin_fan_out(message_id=checkin.pk) == 0
    assert Notification.objects.filter(kind=NotificationKind.CHECKIN_RELEASED).count() == 2


def test_video_checkin_shares_its_recording_with_the_course(cast, media_for):
    media = media_for()
    message = services.checkin_post(
        course=cast.course, author=cast.instructor, title="Week 1", media_id=str(media.public_id)
    )
    assert message.format == Format.VIDEO
    assert message.media == media
    media.refresh_from_db()
    assert media.audience == Audience.COURSE
    assert media_visible_to(media=media, user=cast.learner)
    point = touchpoints(TouchpointKind.CHECKIN_POSTED).get()
    assert point.channel == Channel.VIDEO


def test_voice_checkin_is_recorded_as_voice(cast, media_for):
    media = media_for(kind=MediaKind.AUDIO)
    message = services.checkin_post(
        course=cast.course, author=cast.instructor, title="Week 1", media_id=media.public_id
    )
    assert message.format == Format.VOICE
    assert touchpoints(TouchpointKind.CHECKIN_POSTED).get().channel == Channel.VOICE


def test_ta_may_post_a_checkin(cast):
    message = services.checkin_post(course=cast.course, author=cast.ta, title="Hi", body="x")
    assert message.author == cast.ta


def test_learner_may_not_post_a_checkin(cast):
    with pytest.raises(Refused, match="teaching team"):
        services.checkin_post(course=cast.course, author=cast.learner, title="Hi", body="x")
    assert not Message.objects.exists()


# --- scheduled check-ins ----------------------------------------------------------------


def test_scheduled_checkin_waits_and_nobody_is_told(cast, scheduled_checkin, media_for):
    assert not scheduled_checkin.is_released
    assert not touchpoints(TouchpointKind.CHECKIN_POSTED).exists()
    assert not Notification.objects.filter(kind=NotificationKind.CHECKIN_RELEASED).exists()
    assert services.checkins_release_due() == 0


def test_scheduled_checkin_recording_is_hidden_from_learners_until_release(cast, media_for):
    media = media_for()
    release_at = timezone.now() + timedelta(days=2)
    services.checkin_post(
        course=cast.course,
        author=cast.instructor,
        title="Soon",
        media_id=media.public_id,
        release_at=release_at,
    )
    media.refresh_from_db()
    assert media.available_from == release_at
    assert not media_visible_to(media=media, user=cast.learner)
    assert media_visible_to(media=media, user=cast.ta)
    with time_machine.travel(release_at + timedelta(minutes=1)):
        assert media_visible_to(media=media, user=cast.learner)


def test_due_checkins_are_released_once_recorded_and_announced(
    cast, scheduled_checkin, django_capture_on_commit_callbacks
):
    later = scheduled_checkin.release_at + timedelta(seconds=30)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.checkins_release_due(now=later) == 1
        assert services.checkins_release_due(now=later) == 0
    scheduled_checkin.refresh_from_db()
    assert scheduled_checkin.released_at == later
    point = touchpoints(TouchpointKind.CHECKIN_POSTED).get()
    assert point.occurred_at == later
    assert told(NotificationKind.CHECKIN_RELEASED) == {cast.learner.email, cast.other_learner.email}


def test_the_periodic_task_releases_due_checkins(cast, scheduled_checkin):
    from rapport.presence.tasks import release_due_checkins

    with time_machine.travel(scheduled_checkin.release_at + timedelta(minutes=1)):
        assert release_due_checkins.call_local() == 1
    scheduled_checkin.refresh_from_db()
    assert scheduled_checkin.is_released


def test_a_release_time_long_past_is_refused(cast):
    with pytest.raises(Refused, match="already passed"):
        services.checkin_post(
            course=cast.course,
            author=cast.instructor,
            title="Oops",
            body="x",
            release_at=timezone.now() - timedelta(hours=1),
        )
    assert not Message.objects.exists()


def test_a_release_time_a_moment_ago_sends_now(cast):
    message = services.checkin_post(
        course=cast.course,
        author=cast.instructor,
        title="Now",
        body="x",
        release_at=timezone.now() - timedelta(minutes=1),
    )
    assert message.is_released


def test_fan_out_covers_a_big_course(cast, django_capture_on_commit_callbacks):
    add_learners(cast.course, 30)
    with django_capture_on_commit_callbacks(execute=True):
        services.checkin_post(course=cast.course, author=cast.instructor, title="W", body="x")
    assert Notification.objects.filter(kind=NotificationKind.CHECKIN_RELEASED).count() == 32

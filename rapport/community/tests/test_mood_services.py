"""Recording moods: validation, the daily limit on the course's day, help requests telling
every member of staff, the ledger, and following up."""

import zoneinfo
from datetime import datetime

import pytest
import time_machine
from django.core import mail

from rapport.community.checkins import services
from rapport.community.models.checkins import MoodCheckin
from rapport.community.models.settings import community_settings_for
from rapport.core.enums import Channel
from rapport.core.kinds import NotificationKind, TouchpointKind
from rapport.core.models import Notification, Touchpoint
from rapport.core.refusals import Refused
from rapport.courses.models import Role
from rapport.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

CHICAGO = zoneinfo.ZoneInfo("America/Chicago")  # the cast's course time zone


def record(cast, **kwargs):
    return services.mood_record(course=cast.course, learner=cast.learner, **kwargs)


@pytest.mark.parametrize("score", [0, 6, -1, 100, "", None, "great", 2.5])
def test_a_score_outside_one_to_five_is_refused_and_nothing_is_saved(cast, score):
    with pytest.raises(Refused) as refusal:
        record(cast, score=score)
    assert refusal.value.field == "score"
    assert "Really low to Great" in refusal.value.message
    assert not MoodCheckin.objects.exists()
    assert not Touchpoint.objects.filter(kind=TouchpointKind.MOOD_CHECKIN).exists()


def test_a_word_longer_than_thirty_characters_is_refused(cast):
    with pytest.raises(Refused) as refusal:
        record(cast, score=3, word="x" * 31)
    assert refusal.value.field == "word"
    assert "30 characters" in refusal.value.message
    assert not MoodCheckin.objects.exists()


def test_the_word_is_kept_as_one_plain_line(cast):
    checkin = record(cast, score=4, word="  so\n\ntired   ok ")
    assert checkin.word == "so tired ok"


def test_every_checkin_records_a_mood_touchpoint_from_the_learner_about_themself(cast):
    first = record(cast, score=4)
    record(cast, score=3)
    touchpoints = Touchpoint.objects.filter(kind=TouchpointKind.MOOD_CHECKIN)
    assert touchpoints.count() == 2
    touchpoint = touchpoints.get(object_id=str(first.pk))
    assert (touchpoint.actor, touchpoint.subject) == (cast.learner, cast.learner)
    assert touchpoint.channel == Channel.IN_APP
    assert not Touchpoint.objects.filter(kind=TouchpointKind.HELP_REQUESTED).exists()
    assert not Notification.objects.exists()


def test_asking_for_help_tells_every_member_of_staff_and_records_it(
    cast, django_capture_on_commit_callbacks
):
    second_ta = UserFactory(email="ta2@example.test", preferred_channel=Channel.EMAIL)
    MembershipFactory(course=cast.course, user=second_ta, role=Role.TA)
    with django_capture_on_commit_callbacks(execute=True):
        checkin = record(cast, score=2, word="swamped", wants_help=True)

    told = Notification.objects.filter(kind=NotificationKind.HELP_REQUESTED)
    assert {n.recipient for n in told} == {cast.instructor, cast.ta, second_ta}
    assert all(n.actor == cast.learner and n.course == cast.course for n in told)
    assert all(f"/mood/learners/{cast.learner.pk}/" in n.url for n in told)
    # Those who prefer email get one (the task queue runs immediately in tests) — and it
    # does not carry the learner's mood or word out of Rapport.
    assert [m.to for m in mail.outbox] == [[second_ta.email]]
    assert "swamped" not in mail.outbox[0].body and "Low" not in mail.outbox[0].subject
    help_touchpoint = Touchpoint.objects.get(kind=TouchpointKind.HELP_REQUESTED)
    assert (help_touchpoint.actor, help_touchpoint.subject) == (cast.learner, cast.learner)
    assert help_touchpoint.object_id == str(checkin.pk)
    assert checkin.help_is_open


def test_staff_and_outsiders_cannot_check_in(cast):
    for person in (cast.instructor, cast.ta, cast.outsider):
        with pytest.raises(Refused):
            services.mood_record(course=cast.course, learner=person, score=3)
    assert not MoodCheckin.objects.exists()


def test_the_daily_limit_counts_the_course_day_and_resets_at_its_midnight(cast):
    settings = community_settings_for(cast.course)
    settings.mood_daily_limit = 2
    settings.save()
    with time_machine.travel(datetime(2027, 3, 3, 0, 0, 1, tzinfo=CHICAGO), tick=False):
        record(cast, score=3)
    with time_machine.travel(datetime(2027, 3, 3, 23, 0, tzinfo=CHICAGO), tick=False):
        record(cast, score=4)
    with time_machine.travel(datetime(2027, 3, 3, 23, 59, 59, tzinfo=CHICAGO), tick=False):
        with pytest.raises(Refused) as refusal:
            record(cast, score=5, wants_help=True)
        assert "checked in 2 times today" in refusal.value.message
        assert "tomorrow" in refusal.value.message
    assert MoodCheckin.objects.count() == 2
    assert not Notification.objects.exists()
    with time_machine.travel(datetime(2027, 3, 4, 0, 0, 0, tzinfo=CHICAGO), tick=False):
        record(cast, score=5)
    assert MoodCheckin.objects.count() == 3


def test_the_daily_limit_is_per_learner(cast):
    settings = community_settings_for(cast.course)
    settings.mood_daily_limit = 1
    settings.save()
    record(cast, score=3)
    services.mood_record(course=cast.course, learner=cast.other_learner, score=4)
    assert MoodCheckin.objects.count() == 2


def test_following_up_closes_every_open_help_request_and_says_who_and_when(cast):
    record(cast, score=2, wants_help=True)
    record(cast, score=1, wants_help=True)
    with time_machine.travel(datetime(2027, 3, 5, 10, 0, tzinfo=CHICAGO), tick=False):
        closed = services.help_requests_follow_up(
            course=cast.course, learner=cast.learner, staff=cast.ta
        )
    assert closed == 2
    for checkin in MoodCheckin.objects.all():
        assert checkin.followed_up_by == cast.ta
        assert checkin.followed_up_at == datetime(2027, 3, 5, 10, 0, tzinfo=CHICAGO)
        assert not checkin.help_is_open


def test_only_staff_can_follow_up(cast):
    record(cast, score=2, wants_help=True)
    with pytest.raises(Refused):
        services.help_requests_follow_up(
            course=cast.course, learner=cast.learner, staff=cast.other_learner
        )
    assert MoodCheckin.objects.get().help_is_open

"""Giving shout-outs: who may be recognised, the daily limit in the course's day, what the
ledger and the receivers hear, and the staff's tags."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from rapport.community.models.settings import community_settings_for
from rapport.community.models.shoutouts import (
    Shoutout,
    ShoutoutReceiver,
    ShoutoutTag,
    ShoutoutVisibility,
)
from rapport.community.shoutouts import services
from rapport.community.shoutouts.services import shoutout_give
from rapport.core.kinds import NotificationKind, TouchpointKind
from rapport.core.models import Notification, Touchpoint
from rapport.core.refusals import Refused
from rapport.courses.models import MembershipStatus
from rapport.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db
CHICAGO = ZoneInfo("America/Chicago")


@pytest.fixture
def helpful(cast) -> ShoutoutTag:
    services.shoutout_tags_ensure(course=cast.course)
    return ShoutoutTag.objects.get(course=cast.course, label="Helpful")


def set_limit(cast, limit: int) -> None:
    settings = community_settings_for(cast.course)
    settings.shoutout_daily_limit = limit
    settings.save()


def give(cast, tag, *, giver=None, to=None, message="Thanks for the notes!", **kwargs):
    return shoutout_give(
        course=cast.course,
        giver=giver or cast.learner,
        receiver_ids=[person.pk for person in (to if to is not None else [cast.other_learner])],
        tag_id=tag.pk,
        message=message,
        **kwargs,
    )


def test_default_tags_are_made_once_on_first_use(cast):
    services.shoutout_tags_ensure(course=cast.course)
    services.shoutout_tags_ensure(course=cast.course)
    labels = list(ShoutoutTag.objects.filter(course=cast.course).values_list("label", flat=True))
    assert labels == ["Helpful", "Creative", "Kind", "Brave", "Persistent"]


def test_a_shoutout_records_a_touchpoint_from_the_giver_to_each_receiver(cast, helpful):
    shoutout = give(cast, helpful, to=[cast.other_learner, cast.ta])
    points = Touchpoint.objects.filter(kind=TouchpointKind.SHOUTOUT)
    assert sorted((p.actor_id, p.subject_id) for p in points) == sorted(
        [(cast.learner.pk, cast.other_learner.pk), (cast.learner.pk, cast.ta.pk)]
    )
    assert {p.object_id for p in points} == {str(shoutout.pk)}
    assert all(p.course_id == cast.course.pk for p in points)


def test_each_receiver_is_told(cast, helpful):
    shoutout = give(cast, helpful, to=[cast.other_learner, cast.instructor])
    told = Notification.objects.filter(kind=NotificationKind.SHOUTOUT)
    assert {n.recipient_id for n in told} == {cast.other_learner.pk, cast.instructor.pk}
    assert all(n.url == shoutout.get_absolute_url() for n in told)
    assert "Learner gave you a shout-out" in told.first().title


def test_nobody_can_shout_out_themself(cast, helpful):
    with pytest.raises(Refused, match="yourself"):
        give(cast, helpful, to=[cast.other_learner, cast.learner])
    assert not Shoutout.objects.exists()
    assert not Touchpoint.objects.filter(kind=TouchpointKind.SHOUTOUT).exists()


@pytest.mark.parametrize("who", ["outsider", "stranger", "left", "forged"])
def test_receivers_must_be_active_members_of_this_course(cast, helpful, who):
    if who == "outsider":
        receiver_id = cast.outsider.pk
    elif who == "stranger":
        receiver_id = UserFactory().pk
    elif who == "left":
        gone = MembershipFactory(course=cast.course, status=MembershipStatus.LEFT)
        receiver_id = gone.user_id
    else:
        receiver_id = 999_999
    with pytest.raises(Refused, match="aren't members of this course"):
        shoutout_give(
            course=cast.course,
            giver=cast.learner,
            receiver_ids=[cast.other_learner.pk, receiver_id],
            tag_id=helpful.pk,
            message="Great work",
        )
    assert not Shoutout.objects.exists()
    assert not ShoutoutReceiver.objects.exists()
    assert not Notification.objects.filter(kind=NotificationKind.SHOUTOUT).exists()


def test_someone_outside_the_course_cannot_give_one(cast, helpful):
    with pytest.raises(Refused, match="not a member"):
        give(cast, helpful, giver=cast.outsider)


@pytest.mark.parametrize(
    "changes,match",
    [
        ({"message": "   "}, "Write a few words"),
        ({"message": "x" * 501}, "500 characters"),
        ({"visibility": "everyone-on-earth"}, "who can see"),
        ({"to": []}, "at least one"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(cast, helpful, changes, match):
    with pytest.raises(Refused, match=match):
        give(cast, helpful, **changes)
    assert not Shoutout.objects.exists()


def test_a_retired_or_other_courses_tag_cannot_be_used(cast, helpful):
    services.shoutout_tag_retire(tag=helpful, actor=cast.instructor)
    with pytest.raises(Refused, match="tags shown"):
        give(cast, helpful)
    foreign = ShoutoutTag.objects.create(course=cast.other_course, label="Helpful")
    with pytest.raises(Refused, match="tags shown"):
        give(cast, foreign)


def test_the_daily_limit_counts_the_course_day_not_utc(cast, helpful):
    """Chicago evening shout-outs either side of UTC midnight are the same course day."""
    set_limit(cast, 2)
    with time_machine.travel(datetime(2027, 3, 3, 17, 0, tzinfo=CHICAGO), tick=False):
        give(cast, helpful)  # 23:00 UTC
    with time_machine.travel(datetime(2027, 3, 3, 19, 0, tzinfo=CHICAGO), tick=False):
        give(cast, helpful)  # 01:00 UTC the next day
    with (
        time_machine.travel(datetime(2027, 3, 3, 23, 59, 59, tzinfo=CHICAGO), tick=False),
        pytest.raises(Refused, match="2 shout-outs today"),
    ):
        give(cast, helpful)
    with time_machine.travel(datetime(2027, 3, 4, 0, 0, 0, tzinfo=CHICAGO), tick=False):
        give(cast, helpful)
    assert Shoutout.objects.count() == 3


def test_the_limit_is_per_giver(cast, helpful):
    set_limit(cast, 1)
    give(cast, helpful)
    give(cast, helpful, giver=cast.other_learner, to=[cast.learner])
    with pytest.raises(Refused, match="1 shout-out today"):
        give(cast, helpful)


def test_the_limit_day_follows_daylight_saving_time(cast, helpful):
    """On the night clocks go back (a 25-hour day), 23:30 local is still that day."""
    set_limit(cast, 1)
    with time_machine.travel(datetime(2027, 11, 7, 0, 30, tzinfo=CHICAGO), tick=False):
        give(cast, helpful)
    with (
        time_machine.travel(datetime(2027, 11, 7, 23, 30, tzinfo=CHICAGO), tick=False),
        pytest.raises(Refused),
    ):
        give(cast, helpful)
    with time_machine.travel(datetime(2027, 11, 8, 0, 0, 1, tzinfo=CHICAGO), tick=False):
        give(cast, helpful)


def test_private_shoutouts_are_saved_as_private(cast, helpful):
    shoutout = give(cast, helpful, visibility=ShoutoutVisibility.PRIVATE)
    assert shoutout.is_private


# --- tags ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["instructor", "ta"])
def test_staff_add_rename_retire_and_restore_tags(cast, helpful, role):
    actor = cast.by_role(role)
    curious = services.shoutout_tag_create(
        course=cast.course, actor=actor, label=" Curious ", emoji="🔎"
    )
    assert (curious.label, curious.emoji) == ("Curious", "🔎")
    services.shoutout_tag_update(tag=helpful, actor=actor, label="Super helpful", emoji="🤝")
    helpful.refresh_from_db()
    assert helpful.label == "Super helpful"
    services.shoutout_tag_retire(tag=curious, actor=actor)
    assert ShoutoutTag.objects.get(pk=curious.pk).is_retired
    services.shoutout_tag_retire(tag=curious, actor=actor, retired=False)
    assert not ShoutoutTag.objects.get(pk=curious.pk).is_retired


@pytest.mark.parametrize("role", ["learner", "outsider"])
def test_only_staff_change_tags(cast, helpful, role):
    actor = cast.by_role(role)
    with pytest.raises(Refused, match="teaching team"):
        services.shoutout_tag_create(course=cast.course, actor=actor, label="Sneaky")
    with pytest.raises(Refused, match="teaching team"):
        services.shoutout_tag_update(tag=helpful, actor=actor, label="Sneaky")
    with pytest.raises(Refused, match="teaching team"):
        services.shoutout_tag_retire(tag=helpful, actor=actor)
    helpful.refresh_from_db()
    assert helpful.label == "Helpful" and not helpful.is_retired
    assert not ShoutoutTag.objects.filter(label="Sneaky").exists()


def test_tag_names_stay_unique_and_one_tag_stays_offered(cast, helpful):
    with pytest.raises(Refused, match="already a tag"):
        services.shoutout_tag_create(course=cast.course, actor=cast.ta, label="kind")
    with pytest.raises(Refused, match="already a tag"):
        services.shoutout_tag_update(tag=helpful, actor=cast.ta, label="Brave")
    for tag in ShoutoutTag.objects.exclude(pk=helpful.pk):
        services.shoutout_tag_retire(tag=tag, actor=cast.ta)
    with pytest.raises(Refused, match="at least one"):
        services.shoutout_tag_retire(tag=helpful, actor=cast.ta)


def test_renaming_a_tag_renames_it_on_past_shoutouts(cast, helpful):
    shoutout = give(cast, helpful)
    services.shoutout_tag_update(tag=helpful, actor=cast.instructor, label="Generous")
    assert Shoutout.objects.get(pk=shoutout.pk).tag.label == "Generous"

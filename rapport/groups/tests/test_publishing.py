"""Publishing rounds: the first by the teaching team, each later one by the rotation task
when it starts (formed again first if the class changed); each group gets its thread and
wall, and each member is told who their partners are. Sharing a reflection with a group."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from rapport.community.models.discussions import Topic
from rapport.core.kinds import NotificationKind, TouchpointKind
from rapport.core.models import Notification, Touchpoint
from rapport.core.refusals import Refused
from rapport.groups import services
from rapport.groups.models import GroupMember, Round, SharedReflection
from rapport.groups.testing import group_make, learner_make, member
from rapport.walls.models import Board

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(cast, django_capture_on_commit_callbacks):
    """Six learners in pairs, three weekly rounds planned, none published."""
    for n in range(4):
        learner_make(cast, f"l{n}")
    with django_capture_on_commit_callbacks(execute=True):
        return services.group_set_create(
            course=cast.course,
            member=member(cast, "instructor"),
            criteria=services.Criteria(
                title="Weekly partners", purpose="Meet once a week", rounds=3
            ),
        )


def _round(group_set, number) -> Round:
    return group_set.round_set.get(number=number)


def test_publishing_a_round_makes_spaces_and_tells_each_member_their_partners(cast, planned):
    first = _round(planned, 1)
    services.round_publish(round_=first, member=member(cast, "instructor"))
    first.refresh_from_db()
    assert first.published_at is not None
    groups = list(first.groups.all())
    assert len(groups) == 3
    for group in groups:
        assert Topic.objects.filter(group=group).count() == 1
        assert Board.objects.filter(group=group).count() == 1
    told = Notification.objects.filter(kind=NotificationKind.GROUP_FORMED)
    assert told.count() == 6
    mine = told.get(recipient=cast.learner)
    partner = GroupMember.objects.filter(group__round=first, group__members__user=cast.learner)
    partner = partner.exclude(user=cast.learner).get().user
    assert mine.title == f"Weekly partners: you're with {partner.display_name}"
    assert mine.url.endswith(
        f"/groups/g/{GroupMember.objects.get(round=first, user=cast.learner).group_id}/"
    )


def test_a_learner_cannot_publish_and_rounds_go_in_order(cast, planned):
    with pytest.raises(Refused):
        services.round_publish(round_=_round(planned, 1), member=member(cast, "learner"))
    with pytest.raises(Refused, match="before this one"):
        services.round_publish(round_=_round(planned, 2), member=member(cast, "instructor"))


def test_later_rounds_publish_themselves_when_they_start(cast, planned):
    assert services.rounds_publish_due() == 0  # nothing before the first is published
    services.round_publish(round_=_round(planned, 1), member=member(cast, "instructor"))
    assert services.rounds_publish_due() == 0  # round 2 starts next week
    with time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)):
        assert services.rounds_publish_due() == 1
        assert services.rounds_publish_due() == 0
    assert _round(planned, 2).published_at is not None
    assert _round(planned, 3).published_at is None
    assert Notification.objects.filter(kind=NotificationKind.GROUP_FORMED).count() == 12


def test_a_learner_who_joined_meanwhile_is_in_the_next_round(cast, planned):
    services.round_publish(round_=_round(planned, 1), member=member(cast, "instructor"))
    newcomer = learner_make(cast, "newcomer")
    with time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)):
        assert services.rounds_publish_due() == 1
    second = planned.round_set.filter(published_at__isnull=False).order_by("-number").first()
    assert second.number == 2
    assert GroupMember.objects.filter(round=second, user=newcomer).exists()
    assert GroupMember.objects.filter(round=second).count() == 7


def test_a_learner_shares_a_reflection_with_their_group_only(cast):
    from rapport.community.models.checkins import ReflectionAnswer, ReflectionPrompt

    group = group_make(cast)
    prompt = ReflectionPrompt.objects.create(
        course=cast.course, text="What surprised you?", opens_at=timezone.now()
    )
    answer = ReflectionAnswer.objects.create(prompt=prompt, learner=cast.learner, text="Moss!")
    theirs = ReflectionAnswer.objects.create(
        prompt=prompt, learner=cast.other_learner, text="Rain."
    )
    shared = services.reflection_share(
        group=group, member=member(cast, "learner"), answer_id=answer.pk
    )
    assert (
        Touchpoint.objects.filter(kind=TouchpointKind.REFLECTION_SHARED, actor=cast.learner).count()
        == 1
    )
    with pytest.raises(Refused):  # not theirs to share
        services.reflection_share(group=group, member=member(cast, "learner"), answer_id=theirs.pk)
    outsider_group = group_make(cast, [cast.other_learner, learner_make(cast, "third")], title="B")
    with pytest.raises(Refused):  # not their group
        services.reflection_share(
            group=outsider_group, member=member(cast, "learner"), answer_id=answer.pk
        )
    services.reflection_unshare(group=group, member=member(cast, "learner"), shared_id=shared.pk)
    assert not SharedReflection.objects.exists()

"""The demo's peer partners: "Weekly partners" formed from the intro survey, two rounds
published with their spaces, two planned, no pair meeting twice; partners greeting each
other in their threads and asking each other for feedback — but not the drifting learners;
and nothing added on a second run."""

from dataclasses import dataclass
from datetime import datetime
from itertools import combinations

import pytest

from rapport.community.models.discussions import Post
from rapport.core.kinds import TouchpointKind
from rapport.core.models import Touchpoint
from rapport.core.testing.shared_data import module_data
from rapport.courses.models import Course
from rapport.demo.courses import ENV_SCI
from rapport.demo.seeders.groups import ROUNDS, TITLE, seed_groups
from rapport.demo.seeders.rituals.script import DRIFTING
from rapport.demo.testing import demo_on_a_saturday
from rapport.groups.models import FeedbackReply, Formation, GroupMember, GroupSet

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("saturday_clock")]


@dataclass
class Demo:
    course: Course
    now: datetime


def build() -> Demo:
    """The whole demo as on a Saturday: the one most demo tests share, so a run builds it
    once (its groups are formed from the intro survey the surveys' seed answers)."""
    seeded = demo_on_a_saturday()
    return Demo(course=Course.objects.get(slug=ENV_SCI.slug), now=seeded.now)


demo = module_data(build, name="demo")


def test_weekly_partners_rotate_without_a_pair_meeting_twice(demo):
    group_set = GroupSet.objects.get(course=demo.course, title=TITLE)
    assert group_set.status == Formation.READY
    rounds = list(group_set.round_set.order_by("number"))
    assert len(rounds) == ROUNDS
    assert [r.published_at is not None for r in rounds] == [True, True, False, False]
    assert rounds[1].published_at < demo.now < rounds[2].starts_at
    pairs = []
    for round_ in rounds:
        groups = {}
        for group_id, user_id in GroupMember.objects.filter(round=round_).values_list(
            "group_id", "user_id"
        ):
            groups.setdefault(group_id, []).append(user_id)
        assert all(2 <= len(group) <= 3 for group in groups.values())
        pairs += [frozenset(p) for group in groups.values() for p in combinations(group, 2)]
    assert len(pairs) == len(set(pairs))
    published = [g for r in rounds[:2] for g in r.groups.all()]
    assert all(g.topics.count() == 1 and g.boards.count() == 1 for g in published)
    assert any(g.reasons for g in published)  # interests from the intro survey


def test_partners_talk_and_give_feedback_but_the_drifting_stay_silent(demo):
    posts = Post.objects.filter(topic__group__isnull=False, parent__isnull=False)
    writers = {post.author.email.split("@")[0] for post in posts}
    assert writers and not writers & DRIFTING
    assert FeedbackReply.objects.filter(thanked_at__isnull=False).exists()
    assert Touchpoint.objects.filter(kind=TouchpointKind.PEER_FEEDBACK).count() == (
        FeedbackReply.objects.count()
    )


def test_a_second_run_adds_nothing(demo):
    assert seed_groups(course=demo.course, users={}, now=demo.now) == 0

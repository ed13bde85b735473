"""The demo's rituals and shout-outs: six weeks of two rituals and of recognition, a class
that mostly takes part, and three drifting learners no classmate has reached."""

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from rapport.community.models.rituals import (
    Ritual,
    RitualPost,
    RitualReaction,
    RitualReply,
    RitualRound,
    RitualVote,
)
from rapport.community.models.shoutouts import Shoutout, ShoutoutReceiver
from rapport.core.kinds import TouchpointKind
from rapport.core.models import Notification, Touchpoint
from rapport.core.testing.shared_data import module_data
from rapport.courses.models import Course, Membership, Role
from rapport.demo.seeders.rituals import seed_rituals
from rapport.demo.testing import demo_on_a_saturday, seeding_at
from rapport.media.models import Audience, MediaStatus

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("saturday_clock")]

DRIFTING = ["dmitri@rapport.test", "liam@rapport.test", "wei@rapport.test"]
COMMUNITY_KINDS = [
    TouchpointKind.SHOUTOUT,
    TouchpointKind.RITUAL_ANSWERED,
    TouchpointKind.RITUAL_FEATURED,
    TouchpointKind.POST_REACTION,
    TouchpointKind.POST_REPLY,
]


def demo_users() -> dict:
    return {user.email: user for user in get_user_model().objects.all()}


def build() -> Course:
    now = demo_on_a_saturday(with_features=False).now
    course = Course.objects.get(slug="env-sci-101")
    with seeding_at(now):
        seed_rituals(course=course, users=demo_users(), now=now)
    return course


env_sci = module_data(build, name="env_sci")


def counts() -> dict:
    return {
        "rituals": Ritual.objects.count(),
        "rounds": RitualRound.objects.count(),
        "posts": RitualPost.objects.count(),
        "reactions": RitualReaction.objects.count(),
        "replies": RitualReply.objects.count(),
        "votes": RitualVote.objects.count(),
        "shoutouts": Shoutout.objects.count(),
        "touchpoints": Touchpoint.objects.count(),
        "notifications": Notification.objects.count(),
    }


def test_two_rituals_run_six_weekly_rounds_most_learners_answer(env_sci):
    rituals = {r.title: r for r in Ritual.objects.filter(course=env_sci)}
    assert set(rituals) == {"Win of the Week", "Fun Friday"}
    assert rituals["Win of the Week"].featuring == "staff"
    assert rituals["Fun Friday"].featuring == "vote"
    learners = Membership.objects.filter(course=env_sci, role=Role.LEARNER).count()
    now = timezone.now()
    for ritual in rituals.values():
        rounds = list(ritual.rounds.order_by("opens_at"))
        assert len(rounds) == 6
        gaps = {(b.slot - a.slot).days for a, b in zip(rounds, rounds[1:], strict=False)}
        assert gaps <= {6, 7}  # a week apart (6 days and 23 hours across a DST change)
        assert all(r.notified_at for r in rounds)
        closed = [r for r in rounds if r.closes_at <= now]
        assert closed[-1].posts.count() > learners / 2
        # Every past week with answers has featured ones: picked by staff, or voted.
        for round_ in closed:
            if round_.posts.exists():
                assert round_.posts.filter(featured_at__isnull=False).exists(), round_
    assert RitualVote.objects.filter(round__ritual=rituals["Fun Friday"]).exists()
    assert RitualReaction.objects.exists() and RitualReply.objects.exists()
    voiced = RitualPost.objects.filter(round__ritual__course=env_sci, media__isnull=False)
    assert voiced.count() == 2
    for post in voiced:
        assert post.media.status == MediaStatus.READY
        assert post.media.audience == Audience.COURSE
        assert post.media.captions.exists()
    # Sam has answered before, but still has this week's win to share.
    sam = get_user_model().objects.get(email="learner@rapport.test")
    assert RitualPost.objects.filter(author=sam).exists()
    current = rituals["Win of the Week"].rounds.filter(closes_at__gt=now).first()
    if current is not None:
        assert not current.posts.filter(author=sam).exists()


def test_shoutouts_over_weeks_and_no_classmate_reaches_the_drifting_three(env_sci):
    shoutouts = Shoutout.objects.filter(course=env_sci)
    assert shoutouts.count() >= 20
    days = {s.created_at.date() for s in shoutouts}
    assert (max(days) - min(days)).days >= 21
    assert shoutouts.filter(visibility="private").exists()
    sam = get_user_model().objects.get(email="learner@rapport.test")
    assert ShoutoutReceiver.objects.filter(user=sam).count() >= 3
    staff = set(
        Membership.objects.filter(course=env_sci)
        .exclude(role=Role.LEARNER)
        .values_list("user_id", flat=True)
    )
    drifting = get_user_model().objects.filter(email__in=DRIFTING)
    from_peers = ShoutoutReceiver.objects.filter(user__in=drifting).exclude(
        shoutout__giver_id__in=staff
    )
    assert not from_peers.exists()
    # Nor did any classmate react, reply or vote: the radar sees them unreached by peers.
    peers_to_drifting = Touchpoint.objects.filter(
        course=env_sci, subject__in=drifting, kind__in=COMMUNITY_KINDS
    ).exclude(Q(actor_id__in=staff) | Q(actor__in=drifting))
    assert not peers_to_drifting.exists()
    assert not RitualVote.objects.filter(post__author__in=drifting).exists()


def test_nobody_takes_part_before_joining_and_no_stale_email_goes_out(env_sci, module_outbox):
    joined = dict(Membership.objects.filter(course=env_sci).values_list("user_id", "joined_at"))
    points = Touchpoint.objects.filter(course=env_sci, kind__in=COMMUNITY_KINDS)
    assert points.count() > 100
    for point in points:
        assert joined[point.actor_id] <= point.occurred_at <= timezone.now(), point.kind
    assert not [m for m in module_outbox if "shout-out" in m.subject.lower()]
    oldest = Notification.objects.filter(kind="prompt_open").order_by("created_at").first()
    assert oldest.created_at < timezone.now() - timezone.timedelta(days=20)


def test_seeding_again_adds_nothing(env_sci, django_capture_on_commit_callbacks):
    before = counts()
    with django_capture_on_commit_callbacks(execute=True):
        added = seed_rituals(course=env_sci, users=demo_users(), now=timezone.now())
    assert added == 0
    assert counts() == before

"""The demo's walls: an "Introduce yourself" card from every member (three of them voice
clips with captions), welcomes for most but the drifting learners, and a "Where in the
world are we?" wall placed west to east — and nothing added on a second run."""

from datetime import timedelta

import pytest

from rapport.core.kinds import TouchpointKind
from rapport.core.models import Touchpoint
from rapport.core.testing.shared_data import module_data
from rapport.courses.models import Membership, MembershipStatus
from rapport.demo.seeders.rituals.script import DRIFTING
from rapport.demo.seeders.walls import VOICE_INTROS, WORLD_TITLE, seed_walls
from rapport.demo.testing import one_feature_seeded, seeding_at
from rapport.walls.models import Board, CardKind

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("saturday_clock")]


def build():
    return one_feature_seeded(seed_walls)


demo = module_data(build, name="demo")


def test_every_member_introduced_themselves_soon_after_joining(demo):
    course, users, now, added = demo
    members = Membership.objects.filter(course=course, status=MembershipStatus.ACTIVE)
    intro = Board.objects.get(course=course, is_intro=True)
    cards = {card.author_id: card for card in intro.cards.all()}
    assert set(cards) == set(members.values_list("user_id", flat=True))
    for member in members:
        assert cards[member.user_id].created_at - member.joined_at == timedelta(hours=1)
    clips = [card for card in cards.values() if card.kind == CardKind.CLIP]
    assert sorted(card.author.email.split("@")[0] for card in clips) == sorted(VOICE_INTROS)
    assert all(card.clip.is_ready and card.clip.captions.exists() for card in clips)
    assert Touchpoint.objects.filter(kind=TouchpointKind.WALL_CARD_POSTED).count() == added


def test_the_drifting_learners_intros_have_no_welcome_yet(demo):
    course, *_ = demo
    intro = Board.objects.get(course=course, is_intro=True)
    welcomed = {
        card.author.email.split("@")[0] for card in intro.cards.all() if card.comments.exists()
    }
    assert welcomed and not welcomed & DRIFTING


def test_the_world_wall_puts_auckland_east_of_honolulu(demo):
    course, users, *_ = demo
    world = Board.objects.get(course=course, title=WORLD_TITLE)
    column = {card.author.email.split("@")[0]: card.x for card in world.cards.all()}
    assert column["aroha"] > column["seun"] > column["leilani"]
    assert len(set(world.cards.values_list("x", "y"))) == world.cards.count()


def test_seeding_again_adds_nothing(demo):
    course, users, now, _ = demo
    with seeding_at(now):
        assert seed_walls(course=course, users=users, now=now) == 0

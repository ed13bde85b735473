"""The walls' pages cost the same number of queries however many cards, reactions and
comments a wall holds, and however big a group whose wall it is."""

import pytest
from django.urls import reverse

from rapport.core.testing.queries import count_queries
from rapport.groups.testing import group_make, learner_make
from rapport.walls import services
from rapport.walls.models import Layout
from rapport.walls.testing import board_make, card_make, member

pytestmark = pytest.mark.django_db


def _add_cards(cast, board, count: int) -> None:
    classmate = member(cast, "other_learner")
    for n in range(count):
        card = card_make(cast, board, body=f"Card {n}", colour="blue")
        services.card_react(card=card, member=classmate, emoji="🎉")
        services.card_comment(card=card, member=classmate, body=f"Nice {n}")


@pytest.mark.parametrize("layout", Layout.values)
def test_a_wall_costs_the_same_queries_for_3_and_30_cards(cast, client_for, layout):
    board = board_make(cast, layout=layout, sections=["A", "B"])
    client = client_for("learner")
    pages = [
        reverse("walls:board", args=[cast.course.slug, board.pk]),
        reverse("walls:boards", args=[cast.course.slug]),
        reverse("walls:board_export", args=[cast.course.slug, board.pk]),
    ]
    staff = client_for("ta")
    _add_cards(cast, board, 3)
    small = [count_queries(client, pages[0]), count_queries(client, pages[1])]
    small.append(count_queries(staff, pages[2]))
    _add_cards(cast, board, 27)
    large = [count_queries(client, pages[0]), count_queries(client, pages[1])]
    large.append(count_queries(staff, pages[2]))
    assert large == small


def test_a_group_wall_and_the_list_cost_the_same_for_a_pair_and_a_group_of_eight(cast, client_for):
    client, counts = client_for("learner"), []
    eight = [learner_make(cast, f"mate{n}") for n in range(7)]
    for mates, cards in (([cast.other_learner], 3), (eight, 30)):
        group = group_make(cast, users=[cast.learner, *mates], title=f"{len(mates)} mates")
        wall = services.group_board_create(group=group, member=member(cast, "ta"), title="Ours")
        _add_cards(cast, wall, cards)
        pages = ("walls:board", [cast.course.slug, wall.pk]), ("walls:boards", [cast.course.slug])
        counts.append([count_queries(client, reverse(name, args=args)) for name, args in pages])
    assert counts[0] == counts[1]

"""The walls' pages cost the same number of queries however many cards, reactions and
comments a wall holds."""

import pytest
from django.urls import reverse

from rapport.core.testing.queries import count_queries
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

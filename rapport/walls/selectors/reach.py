"""Who reaches a class wall: the boards and cards a member may open (a peer group's wall
is its members' and the teaching team's alone), and their addresses."""

from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from rapport.courses.models import Course
from rapport.groups.reach import no_group_or_own
from rapport.walls import rules
from rapport.walls.models import Board, Card


def _within_reach(member, *, board: str = "") -> Q:
    """Boards (or, with ``board="board__"``, cards) ``member`` may open: a peer group's own
    wall is its members' (in a published round) and the teaching team's alone."""
    if member.is_staff:
        return Q()
    return no_group_or_own(member.user_id, via=board)


def boards_visible_to(*, course: Course, member) -> QuerySet[Board]:
    """Every board of the course ``member`` may open, group walls included; anyone else
    meets a group's wall as one that does not exist."""
    return Board.objects.filter(course=course).filter(_within_reach(member))


def boards_for(*, course: Course, member) -> list[Board]:
    """The course's own boards, the intro wall first, each with how many cards its reader
    sees. A group's wall is never among them, staff's list included: its group's page
    leads to it."""
    visible = Q(cards__deleted_at__isnull=True)
    if not member.is_staff:
        visible &= Q(cards__approved_at__isnull=False) | Q(cards__author_id=member.user_id)
    return list(
        Board.objects.filter(course=course, group__isnull=True).annotate(
            card_count=Count("cards", filter=visible)
        )
    )


def board_or_none(*, course: Course, board_id: int, member) -> Board | None:
    return (
        boards_visible_to(course=course, member=member)
        .filter(pk=board_id)
        .prefetch_related("sections")
        .first()
    )


def waiting_for_approval(*, board: Board) -> int:
    return board.cards.filter(deleted_at__isnull=True, approved_at__isnull=True).count()


def _cards_within_reach(*, course: Course, member) -> QuerySet[Card]:
    return Card.objects.filter(board__course=course).filter(_within_reach(member, board="board__"))


def card_for(*, course: Course, board_id: int, card_id: int, member) -> Card | None:
    return (
        _cards_within_reach(course=course, member=member)
        .select_related("board", "author")
        .filter(board_id=board_id, pk=card_id)
        .first()
    )


def card_image_for(*, course: Course, card_id: int, member) -> Card | None:
    card = (
        _cards_within_reach(course=course, member=member)
        .select_related("board")
        .filter(pk=card_id)
        .first()
    )
    if card is None or not card.image or not rules.may_see(card, member):
        return None
    return card


def board_url(board: Board) -> str:
    return reverse("walls:board", args=[board.course.slug, board.pk])


def card_url(board: Board, card_id: int) -> str:
    """One card on its board: the page goes on as far as it (``board_page``) and scrolls to it."""
    return f"{board_url(board)}?card={card_id}#card-{card_id}"

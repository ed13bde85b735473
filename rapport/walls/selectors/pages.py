"""A board's cards as a reader sees them, in reading order: all of them (the live page's
catching up, the picture), or a page of each list (the board's page)."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from rapport.walls.models import Board, Card, Layout
from rapport.walls.selectors.payloads import card_payloads, cards_in_full, shape, staff_ids_of


def board_cards(*, board: Board, member, since: int | None = None) -> list[dict]:
    """The board's cards as ``member`` sees them, in reading order (newest first on a
    stream); with ``since``, only those changed after that revision (tombstones included)."""
    cards = _board_cards_seen(cards_in_full(), board=board, member=member, since=since)
    return _shaped(list(cards.order_by(*reading_order(board))), board=board, member=member)


def _board_cards_seen(
    cards: QuerySet[Card], *, board: Board, member, since: int | None = None
) -> QuerySet[Card]:
    cards = cards.filter(board=board)
    if since is None:
        cards = cards.filter(deleted_at__isnull=True)
    else:
        cards = cards.filter(revision__gt=since)
    if not member.is_staff and since is None:
        cards = cards.filter(Q(approved_at__isnull=False) | Q(author_id=member.user_id))
    return cards


def _shaped(cards: list[Card], *, board: Board, member) -> list[dict]:
    payloads = card_payloads(cards, staff_ids=staff_ids_of(board.course_id))
    shaped = (shape(p, user_id=member.user_id, is_staff=member.is_staff) for p in payloads)
    return [card for card in shaped if card is not None]


@dataclass(frozen=True)
class BoardPage:
    """The first ``shown`` cards of each list of a board (the whole board on a stream or a
    wall, each column on a columns board), as the page draws them. ``cut`` maps a list whose
    cards go on past the page (its section id, or 0 for the one list) to the id of its last
    card shown: the live page leaves out the cards it hears of that come after it."""

    cards: list[dict]
    cut: dict[int, int]
    hidden: int
    shown: int

    @property
    def resume_at(self) -> int | None:
        """The card to scroll back to once more are shown: the last one shown of a list cut."""
        return next(iter(self.cut.values()), None)


def board_page(*, board: Board, member, shown: int, card_id: int | None = None) -> BoardPage:
    """The first ``shown`` cards of each of the board's lists as ``member`` sees them; with
    ``card_id``, that card's list goes on as far as that card (a link to one card finds it)."""
    seen = _board_cards_seen(Card.objects, board=board, member=member)
    seen = seen.order_by(*reading_order(board))
    by_list: dict[int, list[int]] = {}
    for pk, section_id in seen.values_list("pk", "section_id"):
        key = section_id or 0 if board.layout == Layout.COLUMNS else 0
        by_list.setdefault(key, []).append(pk)
    picked: list[int] = []
    cut: dict[int, int] = {}
    for key, ids in by_list.items():
        reach = shown
        if card_id in ids:
            reach = max(reach, ids.index(card_id) + 1)
        picked += ids[:reach]
        if len(ids) > reach:
            cut[key] = ids[reach - 1]
    order = {pk: index for index, pk in enumerate(picked)}
    cards = sorted(cards_in_full().filter(pk__in=picked), key=lambda card: order[card.pk])
    return BoardPage(
        cards=_shaped(cards, board=board, member=member),
        cut=cut,
        hidden=sum(len(ids) for ids in by_list.values()) - len(picked),
        shown=shown,
    )


def reading_order(board: Board) -> tuple[str, ...]:
    if board.layout == Layout.STREAM:
        return ("-created_at", "-pk")
    if board.layout == Layout.WALL:
        return ("y", "x", "position", "pk")
    return ("section__position", "section_id", "position", "pk")

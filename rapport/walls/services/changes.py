"""How a change to a card is kept: the board's revision goes up by one, the card carries
it, and after the commit everyone following the board hears the card as it now stands
(each socket then shows it as its reader may see it: ``rapport.walls.streams``)."""

from django.db.models import F
from django.utils import timezone

from rapport.core.realtime import stream_event_on_commit
from rapport.walls.models import Board, Card

BOARD_STREAM = "board"


class StaleCard(Exception):
    """A move or an edit made from an older version of the card than the one stored."""

    def __init__(self, card: Card):
        super().__init__(f"Card {card.pk} has changed since (version {card.version}).")
        self.card = card


def card_changed(card: Card, *, fields: list[str], content: bool = False, at=None) -> None:
    """Save ``fields`` of ``card`` as a change to its board: a new revision (and a new
    version when what it says or where it sits changed), then tell the board."""
    Board.objects.filter(pk=card.board_id).update(revision=F("revision") + 1)
    card.revision = Board.objects.values_list("revision", flat=True).get(pk=card.board_id)
    card.updated_at = at or timezone.now()
    if content:
        card.version += 1
        fields = [*fields, "version"]
    card.save(update_fields=[*fields, "revision", "updated_at"])
    announce(card)


def announce(card: Card) -> None:
    """Tell the board's followers how ``card`` stands, after the commit (read then, so
    that a reaction or a comment in the same transaction is in it). What they were told is
    kept on ``card`` as ``told``, so the page that made the change is answered with the
    same card without reading it again."""
    from rapport.walls.selectors import card_event

    def told() -> dict | None:
        card.told = card_event(card_id=card.pk)
        return card.told

    board = card.board
    stream_event_on_commit(board.course_id, BOARD_STREAM, board.pk, told)


def board_changed(board: Board) -> None:
    """Tell the board's followers how the board itself now stands (its title, whether it is
    locked, who may post...), after the commit: each page shows it as its reader may act
    on it, and draws its cards again when what they may do with them changed."""
    from rapport.walls.selectors import board_event

    stream_event_on_commit(board.course_id, BOARD_STREAM, board.pk, lambda: board_event(board))


def check_version(card: Card, version) -> None:
    if not isinstance(version, int) or isinstance(version, bool) or version != card.version:
        raise StaleCard(card)

"""A board on the course's socket: any member who may open it (a group's wall only its
members and the teaching team) may follow it and see who else is here; its cards are
added, moved, edited, deleted, approved and reacted to through it, and each change reaches
every follower as the card now stands, shaped for them."""

from collections import OrderedDict

from rapport.core.refusals import Refused
from rapport.courses.streams import register_stream
from rapport.walls import selectors, services
from rapport.walls.models import Card
from rapport.walls.services.changes import BOARD_STREAM


def may_follow_board(course, membership, board_id: int) -> bool:
    return (
        selectors.boards_visible_to(course=course, member=membership).filter(pk=board_id).exists()
    )


def _card(board_id: int, message: dict) -> Card:
    card_id = message.get("card")
    if not isinstance(card_id, int) or isinstance(card_id, bool):
        raise Refused("Say which card.", code="bad")
    card = Card.objects.select_related("board").filter(board_id=board_id, pk=card_id).first()
    if card is None:
        raise Refused("That card isn't there any more.", code="gone")
    return card


def _shaped(card: Card, membership) -> dict | None:
    """``card`` for the page that acted: as the board's followers were just told of it
    (after the commit), or else as it stands."""
    payload = getattr(card, "told", None) or selectors.card_event(card_id=card.pk)
    return None if payload is None else shape_for(payload, membership)


def act_on_board(course, membership, board_id: int, message: dict) -> dict:
    """One action from a board's page; the answer carries the card as it now stands (the
    same card also reaches every follower, this page included, as an event)."""
    action = message.get("action")
    board = (
        selectors.boards_visible_to(course=course, member=membership).filter(pk=board_id).first()
    )
    if board is None:
        raise Refused("That wall isn't there any more.", code="gone")
    if action == "since":
        since = message.get("revision")
        if not isinstance(since, int) or isinstance(since, bool) or since < 0:
            raise Refused("Say the last revision you saw.", code="bad")
        cards = selectors.board_cards(board=board, member=membership, since=since)
        facts = selectors.board_event(board)["board_settings"]
        return {
            "type": "caught_up",
            "revision": board.revision,
            "cards": cards,
            "board": selectors.shape_board(facts, is_staff=membership.is_staff),
        }
    if action == "add":
        card = services.card_add(
            board=board,
            member=membership,
            kind="link" if message.get("link_url") else "text",
            body=message.get("body", ""),
            colour=message.get("colour"),
            x=message.get("x"),
            y=message.get("y"),
            section_id=message.get("section"),
            anonymous=message.get("anonymous") is True,
            link_url=message.get("link_url") or "",
        )
        return {"type": "done", "card": _shaped(card, membership)}
    if action not in ("move", "edit", "delete", "approve", "react"):
        raise Refused("Send add, move, edit, delete, approve, react or since.", code="bad")
    card = _card(board.pk, message)
    try:
        if action == "move":
            card = services.card_move(
                card=card,
                member=membership,
                version=message.get("version"),
                x=message.get("x"),
                y=message.get("y"),
                section_id=message.get("section"),
                position=message.get("position"),
            )
        elif action == "edit":
            card = services.card_edit(
                card=card,
                member=membership,
                version=message.get("version"),
                body=message.get("body"),
                colour=message.get("colour"),
            )
        elif action == "delete":
            card = services.card_delete(card=card, member=membership)
        elif action == "approve":
            card = services.card_approve(card=card, member=membership)
        else:
            card = services.card_react(card=card, member=membership, emoji=message.get("emoji"))
    except services.StaleCard as stale:
        return {
            "type": "conflict",
            "message": "Someone changed this card a moment ago; here it is as it stands now.",
            "card": _shaped(stale.card, membership),
        }
    return {"type": "done", "card": _shaped(card, membership)}


def shape_for(payload: dict, membership) -> dict | None:
    return selectors.shape(payload, user_id=membership.user_id, is_staff=membership.is_staff)


# One change reaches every follower, and most see it alike: the card shaped for a reader is
# kept, for the next reader whose view of it is the same (``_view``), a few changes long.
SHAPED_KEPT = 512
_SHAPED_BY_VIEW: OrderedDict[tuple, dict] = OrderedDict()


def _view(payload: dict, membership) -> tuple:
    """Everything about a reader that ``selectors.shape`` looks at, for this card state
    (a board's revision names one state of one card): whether they teach, wrote it, and
    which of its reactions and comments are theirs."""
    user_id = membership.user_id
    return (
        payload["board"],
        payload["id"],
        payload["revision"],
        membership.is_staff,
        payload["author"]["id"] == user_id,
        tuple(emoji for emoji, users in payload["reactions"].items() if user_id in users),
        tuple(c["id"] for c in payload["comments"] if c["author_id"] == user_id),
    )


def _shape_event(payload: dict, membership) -> dict | None:
    """The event for one reader: the same object for every reader with the same view, so
    the socket can also keep its text (``CourseConsumer.stream_event``). A change to the
    board itself (locked, who may post...) is told as the board, else as the card."""
    if "board_settings" in payload:
        key = ("board", *payload["board_settings"].values(), membership.is_staff)
    else:
        key = _view(payload, membership)
    shaped = _SHAPED_BY_VIEW.get(key)
    if shaped is None:
        shaped = _SHAPED_BY_VIEW[key] = _shaped_anew(payload, membership)
        if len(_SHAPED_BY_VIEW) > SHAPED_KEPT:
            _SHAPED_BY_VIEW.popitem(last=False)
    return shaped


def _shaped_anew(payload: dict, membership) -> dict:
    if "board_settings" in payload:
        facts = payload["board_settings"]
        return {"board": selectors.shape_board(facts, is_staff=membership.is_staff)}
    return {"card": shape_for(payload, membership)}


def register() -> None:
    register_stream(
        BOARD_STREAM, may_follow_board, act=act_on_board, shape=_shape_event, presence=True
    )

"""A card as it travels: a dict of all it holds (``card_payloads``), told to a board's
followers when it changes (``card_event``, ``board_event``) and cut down for each reader
by ``shape`` — who wrote an anonymous card, a card waiting for approval, the raw text and
who reacted stay with those allowed to see them."""

from django.db.models import Prefetch
from django.urls import reverse

from rapport.core.links import reverse_for_each
from rapport.core.reactions.emoji import REACTION_EMOJI, REACTION_LABELS
from rapport.courses.models import STAFF_ROLES, Membership, MembershipStatus
from rapport.media.selectors import captions_panel_data, media_caption_prefetches
from rapport.walls import rules
from rapport.walls.models import Board, Card, CardComment, CardReaction

# The comments a card carries on the board (the newest; a card page has them all).
COMMENTS_SHOWN = 20


def staff_ids_of(course_id: int) -> set[int]:
    """The course's active teaching team, whose cards and comments carry a badge."""
    return set(
        Membership.objects.filter(
            course_id=course_id, role__in=STAFF_ROLES, status=MembershipStatus.ACTIVE
        ).values_list("user_id", flat=True)
    )


def cards_in_full():
    """Cards with all ``card_payloads`` reads of them, in a fixed number of queries."""
    return Card.objects.select_related("author", "board__course", "clip").prefetch_related(
        Prefetch(
            "comments",
            queryset=CardComment.objects.select_related("author").order_by("-created_at", "-pk"),
        ),
        Prefetch("reactions", queryset=CardReaction.objects.order_by("created_at", "pk")),
        *media_caption_prefetches("clip"),
    )


def card_payloads(cards: list[Card], *, staff_ids: set[int]) -> list[dict]:
    """Every card as a dict of all it holds (for ``shape`` to cut down for each reader)."""
    if not cards:
        return []
    course = cards[0].board.course
    image_url = reverse_for_each("walls:card_image", course.slug)
    return [_payload(card, staff_ids, image_url) for card in cards]


def _payload(card: Card, staff_ids: set[int], image_url) -> dict:
    reactions: dict[str, list[int]] = {}
    for reaction in card.reactions.all():
        reactions.setdefault(reaction.emoji, []).append(reaction.user_id)
    comments = list(card.comments.all())[:COMMENTS_SHOWN]
    board = card.board
    return {
        "id": card.pk,
        "board": board.pk,
        "locked": board.is_locked,
        "revision": card.revision,
        "version": card.version,
        "deleted": card.deleted_at is not None,
        "approved": card.approved_at is not None,
        "kind": card.kind,
        "html": card.body_html,
        "body": card.body,
        "colour": card.colour,
        "x": card.x,
        "y": card.y,
        "section": card.section_id,
        "position": card.position,
        "anonymous": card.anonymous,
        "author": {
            "id": card.author_id,
            "name": card.author.display_name,
            "staff": card.author_id in staff_ids,
        },
        "link": (
            {
                "url": card.link_url,
                "status": card.link_status,
                "title": card.link_title,
                "description": card.link_description,
                "site": card.link_site,
                "problem": card.link_problem,
            }
            if card.link_url
            else None
        ),
        "image": (
            {
                "url": image_url(card.pk) + f"?v={card.version}",
                "width": card.image_width,
                "height": card.image_height,
                "alt": card.image_alt,
            }
            if card.image
            else None
        ),
        "clip": _clip(card.clip, board.course.slug) if card.clip_id else None,
        "reactions": reactions,
        "comments": [
            {
                "id": comment.pk,
                "author": comment.author.display_name,
                "author_id": comment.author_id,
                "staff": comment.author_id in staff_ids,
                "body": comment.body,
                "at": comment.created_at.isoformat(),
            }
            for comment in reversed(comments)
        ],
        "created_at": card.created_at.isoformat(),
    }


def _clip(media, slug: str) -> dict:
    """What a page needs to play a card's clip (the media app checks who may fetch it)."""
    public_id = media.public_id
    return {
        "id": str(public_id),
        "owner": media.owner_id,
        "video": media.is_video,
        "status": media.status,
        "playback": reverse("media:file", args=[slug, public_id, "playback"]),
        "poster": reverse("media:file", args=[slug, public_id, "poster"]) if media.is_video else "",
        "type": media.playback_content_type,
        "captions": [
            {
                "language": caption.language,
                "label": caption.label,
                "url": reverse("media:captions_vtt", args=[slug, public_id, caption.language]),
            }
            for caption in media.captions.all()
        ],
        "panel": captions_panel_data(media),
        "captions_page": reverse("media:captions", args=[slug, public_id]),
    }


def card_event(*, card_id: int) -> dict | None:
    """The payload told to a board's followers when ``card_id`` changed."""
    card = cards_in_full().filter(pk=card_id).first()
    if card is None:
        return None
    return card_payloads([card], staff_ids=staff_ids_of(card.board.course_id))[0]


class _Reader:
    """What ``rules`` needs of a reader: their user id and whether they teach."""

    def __init__(self, user_id: int, is_staff: bool):
        self.user_id, self.is_staff = user_id, is_staff


class _CardView:
    """What ``rules`` needs of a card, from its payload."""

    def __init__(self, payload: dict):
        self.author_id = payload["author"]["id"]
        self.anonymous = payload["anonymous"]
        self.deleted_at = True if payload["deleted"] else None
        self.approved_at = True if payload["approved"] else None
        self.board = _BoardView(payload["locked"])


class _BoardView:
    def __init__(self, locked: bool, who_may_post: str = ""):
        self.is_locked, self.who_may_post = locked, who_may_post


def board_event(board: Board) -> dict:
    """The payload told to a board's followers when the board itself changed."""
    return {
        "board_settings": {
            "id": board.pk,
            "title": board.title,
            "prompt": board.prompt,
            "locked": board.is_locked,
            "who_may_post": board.who_may_post,
            "moderated": board.moderated,
            "allow_anonymous": board.allow_anonymous,
        }
    }


def shape_board(facts: dict, *, is_staff: bool) -> dict:
    """The board as a reader acts on it: whether they may add cards, react and comment, and
    post anonymously to classmates."""
    reader = _Reader(0, is_staff)
    view = _BoardView(facts["locked"], facts["who_may_post"])
    return {
        **facts,
        "may_post": rules.may_post(view, reader),
        "may_take_part": rules.may_take_part(view, reader),
        "anonymous_offered": facts["allow_anonymous"] and not is_staff,
    }


def shape(payload: dict, *, user_id: int, is_staff: bool) -> dict | None:
    """``payload`` as this reader may see it: a tombstone for a card gone from their view,
    no name on a card anonymous to them, reactions as counts and whether they chose them."""
    reader, card = _Reader(user_id, is_staff), _CardView(payload)
    if not rules.may_see(card, reader):
        return {"id": payload["id"], "revision": payload["revision"], "deleted": True}
    mine = payload["author"]["id"] == user_id
    shaped = {key: value for key, value in payload.items() if key not in ("author", "body")}
    shaped["author"] = (
        {"name": payload["author"]["name"], "staff": payload["author"]["staff"]}
        if rules.author_shown(card, reader)
        else None
    )
    if mine:
        shaped["body"] = payload["body"]
    if payload["clip"]:
        shaped["clip"] = _clip_for(payload["clip"], user_id=user_id, is_staff=is_staff)
    shaped["mine"] = mine
    shaped["may_move"] = rules.may_move(card, reader)
    shaped["may_edit"] = rules.may_edit(card, reader)
    shaped["may_delete"] = rules.may_delete(card, reader)
    shaped["reactions"] = [
        {
            "emoji": emoji,
            "label": REACTION_LABELS[emoji],
            "count": len(payload["reactions"].get(emoji, ())),
            "mine": user_id in payload["reactions"].get(emoji, ()),
        }
        for emoji in REACTION_EMOJI
    ]
    shaped["comments"] = [
        {key: value for key, value in comment.items() if key != "author_id"}
        | {"mine": comment["author_id"] == user_id}
        for comment in payload["comments"]
    ]
    return shaped


def _clip_for(clip: dict, *, user_id: int, is_staff: bool) -> dict:
    """The clip as this reader sees it: its captions' status and page are for the clip's
    owner and the course's staff (media.selectors.media_can_manage), its transcript for all."""
    mine = clip["owner"] == user_id
    panel = {k: v for k, v in clip["panel"].items() if k not in ("authors_state", "others_state")}
    panel["state"] = clip["panel"]["authors_state" if mine else "others_state"]
    can_manage = is_staff or mine
    shown = {key: value for key, value in clip.items() if key not in ("owner", "captions_page")}
    shown["panel"] = panel | {"can_manage": can_manage}
    if can_manage:
        shown["captions_page"] = clip["captions_page"]
    return shown

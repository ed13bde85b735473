"""Reading class walls. A card travels as a dict (``card_payload``): the page draws the
board from them, and a change reaches each open page as one, shaped for its reader by
``shape`` — who wrote an anonymous card, a card waiting for approval, the raw text and
who reacted stay with those allowed to see them."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import reverse

from rapport.core.links import reverse_for_each
from rapport.core.reactions.emoji import REACTION_EMOJI, REACTION_LABELS
from rapport.courses.models import STAFF_ROLES, Course, Membership, MembershipStatus
from rapport.groups.reach import no_group_or_own
from rapport.media.selectors import captions_panel_data, media_caption_prefetches
from rapport.walls import rules
from rapport.walls.models import Board, Card, CardComment, CardReaction, Layout

# The comments a card carries on the board (the newest; a card page has them all).
COMMENTS_SHOWN = 20


# --- who reaches a board -------------------------------------------------------------------


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


def _staff_ids(course_id: int) -> set[int]:
    return set(
        Membership.objects.filter(
            course_id=course_id, role__in=STAFF_ROLES, status=MembershipStatus.ACTIVE
        ).values_list("user_id", flat=True)
    )


def _cards():
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
    card = _cards().filter(pk=card_id).first()
    if card is None:
        return None
    return card_payloads([card], staff_ids=_staff_ids(card.board.course_id))[0]


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


def board_cards(*, board: Board, member, since: int | None = None) -> list[dict]:
    """The board's cards as ``member`` sees them, in reading order (newest first on a
    stream); with ``since``, only those changed after that revision (tombstones included)."""
    cards = _board_cards_seen(_cards(), board=board, member=member, since=since)
    return _shaped(list(cards.order_by(*_reading_order(board))), board=board, member=member)


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
    payloads = card_payloads(cards, staff_ids=_staff_ids(board.course_id))
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
    seen = seen.order_by(*_reading_order(board))
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
    cards = sorted(_cards().filter(pk__in=picked), key=lambda card: order[card.pk])
    return BoardPage(
        cards=_shaped(cards, board=board, member=member),
        cut=cut,
        hidden=sum(len(ids) for ids in by_list.values()) - len(picked),
        shown=shown,
    )


def _reading_order(board: Board) -> tuple[str, ...]:
    if board.layout == Layout.STREAM:
        return ("-created_at", "-pk")
    if board.layout == Layout.WALL:
        return ("y", "x", "position", "pk")
    return ("section__position", "section_id", "position", "pk")


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


EXPORT_HEADER = (
    "card",
    "author",
    "anonymous to classmates",
    "approved",
    "kind",
    "text",
    "link",
    "link title",
    "photo description",
    "colour",
    "column",
    "place on the wall",
    "reactions",
    "comments",
    "added",
)


def export_rows(*, board: Board):
    """The board for the teaching team, a row per card in reading order (authors named,
    anonymous or not: the export is staff's own record), under ``EXPORT_HEADER``."""
    yield EXPORT_HEADER
    cards = (
        _cards()
        .select_related("section")
        .filter(board=board, deleted_at__isnull=True)
        .order_by(*_reading_order(board))
    )
    for card in cards:
        yield (
            card.pk,
            card.author.display_name,
            "yes" if card.anonymous else "no",
            "yes" if card.approved_at else "waiting",
            card.get_kind_display(),
            card.body,
            card.link_url,
            card.link_title,
            card.image_alt,
            card.get_colour_display(),
            card.section.title if card.section else "",
            f"column {card.x + 1}, row {card.y + 1}" if board.layout == Layout.WALL else "",
            " ".join(f"{r.emoji}" for r in card.reactions.all()),
            " | ".join(f"{c.author.display_name}: {c.body}" for c in card.comments.all()),
            card.created_at.isoformat(timespec="minutes"),
        )


def intro_card(*, course: Course, user_id: int, member) -> dict | None:
    """``user_id``'s card on the course's "Introduce yourself" wall as ``member`` sees it —
    only one signed with their name (an anonymous card stays off their pages)."""
    card = (
        _cards()
        .filter(
            board__course=course,
            board__is_intro=True,
            board__group__isnull=True,
            author_id=user_id,
            anonymous=False,
            deleted_at__isnull=True,
        )
        .order_by("-created_at", "-pk")
        .first()
    )
    if card is None:
        return None
    payload = card_payloads([card], staff_ids=set())[0]
    return shape(payload, user_id=member.user_id, is_staff=member.is_staff)


def recent_hellos(*, course: Course, member, count: int) -> tuple[list[dict], int, bool]:
    """The newest ``count`` signed hellos on the course's "Introduce yourself" wall as
    ``member`` sees them, how many members have said hello, and whether ``member`` has."""
    cards = _cards().filter(
        board__course=course,
        board__is_intro=True,
        board__group__isnull=True,
        anonymous=False,
        deleted_at__isnull=True,
    )
    if not member.is_staff:
        cards = cards.filter(Q(approved_at__isnull=False) | Q(author_id=member.user_id))
    authors = set(cards.values_list("author_id", flat=True))
    newest = list(cards.order_by("-created_at", "-pk")[:count])
    payloads = card_payloads(newest, staff_ids=_staff_ids(course.pk))
    shaped = [shape(p, user_id=member.user_id, is_staff=member.is_staff) for p in payloads]
    return shaped, len(authors), member.user_id in authors

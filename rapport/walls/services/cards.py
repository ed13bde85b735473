"""Cards: added, moved, edited, approved, deleted, reacted to and commented on."""

from datetime import datetime
from functools import partial

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from rapport.core import touchpoints
from rapport.core.enums import Channel
from rapport.core.kinds import TouchpointKind
from rapport.core.reactions.services import reaction_toggle
from rapport.core.refusals import Refused
from rapport.core.text import render_markdown
from rapport.media.models import Audience
from rapport.media.services import media_attach
from rapport.walls import rules
from rapport.walls.images import process_card_image
from rapport.walls.models import (
    BODY_MAX,
    COMMENT_MAX,
    GRID_COLUMNS,
    GRID_ROWS,
    Board,
    Card,
    CardComment,
    CardKind,
    CardReaction,
    Colour,
    Layout,
    PreviewStatus,
    Section,
)
from rapport.walls.services.changes import card_changed, check_version

CLOSED = "This wall is locked: nothing can be added or changed on it for now."


def _whole_number(value, *, low: int, high: int, what: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value < high:
        raise Refused(f"The {what} must be a whole number from {low} to {high - 1}.")
    return value


def _section(board: Board, section_id) -> Section | None:
    if section_id in (None, ""):
        return None
    if isinstance(section_id, str) and section_id.isdigit():
        section_id = int(section_id)
    if not isinstance(section_id, int) or isinstance(section_id, bool):
        raise Refused("Choose one of this wall's columns.", field="section")
    section = board.sections.filter(pk=section_id).first()
    if section is None:
        raise Refused("Choose one of this wall's columns.", field="section")
    return section


def _text(body, *, limit: int, what: str, required: bool) -> str:
    if not isinstance(body, str):
        raise Refused(f"The {what} must be text.", field="body")
    body = body.strip()
    if required and not body:
        raise Refused(f"Write something for the {what}.", field="body")
    if len(body) > limit:
        raise Refused(f"Keep the {what} under {limit} characters.", field="body")
    return body


def _colour(colour) -> str:
    if colour in (None, ""):
        return Colour.YELLOW
    if colour not in Colour.values:
        raise Refused("Choose one of the colours offered.", field="colour")
    return colour


@transaction.atomic
def card_add(
    *,
    board: Board,
    member,
    kind: str = CardKind.TEXT,
    body: str = "",
    colour: str | None = None,
    x: int | None = None,
    y: int | None = None,
    section_id=None,
    anonymous: bool = False,
    link_url: str = "",
    image_alt: str = "",
    clip=None,
    at: datetime | None = None,
) -> Card:
    """A new card by ``member`` on ``board`` (a photo is attached after, with
    ``card_image_attach``). A learner's card on a moderated board waits for staff."""
    board = Board.objects.select_for_update().get(pk=board.pk)
    if not rules.may_post(board, member):
        raise Refused(
            CLOSED if board.is_locked else "Only the teaching team adds cards to this wall."
        )
    if kind not in CardKind.values:
        raise Refused("Choose text, a photo, a link or a clip.", field="kind")
    needs_text = kind == CardKind.TEXT
    body = _text(body, limit=BODY_MAX, what="card", required=needs_text)
    if anonymous and not (board.allow_anonymous and not member.is_staff):
        raise Refused("Anonymous cards are not open on this wall.", field="anonymous")
    if kind == CardKind.LINK:
        link_url = _link(link_url)
    if kind == CardKind.CLIP:
        if clip is None or clip.owner_id != member.user_id or clip.course_id != board.course_id:
            raise Refused("Record or choose a clip of your own first.", field="media_id")
        media_attach(media=clip, owner=member.user, course=board.course, audience=Audience.COURSE)
    placed = {"x": 0, "y": 0}
    if board.layout == Layout.WALL:
        placed = _free_cell(board) if x is None and y is None else _cell(x, y)
    section = _section(board, section_id)
    if board.layout == Layout.COLUMNS and section is None:
        section = board.sections.first()
    now = at or timezone.now()
    card = Card(
        board=board,
        author=member.user,
        kind=kind,
        body=body,
        body_html=render_markdown(body),
        colour=_colour(colour),
        section=section,
        position=_next_position(board),
        anonymous=bool(anonymous),
        approved_at=None if board.moderated and not member.is_staff else now,
        link_url=link_url,
        link_status=PreviewStatus.PENDING if link_url else PreviewStatus.NONE,
        image_alt=(image_alt or "").strip()[:300],
        clip=clip if kind == CardKind.CLIP else None,
        created_at=now,
        **placed,
    )
    card.save()
    touchpoints.record(
        course=board.course,
        kind=TouchpointKind.WALL_CARD_POSTED,
        actor=member.user,
        channel=Channel.IN_APP,
        target=card,
        occurred_at=now,
    )
    card_changed(card, fields=[], at=now)
    if link_url:
        transaction.on_commit(partial(_enqueue_preview, card.pk))
    return card


def _enqueue_preview(card_id: int) -> None:
    from rapport.walls.tasks import fetch_link_preview

    fetch_link_preview(card_id)


def _link(url) -> str:
    url = (url or "").strip() if isinstance(url, str) else ""
    if not url:
        raise Refused("Paste the link to share.", field="link_url")
    if len(url) > 1000 or not url.lower().startswith(("http://", "https://")):
        raise Refused("Share a web link that starts with http:// or https://.", field="link_url")
    return url


def _cell(x, y) -> dict:
    return {
        "x": _whole_number(x, low=0, high=GRID_COLUMNS, what="column on the wall"),
        "y": _whole_number(y, low=0, high=GRID_ROWS, what="row on the wall"),
    }


def _free_cell(board: Board) -> dict:
    """The first empty cell, reading row by row (the last one when the wall is full)."""
    taken = set(board.cards.filter(deleted_at__isnull=True).values_list("x", "y"))
    for y in range(GRID_ROWS):
        for x in range(GRID_COLUMNS):
            if (x, y) not in taken:
                return {"x": x, "y": y}
    return {"x": GRID_COLUMNS - 1, "y": GRID_ROWS - 1}


def _next_position(board: Board) -> int:
    last = board.cards.order_by("-position").values_list("position", flat=True).first()
    return 0 if last is None else last + 1


def _live_card(card: Card, member, *, allowed, refusal: str) -> Card:
    card = Card.objects.select_for_update().select_related("board").get(pk=card.pk)
    if not rules.may_see(card, member):
        raise Refused("That card isn't there any more.", code="gone")
    if not allowed(card, member):
        raise Refused(CLOSED if card.board.is_locked else refusal, code="forbidden")
    return card


@transaction.atomic
def card_move(
    *,
    card: Card,
    member,
    version,
    x=None,
    y=None,
    section_id=None,
    position=None,
) -> Card:
    """Move ``card`` to a grid cell (free wall), or to a column and a place in it, from
    ``version``; a stale version raises StaleCard."""
    card = _live_card(
        card, member, allowed=rules.may_move, refusal="You can move only your own cards."
    )
    check_version(card, version)
    fields = []
    if x is not None or y is not None:
        placed = _cell(x, y)
        card.x, card.y = placed["x"], placed["y"]
        fields += ["x", "y"]
    if section_id is not None:
        card.section = _section(card.board, section_id)
        fields.append("section")
    if position is not None:
        card.position = _whole_number(position, low=-(2**31), high=2**31, what="place")
        fields.append("position")
    if not fields:
        raise Refused("Say where the card goes.")
    card_changed(card, fields=fields, content=True)
    return card


@transaction.atomic
def card_edit(*, card: Card, member, version, body=None, colour=None, image_alt=None) -> Card:
    card = _live_card(
        card, member, allowed=rules.may_edit, refusal="Only its author can change a card."
    )
    check_version(card, version)
    fields = []
    if body is not None:
        card.body = _text(body, limit=BODY_MAX, what="card", required=card.kind == CardKind.TEXT)
        card.body_html = render_markdown(card.body)
        fields += ["body", "body_html"]
    if colour is not None:
        card.colour = _colour(colour)
        fields.append("colour")
    if image_alt is not None:
        card.image_alt = _text(image_alt, limit=300, what="description", required=False)
        fields.append("image_alt")
    if not fields:
        raise Refused("Nothing to change.")
    card_changed(card, fields=fields, content=True)
    return card


@transaction.atomic
def card_delete(*, card: Card, member) -> Card:
    card = _live_card(
        card, member, allowed=rules.may_delete, refusal="You can delete only your own cards."
    )
    card.deleted_at = timezone.now()
    card_changed(card, fields=["deleted_at"], content=True)
    return card


@transaction.atomic
def card_approve(*, card: Card, member) -> Card:
    if not member.is_staff:
        raise Refused("Only the teaching team approves cards.", code="forbidden")
    card = _live_card(card, member, allowed=rules.may_move, refusal="")
    if card.approved_at is None:
        card.approved_at = timezone.now()
        card_changed(card, fields=["approved_at"])
    return card


@transaction.atomic
def card_react(*, card: Card, member, emoji, at: datetime | None = None) -> Card:
    card = _live_card(
        card, member, allowed=lambda c, m: rules.may_take_part(c.board, m), refusal=""
    )
    reaction_toggle(
        model=CardReaction,
        target=card,
        user=member.user,
        emoji=emoji,
        course=card.board.course,
        touchpoint_kind=TouchpointKind.CARD_REACTION,
        at=at,
    )
    card_changed(card, fields=[], at=at)
    return card


@transaction.atomic
def card_comment(*, card: Card, member, body, at: datetime | None = None) -> CardComment:
    card = _live_card(
        card, member, allowed=lambda c, m: rules.may_take_part(c.board, m), refusal=""
    )
    body = _text(body, limit=COMMENT_MAX, what="comment", required=True)
    comment = CardComment.objects.create(
        card=card, author=member.user, body=body, created_at=at or timezone.now()
    )
    if card.author_id != member.user_id:
        touchpoints.record(
            course=card.board.course,
            kind=TouchpointKind.CARD_COMMENT,
            actor=member.user,
            subject=card.author,
            channel=Channel.IN_APP,
            target=card,
            occurred_at=comment.created_at,
        )
    card_changed(card, fields=[], at=comment.created_at)
    return comment


@transaction.atomic
def card_image_attach(*, card: Card, member, image) -> Card:
    """Store the photo of a photo card (``image``: the processed JPEG, see
    ``rapport.walls.images``)."""
    card = _live_card(
        card, member, allowed=rules.may_edit, refusal="Only its author can change a card."
    )
    card.version += 1
    card.image.save(f"{card.public_name}.jpg", ContentFile(image.data), save=False)
    card.version -= 1
    card.image_width, card.image_height = image.width, image.height
    card_changed(card, fields=["image", "image_width", "image_height"], content=True)
    return card


def link_preview_fetch(*, card_id: int, fetch=None, fetch_image=None) -> Card | None:
    """Fetch the preview of a link card on the server (never in anyone's browser) and keep
    it on the card, its picture re-encoded as the card's photo (so readers' browsers never
    fetch from the linked site); a link that can't be previewed keeps the reason.
    ``fetch`` and ``fetch_image`` stand in for the network in tests."""
    from rapport.walls import previews

    card = Card.objects.filter(pk=card_id, link_status=PreviewStatus.PENDING).first()
    if card is None:
        return None
    photo = None
    try:
        preview = (fetch or previews.link_preview)(card.link_url)
    except previews.PreviewRefused as refusal:
        found = {"link_status": PreviewStatus.FAILED, "link_problem": str(refusal)[:200]}
    else:
        found = {
            "link_status": PreviewStatus.READY,
            "link_title": (preview.title or "")[:200],
            "link_description": (preview.description or "")[:500],
            "link_image_url": (preview.image_url or "")[:1000],
            "link_site": (preview.site_name or "")[:100],
        }
        if preview.image_url:
            photo = _preview_photo((fetch_image or previews.preview_image)(preview.image_url))
    with transaction.atomic():
        card = Card.objects.select_for_update().select_related("board").get(pk=card.pk)
        if card.link_status != PreviewStatus.PENDING:
            return card
        for field, value in found.items():
            setattr(card, field, value)
        fields = list(found)
        if photo is not None and not card.image:
            card.image.save(f"{card.public_name}-preview.jpg", ContentFile(photo.data), save=False)
            card.image_width, card.image_height = photo.width, photo.height
            card.image_alt = card.image_alt or card.link_title
            fields += ["image", "image_width", "image_height", "image_alt"]
        card_changed(card, fields=fields)
    return card


def _preview_photo(data: bytes | None):
    """A preview's picture decoded and re-encoded like any shared photo, or None."""
    if not data:
        return None
    try:
        return process_card_image(ContentFile(data, name="preview"))
    except ValidationError:
        return None

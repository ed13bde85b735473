"""A board as the teaching team's CSV: a row per card in reading order."""

from rapport.walls.models import Board, Layout
from rapport.walls.selectors.pages import reading_order
from rapport.walls.selectors.payloads import cards_in_full

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
        cards_in_full()
        .select_related("section")
        .filter(board=board, deleted_at__isnull=True)
        .order_by(*reading_order(board))
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

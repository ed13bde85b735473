"""Writes to class walls: boards (made, set up, locked) and their cards (added, moved,
edited, approved, deleted, reacted to, commented on). Each checks who may do it, keeps the
ledger, and tells the board's followers after the commit."""

from rapport.walls.services.boards import (
    board_create,
    board_lock,
    board_settings_save,
    group_board_create,
    intro_board_for,
)
from rapport.walls.services.cards import (
    card_add,
    card_approve,
    card_comment,
    card_delete,
    card_edit,
    card_image_attach,
    card_move,
    card_react,
    link_preview_fetch,
)
from rapport.walls.services.changes import StaleCard

__all__ = [
    "StaleCard",
    "board_create",
    "board_lock",
    "board_settings_save",
    "card_add",
    "card_approve",
    "card_comment",
    "card_delete",
    "card_edit",
    "card_image_attach",
    "card_move",
    "card_react",
    "group_board_create",
    "intro_board_for",
    "link_preview_fetch",
]

"""Wall pages: boards (the list, making one, a board, its settings, its export) and cards
(add, edit, move, delete, approve, react, comment, photo)."""

from rapport.walls.views.boards import (
    board,
    board_export,
    board_list,
    board_new,
    board_picture,
    board_settings,
)
from rapport.walls.views.cards import (
    card_add,
    card_approve,
    card_comment,
    card_delete,
    card_edit,
    card_image,
    card_move,
    card_react,
)

__all__ = [
    "board",
    "board_export",
    "board_list",
    "board_new",
    "board_picture",
    "board_settings",
    "card_add",
    "card_approve",
    "card_comment",
    "card_delete",
    "card_edit",
    "card_image",
    "card_move",
    "card_react",
]

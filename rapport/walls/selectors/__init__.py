"""Reading class walls. A card travels as a dict (``payloads``): the page draws the board
from them (``pages``), and a change reaches each open page as one, shaped for its reader.
Who reaches which board is ``reach``; the staff's CSV is ``export``; the "Introduce
yourself" wall's hellos shown elsewhere are ``hellos``."""

from rapport.walls.selectors.export import EXPORT_HEADER, export_rows
from rapport.walls.selectors.hellos import intro_card, recent_hellos
from rapport.walls.selectors.pages import BoardPage, board_cards, board_page
from rapport.walls.selectors.payloads import (
    COMMENTS_SHOWN,
    board_event,
    card_event,
    card_payloads,
    shape,
    shape_board,
)
from rapport.walls.selectors.reach import (
    board_or_none,
    board_url,
    boards_for,
    boards_visible_to,
    card_for,
    card_image_for,
    card_url,
    waiting_for_approval,
)

__all__ = [
    "COMMENTS_SHOWN",
    "EXPORT_HEADER",
    "BoardPage",
    "board_cards",
    "board_event",
    "board_or_none",
    "board_page",
    "board_url",
    "boards_for",
    "boards_visible_to",
    "card_event",
    "card_for",
    "card_image_for",
    "card_payloads",
    "card_url",
    "export_rows",
    "intro_card",
    "recent_hellos",
    "shape",
    "shape_board",
    "waiting_for_approval",
]

"""A person's hello from the "Introduce yourself" wall, on their page and their card."""

from rapport.courses.person_panels import Panel, register_person_panel
from rapport.walls import selectors, services


def intro_panel(course, person, viewer) -> Panel | None:
    card = selectors.intro_card(course=course, user_id=person.user_id, member=viewer)
    is_me = person.user_id == viewer.user_id
    if card is None and not is_me:
        return None
    board = services.intro_board_for(course=course)
    return Panel(
        "walls/_person_intro.html",
        {"card": card, "board": board, "is_me": is_me, "name": person.user.display_name},
    )


def register() -> None:
    register_person_panel(intro_panel)

"""Hellos from the "Introduce yourself" wall: a person's on their page and their card, and
the newest few on the classmates page."""

from rapport.courses.person_panels import Panel, register_people_panel, register_person_panel
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


HELLOS_SHOWN = 4


def hellos_panel(course, viewer) -> Panel:
    cards, said, mine = selectors.recent_hellos(course=course, member=viewer, count=HELLOS_SHOWN)
    board = services.intro_board_for(course=course)
    return Panel(
        "walls/_people_hellos.html",
        {"cards": cards, "said": said, "mine": mine, "board": board},
    )


def register() -> None:
    register_person_panel(intro_panel)
    register_people_panel(hellos_panel)

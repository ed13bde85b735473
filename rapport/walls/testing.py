"""Walls for tests: a board and members' memberships, made the way the app makes them."""

from rapport.courses.models import Membership
from rapport.walls import services
from rapport.walls.models import Layout


def member(cast, role: str) -> Membership:
    return Membership.objects.select_related("user", "course").get(
        course=cast.course, user=getattr(cast, role)
    )


def board_make(cast, **options):
    options.setdefault("title", "Where in the world are we?")
    options.setdefault("layout", Layout.WALL)
    return services.board_create(course=cast.course, member=member(cast, "instructor"), **options)


def card_make(cast, board, role: str = "learner", **options):
    options.setdefault("body", f"Hello from the {role}")
    return services.card_add(board=board, member=member(cast, role), **options)

"""The course's "Introduce yourself" wall elsewhere: one person's hello, and the newest."""

from django.db.models import Q

from rapport.courses.models import Course
from rapport.walls.selectors.payloads import card_payloads, cards_in_full, shape, staff_ids_of


def intro_card(*, course: Course, user_id: int, member) -> dict | None:
    """``user_id``'s card on the course's "Introduce yourself" wall as ``member`` sees it —
    only one signed with their name (an anonymous card stays off their pages)."""
    card = (
        cards_in_full()
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
    cards = cards_in_full().filter(
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
    payloads = card_payloads(newest, staff_ids=staff_ids_of(course.pk))
    shaped = [shape(p, user_id=member.user_id, is_staff=member.is_staff) for p in payloads]
    return shaped, len(authors), member.user_id in authors

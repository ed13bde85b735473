"""Boards: made by the teaching team, set up, locked and opened again; and the
"Introduce yourself" wall every course offers."""

from django.db import transaction
from django.utils import timezone

from rapport.core.refusals import Refused
from rapport.walls.models import Board, Layout, Section, WhoMayPost
from rapport.walls.services.changes import board_changed

INTRO_TITLE = "Introduce yourself"
INTRO_PROMPT = (
    "Say hello to the class: who you are, where you are, and one thing you love. "
    "A photo, a link or a short clip is welcome too."
)
SECTIONS_MAX = 8


def _sections(titles) -> list[str]:
    cleaned = [title.strip()[:80] for title in titles or () if title and title.strip()]
    if len(cleaned) > SECTIONS_MAX:
        raise Refused(f"A wall has at most {SECTIONS_MAX} columns.", field="sections")
    return cleaned


@transaction.atomic
def board_create(
    *,
    course,
    member,
    title: str,
    prompt: str = "",
    layout: str = Layout.WALL,
    who_may_post: str = WhoMayPost.EVERYONE,
    moderated: bool = False,
    allow_anonymous: bool = False,
    sections=(),
    is_intro: bool = False,
    group=None,
) -> Board:
    if not member.is_staff:
        raise Refused("Only the teaching team makes walls.", code="forbidden")
    title = (title or "").strip()
    if not title:
        raise Refused("Give the wall a title.", field="title")
    if layout not in Layout.values:
        raise Refused("Choose a layout.", field="layout")
    if who_may_post not in WhoMayPost.values:
        raise Refused("Choose who may add cards.", field="who_may_post")
    titles = _sections(sections)
    if layout == Layout.COLUMNS and not titles:
        titles = ["Ideas", "Questions", "Resources"]
    board = Board.objects.create(
        course=course,
        title=title[:120],
        prompt=(prompt or "").strip()[:1000],
        layout=layout,
        who_may_post=who_may_post,
        moderated=moderated,
        allow_anonymous=allow_anonymous,
        is_intro=is_intro,
        group=group,
        created_by=member.user,
    )
    Section.objects.bulk_create(
        Section(board=board, title=title, position=n) for n, title in enumerate(titles)
    )
    return board


def group_board_create(*, group, member, title: str) -> Board:
    """A peer group's own wall, newest cards first, made by the teaching team member who
    publishes its round: only the group's members and the teaching team see it."""
    if member.course_id != group.course_id:
        raise Refused("That group belongs to another course.", code="forbidden")
    return board_create(
        course=group.course, member=member, title=title, layout=Layout.STREAM, group=group
    )


@transaction.atomic
def board_settings_save(
    *,
    board: Board,
    member,
    title: str,
    prompt: str,
    who_may_post: str,
    moderated: bool,
    allow_anonymous: bool,
) -> Board:
    if not member.is_staff:
        raise Refused("Only the teaching team sets up walls.", code="forbidden")
    title = (title or "").strip()
    if not title:
        raise Refused("Give the wall a title.", field="title")
    if who_may_post not in WhoMayPost.values:
        raise Refused("Choose who may add cards.", field="who_may_post")
    board.title, board.prompt = title[:120], (prompt or "").strip()[:1000]
    board.who_may_post, board.moderated = who_may_post, moderated
    board.allow_anonymous = allow_anonymous
    board.save(update_fields=["title", "prompt", "who_may_post", "moderated", "allow_anonymous"])
    board_changed(board)
    return board


@transaction.atomic
def board_lock(*, board: Board, member, locked: bool) -> Board:
    if not member.is_staff:
        raise Refused("Only the teaching team locks walls.", code="forbidden")
    board.locked_at = timezone.now() if locked else None
    board.save(update_fields=["locked_at"])
    board_changed(board)
    return board


def intro_board_for(*, course) -> Board:
    """The course's "Introduce yourself" wall, made the first time anyone asks for it
    (never a group's wall)."""
    board = Board.objects.filter(course=course, is_intro=True, group__isnull=True).first()
    if board is not None:
        return board
    with transaction.atomic():
        board, _ = Board.objects.get_or_create(
            course=course,
            is_intro=True,
            group=None,
            defaults={"title": INTRO_TITLE, "prompt": INTRO_PROMPT, "layout": Layout.STREAM},
        )
    return board

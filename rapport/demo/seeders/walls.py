"""Walls for Environmental Science 101, through the walls' own services, dated in the past.

"Introduce yourself": a card from every member who has joined, posted the day they joined
(their "about me", or a hello), three of them as voice clips, with a few welcomes from
classmates and the teaching team — but none for the learners the demo has drifting, whom
no classmate has answered yet anywhere. "Where in the world are we?": a free wall of where each
learner is, placed west to east by their time zone. Nothing is made twice."""

import random
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.utils import timezone

from rapport.courses.models import Course, Membership, MembershipStatus
from rapport.demo.seeders.recordings import demo_voice_clip
from rapport.demo.seeders.rituals.script import DRIFTING
from rapport.walls import services
from rapport.walls.models import GRID_COLUMNS, Board, Card, CardKind, Colour, Layout

WORLD_TITLE = "Where in the world are we?"
WORLD_PROMPT = "Add a card where you are: your town, and one thing outside your window."
# Who says hello by voice on the intro wall, and the pitch of their generated clip.
VOICE_INTROS = {"aroha": 196.0, "kwame": 220.0, "ingrid": 247.0}
COLOURS = [Colour.YELLOW, Colour.BLUE, Colour.GREEN, Colour.PINK, Colour.PURPLE]
WELCOMES = [
    "Welcome! So glad you're here.",
    "Hi neighbour! Looking forward to learning with you.",
    "Welcome aboard 🌱",
    "Love this — see you in the discussions!",
]


def seed_walls(*, course: Course, users: dict, now: datetime) -> int:
    """Fill in what is missing in ``course``; returns how many cards were added."""
    members = list(
        Membership.objects.filter(course=course, status=MembershipStatus.ACTIVE)
        .select_related("user", "course")
        .order_by("joined_at", "user__email")
    )
    staff = next(m for m in members if m.is_staff)
    added = 0
    with tempfile.TemporaryDirectory(prefix="rapport-demo-walls-") as folder:
        added += _intro_wall(course, members, staff, now, Path(folder))
    added += _world_wall(course, members, staff, now)
    return added


def _name(membership) -> str:
    return membership.user.email.split("@")[0]


def _hello(membership) -> str:
    user = membership.user
    about = (user.about or "").strip()
    if about:
        return about
    return f"Hi everyone, I'm {user.display_name}. Happy to be here!"


def _intro_wall(course, members, staff, now: datetime, folder: Path) -> int:
    board = services.intro_board_for(course=course)
    posted = set(board.cards.values_list("author_id", flat=True))
    started = timezone.now()
    added = 0
    for index, member in enumerate(members):
        if member.user_id in posted or member.joined_at > now:
            continue
        at = member.joined_at + timedelta(hours=1)
        tone = VOICE_INTROS.get(_name(member))
        clip = None
        if tone is not None:
            clip = demo_voice_clip(
                course=course,
                owner=member.user,
                words=_hello(member),
                tone_hz=tone,
                at=at,
                folder=folder,
                started=started,
            )
        card = services.card_add(
            board=board,
            member=member,
            kind=CardKind.CLIP if clip else CardKind.TEXT,
            body=_hello(member),
            colour=COLOURS[index % len(COLOURS)],
            clip=clip,
            at=at,
        )
        added += 1
        _welcome(card, members, staff, index, at)
    return added


def _welcome(card: Card, members, staff, index: int, at: datetime) -> None:
    """A classmate's welcome on most intro cards, and the teacher's on some."""
    if card.author.email.split("@")[0] in DRIFTING:
        return
    draws = random.Random(f"rapport-demo:wall-welcome:{index}")
    classmates = [m for m in members if not m.is_staff and m.user_id != card.author_id]
    if classmates and draws.random() < 0.7:
        welcomer = draws.choice(classmates)
        if welcomer.joined_at < at:
            services.card_react(card=card, member=welcomer, emoji="👏", at=at + timedelta(hours=2))
            services.card_comment(
                card=card,
                member=welcomer,
                body=draws.choice(WELCOMES),
                at=at + timedelta(hours=3),
            )
    if card.author_id != staff.user_id and index % 3 == 0:
        services.card_react(card=card, member=staff, emoji="❤️", at=at + timedelta(hours=5))


def _world_wall(course, members, staff, now: datetime) -> int:
    board = Board.objects.filter(course=course, title=WORLD_TITLE).first()
    if board is None:
        board = services.board_create(
            course=course, member=staff, title=WORLD_TITLE, prompt=WORLD_PROMPT, layout=Layout.WALL
        )
    posted = set(board.cards.values_list("author_id", flat=True))
    rows: dict[int, int] = {}
    added = 0
    for index, member in enumerate(m for m in members if not m.is_staff):
        zone = member.user.timezone or course.timezone
        column = _column(zone, now)
        row = rows.get(column, 0)
        rows[column] = row + 1
        if member.user_id in posted or member.joined_at > now:
            continue
        place = zone.split("/")[-1].replace("_", " ")
        services.card_add(
            board=board,
            member=member,
            body=f"**{place}** — {member.user.display_name} is here.",
            colour=COLOURS[index % len(COLOURS)],
            x=column,
            y=min(row, 39),
            at=member.joined_at + timedelta(hours=2),
        )
        added += 1
    return added


def _column(zone: str, now: datetime) -> int:
    """West to east: UTC−10 in the first column, UTC+13 in the last."""
    hours = now.astimezone(ZoneInfo(zone)).utcoffset().total_seconds() / 3600
    share = (min(max(hours, -10), 13) + 10) / 23
    return min(GRID_COLUMNS - 1, round(share * (GRID_COLUMNS - 1)))

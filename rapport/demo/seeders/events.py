"""Social events for Environmental Science 101, through the events' own services: a Fun
Friday this coming Friday afternoon and a coffee chat in three days (eight places), each
with some learners coming and a few who can't; and last week's game night, with who came
marked by the instructor. The learners the demo has drifting answer none of them. Nothing
is made twice."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from rapport.courses.models import Course, Membership, MembershipStatus, Role
from rapport.demo.seeders.rituals.script import DRIFTING
from rapport.events import services
from rapport.events.models import Event, EventKind, RsvpStatus

LINK = "https://video.example.org/env-sci/{}"


@dataclass(frozen=True)
class DemoEvent:
    title: str
    kind: str
    description: str
    slug: str
    days_ahead: int  # negative: in the past
    weekday: int | None  # the next (or last) such weekday instead, 4 = Friday
    at: time
    minutes: int
    capacity: int | None
    going: int  # how many learners say they'll come
    not_going: int
    came: int = 0  # of those going, how many the instructor marks as having come


FUN_FRIDAY = DemoEvent(
    title="Fun Friday: show us your pet (or plant)",
    kind=EventKind.FUN_FRIDAY,
    description="Twenty relaxed minutes with cameras optional. Bring a pet, a houseplant or "
    "the view from your window — no coursework talk allowed!",
    slug="fun-friday",
    days_ahead=1,
    weekday=4,
    at=time(15, 0),
    minutes=45,
    capacity=None,
    going=7,
    not_going=2,
)
COFFEE_CHAT = DemoEvent(
    title="Coffee chat with Dr. Okafor",
    kind=EventKind.COFFEE_CHAT,
    description="Grab a drink and drop in to talk about anything: the course, careers in "
    "environmental science, or your weekend.",
    slug="coffee-chat",
    days_ahead=3,
    weekday=None,
    at=time(8, 30),
    minutes=45,
    capacity=8,
    going=5,
    not_going=1,
)
GAME_NIGHT = DemoEvent(
    title="Game night: ecosystem trivia",
    kind=EventKind.GAME_NIGHT,
    description="Teams of four, silly questions about the living world, and a prize for "
    "the best team name.",
    slug="game-night",
    days_ahead=-5,
    weekday=None,
    at=time(19, 0),
    minutes=90,
    capacity=None,
    going=8,
    not_going=2,
    came=6,
)
DEMO_EVENTS = (FUN_FRIDAY, COFFEE_CHAT, GAME_NIGHT)


def seed_events(*, course: Course, users: dict, now: datetime) -> int:
    """Add the demo events missing from ``course``; returns how many rows were added."""
    members = list(
        Membership.objects.filter(course=course, status=MembershipStatus.ACTIVE)
        .select_related("user", "course")
        .order_by("joined_at", "user__email")
    )
    instructor = next((m for m in members if m.role == Role.INSTRUCTOR), None)
    if instructor is None:
        return 0
    learners = [
        m for m in members if m.role == Role.LEARNER and m.user.email.split("@")[0] not in DRIFTING
    ]
    existing = set(Event.objects.filter(course=course).values_list("title", flat=True))
    added = 0
    for offset, demo in enumerate(DEMO_EVENTS):
        if demo.title not in existing:
            added += _event_seed(demo, course, instructor, learners[offset * 3 :] + learners, now)
    return added


def _event_seed(demo: DemoEvent, course: Course, instructor, learners: list, now: datetime) -> int:
    starts_at = _start(demo, course, now)
    event = services.event_create(
        course=course,
        member=instructor,
        details=services.EventDetails(
            kind=demo.kind,
            title=demo.title,
            description=demo.description,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(minutes=demo.minutes),
            timezone=course.timezone,
            meeting_link=LINK.format(demo.slug),
            capacity=demo.capacity,
        ),
    )
    Event.objects.filter(pk=event.pk).update(
        created_at=min(now, starts_at) - timedelta(days=6),
        updated_at=min(now, starts_at) - timedelta(days=6),
    )
    unique = list({m.user_id: m for m in learners}.values())
    answered_at = min(now, starts_at) - timedelta(days=2)
    rows = 1
    for index, member in enumerate(unique[: demo.going + demo.not_going]):
        status = RsvpStatus.GOING if index < demo.going else RsvpStatus.NOT_GOING
        services.rsvp_set(
            event=event,
            member=member,
            status=status,
            at=answered_at + timedelta(minutes=37 * index),
        )
        rows += 1
    if demo.came:
        came = {m.user_id for m in unique[: demo.came]}
        added, _ = services.attendance_mark(
            event=event, member=instructor, user_ids=came, at=event.ends_at
        )
        rows += added
    return rows


def _start(demo: DemoEvent, course: Course, now: datetime) -> datetime:
    local = now.astimezone(course.zone())
    day = local.date() + timedelta(days=demo.days_ahead)
    if demo.weekday is not None:
        day += timedelta(days=(demo.weekday - day.weekday()) % 7)
    return datetime.combine(day, demo.at, tzinfo=course.zone())

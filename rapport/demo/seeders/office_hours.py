"""Office hours for Environmental Science 101, set up through the office hours' own services:
Dr. Okafor's on video, twenty minutes on Tuesday and Thursday afternoons, and Tomás's group
office hours in Rapport chat, half an hour for up to three learners on Monday and Wednesday
mornings, each in the host's own zone; and, as two of the staff hold office hours, an "Ask
a TA" pool offering both in turn.

The last two and a half weeks' meetings are marked, most of them met with a private note
(a met meeting is a one-to-one moment in the ledger, dated when it began) and one missed.
A few meetings are coming up, this week and next, the demo learner's among them. Every
meeting sits on its office hours' grid of slots. Nothing is emailed: booking through the
services sends both people a calendar invitation, so the demo's meetings are written as
rows with the moments and the host's in-app notice a booking records. The learners the demo
has drifting have met no one. Nothing is made twice."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from rapport.core.models import Notification
from rapport.courses.models import Course, Membership, MembershipStatus
from rapport.demo.people import DEMO_DOMAIN
from rapport.demo.seeders.rituals.script import DRIFTING
from rapport.officehours import selectors, services
from rapport.officehours.models import (
    Assignment,
    Booking,
    BookingStatus,
    OfficeHours,
    Place,
    Pool,
)
from rapport.officehours.services.telling import host_told

POOL_TITLE = "Ask a TA"


@dataclass(frozen=True)
class DemoHours:
    host: str  # the demo person's email before the @
    title: str
    slot_minutes: int
    seats: int
    weekly: tuple[tuple[int, time, time], ...]  # (weekday, from, to) in the host's zone
    place: str
    place_detail: str
    question: str
    buffer_after_minutes: int = 5


INSTRUCTOR_HOURS = DemoHours(
    host="instructor",
    title="Office hours",
    slot_minutes=20,
    seats=1,
    weekly=((1, time(14, 0), time(16, 0)), (3, time(14, 0), time(16, 0))),
    place=Place.VIDEO,
    place_detail="https://video.example.org/env-sci/office-hours",
    question="What would you like to talk about? Coursework, a project idea, or anything else.",
)
TA_HOURS = DemoHours(
    host="ta",
    title="Group office hours",
    slot_minutes=30,
    seats=3,
    weekly=((0, time(9, 0), time(11, 0)), (2, time(9, 0), time(11, 0))),
    place=Place.CHAT,
    place_detail="",
    question="What are you stuck on? Bring a question, a draft or a half-finished lab.",
    buffer_after_minutes=0,
)
DEMO_HOURS = (INSTRUCTOR_HOURS, TA_HOURS)


@dataclass(frozen=True)
class Seat:
    learner: str  # the demo person's email before the @
    answer: str
    met: bool = True
    note: str = ""  # the host's private note after a met meeting


@dataclass(frozen=True)
class PastMeeting:
    hours: DemoHours
    day: int  # which of the host's days of hours since two and a half weeks ago, -1 = latest
    seats: tuple[Seat, ...]  # more than one: learners sharing a group slot
    slot: int = 0  # which of that day's open slots


@dataclass(frozen=True)
class UpcomingMeeting:
    hours: DemoHours
    weeks_ahead: int  # 0: the soonest open slot; 1: the soonest a week later
    seats: tuple[Seat, ...]
    booked_hours_ago: int = 20


PAST_MEETINGS = (
    PastMeeting(
        INSTRUCTOR_HOURS,
        day=-4,
        seats=(
            Seat(
                "aroha",
                "My essay outline: I'm not sure my argument holds together.",
                note="Talked through her essay outline; she's more confident about the "
                "argument now.",
            ),
        ),
    ),
    PastMeeting(
        INSTRUCTOR_HOURS,
        day=-3,
        slot=2,
        seats=(
            Seat(
                "fatima",
                "An idea for my field-site project.",
                note="Fatima Zahra wanted to study three creeks at once. We narrowed it to the "
                "one behind her library; she's excited to start sampling.",
            ),
        ),
    ),
    PastMeeting(
        INSTRUCTOR_HOURS,
        day=-2,
        seats=(Seat("mateus", "A question about the wetlands field notes.", met=False),),
    ),
    PastMeeting(
        INSTRUCTOR_HOURS,
        day=-1,
        slot=1,
        seats=(
            Seat(
                "seun",
                "Careers in water policy, and which electives would help.",
                note="Seun asked about careers in water policy. Sent him the state internship "
                "list; he's going to apply before the deadline and tell me how it goes.",
            ),
        ),
    ),
    PastMeeting(
        TA_HOURS,
        day=-3,
        seats=(
            Seat(
                "lan",
                "The nitrogen cycle diagram from week 3.",
                note="Drew the nitrogen cycle as a budget, ins and outs, and it clicked for "
                "her. She offered to share her diagram on the wall.",
            ),
            Seat(
                "priya",
                "Is the methods section of my lab report detailed enough?",
                note="Her methods section was already solid; she mostly needed to hear it. "
                "Suggested one sentence on sampling times.",
            ),
        ),
    ),
    PastMeeting(
        TA_HOURS,
        day=-2,
        slot=1,
        seats=(
            Seat(
                "learner",
                "I'm falling behind on the readings because of my night shifts.",
                note="Sam worried about keeping up around night shifts. We split each week's "
                "reading into two short sittings; they left with a plan and a smile.",
            ),
        ),
    ),
)
UPCOMING_MEETINGS = (
    UpcomingMeeting(
        INSTRUCTOR_HOURS,
        weeks_ahead=0,
        seats=(Seat("learner", "Could we go over the feedback on my carbon cycle quiz?"),),
    ),
    UpcomingMeeting(
        TA_HOURS,
        weeks_ahead=0,
        booked_hours_ago=30,
        seats=(
            Seat("yuki", "Stuck on the scale bar for the watershed map."),
            Seat("chidera", "How to read the AQI table in this week's lab."),
        ),
    ),
    UpcomingMeeting(
        INSTRUCTOR_HOURS,
        weeks_ahead=1,
        booked_hours_ago=6,
        seats=(Seat("kwame", "Could my final project be about urban heat islands?"),),
    ),
)
# How far back the demo's past meetings go.
PAST_SPAN = timedelta(days=17)


def seed_office_hours(*, course: Course, users: dict, now: datetime) -> int:
    """Add the demo's office hours, pool and meetings missing from ``course``; returns how
    many rows were added."""
    staff = {
        m.user.email.split("@")[0]: m
        for m in Membership.objects.filter(course=course, status=MembershipStatus.ACTIVE)
        .select_related("user", "course")
        .order_by("joined_at")
        if m.is_staff
    }
    added = 0
    hours = {}
    for demo in DEMO_HOURS:
        member = staff.get(demo.host)
        if member is None:
            continue
        found = OfficeHours.objects.filter(course=course, host=member.user).first()
        if found is None:
            found = _hours_seed(demo, member, now)
            added += 1 + len(demo.weekly)
        hours[demo.host] = (found, member)
    added += _pool_seed(course, staff, now)
    if not Booking.objects.filter(course=course).exists():
        learners = {
            m.user.email.split("@")[0]: m
            for m in Membership.objects.filter(
                course=course, status=MembershipStatus.ACTIVE
            ).select_related("user")
            if not m.is_staff and m.user.email.endswith(f"@{DEMO_DOMAIN}")
        }
        for key in DRIFTING:
            learners.pop(key, None)
        added += _meetings_seed(hours, learners, now)
    return added


def _hours_seed(demo: DemoHours, member: Membership, now: datetime) -> OfficeHours:
    office_hours = services.office_hours_start(member=member)
    for window in office_hours.weekly.all():
        services.weekly_window_remove(office_hours=office_hours, member=member, window_id=window.pk)
    for weekday, starts, ends in demo.weekly:
        services.weekly_window_add(
            office_hours=office_hours, member=member, weekday=weekday, starts=starts, ends=ends
        )
    services.office_hours_save(
        office_hours=office_hours,
        member=member,
        rules=services.Rules(
            title=demo.title,
            is_open=True,
            timezone=member.user.timezone,
            slot_minutes=demo.slot_minutes,
            buffer_before_minutes=0,
            buffer_after_minutes=demo.buffer_after_minutes,
            minimum_notice_minutes=12 * 60,
            horizon_days=21,
            max_per_day=None,
            max_per_week=None,
            per_learner_limit=1,
            seats=demo.seats,
            cancel_notice_minutes=120,
            place=demo.place,
            place_detail=demo.place_detail,
            question=demo.question,
        ),
    )
    set_up = now - timedelta(days=24)
    OfficeHours.objects.filter(pk=office_hours.pk).update(created_at=set_up, updated_at=set_up)
    office_hours.refresh_from_db()
    return office_hours


def _pool_seed(course: Course, staff: dict, now: datetime) -> int:
    """ "Ask a TA", when at least two of the staff hold office hours here."""
    if Pool.objects.filter(course=course, title=POOL_TITLE).exists():
        return 0
    members = list(
        OfficeHours.objects.filter(
            course=course, host__in=[m.user for m in staff.values()]
        ).order_by("pk")
    )
    if len(members) < 2:
        return 0
    lead = next(m for m in staff.values() if m.user_id == members[0].host_id)
    pool = services.pool_save(
        course=course,
        member=lead,
        title=POOL_TITLE,
        members=members,
        assignment=Assignment.ROUND_ROBIN,
    )
    Pool.objects.filter(pk=pool.pk).update(created_at=now - timedelta(days=20))
    return 1


def _meetings_seed(hours: dict, learners: dict, now: datetime) -> int:
    added = 0
    for past in PAST_MEETINGS:
        found = hours.get(past.hours.host)
        seats = [s for s in past.seats if s.learner in learners]
        if found is None or not seats:
            continue
        office_hours, host = found
        slot = _past_slot(office_hours, past, now)
        if slot is None:
            continue
        for number, seat in enumerate(seats, start=1):
            booking = _booking_make(
                office_hours,
                learners[seat.learner],
                seat,
                slot,
                number,
                booked_at=slot.starts_at - timedelta(days=3) + timedelta(hours=3 * number),
            )
            services.booking_mark(
                booking=booking,
                member=host,
                status=BookingStatus.ATTENDED if seat.met else BookingStatus.NO_SHOW,
                note=seat.note,
                now=booking.ends_at + timedelta(minutes=10),
            )
            added += 2 + seat.met  # the booking, its booked moment and its met moment
    for upcoming in UPCOMING_MEETINGS:
        found = hours.get(upcoming.hours.host)
        seats = [s for s in upcoming.seats if s.learner in learners]
        if found is None or not seats:
            continue
        office_hours, _ = found
        slot = _upcoming_slot(office_hours, upcoming, now)
        if slot is None:
            continue
        for number, seat in enumerate(seats[: slot.seats_left], start=1):
            booked_at = now - timedelta(hours=upcoming.booked_hours_ago - 5 * (number - 1))
            booking = _booking_make(
                office_hours, learners[seat.learner], seat, slot, number, booked_at=booked_at
            )
            added += 2 + _host_told(booking, booked_at)
    return added


def _past_slot(office_hours: OfficeHours, past: PastMeeting, now: datetime):
    """The slot ``past`` names among those the office hours offered from two and a half
    weeks ago until now, by day (in the host's zone) and place in that day."""
    zone = office_hours.host.zone()
    slots = [s for s in selectors.slots_of(office_hours, now=now - PAST_SPAN) if s.ends_at <= now]
    days = sorted({s.starts_at.astimezone(zone).date() for s in slots})
    if len(days) < abs(past.day):
        return None
    day = days[past.day]
    that_day = [s for s in slots if s.starts_at.astimezone(zone).date() == day]
    return that_day[min(past.slot, len(that_day) - 1)]


def _upcoming_slot(office_hours: OfficeHours, upcoming: UpcomingMeeting, now: datetime):
    after = now + timedelta(days=7 * upcoming.weeks_ahead)
    later = [s for s in selectors.slots_of(office_hours, now=now) if s.starts_at >= after]
    return later[0] if later else None


def _booking_make(office_hours, learner: Membership, seat: Seat, slot, number, *, booked_at):
    """What ``services.booking_make`` writes (the row and its ledger moment), without its
    checks and the calendar invitations it emails."""
    return services.booking_record(
        office_hours=office_hours,
        learner=learner.user,
        slot=slot,
        seat=number,
        answer=seat.answer,
        at=booked_at,
    )


def _host_told(booking: Booking, booked_at: datetime) -> int:
    """The host's notice in the app (no email: the booking's email is the invitation),
    dated when the learner booked."""
    notification = host_told(booking)
    if notification is None:
        return 0
    Notification.objects.filter(pk=notification.pk).update(created_at=booked_at)
    return 1

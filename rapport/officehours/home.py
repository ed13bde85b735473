"""Office hours on the course homes: a learner's next meeting, their open "let's talk"
invitations and whether anyone takes bookings; the staff's meetings this week and those
waiting to be marked. A fixed number of queries whatever the course's size."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from rapport.officehours import selectors
from rapport.officehours.models import Booking, Invite, OfficeHours

INVITES_SHOWN = 3
MEETINGS_SHOWN = 6
TO_MARK_SHOWN = 5


@dataclass
class LearnerOfficeHours:
    next_meeting: Booking | None
    invites: list[Invite] = field(default_factory=list)
    can_book: bool = False

    @property
    def is_empty(self) -> bool:
        return not (self.next_meeting or self.invites or self.can_book)


@dataclass
class StaffOfficeHours:
    this_week: list[Booking]
    to_mark: list[Booking]
    more_to_mark: bool
    has_own: bool


def for_learner(*, course, user, now: datetime) -> LearnerOfficeHours:
    return LearnerOfficeHours(
        next_meeting=selectors.upcoming_for_learner(course, user, now=now).first(),
        invites=list(selectors.open_invites_for(course, user)[:INVITES_SHOWN]),
        can_book=OfficeHours.objects.filter(course=course, is_open=True).exists(),
    )


def for_staff(*, course, user, now: datetime) -> StaffOfficeHours:
    # Each row links to its meeting, whose URL names the course.
    this_week = selectors.bookings_for_staff(
        course, since=now - timedelta(hours=12), until=now + timedelta(days=7)
    ).select_related("course")
    to_mark = selectors.waiting_to_be_marked(course, now=now).select_related("course")
    shown = list(to_mark[: TO_MARK_SHOWN + 1])
    return StaffOfficeHours(
        this_week=list(this_week[:MEETINGS_SHOWN]),
        to_mark=shown[:TO_MARK_SHOWN],
        more_to_mark=len(shown) > TO_MARK_SHOWN,
        has_own=OfficeHours.objects.filter(course=course, host=user).exists(),
    )


def next_meeting_of(*, course, learner, now: datetime) -> Booking | None:
    """The learner's next meeting with anyone of the course's staff (for their card)."""
    return selectors.upcoming_for_learner(course, learner, now=now).first()


def takes_bookings(*, course, host) -> bool:
    """Whether ``host`` has open office hours in the course, to offer a learner times from."""
    return OfficeHours.objects.filter(course=course, host=host, is_open=True).exists()

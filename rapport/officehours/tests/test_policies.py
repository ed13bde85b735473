"""Every rule of office hours, through the selectors and the services the pages use: daily
and weekly caps, notice and horizon, buffers around the host's meetings in other courses,
days off, the per-learner limit across a course, moving next to the meeting's own time,
reminders (once), pools (in turn, or to the least busy) and 'let's talk' invitations."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine

from rapport.core.enums import MembershipStatus
from rapport.core.kinds import NotificationKind
from rapport.core.models import Notification
from rapport.core.refusals import Refused
from rapport.courses.models import Membership, Role
from rapport.officehours import selectors, services
from rapport.officehours.models import Assignment, Booking, OfficeHours
from rapport.officehours.services.telling import when_for
from rapport.officehours.testing import member, office_hours_make

pytestmark = pytest.mark.django_db
NOW = datetime(2027, 1, 11, 6, 0, tzinfo=UTC)  # a Monday, before the day's hours
TUESDAY, WEDNESDAY = date(2027, 1, 12), date(2027, 1, 13)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def _book(cast, office_hours, starts_at, who="learner", now=None):
    return services.booking_make(
        office_hours=office_hours,
        member=member(cast, who),
        choice=services.Choice(starts_at),
        now=now,
    )


def _starts(office_hours, **kwargs) -> set[datetime]:
    return {slot.starts_at for slot in selectors.slots_of(office_hours, **kwargs)}


def _days(office_hours) -> set[date]:
    return {start.date() for start in _starts(office_hours)}


def _refused(code: str, call, *args, **kwargs):
    with pytest.raises(Refused) as refused:
        call(*args, **kwargs)
    assert refused.value.code == code, refused.value.message
    return refused.value


# Caps


def test_the_daily_limit_closes_the_day_once_reached(cast):
    office_hours = office_hours_make(cast, max_per_day=2, per_learner_limit=5)
    assert TUESDAY in _days(office_hours)
    _book(cast, office_hours, at(TUESDAY, 9))
    assert TUESDAY in _days(office_hours)
    _book(cast, office_hours, at(TUESDAY, 14), who="other_learner")

    assert TUESDAY not in _days(office_hours)
    assert {date(2027, 1, 11), WEDNESDAY} <= _days(office_hours)
    _refused("gone", _book, cast, office_hours, at(TUESDAY, 11))
    assert Booking.objects.filter(starts_at__date=TUESDAY).count() == 2
    _book(cast, office_hours, at(WEDNESDAY, 11))  # the next day is open as before


def test_the_weekly_limit_closes_the_rest_of_the_week(cast):
    office_hours = office_hours_make(cast, max_per_week=2, per_learner_limit=5)
    _book(cast, office_hours, at(TUESDAY, 9))
    _book(cast, office_hours, at(WEDNESDAY, 9), who="other_learner")

    days = _days(office_hours)
    assert not any(date(2027, 1, 11) <= day <= date(2027, 1, 17) for day in days)
    assert date(2027, 1, 18) in days  # next Monday starts a new week
    _refused("gone", _book, cast, office_hours, at(date(2027, 1, 15), 10))
    _book(cast, office_hours, at(date(2027, 1, 18), 10))


def test_the_weekly_limit_counts_the_weeks_meetings_already_past(cast):
    office_hours = office_hours_make(cast, max_per_week=1, per_learner_limit=5)
    _book(cast, office_hours, at(date(2027, 1, 11), 9))  # Monday
    thursday = datetime(2027, 1, 14, 6, tzinfo=UTC)
    later = _starts(office_hours, now=thursday)
    assert not any(start.date() <= date(2027, 1, 17) for start in later)
    assert any(start.date() == date(2027, 1, 18) for start in later)


# Notice and horizon


def test_minimum_notice_hides_the_next_hours_and_refuses_them(cast):
    office_hours = office_hours_make(cast, minimum_notice_minutes=6 * 60)
    starts = _starts(office_hours)
    assert min(starts) == at(date(2027, 1, 11), 12)  # 6:00 + six hours
    assert at(date(2027, 1, 11), 11, 40) not in starts
    _refused("gone", _book, cast, office_hours, at(date(2027, 1, 11), 9))
    _book(cast, office_hours, at(date(2027, 1, 11), 12))


def test_the_horizon_hides_and_refuses_times_too_far_ahead(cast):
    office_hours = office_hours_make(cast, horizon_days=2)
    starts = _starts(office_hours)
    assert max(starts) <= NOW + timedelta(days=2)
    assert at(WEDNESDAY, 9) not in starts  # 51 hours ahead
    assert at(TUESDAY, 16, 40) in starts
    _refused("gone", _book, cast, office_hours, at(WEDNESDAY, 9))


# Buffers around the host's meetings in another course


def _meeting_in_the_other_course(cast, starts_at):
    Membership.objects.create(course=cast.other_course, user=cast.instructor, role=Role.INSTRUCTOR)
    elsewhere = OfficeHours.objects.create(
        course=cast.other_course, host=cast.instructor, timezone="UTC"
    )
    return Booking.objects.create(
        office_hours=elsewhere,
        course=cast.other_course,
        host=cast.instructor,
        learner=cast.outsider,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=20),
    )


def test_buffers_keep_time_free_around_the_hosts_meeting_in_another_course(cast):
    office_hours = office_hours_make(
        cast, buffer_before_minutes=15, buffer_after_minutes=15, slot_minutes=20
    )
    around = {at(TUESDAY, 9, 20), at(TUESDAY, 9, 40), at(TUESDAY, 10), at(TUESDAY, 10, 20)}
    around |= {at(TUESDAY, 10, 40)}
    assert around <= _starts(office_hours)

    _meeting_in_the_other_course(cast, at(TUESDAY, 10))

    starts = _starts(office_hours)
    # 9:40 would end at 10:00 with 15 minutes after; 10:20 would start 15 minutes before
    # at 10:05, inside the other meeting.
    assert at(TUESDAY, 9, 40) not in starts
    assert at(TUESDAY, 10) not in starts
    assert at(TUESDAY, 10, 20) not in starts
    assert {at(TUESDAY, 9, 20), at(TUESDAY, 10, 40)} <= starts
    _refused("gone", _book, cast, office_hours, at(TUESDAY, 10, 20))
    _book(cast, office_hours, at(TUESDAY, 10, 40))


def test_a_meeting_moves_to_the_slot_next_to_its_own_time(cast):
    """Its own time is freed by the move: neither its buffer nor the daily limit may
    block the slot beside it."""
    office_hours = office_hours_make(cast, buffer_after_minutes=10, max_per_day=1)
    booking = _book(cast, office_hours, at(TUESDAY, 10))
    assert at(TUESDAY, 10, 20) not in _starts(office_hours)

    moved = services.booking_reschedule(
        booking=booking, user=cast.learner, starts_at=at(TUESDAY, 10, 20)
    )
    assert moved.starts_at == at(TUESDAY, 10, 20) and moved.sequence == 1
    # Its old time still isn't open to others: the day is full.
    assert TUESDAY not in _days(office_hours)
    _refused("gone", _book, cast, office_hours, at(TUESDAY, 10), who="other_learner")


# Days off


def test_a_day_off_removes_that_day_only(cast):
    office_hours = office_hours_make(cast)
    services.date_exception_add(
        office_hours=office_hours, member=member(cast, "instructor"), on=TUESDAY
    )
    days = _days(office_hours)
    assert TUESDAY not in days and {date(2027, 1, 11), WEDNESDAY} <= days
    _refused("gone", _book, cast, office_hours, at(TUESDAY, 10))


# The per-learner limit


def test_the_per_learner_limit_counts_meetings_with_anyone_in_the_course(cast):
    instructors = office_hours_make(cast, per_learner_limit=1)
    tas = office_hours_make(cast, by="ta", per_learner_limit=1)
    _book(cast, instructors, at(TUESDAY, 10))

    _refused("limit", _book, cast, tas, at(TUESDAY, 11))
    _book(cast, tas, at(TUESDAY, 11), who="other_learner")  # others are not affected
    assert Booking.objects.filter(learner=cast.learner).count() == 1


# Reminders


def _reminders():
    return Notification.objects.filter(kind=NotificationKind.BOOKING_REMINDER)


def test_reminders_go_to_both_people_within_the_hour_and_only_once(cast):
    office_hours = office_hours_make(cast)
    booking = _book(cast, office_hours, at(TUESDAY, 10))
    other = _book(cast, office_hours, at(TUESDAY, 12), who="other_learner")

    assert services.reminders_send_due(now=at(TUESDAY, 8, 55)) == 0
    assert services.reminders_send_due(now=at(TUESDAY, 9, 15)) == 2
    assert sorted(n.recipient.email for n in _reminders()) == sorted(
        [cast.learner.email, cast.instructor.email]
    )
    assert all(n.url == booking.get_absolute_url() for n in _reminders())
    assert services.reminders_send_due(now=at(TUESDAY, 9, 15)) == 0
    assert services.reminders_send_due(now=at(TUESDAY, 9, 45)) == 0
    assert _reminders().count() == 2
    booking.refresh_from_db()
    other.refresh_from_db()
    assert booking.reminded_at == at(TUESDAY, 9, 15) and other.reminded_at is None


def test_a_moved_meeting_is_reminded_again_and_a_cancelled_one_never(cast):
    office_hours = office_hours_make(cast)
    booking = _book(cast, office_hours, at(TUESDAY, 10))
    services.reminders_send_due(now=at(TUESDAY, 9, 30))
    with time_machine.travel(at(TUESDAY, 9, 30), tick=False):
        moved = services.booking_reschedule(
            booking=booking, user=cast.instructor, starts_at=at(TUESDAY, 15)
        )
    assert services.reminders_send_due(now=at(TUESDAY, 14, 30)) == 2
    assert _reminders().count() == 4
    with time_machine.travel(at(TUESDAY, 14, 30), tick=False):
        services.booking_cancel(booking=moved, user=cast.instructor)
    cancelled = _book(cast, office_hours, at(WEDNESDAY, 10), who="other_learner")
    services.booking_cancel(booking=cancelled, user=cast.other_learner)
    assert services.reminders_send_due(now=at(WEDNESDAY, 9, 30)) == 0


# Pools


def _pool(cast, assignment):
    first = office_hours_make(cast, per_learner_limit=9)
    second = office_hours_make(cast, by="ta", per_learner_limit=9)
    pool = services.pool_save(
        course=cast.course,
        member=member(cast, "instructor"),
        title="Ask a TA",
        members=[first, second],
        assignment=assignment,
    )
    return pool, first, second


def _pool_book(cast, pool, starts_at, who="learner"):
    return services.pool_book(
        pool=pool, member=member(cast, who), choice=services.Choice(starts_at)
    )


def test_a_round_robin_pool_gives_bookings_to_each_in_turn(cast):
    pool, first, second = _pool(cast, Assignment.ROUND_ROBIN)
    hosts = [_pool_book(cast, pool, at(TUESDAY, hour)).office_hours for hour in (9, 10, 11, 12)]
    assert hosts == [first, second, first, second]
    assert all(b.pool_id == pool.pk for b in Booking.objects.all())


def test_a_round_robin_pool_skips_whoever_is_busy_then(cast):
    pool, first, second = _pool(cast, Assignment.ROUND_ROBIN)
    assert _pool_book(cast, pool, at(TUESDAY, 9)).office_hours == first
    # The second is taken at 10:00 by a direct booking: the pool gives 10:00 to the first.
    _book(cast, second, at(TUESDAY, 10), who="other_learner")
    assert _pool_book(cast, pool, at(TUESDAY, 10)).office_hours == first
    _book(cast, first, at(TUESDAY, 11), who="other_learner")
    _refused("gone", _pool_book, cast, pool, at(TUESDAY, 10))


def test_a_least_busy_pool_gives_the_booking_to_whoever_has_fewer_meetings(cast):
    pool, first, second = _pool(cast, Assignment.LEAST_BUSY)
    _book(cast, first, at(TUESDAY, 9), who="other_learner")
    _book(cast, first, at(TUESDAY, 10), who="other_learner")
    assert _pool_book(cast, pool, at(TUESDAY, 14)).office_hours == second
    assert _pool_book(cast, pool, at(TUESDAY, 15)).office_hours == second  # 2 against 1
    # Two each: the tie goes to the first.
    assert _pool_book(cast, pool, at(TUESDAY, 16)).office_hours == first


# 'Let's talk'


def test_an_invite_offers_only_open_times_and_books_only_one_of_them(cast):
    office_hours = office_hours_make(cast)
    _book(cast, office_hours, at(TUESDAY, 9), who="other_learner")
    host, learner = member(cast, "instructor"), member(cast, "learner")

    def send(starts):
        return services.invite_send(
            office_hours=office_hours, member=host, learner=learner, starts=starts
        )

    _refused("gone", send, [at(TUESDAY, 10), at(TUESDAY, 9)])  # 9:00 is taken
    _refused("gone", send, [at(TUESDAY, 7)])  # before the hours
    offered = [at(TUESDAY, 10), at(WEDNESDAY, 11)]
    invite = send(offered)
    assert services.offered_starts(invite) == offered

    def accept(starts_at):
        return services.invite_accept(
            invite=invite, member=learner, choice=services.Choice(starts_at)
        )

    _refused("bad", accept, at(TUESDAY, 11))  # open, but not offered
    booking = accept(at(WEDNESDAY, 11))
    assert (booking.learner, booking.host, booking.starts_at) == (
        cast.learner,
        cast.instructor,
        at(WEDNESDAY, 11),
    )
    invite.refresh_from_db()
    assert invite.booking == booking
    _refused("done", accept, at(TUESDAY, 10))
    assert Booking.objects.filter(learner=cast.learner).count() == 1


# Times in emails


def test_a_meeting_across_noon_or_midnight_names_both_halves_of_the_day(cast):
    office_hours = office_hours_make(cast, slot_minutes=30)
    noon = _book(cast, office_hours, at(TUESDAY, 11, 30))
    assert when_for(noon, cast.learner).startswith("Tue 12 Jan, 11:30 AM–12:00 PM your time")
    cast.learner.timezone = "Asia/Tokyo"
    cast.learner.save()
    # 14:30 UTC is 23:30 in Tokyo, and the meeting ends at midnight.
    late = _book(cast, office_hours, at(WEDNESDAY, 14, 30), who="other_learner")
    assert when_for(late, cast.learner).startswith("Wed 13 Jan, 11:30 PM–12:00 AM your time")
    assert when_for(late, cast.instructor).startswith("Wed 13 Jan, 2:30–3:00 PM your time")


def test_an_invite_accepted_in_two_tabs_books_once(cast):
    office_hours = office_hours_make(cast, per_learner_limit=5)
    learner = member(cast, "learner")
    invite = services.invite_send(
        office_hours=office_hours,
        member=member(cast, "instructor"),
        learner=learner,
        starts=[at(TUESDAY, 10), at(TUESDAY, 11)],
    )
    other_tab = type(invite).objects.get(pk=invite.pk)
    services.invite_accept(invite=invite, member=learner, choice=services.Choice(at(TUESDAY, 10)))

    _refused(
        "done",
        services.invite_accept,
        invite=other_tab,
        member=learner,
        choice=services.Choice(at(TUESDAY, 11)),
    )
    assert Booking.objects.filter(learner=cast.learner).count() == 1


def test_a_learner_who_left_the_course_cannot_book(cast):
    office_hours = office_hours_make(cast)
    gone = member(cast, "learner")
    gone.status = MembershipStatus.LEFT
    gone.save()
    _refused(
        "forbidden",
        services.booking_make,
        office_hours=office_hours,
        member=gone,
        choice=services.Choice(at(TUESDAY, 10)),
    )
    assert not Booking.objects.exists()

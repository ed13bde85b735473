"""Booking, moving and cancelling a meeting.

Two learners may take the same slot at the same instant. Each booking runs in one
transaction that first locks the host's row (PostgreSQL: the second waits for the first to
commit; SQLite: writers already take turns), then checks the slot is still open against
the host's bookings, then inserts. Should anything slip past the check, the database's
unique constraint on (host, start, seat) refuses the second insert, and its learner is
told the time was just taken."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from rapport.core import touchpoints
from rapport.core.kinds import TouchpointKind
from rapport.core.refusals import Refused
from rapport.courses.memberships import active_membership
from rapport.courses.models import Membership
from rapport.officehours import selectors
from rapport.officehours.models import ACTIVE, Booking, BookingStatus, OfficeHours
from rapport.officehours.services import telling

TAKEN = "Someone has just taken that time. Please pick another."
GONE = "That time is no longer open. Please pick another."


@dataclass(frozen=True)
class Choice:
    """What a learner picked: an open slot's start (UTC) and their answer to the question."""

    starts_at: datetime
    answer: str = ""


def _lock_host(office_hours: OfficeHours) -> None:
    get_user_model().objects.select_for_update().filter(pk=office_hours.host_id).first()


def _learner_may_book(office_hours: OfficeHours, member: Membership, now: datetime) -> None:
    if member.course_id != office_hours.course_id or member.is_staff or not member.is_active:
        raise Refused("Only the course's learners book office hours.", code="forbidden")
    if not office_hours.is_open:
        raise Refused("These office hours are not taking bookings just now.", code="closed")
    held = selectors.upcoming_count(office_hours, member.user, now=now)
    if held >= office_hours.per_learner_limit:
        limit = office_hours.per_learner_limit
        raise Refused(
            "You already have "
            + ("a meeting" if limit == 1 else f"{limit} meetings")
            + " coming up. Move or cancel it to book another.",
            code="limit",
        )


def _free_seat(office_hours: OfficeHours, starts_at: datetime) -> int:
    used = set(
        Booking.objects.filter(
            host_id=office_hours.host_id, starts_at=starts_at, status__in=ACTIVE
        ).values_list("seat", flat=True)
    )
    return next(seat for seat in range(1, office_hours.seats + 2) if seat not in used)


def _open_slot(office_hours: OfficeHours, starts_at: datetime, now: datetime, ignoring=None):
    slot = selectors.slot_at(office_hours, starts_at, now=now, ignoring=ignoring)
    if slot is None:
        raise Refused(GONE, code="gone")
    return slot


def booking_make(
    *,
    office_hours: OfficeHours,
    member: Membership,
    choice: Choice,
    pool=None,
    now: datetime | None = None,
) -> Booking:
    """Book ``choice`` for the learner ``member``; tells both people and sends invites."""
    now = now or timezone.now()
    answer = choice.answer.strip()
    if len(answer) > 2000:
        raise Refused("Please keep your note under 2,000 characters.", code="bad")
    try:
        with transaction.atomic():
            _lock_host(office_hours)
            _learner_may_book(office_hours, member, now)
            slot = _open_slot(office_hours, choice.starts_at, now)
            booking = booking_record(
                office_hours=office_hours,
                learner=member.user,
                slot=slot,
                seat=_free_seat(office_hours, slot.starts_at),
                answer=answer,
                pool=pool,
                at=now,
            )
            telling.booked(booking)
    except IntegrityError as error:
        raise Refused(TAKEN, code="taken") from error
    return booking


def booking_record(
    *, office_hours: OfficeHours, learner, slot, seat: int, answer: str = "", pool=None, at
) -> Booking:
    """The booking's row and its moment in the ledger, as booked at ``at``: no checks and
    nobody told. The last step of ``booking_make``, and how the demo writes its meetings."""
    booking = Booking.objects.create(
        office_hours=office_hours,
        course_id=office_hours.course_id,
        host_id=office_hours.host_id,
        learner=learner,
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        seat=seat,
        answer=answer,
        pool=pool,
        created_at=at,
        updated_at=at,
    )
    touchpoints.record(
        course=office_hours.course,
        kind=TouchpointKind.OFFICE_HOURS_BOOKED,
        actor=learner,
        subject=office_hours.host,
        target=booking,
        occurred_at=at,
    )
    return booking


def is_changeable(booking: Booking, now: datetime) -> bool:
    """Booked and not over: it can still be moved or cancelled by someone."""
    return booking.status == BookingStatus.BOOKED and booking.ends_at > now


def too_late_for_learner(booking: Booking, now: datetime) -> bool:
    """Inside the notice its host asks for: the learner no longer changes it (staff may)."""
    notice = timedelta(minutes=booking.office_hours.cancel_notice_minutes)
    return booking.starts_at - now < notice


def _may_change(booking: Booking, user, now: datetime) -> bool:
    """Staff of the course always; the learner until the cancellation notice."""
    if booking.status != BookingStatus.BOOKED:
        raise Refused("This meeting can't be changed any more.", code="over")
    if booking.ends_at <= now:
        raise Refused("This meeting is over.", code="over")
    by_staff = user.pk != booking.learner_id
    if by_staff:
        member = active_membership(course=booking.course, user=user)
        if member is None or not member.is_staff:
            raise Refused("Only the learner and the teaching team change a meeting.", code="no")
    notice = booking.office_hours.cancel_notice_minutes
    if not by_staff and too_late_for_learner(booking, now):
        raise Refused(
            f"It's too close to the meeting to change it here (less than {_minutes(notice)} "
            f"before). Please write to {booking.host.display_name} instead.",
            code="too_late",
        )
    return by_staff


def _minutes(minutes: int) -> str:
    if minutes % 60 == 0:
        hours = minutes // 60
        return "an hour" if hours == 1 else f"{hours} hours"
    return f"{minutes} minutes"


def booking_reschedule(
    *, booking: Booking, user, starts_at: datetime, now: datetime | None = None
) -> Booking:
    """Move a meeting to another open slot of the same office hours: the same calendar
    event (UID), a higher SEQUENCE."""
    now = now or timezone.now()
    office_hours = booking.office_hours
    try:
        with transaction.atomic():
            _lock_host(office_hours)
            booking = (
                Booking.objects.select_for_update()
                .select_related("office_hours", "host", "learner", "course")
                .get(pk=booking.pk)
            )
            _may_change(booking, user, now)
            if starts_at == booking.starts_at:
                return booking
            # The meeting's own time is about to be freed: it blocks nothing.
            slot = _open_slot(office_hours, starts_at, now, ignoring=booking.pk)
            booking.starts_at, booking.ends_at = slot.starts_at, slot.ends_at
            booking.seat = _free_seat(office_hours, slot.starts_at)
            booking.sequence += 1
            booking.reminded_at = None
            booking.updated_at = now
            booking.save()
            telling.moved(booking, by=user)
    except IntegrityError as error:
        raise Refused(TAKEN, code="taken") from error
    return booking


@transaction.atomic
def booking_cancel(
    *, booking: Booking, user, message: str = "", now: datetime | None = None
) -> Booking:
    """Cancel a meeting: its learner within the policy, the course's staff any time before
    it ends (with a message for the learner)."""
    now = now or timezone.now()
    booking = (
        Booking.objects.select_for_update()
        .select_related("office_hours", "host", "learner", "course")
        .get(pk=booking.pk)
    )
    _may_change(booking, user, now)
    message = message.strip()
    if len(message) > 2000:
        raise Refused("Please keep the message under 2,000 characters.", code="bad")
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = now
    booking.cancelled_by = user
    booking.cancel_message = message
    booking.sequence += 1
    booking.updated_at = now
    booking.save()
    telling.cancelled(booking, by=user)
    return booking


@transaction.atomic
def booking_mark(
    *, booking: Booking, member: Membership, status: str, note: str | None = None, now=None
) -> Booking:
    """After the meeting, staff mark it met or missed (or back to booked) and may keep a
    private note. A meeting marked met is a one-to-one moment in the ledger."""
    now = now or timezone.now()
    if not member.is_staff or member.course_id != booking.course_id:
        raise Refused("Only the course's teaching team marks meetings.", code="forbidden")
    booking = (
        Booking.objects.select_for_update()
        .select_related("course", "host", "learner")
        .get(pk=booking.pk)
    )
    if status not in (BookingStatus.ATTENDED, BookingStatus.NO_SHOW, BookingStatus.BOOKED):
        raise Refused("Say whether you met or not.", code="bad")
    if booking.status == BookingStatus.CANCELLED:
        raise Refused("This meeting was cancelled.", code="over")
    if status != BookingStatus.BOOKED and booking.starts_at > now:
        raise Refused("You can mark a meeting once it has started.", code="early")
    if note is not None:
        note = note.strip()
        if len(note) > 4000:
            raise Refused("Please keep the note under 4,000 characters.", code="bad")
        booking.staff_note = note
    was_met = booking.status == BookingStatus.ATTENDED
    booking.status = status
    booking.updated_at = now
    booking.save()
    if status == BookingStatus.ATTENDED and not was_met:
        touchpoints.record(
            course=booking.course,
            kind=TouchpointKind.ONE_TO_ONE_MET,
            actor=booking.host,
            subject=booking.learner,
            target=booking,
            occurred_at=booking.starts_at,
        )
    elif was_met and status != BookingStatus.ATTENDED:
        touchpoints.forget(kind=TouchpointKind.ONE_TO_ONE_MET, targets=[booking])
    return booking

"""Pools: several staff members' office hours offered as one. The learner picks a time
from all of them; the booking goes to one who is free then — the next in turn after the
last one given a booking, or the one with the fewest meetings that week."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from rapport.core.refusals import Refused
from rapport.courses.models import Membership
from rapport.officehours import selectors
from rapport.officehours.models import Assignment, Booking, OfficeHours, Pool
from rapport.officehours.services.booking import GONE, Choice, booking_make
from rapport.officehours.slots import Slot


def pool_slots(pool: Pool, *, now: datetime | None = None) -> list[Slot]:
    """Every start at which at least one member is free, with the seats left in all."""
    now = now or timezone.now()
    by_start: dict[datetime, Slot] = {}
    for office_hours in pool.members.all():
        for slot in selectors.slots_of(office_hours, now=now):
            found = by_start.get(slot.starts_at)
            if found is not None:  # the shorter meeting, with everyone's seats
                slot = Slot(
                    slot.starts_at,
                    min(slot.ends_at, found.ends_at),
                    slot.seats_left + found.seats_left,
                )
            by_start[slot.starts_at] = slot
    return [by_start[start] for start in sorted(by_start)]


def _free_then(pool: Pool, starts_at: datetime, now: datetime) -> list[OfficeHours]:
    members = list(pool.members.select_related("host", "course").order_by("pk"))
    return [m for m in members if selectors.slot_at(m, starts_at, now=now) is not None]


def _pick(pool: Pool, free: list[OfficeHours], starts_at: datetime) -> OfficeHours:
    if pool.assignment == Assignment.LEAST_BUSY:
        load = selectors.meetings_in_week([m.pk for m in free], starts_at)
        return min(free, key=lambda m: (load.get(m.pk, 0), m.pk))
    last = pool.last_assigned_id or 0
    after = [m for m in free if m.pk > last]
    return (after or free)[0]


@transaction.atomic
def pool_book(*, pool: Pool, member: Membership, choice: Choice, now=None) -> Booking:
    now = now or timezone.now()
    pool = Pool.objects.select_for_update().get(pk=pool.pk)
    free = _free_then(pool, choice.starts_at, now)
    if not free:
        raise Refused(GONE, code="gone")
    chosen = _pick(pool, free, choice.starts_at)
    booking = booking_make(office_hours=chosen, member=member, choice=choice, pool=pool, now=now)
    pool.last_assigned = chosen
    pool.save(update_fields=["last_assigned"])
    return booking


@transaction.atomic
def pool_save(
    *,
    course,
    member: Membership,
    title: str,
    members: list[OfficeHours],
    assignment: str,
    pool: Pool | None = None,
) -> Pool:
    if not member.is_staff or member.course_id != course.pk:
        raise Refused("Only the course's teaching team sets up pools.", code="forbidden")
    title = title.strip()
    if not title:
        raise Refused("Give the pool a name learners will understand, like “Ask a TA”.")
    if assignment not in Assignment.values:
        raise Refused("Choose how bookings are shared out.", code="bad")
    if len(members) < 2 or any(m.course_id != course.pk for m in members):
        raise Refused("Pick at least two people's office hours in this course.", code="bad")
    pool = pool or Pool(course=course)
    pool.title, pool.assignment = title[:120], assignment
    pool.save()
    pool.members.set(members)
    return pool

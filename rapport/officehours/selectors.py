"""Reading office hours: the open slots of a host (from their hours, their exceptions and
every active booking they have, in any course), and the bookings each person sees."""

from collections import defaultdict
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count, QuerySet
from django.utils import timezone

from rapport.officehours.models import (
    ACTIVE,
    Booking,
    BookingStatus,
    Invite,
    OfficeHours,
    Pool,
)
from rapport.officehours.slots import Busy, Policy, Slot, Window, open_slots


def policy_zone(office_hours: OfficeHours) -> ZoneInfo:
    try:
        return ZoneInfo(office_hours.timezone)
    except (KeyError, ValueError):
        return ZoneInfo("UTC")


def policy_of(office_hours: OfficeHours) -> Policy:
    return Policy(
        time_zone=office_hours.timezone,
        slot_minutes=office_hours.slot_minutes,
        buffer_before_minutes=office_hours.buffer_before_minutes,
        buffer_after_minutes=office_hours.buffer_after_minutes,
        minimum_notice_minutes=office_hours.minimum_notice_minutes,
        horizon_days=office_hours.horizon_days,
        max_per_day=office_hours.max_per_day,
        max_per_week=office_hours.max_per_week,
        seats=office_hours.seats,
    )


def _windows(office_hours: OfficeHours) -> tuple[dict, dict]:
    weekly: dict[int, list[Window]] = defaultdict(list)
    for window in office_hours.weekly.all():
        weekly[window.weekday].append(Window(window.starts, window.ends))
    dates: dict = {}
    for exception in office_hours.exceptions.all():
        hours = dates.setdefault(exception.date, [])  # a day off: the date with no hours
        if not exception.is_day_off:
            hours.append(Window(exception.starts, exception.ends))
    return dict(weekly), dates


def _busy_and_taken(
    office_hours: OfficeHours, since: datetime, *, ignoring: int | None = None
) -> tuple[list, dict]:
    """The host's active bookings from ``since`` (but the one being moved, ``ignoring``):
    this office hours' own group slots count as seats taken; everything else (other
    starts, other courses) as busy time."""
    busy, taken = [], defaultdict(int)
    rows = (
        Booking.objects.filter(host_id=office_hours.host_id, status__in=ACTIVE, ends_at__gt=since)
        .exclude(pk=ignoring)
        .values_list("office_hours_id", "starts_at", "ends_at")
    )
    for office_hours_id, starts_at, ends_at in rows:
        if office_hours_id == office_hours.pk and office_hours.seats > 1:
            taken[starts_at] += 1
        else:
            busy.append(Busy(starts_at, ends_at))
    return busy, dict(taken)


def _week_start(office_hours: OfficeHours, now: datetime) -> datetime:
    """Monday 00:00 of this week in the host's zone, less a day for buffers: the weekly
    limit counts the week's earlier meetings too."""
    local = now.astimezone(policy_zone(office_hours))
    monday = local.date() - timedelta(days=local.weekday())
    return datetime.combine(monday, time(), tzinfo=local.tzinfo) - timedelta(days=1)


def slots_of(
    office_hours: OfficeHours,
    *,
    now: datetime | None = None,
    first_day=None,
    last_day=None,
    ignoring: int | None = None,
) -> list[Slot]:
    """The slots learners can book now (none while the hours are closed). ``ignoring`` is
    a booking being moved: its own time neither blocks the slots around it (buffers) nor
    counts toward the daily and weekly caps."""
    if not office_hours.is_open:
        return []
    now = now or timezone.now()
    weekly, dates = _windows(office_hours)
    busy, taken = _busy_and_taken(office_hours, _week_start(office_hours, now), ignoring=ignoring)
    return open_slots(
        policy=policy_of(office_hours),
        weekly=weekly,
        dates=dates,
        busy=busy,
        taken=taken,
        now=now,
        first_day=first_day,
        last_day=last_day,
    )


def slot_at(
    office_hours: OfficeHours, starts_at: datetime, *, now=None, ignoring: int | None = None
) -> Slot | None:
    """The open slot starting at ``starts_at``, if there is one."""
    for slot in slots_of(office_hours, now=now, ignoring=ignoring):
        if slot.starts_at == starts_at:
            return slot
    return None


def office_hours_of(course) -> QuerySet[OfficeHours]:
    """A course's office hours that take bookings, with their hosts."""
    return (
        OfficeHours.objects.filter(course=course, is_open=True)
        .select_related("host", "course")
        .prefetch_related("weekly")
        .order_by("host__preferred_name", "pk")
    )


def own_office_hours(course, user) -> OfficeHours | None:
    return (
        OfficeHours.objects.filter(course=course, host=user)
        .select_related("course", "host")
        .first()
    )


def upcoming_for_learner(course, user, *, now=None) -> QuerySet[Booking]:
    now = now or timezone.now()
    return (
        Booking.objects.filter(
            course=course, learner=user, status=BookingStatus.BOOKED, ends_at__gt=now
        )
        .select_related("host", "office_hours", "course")
        .order_by("starts_at")
    )


def upcoming_count(office_hours: OfficeHours, user, *, now=None) -> int:
    now = now or timezone.now()
    return Booking.objects.filter(
        office_hours__course_id=office_hours.course_id,
        learner=user,
        status=BookingStatus.BOOKED,
        ends_at__gt=now,
    ).count()


def bookings_for_staff(course, *, since: datetime, until: datetime) -> QuerySet[Booking]:
    """Every active meeting of the course in a span, for its staff (notes included)."""
    return (
        Booking.objects.filter(
            course=course, status__in=ACTIVE, starts_at__gte=since, starts_at__lt=until
        )
        .select_related("host", "learner", "office_hours")
        .order_by("starts_at", "pk")
    )


def waiting_to_be_marked(course, *, now=None) -> QuerySet[Booking]:
    """Meetings that are over and not yet marked met or missed."""
    now = now or timezone.now()
    return (
        Booking.objects.filter(course=course, status=BookingStatus.BOOKED, ends_at__lte=now)
        .select_related("host", "learner")
        .order_by("starts_at")
    )


def booking_for(course, booking_id: int, user, *, is_staff: bool) -> Booking | None:
    """A booking of the course the person may see: staff any, a learner only their own."""
    found = Booking.objects.filter(course=course, pk=booking_id).select_related(
        "host", "learner", "office_hours", "course"
    )
    if not is_staff:
        found = found.filter(learner=user)
    return found.first()


def open_invites_for(course, user) -> QuerySet[Invite]:
    return (
        Invite.objects.filter(office_hours__course=course, learner=user, booking__isnull=True)
        .select_related("office_hours__host")
        .order_by("-created_at")
    )


def pools_of(course) -> QuerySet[Pool]:
    return Pool.objects.filter(course=course).prefetch_related("members__host")


def meetings_in_week(office_hours_ids: list[int], around: datetime) -> dict[int, int]:
    """Each office hours' active meetings in the 7 days either side of ``around``."""
    rows = (
        Booking.objects.filter(
            office_hours_id__in=office_hours_ids,
            status__in=ACTIVE,
            starts_at__gte=around - timedelta(days=7),
            starts_at__lt=around + timedelta(days=7),
        )
        .values("office_hours_id")
        .annotate(n=Count("id"))
    )
    return {row["office_hours_id"]: row["n"] for row in rows}

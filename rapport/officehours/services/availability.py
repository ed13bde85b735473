"""A staff member setting up their office hours: the rules, the weekly hours and the dates
that differ (days off, other hours)."""

from dataclasses import dataclass
from datetime import date, time

from django.db import transaction
from django.utils import timezone

from rapport.core.refusals import Refused
from rapport.courses.models import Membership
from rapport.officehours.models import DateException, OfficeHours, Place, WeeklyWindow


def _staff(member: Membership) -> None:
    if not member.is_staff:
        raise Refused("Only the course's teaching team holds office hours.", code="forbidden")


def _own(office_hours: OfficeHours, member: Membership) -> None:
    _staff(member)
    if office_hours.course_id != member.course_id or office_hours.host_id != member.user_id:
        raise Refused("These are someone else's office hours.", code="forbidden")


@transaction.atomic
def office_hours_start(*, member: Membership) -> OfficeHours:
    """The member's office hours in their course, made with the usual rules (and their own
    time zone) the first time, with weekday afternoons to start from."""
    _staff(member)
    office_hours, made = OfficeHours.objects.get_or_create(
        course_id=member.course_id,
        host_id=member.user_id,
        defaults={"timezone": member.user.timezone, "is_open": False},
    )
    if made:
        WeeklyWindow.objects.bulk_create(
            WeeklyWindow(office_hours=office_hours, weekday=day, starts=time(14), ends=time(16))
            for day in (1, 3)
        )
    return office_hours


@dataclass(frozen=True)
class Rules:
    title: str
    is_open: bool
    timezone: str
    slot_minutes: int
    buffer_before_minutes: int
    buffer_after_minutes: int
    minimum_notice_minutes: int
    horizon_days: int
    max_per_day: int | None
    max_per_week: int | None
    per_learner_limit: int
    seats: int
    cancel_notice_minutes: int
    place: str
    place_detail: str
    question: str


@transaction.atomic
def office_hours_save(*, office_hours: OfficeHours, member: Membership, rules: Rules) -> None:
    """Save the rules (the form has checked each value's range)."""
    _own(office_hours, member)
    if rules.place not in Place.values:
        raise Refused("Choose where you'll meet.", field="place", code="bad")
    if rules.place in (Place.VIDEO, Place.PHONE) and not rules.place_detail.strip():
        what = "the video link" if rules.place == Place.VIDEO else "the number to call"
        raise Refused(
            f"Add {what}, so learners know how to reach you.", field="place_detail", code="bad"
        )
    for name, value in vars(rules).items():
        setattr(office_hours, name, value.strip() if isinstance(value, str) else value)
    office_hours.updated_at = timezone.now()
    office_hours.full_clean()
    office_hours.save()


def _check_hours(starts: time, ends: time, *, beside) -> None:
    """Hours that end after they start and overlap none of ``beside`` (the day's others)."""
    if ends <= starts:
        raise Refused("The hours must end after they start.", code="bad")
    if beside.filter(starts__lt=ends, ends__gt=starts).exists():
        raise Refused("Those hours overlap hours you already have that day.", code="bad")


@transaction.atomic
def weekly_window_add(
    *, office_hours: OfficeHours, member: Membership, weekday: int, starts: time, ends: time
) -> WeeklyWindow:
    _own(office_hours, member)
    if not 0 <= weekday <= 6:
        raise Refused("Choose a day of the week.", code="bad")
    _check_hours(starts, ends, beside=office_hours.weekly.filter(weekday=weekday))
    return WeeklyWindow.objects.create(
        office_hours=office_hours, weekday=weekday, starts=starts, ends=ends
    )


@transaction.atomic
def weekly_window_remove(*, office_hours: OfficeHours, member: Membership, window_id) -> None:
    _own(office_hours, member)
    office_hours.weekly.filter(pk=window_id).delete()


@transaction.atomic
def date_exception_add(
    *,
    office_hours: OfficeHours,
    member: Membership,
    on: date,
    starts: time | None = None,
    ends: time | None = None,
) -> DateException:
    """A day off (no hours), or other hours that day instead of the week's."""
    _own(office_hours, member)
    if (starts is None) != (ends is None):
        raise Refused("Give both times, or neither for a day off.", code="bad")
    existing = office_hours.exceptions.filter(date=on)
    if starts is None:
        existing.delete()  # a day off replaces any other hours that day
    elif existing.filter(starts__isnull=True).exists():
        raise Refused("That day is already a day off: remove it first.", code="bad")
    else:
        _check_hours(starts, ends, beside=existing)
    return DateException.objects.create(
        office_hours=office_hours, date=on, starts=starts, ends=ends
    )


@transaction.atomic
def date_exception_remove(*, office_hours: OfficeHours, member: Membership, exception_id) -> None:
    _own(office_hours, member)
    office_hours.exceptions.filter(pk=exception_id).delete()

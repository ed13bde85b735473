"""Office hours for tests: a member of the cast's hours, open, every day from 9:00 to 17:00
in ``timezone`` (unless ``weekly`` says otherwise), with rules overridden by ``rules``."""

from datetime import time

from rapport.courses.models import Membership
from rapport.officehours.models import OfficeHours, WeeklyWindow

EVERY_DAY = {day: [(time(9), time(17))] for day in range(7)}


def member(cast, role: str) -> Membership:
    return Membership.objects.select_related("user", "course").get(
        course=cast.course, user=getattr(cast, role)
    )


def office_hours_make(
    cast, *, by: str = "instructor", timezone: str = "UTC", weekly=None, **rules
) -> OfficeHours:
    rules = {
        "minimum_notice_minutes": 0,
        "buffer_after_minutes": 0,
        "horizon_days": 21,
        "place_detail": "https://meet.example.org/office",
        **rules,
    }
    office_hours = OfficeHours.objects.create(
        course=cast.course, host=getattr(cast, by), timezone=timezone, is_open=True, **rules
    )
    WeeklyWindow.objects.bulk_create(
        WeeklyWindow(office_hours=office_hours, weekday=day, starts=starts, ends=ends)
        for day, windows in (weekly or EVERY_DAY).items()
        for starts, ends in windows
    )
    return office_hours

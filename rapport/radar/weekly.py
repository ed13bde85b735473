"""When the weekly emails go: Monday at 08:00 in each course's own time zone (so a course in
Chicago gets them at 13:00 or 14:00 UTC depending on daylight saving, one in Tokyo on
Sunday 23:00 UTC). The run every quarter of an hour sends a course's emails at the first
run on or after that moment, for the rest of that local Monday — a queue that was down at
08:00 still sends the same day. ``WeeklyEmailSent`` stops a second sending."""

from datetime import date, datetime, time, timedelta

from rapport.courses.models import Course

SEND_WEEKDAY = 0  # Monday
SEND_AT = time(8, 0)
WEEK = timedelta(days=7)


def week_due(course: Course, now: datetime) -> date | None:
    """The local Monday whose emails are due now, or None outside the sending window."""
    local = now.astimezone(course.zone())
    if local.weekday() != SEND_WEEKDAY or local.time() < SEND_AT:
        return None
    return local.date()


def still_running(course: Course, today: date) -> bool:
    """Archived courses, and courses that ended more than a week ago, get no weekly email."""
    if course.archived_at is not None:
        return False
    return course.ends_on is None or course.ends_on + WEEK >= today

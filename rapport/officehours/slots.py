"""Open office-hour slots from a host's weekly hours: pure, no database.

The host keeps weekly windows in wall-clock time of their own zone, with dated exceptions.
Each window becomes two instants (a bound in a daylight-saving gap moves forward to the first
instant that exists; an ambiguous bound takes its first occurrence), and slots step through
it in real time, so a clock change never doubles, loses or stretches a slot. Busy time
(with buffers), notice, horizon, daily/weekly caps and seats then decide what is offered.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

__all__ = ["Busy", "Policy", "Slot", "Window", "open_slots", "slot_label"]

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Window:
    """Wall-clock hours in the host's zone; ends after starts on the same day."""

    starts: time
    ends: time


@dataclass(frozen=True)
class Policy:
    time_zone: str
    slot_minutes: int
    buffer_before_minutes: int = 0
    buffer_after_minutes: int = 0
    minimum_notice_minutes: int = 0
    horizon_days: int = 21
    max_per_day: int | None = None
    max_per_week: int | None = None
    seats: int = 1

    def __post_init__(self):
        if not 5 <= self.slot_minutes <= 240:
            raise ValueError("slot_minutes must be between 5 and 240")
        if self.seats < 1:
            raise ValueError("seats must be at least 1")
        for name in (
            "buffer_before_minutes",
            "buffer_after_minutes",
            "minimum_notice_minutes",
            "horizon_days",
        ):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} cannot be negative")
        for name in ("max_per_day", "max_per_week"):
            if getattr(self, name) is not None and getattr(self, name) < 0:
                raise ValueError(f"{name} cannot be negative")
        _zone(self.time_zone)  # an unknown zone fails here, not at booking time


@dataclass(frozen=True)
class Busy:
    """Time already taken in the host's calendar; a meeting counts toward the caps."""

    starts_at: datetime
    ends_at: datetime
    is_meeting: bool = True


@dataclass(frozen=True)
class Slot:
    starts_at: datetime
    ends_at: datetime
    seats_left: int


@lru_cache(maxsize=64)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def _is_real(moment: datetime) -> bool:
    """True when the wall time exists in its zone (it survives a trip through UTC)."""
    back = moment.astimezone(UTC).astimezone(moment.tzinfo)
    return back.replace(tzinfo=None) == moment.replace(tzinfo=None)


def _instant(day: date, wall: time, zone: ZoneInfo) -> datetime:
    """The UTC instant of a wall time: first occurrence if repeated, gap end if skipped."""
    first = datetime.combine(day, wall, tzinfo=zone).replace(fold=0)
    if _is_real(first):
        return first.astimezone(UTC)
    # In a gap: fold=1 reads the wall time with the later offset (an instant before the
    # jump), fold=0 with the earlier one (after the jump). The jump lies between them.
    before = first.replace(fold=1).astimezone(UTC)
    offset_after = first.astimezone(UTC).astimezone(zone).utcoffset()
    low, high = 0, int((first.astimezone(UTC) - before).total_seconds()) + 1
    while high - low > 1:  # the offset at before + high seconds is already the new one
        middle = (low + high) // 2
        if (before + timedelta(seconds=middle)).astimezone(zone).utcoffset() == offset_after:
            high = middle
        else:
            low = middle
    return (before + timedelta(seconds=high)).replace(microsecond=0)


def _local_date(moment: datetime, zone: ZoneInfo) -> date:
    return moment.astimezone(zone).date()


def _iso_week(day: date) -> tuple[int, int]:
    year, week, _ = day.isocalendar()
    return year, week


class _BusyIndex:
    """Answers "does [start, end) overlap any busy interval?" in O(log n)."""

    def __init__(self, busy: list[Busy]):
        spans = sorted(
            (item.starts_at.astimezone(UTC), item.ends_at.astimezone(UTC))
            for item in busy
            if item.ends_at > item.starts_at
        )
        self.starts = [start for start, _ in spans]
        self.latest_end_so_far = []
        latest = None
        for _, end in spans:
            latest = end if latest is None or end > latest else latest
            self.latest_end_so_far.append(latest)

    def overlaps(self, start: datetime, end: datetime) -> bool:
        count = bisect_left(self.starts, end)  # busy intervals starting before `end`
        return count > 0 and self.latest_end_so_far[count - 1] > start


class _GroupMeetings:
    """Group slots that already have bookings: each is a meeting of the host's."""

    def __init__(self, taken: dict[datetime, int], length: timedelta):
        self.seats = {start.astimezone(UTC): count for start, count in taken.items() if count > 0}
        self.starts = sorted(self.seats)
        self.length = length

    def blocks(self, own_start: datetime, start: datetime, end: datetime) -> bool:
        """True when another booked group slot overlaps [start, end)."""
        low = bisect_left(self.starts, start - self.length + timedelta(microseconds=1))
        high = bisect_left(self.starts, end)
        return any(other != own_start for other in self.starts[low:high])


def _meeting_counts(
    busy: list[Busy], group: _GroupMeetings, zone: ZoneInfo
) -> tuple[dict[date, int], dict[tuple[int, int], int]]:
    starts = {item.starts_at.astimezone(UTC) for item in busy if item.is_meeting}
    starts.update(group.starts)
    per_day: dict[date, int] = {}
    per_week: dict[tuple[int, int], int] = {}
    for start in starts:
        day = _local_date(start, zone)
        per_day[day] = per_day.get(day, 0) + 1
        week = _iso_week(day)
        per_week[week] = per_week.get(week, 0) + 1
    return per_day, per_week


def _windows_for(
    day: date, weekly: dict[int, list[Window]], dates: dict[date, list[Window]]
) -> list[Window]:
    if day in dates:
        return dates[day]
    return weekly.get(day.weekday(), [])


def _candidate_starts(
    day: date, windows: list[Window], zone: ZoneInfo, length: timedelta
) -> list[datetime]:
    starts = []
    for window in windows:
        start = _instant(day, window.starts, zone)
        end = _instant(day, window.ends, zone)
        while start + length <= end:
            starts.append(start)
            start += length
    return starts


def open_slots(
    *,
    policy: Policy,
    weekly: dict[int, list[Window]],
    dates: dict[date, list[Window]],
    busy: list[Busy],
    taken: dict[datetime, int] | None = None,
    now: datetime,
    first_day: date | None = None,
    last_day: date | None = None,
) -> list[Slot]:
    """The slots a learner may book, sorted by start (UTC), none overlapping another."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be an aware datetime")
    zone = _zone(policy.time_zone)
    length = timedelta(minutes=policy.slot_minutes)
    before = timedelta(minutes=policy.buffer_before_minutes)
    after = timedelta(minutes=policy.buffer_after_minutes)
    earliest = now.astimezone(UTC) + timedelta(minutes=policy.minimum_notice_minutes)
    latest = now.astimezone(UTC) + timedelta(days=policy.horizon_days)
    if earliest > latest:
        return []

    busy_index = _BusyIndex(busy)
    group = _GroupMeetings(taken or {}, length)
    per_day, per_week = _meeting_counts(busy, group, zone)

    # A day either side covers clocks that go back across midnight; instants decide the rest.
    day = _local_date(earliest, zone) - timedelta(days=1)
    final = _local_date(latest, zone) + timedelta(days=1)
    if first_day is not None:
        day = max(day, first_day)
    if last_day is not None:
        final = min(final, last_day)

    offered: list[Slot] = []
    while day <= final:
        for start in _candidate_starts(day, _windows_for(day, weekly, dates), zone, length):
            slot = _offer(start, policy, length, before, after, busy_index, group)
            if slot is None or not earliest <= start <= latest:
                continue
            if _local_date(start, zone) != day:
                continue  # only possible at a clock change at midnight
            if start not in group.seats and _over_limit(day, policy, per_day, per_week):
                continue
            offered.append(slot)
        day += timedelta(days=1)
    return _without_overlaps(offered)


def _offer(
    start: datetime,
    policy: Policy,
    length: timedelta,
    before: timedelta,
    after: timedelta,
    busy_index: _BusyIndex,
    group: _GroupMeetings,
) -> Slot | None:
    end = start + length
    seats_left = policy.seats - group.seats.get(start, 0)
    if seats_left <= 0:
        return None
    if busy_index.overlaps(start - before, end + after):
        return None
    if group.blocks(start, start - before, end + after):
        return None
    return Slot(starts_at=start, ends_at=end, seats_left=seats_left)


def _over_limit(
    day: date,
    policy: Policy,
    per_day: dict[date, int],
    per_week: dict[tuple[int, int], int],
) -> bool:
    if policy.max_per_day is not None and per_day.get(day, 0) >= policy.max_per_day:
        return True
    return policy.max_per_week is not None and (
        per_week.get(_iso_week(day), 0) >= policy.max_per_week
    )


def _without_overlaps(slots: list[Slot]) -> list[Slot]:
    """Sorted by start; where windows overlap, the earlier slot wins and repeats go."""
    kept: list[Slot] = []
    for slot in sorted(slots, key=lambda item: item.starts_at):
        if kept and slot.starts_at < kept[-1].ends_at:
            continue
        kept.append(slot)
    return kept


def slot_label(slot: Slot, zone: str) -> str:
    """ "Tue 10 Mar, 9:00–9:20" in the given zone, 24-hour clock, same in every locale."""
    tz = _zone(zone)
    start = slot.starts_at.astimezone(tz)
    end = slot.ends_at.astimezone(tz)
    day = f"{WEEKDAY_NAMES[start.weekday()]} {start.day} {MONTH_NAMES[start.month - 1]}"
    return f"{day}, {start.hour}:{start.minute:02d}–{end.hour}:{end.minute:02d}"

"""When learners can meet: the week as a heat map in one time zone, and the best hours for a
live session with each attendee's own local time.

Learners give their best times in the intro survey as ``[weekday 0–6, start minute, end
minute]`` in UTC. Each learner's week becomes a bit mask of quarter hours (so zones that
are half or three-quarters of an hour off UTC line up too); a one-hour cell counts a learner
only when all four of its quarter hours are free. Pure Python: no Django, no database.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

QUARTERS_PER_DAY = 24 * 4
QUARTERS_PER_WEEK = 7 * QUARTERS_PER_DAY
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
LEVELS = 5


def week_mask(best_times) -> int:
    """A learner's free quarter hours of the (UTC) week as bits. Intervals that end at or
    before their start run past midnight; anything malformed is skipped."""
    mask = 0
    for entry in best_times or ():
        try:
            weekday, start, end = (int(part) for part in entry)
        except (TypeError, ValueError):
            continue
        if not (0 <= weekday <= 6 and 0 <= start <= 1440 and 0 <= end <= 1440):
            continue
        if end <= start:
            end += 1440
        first = -(-(weekday * 1440 + start) // 15)  # a partial quarter doesn't count
        last = (weekday * 1440 + end) // 15
        for quarter in range(first, last):
            mask |= 1 << (quarter % QUARTERS_PER_WEEK)
    return mask


def _hour_bits(utc_start: datetime) -> int:
    quarter = (utc_start.weekday() * 1440 + utc_start.hour * 60 + utc_start.minute) // 15
    bits = 0
    for offset in range(4):
        bits |= 1 << ((quarter + offset) % QUARTERS_PER_WEEK)
    return bits


@dataclass(frozen=True)
class Learner:
    key: object
    zone: ZoneInfo
    mask: int


@dataclass
class Cell:
    day: int
    hour: int
    start: datetime  # in the chosen zone, in the week shown
    attendees: tuple = ()
    level: int = 0

    @property
    def count(self) -> int:
        return len(self.attendees)

    @property
    def utc_start(self) -> datetime:
        return self.start.astimezone(UTC)


@dataclass
class Attendee:
    key: object
    local_start: datetime


@dataclass
class Slot:
    cell: Cell
    # How many hours in a row the same people are all free, from this one.
    run_hours: int
    attendees: list[Attendee] = field(default_factory=list)

    @property
    def count(self) -> int:
        return self.cell.count


@dataclass
class Week:
    zone: ZoneInfo
    monday: date
    cells: list[Cell]  # day-major: Monday 00:00, Monday 01:00, ... Sunday 23:00
    most: int

    def hour_rows(self) -> list[tuple[int, list[Cell]]]:
        """The cells as 24 rows (hours) of 7 (days), for a table that fits a phone."""
        return [(hour, [self.cells[day * 24 + hour] for day in range(7)]) for hour in range(24)]


def week_in_zone(*, learners: Sequence[Learner], zone: ZoneInfo, now: datetime) -> Week:
    """How many learners are free in each hour of the current week, in ``zone``'s clock."""
    today = now.astimezone(zone).date()
    monday = today - timedelta(days=today.weekday())
    cells = []
    for day in range(7):
        for hour in range(24):
            start = datetime.combine(monday + timedelta(days=day), time(hour), tzinfo=zone)
            bits = _hour_bits(start.astimezone(UTC))
            attendees = tuple(learner for learner in learners if learner.mask & bits == bits)
            cells.append(Cell(day=day, hour=hour, start=start, attendees=attendees))
    most = max((cell.count for cell in cells), default=0)
    for cell in cells:
        # 1..LEVELS, the busiest hour always the darkest.
        cell.level = -(-cell.count * LEVELS // most) if cell.count else 0
    return Week(zone=zone, monday=monday, cells=cells, most=most)


def best_slots(week: Week, *, limit: int = 3) -> list[Slot]:
    """The hours the most learners can make, best first. When the same people are free for
    several hours in a row, that run is one choice (its first hour), not several."""
    runs: list[Slot] = []
    for cell in week.cells:
        if not cell.count:
            continue
        previous = runs[-1] if runs else None
        if (
            previous is not None
            and previous.cell.day * 24 + previous.cell.hour + previous.run_hours
            == cell.day * 24 + cell.hour
            and {a.key for a in previous.cell.attendees} == {a.key for a in cell.attendees}
        ):
            previous.run_hours += 1
            continue
        runs.append(Slot(cell=cell, run_hours=1))
    runs.sort(key=lambda slot: (-slot.count, -slot.run_hours, slot.cell.day, slot.cell.hour))
    chosen = runs[:limit]
    for slot in chosen:
        utc_start = slot.cell.utc_start
        slot.attendees = [
            Attendee(key=learner.key, local_start=utc_start.astimezone(learner.zone))
            for learner in slot.cell.attendees
        ]
    return chosen

"""Weekly availability: hourly cells a person ticks in their own time zone, stored as UTC
slots ``[weekday 0=Monday..6, start minute, end minute]`` (0 ≤ start < end ≤ 1440).

Converting between the two needs a real week, because an hour's UTC offset depends on the
date (daylight saving): conversions use the week that contains ``now`` in the person's
zone. Cells are merged into slots where they touch, and a slot that crosses midnight UTC
is split in two, so every stored slot stays inside one UTC day. Pure functions — no Django.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache

DAY = 24 * 60
WEEK = 7 * DAY
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAYS_SHORT = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# The grid always shows these hours (06:00 to midnight); earlier hours appear only when an
# answer already uses them.
GRID_HOURS = range(6, 24)
MAX_SLOTS = 7 * 24

Cell = tuple[int, int]  # (weekday, hour) in the person's own zone
Slot = list[int]  # [weekday, start minute, end minute] in UTC


class SlotsInvalid(ValueError):
    """The slots can't be stored; the message says why, in words for the person."""


def local_week_start(zone: tzinfo, now: datetime) -> datetime:
    """Monday 00:00 of the week holding ``now``, in ``zone``."""
    local = now.astimezone(zone)
    monday = local.date() - timedelta(days=local.weekday())
    return datetime.combine(monday, time(0), tzinfo=zone)


def _cell_minute(cell: Cell, week_start: datetime) -> int:
    """Minute of the UTC week (0 = Monday 00:00 UTC) at which a local cell starts."""
    weekday, hour = cell
    day = week_start.date() + timedelta(days=weekday)
    moment = datetime.combine(day, time(hour), tzinfo=week_start.tzinfo).astimezone(UTC)
    return moment.weekday() * DAY + moment.hour * 60 + moment.minute


def _pieces(start: int, end: int) -> list[tuple[int, int]]:
    """An interval of week minutes, wrapped at the end of the week."""
    length = end - start
    start %= WEEK
    end = start + length
    if end <= WEEK:
        return [(start, end)]
    return [(start, WEEK), (0, end - WEEK)]


def _merge(intervals: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def _by_day(intervals: Iterable[tuple[int, int]]) -> list[Slot]:
    slots = []
    for start, end in intervals:
        while start < end:
            weekday = start // DAY
            stop = min(end, (weekday + 1) * DAY)
            slots.append([weekday, start - weekday * DAY, stop - weekday * DAY])
            start = stop
    return slots


def cells_to_slots(cells: Iterable[Cell], *, zone: tzinfo, now: datetime) -> list[Slot]:
    """Local hourly cells → merged UTC slots, each within one UTC day."""
    week_start = local_week_start(zone, now)
    intervals = []
    for cell in set(cells):
        start = _cell_minute(cell, week_start)
        intervals.extend(_pieces(start, start + 60))
    return _by_day(_merge(intervals))


def _overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def slots_to_cells(slots: Iterable[Slot], *, zone: tzinfo, now: datetime) -> set[Cell]:
    """UTC slots → the local hourly cells they cover (at least half of the hour), so what
    someone ticked comes back ticked, in the week's own daylight saving."""
    stored = [
        (weekday * DAY + start, weekday * DAY + end)
        for weekday, start, end in valid_slots_only(slots)
    ]
    if not stored:
        return set()
    return {
        cell
        for cell, pieces in _week_cells(zone, local_week_start(zone, now).date())
        if _overlap(pieces, stored) >= 30
    }


@lru_cache(maxsize=64)
def _week_cells(zone: tzinfo, monday: date) -> tuple[tuple[Cell, list[tuple[int, int]]], ...]:
    """Every local cell of the week with its UTC week minutes — the same for every answer
    shown in one zone, so worked out once. (Keyed by zone and date: aware datetimes of
    different zones compare equal when they name the same instant.)"""
    week_start = datetime.combine(monday, time(0), tzinfo=zone)
    cells = []
    for weekday in range(7):
        for hour in range(24):
            start = _cell_minute((weekday, hour), week_start)
            cells.append(((weekday, hour), _pieces(start, start + 60)))
    return tuple(cells)


def valid_slots_only(slots) -> list[Slot]:
    return [list(slot) for slot in slots or [] if _slot_problem(slot) is None]


def _slot_problem(slot) -> str | None:
    if not isinstance(slot, list | tuple) or len(slot) != 3:
        return "shape"
    if not all(isinstance(part, int) and not isinstance(part, bool) for part in slot):
        return "shape"
    weekday, start, end = slot
    if not 0 <= weekday <= 6:
        return "weekday"
    if not (0 <= start <= DAY and 0 <= end <= DAY):
        return "minutes"
    if start >= end:
        return "order"
    return None


MALFORMED = (
    "Those times don't look right. Each one needs a weekday from 0 (Monday) to 6 (Sunday) "
    "and start and end minutes from 0 to 1440, starting before it ends."
)


def clean_slots(value) -> list[Slot]:
    """Checked, sorted UTC slots, with touching ones joined. Refuses malformed or
    overlapping slots rather than guessing what was meant."""
    if value in (None, ""):
        return []
    if not isinstance(value, list | tuple):
        raise SlotsInvalid(MALFORMED)
    if len(value) > MAX_SLOTS:
        raise SlotsInvalid(f"That's more than {MAX_SLOTS} separate times. Join some together.")
    for slot in value:
        if _slot_problem(slot) is not None:
            raise SlotsInvalid(MALFORMED)
    ordered = sorted([list(slot) for slot in value])
    for previous, current in zip(ordered, ordered[1:], strict=False):
        if previous[0] == current[0] and current[1] < previous[2]:
            raise SlotsInvalid(
                "Two of those times overlap ("
                + describe_utc(previous)
                + " and "
                + describe_utc(current)
                + "). Give each time once."
            )
    return _by_day(_merge((d * DAY + s, d * DAY + e) for d, s, e in ordered))


def clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def describe_utc(slot: Slot) -> str:
    weekday, start, end = slot
    return f"{WEEKDAYS[weekday]} {clock(start)}–{clock(end)} UTC"


@dataclass(frozen=True)
class LocalSpan:
    start: int  # minute of the local week
    end: int

    def label(self) -> str:
        day, start = divmod(self.start, DAY)
        end_day, end = divmod(self.end, DAY)
        first = f"{WEEKDAYS[day % 7]} {clock(start)}"
        if end_day == day or (end == 0 and end_day == day + 1):
            return f"{first}–{'midnight' if end == 0 else clock(end)}"
        return f"{first} – {WEEKDAYS[end_day % 7]} {clock(end)}"


def local_spans(slots, *, zone: tzinfo, now: datetime) -> list[LocalSpan]:
    """UTC slots as spans of the local week, joined where they touch (a slot split at
    midnight UTC becomes one span again)."""
    week_start = local_week_start(zone, now)
    utc_monday = datetime.combine(
        week_start.astimezone(UTC).date() - timedelta(days=week_start.astimezone(UTC).weekday()),
        time(0),
        tzinfo=UTC,
    )
    week_end = week_start + timedelta(days=7)
    spans = []
    for weekday, start, end in valid_slots_only(slots):
        moment = utc_monday + timedelta(days=weekday, minutes=start)
        if moment < week_start:
            moment += timedelta(days=7)
        elif moment >= week_end:
            moment -= timedelta(days=7)
        local = moment.astimezone(zone)
        first = local.weekday() * DAY + local.hour * 60 + local.minute
        spans.append((first, first + end - start))
    merged = _merge(spans)
    # A span running off the end of Sunday and one starting Monday 00:00 are one span.
    if len(merged) > 1 and merged[-1][1] >= WEEK and merged[0][0] == 0:
        last = merged.pop()
        first = merged.pop(0)
        merged.append((last[0], max(last[1], WEEK + first[1])))
    return [LocalSpan(start, end) for start, end in merged]


def describe(slots, *, zone: tzinfo, now: datetime) -> list[str]:
    """``["Monday 19:00–21:00", "Sunday 23:00 – Monday 01:00"]`` in ``zone``."""
    return [span.label() for span in local_spans(slots, zone=zone, now=now)]


@dataclass(frozen=True)
class GridCell:
    weekday: int
    hour: int
    checked: bool = False
    count: int = 0

    @property
    def value(self) -> str:
        return f"{self.weekday}-{self.hour}"

    @property
    def day_name(self) -> str:
        return WEEKDAYS[self.weekday]

    @property
    def day_short(self) -> str:
        return WEEKDAYS_SHORT[self.weekday]


@dataclass(frozen=True)
class GridRow:
    hour: int
    cells: list[GridCell]

    @property
    def label(self) -> str:
        return f"{self.hour:02d}:00"


def grid(
    cells: set[Cell], counts: dict[Cell, int] | None = None, *, whole_day: bool = False
) -> list[GridRow]:
    """The rows of the grid: 06:00–23:00 plus any earlier hour in use, or all 24 hours."""
    counts = counts or {}
    used = {hour for _, hour in cells} | {hour for (_, hour), n in counts.items() if n}
    hours = range(24) if whole_day else sorted(set(GRID_HOURS) | used)
    return [
        GridRow(
            hour=hour,
            cells=[
                GridCell(
                    weekday=weekday,
                    hour=hour,
                    checked=(weekday, hour) in cells,
                    count=counts.get((weekday, hour), 0),
                )
                for weekday in range(7)
            ],
        )
        for hour in hours
    ]


def parse_cells(values: Iterable[str]) -> set[Cell]:
    """Posted grid values ("1-19" = Tuesday 19:00) → cells; refuses anything else."""
    cells = set()
    for value in values:
        weekday, _, hour = str(value).partition("-")
        if not (weekday.isdigit() and hour.isdigit()):
            raise SlotsInvalid("Those times don't look right. Tick the boxes in the grid again.")
        cell = (int(weekday), int(hour))
        if not (0 <= cell[0] <= 6 and 0 <= cell[1] <= 23):
            raise SlotsInvalid("Those times don't look right. Tick the boxes in the grid again.")
        cells.add(cell)
    return cells

"""Best times to reach a learner, from the intro survey's availability answer
([weekday 0=Monday, start minute, end minute] in UTC), in any time zone. Pure functions."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

MINUTES_IN_DAY = 24 * 60


def clock(moment: datetime) -> str:
    """ "7:42 pm" — not the date filter, which would move the time to the viewer's zone."""
    return f"{moment.hour % 12 or 12}:{moment.minute:02d} {'am' if moment.hour < 12 else 'pm'}"


@dataclass(frozen=True)
class Slot:
    starts: datetime
    ends: datetime

    def label(self) -> str:
        start = f"{self.starts:%a} {clock(self.starts)}"
        if self.ends.date() == self.starts.date():
            return f"{start} – {clock(self.ends)}"
        if self.ends.date() == self.starts.date() + timedelta(days=1) and (
            self.ends.hour,
            self.ends.minute,
        ) == (0, 0):
            return f"{start} – midnight"
        return f"{start} – {self.ends:%a} {clock(self.ends)}"


def _valid(slot) -> bool:
    if not isinstance(slot, list | tuple) or len(slot) != 3:
        return False
    if not all(isinstance(part, int) and not isinstance(part, bool) for part in slot):
        return False
    weekday, start, end = slot
    return 0 <= weekday <= 6 and 0 <= start < end <= MINUTES_IN_DAY


def slots_in(best_times, zone: tzinfo, *, today: date) -> list[Slot]:
    """The answer's slots in ``zone``, in week order. Anchored to the week of ``today`` so
    daylight saving is this week's; malformed slots are skipped."""
    monday = datetime.combine(today - timedelta(days=today.weekday()), datetime.min.time(), UTC)
    slots = []
    for slot in best_times or []:
        if not _valid(slot):
            continue
        weekday, start, end = slot
        day = monday + timedelta(days=weekday)
        slots.append(
            Slot(
                starts=(day + timedelta(minutes=start)).astimezone(zone),
                ends=(day + timedelta(minutes=end)).astimezone(zone),
            )
        )
    return sorted(slots, key=lambda s: (s.starts.weekday(), s.starts.time()))


@dataclass(frozen=True)
class AvailabilityRow:
    theirs: str
    yours: str


def availability_rows(
    best_times, *, learner_zone, viewer_zone, today: date
) -> list[AvailabilityRow]:
    theirs = slots_in(best_times, learner_zone, today=today)
    yours = slots_in(best_times, viewer_zone, today=today)
    # Both lists hold the same slots; sort the viewer's by the learner's order.
    by_start = {slot.starts: slot for slot in yours}
    return [
        AvailabilityRow(theirs=slot.label(), yours=by_start[slot.starts].label()) for slot in theirs
    ]

"""Weekly hour slots as bit sets, and their names on a clock.

A learner's availability is a set of hour-of-week slots in UTC (0 is Monday 00:00). Kept as
three 64-bit words per learner, the hours a whole group shares are a bitwise AND and their
number a population count, which NumPy does for thousands of candidate groups at once.

Names are given in UTC unless a clock is passed: a clock maps a UTC slot to the reader's
weekday and minute of the day, so the app can show "Tue 19:00" in each reader's own zone
(``fixed_offset`` for a fixed offset; the app may build one from a time-zone database).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np

from rapport.groups.engine.problem import HOURS_PER_WEEK

WORDS = 3  # 168 hours in three 64-bit words
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
ALL_HOURS = frozenset(range(HOURS_PER_WEEK))

# A slot's place on the reader's clock: (weekday 0 = Monday, minute of the day).
Clock = Callable[[int], tuple[int, int]]


def to_words(hours: Iterable[int] | None) -> list[int]:
    """Three 64-bit words for a set of hours; every hour when unknown (None)."""
    bits = 0
    for hour in ALL_HOURS if hours is None else hours:
        bits |= 1 << hour
    return [(bits >> (64 * word)) & 0xFFFF_FFFF_FFFF_FFFF for word in range(WORDS)]


def words_array(rows: Iterable[Iterable[int] | None]) -> np.ndarray:
    return np.array([to_words(hours) for hours in rows], dtype=np.uint64).reshape(-1, WORDS)


_BYTE_COUNTS = np.array([bin(value).count("1") for value in range(256)], dtype=np.int64)


def popcount(words: np.ndarray) -> np.ndarray:
    """Number of set bits over the last axis (the words of one set of hours)."""
    if hasattr(np, "bitwise_count"):
        return np.bitwise_count(words).sum(axis=-1, dtype=np.int64)
    as_bytes = np.ascontiguousarray(words).view(np.uint8)
    return _BYTE_COUNTS[as_bytes].reshape(*words.shape[:-1], -1).sum(axis=-1)


def utc(slot: int) -> tuple[int, int]:
    return slot // 24, (slot % 24) * 60


def fixed_offset(minutes: int) -> Clock:
    """A clock for a zone that is ``minutes`` ahead of UTC (negative when behind)."""

    def clock(slot: int) -> tuple[int, int]:
        local = (slot * 60 + minutes) % (HOURS_PER_WEEK * 60)
        return local // 1440, local % 1440

    return clock


def weekdays(slots: Iterable[int], clock: Clock = utc) -> list[str]:
    """The days (in week order) on which the slots fall, on the reader's clock."""
    return [DAY_NAMES[day] for day in sorted({clock(slot)[0] for slot in slots})]


def describe_slots(slots: Iterable[int], clock: Clock = utc) -> str:
    """Hours as runs on the reader's clock: "Tue 18:00–20:00, Thu 19:00–20:00"."""
    starts = sorted(clock(slot) for slot in slots)
    runs: list[list[tuple[int, int]]] = []
    for day, minute in starts:
        if runs and runs[-1][-1] == (day, minute - 60):
            runs[-1].append((day, minute))
        else:
            runs.append([(day, minute)])
    parts = []
    for run in runs:
        day, first = run[0]
        end = run[-1][1] + 60
        parts.append(f"{DAY_NAMES[day]} {_hhmm(first)}–{_hhmm(end)}")
    return ", ".join(parts)


def describe_week(slots: Iterable[int], clock: Clock = utc) -> str:
    """Like ``describe_slots``, with days that share the same hours said once:
    "Mon–Fri 09:00–10:00, Sat 10:00–12:00"."""
    by_day: dict[int, list[str]] = {}
    for part in describe_slots(slots, clock).split(", ") if slots else ():
        day, hours = part.split(" ", 1)
        by_day.setdefault(DAY_NAMES.index(day), []).append(hours)
    spans: list[tuple[int, int, str]] = []  # first day, last day, their hours
    for day in sorted(by_day):
        hours = " and ".join(by_day[day])
        if spans and spans[-1][1] == day - 1 and spans[-1][2] == hours:
            spans[-1] = (spans[-1][0], day, hours)
        else:
            spans.append((day, day, hours))
    return ", ".join(
        f"{DAY_NAMES[first]}{'' if first == last else '–' + DAY_NAMES[last]} {hours}"
        for first, last, hours in spans
    )


def _hhmm(minute: int) -> str:
    return "24:00" if minute >= 1440 else f"{minute // 60:02d}:{minute % 60:02d}"

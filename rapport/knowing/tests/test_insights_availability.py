"""The availability arithmetic alone: UTC slots to a week of quarter hours, a week in any
zone's clock (whole, half and three-quarter hour offsets, daylight saving) and the best
hours, where one group free for hours in a row counts as one choice."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from rapport.knowing.insights.availability import (
    QUARTERS_PER_WEEK,
    Learner,
    best_slots,
    week_in_zone,
    week_mask,
)


def week_of(learners, zone, now):
    return week_in_zone(learners=learners, zone=zone, now=now)


UTC_ZONE = ZoneInfo("UTC")
JANUARY = datetime(2027, 1, 13, 12, 0, tzinfo=UTC)
JULY = datetime(2027, 7, 14, 12, 0, tzinfo=UTC)


def quarters(mask: int) -> list[int]:
    return [q for q in range(QUARTERS_PER_WEEK) if mask >> q & 1]


def test_a_slot_becomes_its_quarter_hours():
    assert quarters(week_mask([[0, 60, 120]])) == [4, 5, 6, 7]


def test_a_partial_quarter_hour_does_not_count():
    assert quarters(week_mask([[0, 50, 125]])) == [4, 5, 6, 7]


def test_a_slot_ending_before_it_starts_runs_past_midnight_and_sunday_wraps_to_monday():
    assert quarters(week_mask([[6, 23 * 60, 60]])) == [0, 1, 2, 3, *range(668, 672)]


def test_malformed_slots_are_skipped():
    mask = week_mask([[9, 0, 60], ["x", 1, 2], [0, -5, 60], None, [0, 0, 60, 1], [1, 0, 60]])
    assert quarters(mask) == [96, 97, 98, 99]


def learner(key, zone, slots):
    return Learner(key=key, zone=ZoneInfo(zone), mask=week_mask(slots))


def test_a_zone_half_an_hour_off_utc_counts_only_whole_free_hours():
    # Monday 04:30–06:30 UTC is 10:00–12:00 in Kolkata (UTC+5:30).
    person = learner("a", "Asia/Kolkata", [[0, 270, 390]])
    week = week_of([person], ZoneInfo("Asia/Kolkata"), JANUARY)
    free = [(c.day, c.hour) for c in week.cells if c.count]
    assert free == [(0, 10), (0, 11)]


def test_the_same_utc_slot_moves_an_hour_with_daylight_saving():
    person = learner("a", "Europe/Oslo", [[1, 17 * 60, 18 * 60]])
    zone = ZoneInfo("Europe/Oslo")
    winter = [(c.day, c.hour) for c in week_of([person], zone, JANUARY).cells if c.count]
    summer = [(c.day, c.hour) for c in week_of([person], zone, JULY).cells if c.count]
    assert winter == [(1, 18)] and summer == [(1, 19)]


def test_hours_in_a_row_for_the_same_people_are_one_choice():
    together = [learner(k, "UTC", [[2, 9 * 60, 12 * 60]]) for k in "abc"]
    alone = learner("d", "UTC", [[4, 9 * 60, 10 * 60]])
    pair = [learner(k, "UTC", [[3, 15 * 60, 16 * 60]]) for k in "ef"]
    slots = best_slots(week_of([*together, alone, *pair], UTC_ZONE, JANUARY))
    described = [(s.cell.day, s.cell.hour, s.count, s.run_hours) for s in slots]
    assert described == [(2, 9, 3, 3), (3, 15, 2, 1), (4, 9, 1, 1)]


def test_the_busiest_hour_is_the_darkest_level_and_empty_hours_level_zero():
    people = [learner("a", "UTC", [[0, 0, 120]]), learner("b", "UTC", [[0, 0, 60]])]
    week = week_of(people, UTC_ZONE, JANUARY)
    assert [week.cells[0].level, week.cells[1].level, week.cells[2].level] == [5, 3, 0]
    assert week.most == 2


def test_nobody_free_means_no_best_hours():
    week = week_of([], UTC_ZONE, JANUARY)
    assert best_slots(week) == [] and week.most == 0
    assert [hour for hour, cells in week.hour_rows()] == list(range(24))

"""Availability is ticked in the learner's own time zone and stored in UTC, using the real
week (so daylight saving is right), wrapped across day and week boundaries and merged."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, available_timezones

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rapport.surveys.availability import (
    SlotsInvalid,
    cells_to_slots,
    clean_slots,
    describe,
    grid,
    parse_cells,
    slots_to_cells,
)

WINTER = datetime(2027, 1, 13, 12, tzinfo=UTC)  # a Wednesday: New Zealand summer time
SUMMER = datetime(2027, 7, 14, 12, tzinfo=UTC)
MONDAY, TUESDAY, SUNDAY = 0, 1, 6


def test_tokyo_monday_8am_is_sunday_11pm_utc():
    tokyo = ZoneInfo("Asia/Tokyo")
    assert cells_to_slots([(MONDAY, 8)], zone=tokyo, now=WINTER) == [[SUNDAY, 23 * 60, 24 * 60]]


def test_tokyo_morning_hours_are_split_at_midnight_utc_and_merged_either_side():
    tokyo = ZoneInfo("Asia/Tokyo")
    slots = cells_to_slots([(MONDAY, 8), (MONDAY, 9), (MONDAY, 10)], zone=tokyo, now=WINTER)
    assert slots == [[MONDAY, 0, 120], [SUNDAY, 1380, 1440]]
    assert describe(slots, zone=tokyo, now=WINTER) == ["Monday 08:00–11:00"]


def test_auckland_in_summer_time_is_thirteen_hours_ahead_and_wraps_the_week():
    auckland = ZoneInfo("Pacific/Auckland")
    slots = cells_to_slots([(MONDAY, 12), (MONDAY, 13)], zone=auckland, now=WINTER)
    assert slots == [[MONDAY, 0, 60], [SUNDAY, 23 * 60, 24 * 60]]
    # In the New Zealand winter the same hours are twelve hours ahead.
    assert cells_to_slots([(MONDAY, 12)], zone=auckland, now=SUMMER) == [[MONDAY, 0, 60]]


def test_honolulu_sunday_evening_is_monday_morning_utc():
    honolulu = ZoneInfo("Pacific/Honolulu")
    assert cells_to_slots([(SUNDAY, 20)], zone=honolulu, now=WINTER) == [[MONDAY, 360, 420]]


def test_a_daylight_saving_zone_uses_the_offset_of_the_current_week():
    chicago = ZoneInfo("America/Chicago")
    assert cells_to_slots([(TUESDAY, 19)], zone=chicago, now=WINTER) == [[2, 60, 120]]
    assert cells_to_slots([(TUESDAY, 19)], zone=chicago, now=SUMMER) == [[2, 0, 60]]


def test_the_week_the_clocks_change_uses_each_days_own_offset():
    chicago = ZoneInfo("America/Chicago")
    # Clocks go forward on Sunday 14 March 2027 at 02:00.
    week = datetime(2027, 3, 10, 12, tzinfo=UTC)
    slots = cells_to_slots([(MONDAY, 19), (SUNDAY, 19)], zone=chicago, now=week)
    assert slots == [[MONDAY, 0, 60], [TUESDAY, 60, 120]]
    assert slots_to_cells(slots, zone=chicago, now=week) == {(MONDAY, 19), (SUNDAY, 19)}


def test_half_hour_zones_keep_their_half_hours():
    kolkata = ZoneInfo("Asia/Kolkata")
    slots = cells_to_slots([(MONDAY, 5), (MONDAY, 6)], zone=kolkata, now=WINTER)
    assert slots == [[MONDAY, 0, 90], [SUNDAY, 1410, 1440]]
    assert slots_to_cells(slots, zone=kolkata, now=WINTER) == {(MONDAY, 5), (MONDAY, 6)}


def test_stored_slots_are_shown_back_in_each_persons_zone():
    slots = cells_to_slots([(TUESDAY, 19), (TUESDAY, 20)], zone=ZoneInfo("Asia/Tokyo"), now=WINTER)
    assert describe(slots, zone=ZoneInfo("Asia/Tokyo"), now=WINTER) == ["Tuesday 19:00–21:00"]
    assert describe(slots, zone=ZoneInfo("Europe/London"), now=WINTER) == ["Tuesday 10:00–12:00"]
    late = cells_to_slots([(SUNDAY, 22), (SUNDAY, 23)], zone=ZoneInfo("UTC"), now=WINTER)
    assert describe(late, zone=ZoneInfo("UTC"), now=WINTER) == ["Sunday 22:00–midnight"]


def test_the_grid_shows_six_to_midnight_and_any_earlier_hour_in_use():
    rows = grid({(MONDAY, 3)})
    assert [row.hour for row in rows] == [3, *range(6, 24)]
    assert rows[0].cells[MONDAY].checked
    assert rows[0].cells[MONDAY].day_name == "Monday"
    assert len(rows[0].cells) == 7


def test_posted_cells_must_be_weekday_and_hour():
    assert parse_cells(["1-19", "6-23"]) == {(1, 19), (6, 23)}
    for bad in (["7-1"], ["1-24"], ["x-1"], ["1"], ["-1-2"]):
        with pytest.raises(SlotsInvalid):
            parse_cells(bad)


def test_clean_slots_refuses_overlaps_and_too_many():
    with pytest.raises(SlotsInvalid, match="overlap"):
        clean_slots([[0, 0, 120], [0, 60, 180]])
    with pytest.raises(SlotsInvalid, match="more than"):
        clean_slots([[d, m, m + 1] for d in range(7) for m in range(0, 1440, 50)])


ZONES = sorted(
    {"UTC", "Asia/Tokyo", "Pacific/Auckland", "America/Chicago", "Asia/Kolkata"}
    | {z for z in available_timezones() if z.startswith(("Europe/", "America/", "Australia/"))}
)


@settings(max_examples=60, deadline=None)
@given(
    zone=st.sampled_from(ZONES),
    cells=st.sets(st.tuples(st.integers(0, 6), st.integers(0, 23)), max_size=40),
    day=st.integers(0, 364),
)
def test_ticked_cells_come_back_ticked_and_slots_are_always_valid(zone, cells, day):
    now = datetime.fromordinal(datetime(2027, 1, 1).toordinal() + day).replace(tzinfo=UTC)
    tz = ZoneInfo(zone)
    slots = cells_to_slots(cells, zone=tz, now=now)
    assert clean_slots(slots) == slots
    for weekday, start, end in slots:
        assert 0 <= weekday <= 6 and 0 <= start < end <= 1440
    # Every ticked hour comes back ticked. (In the week the clocks go forward, the skipped
    # hour and the one after it are the same moment, so ticking one shows both.)
    assert cells <= slots_to_cells(slots, zone=tz, now=now)

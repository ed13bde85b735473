"""Best times (UTC in the survey) shown in any time zone."""

from datetime import date
from zoneinfo import ZoneInfo

from rapport.knowing.selectors.availability import availability_rows, clock, slots_in

# A Wednesday in July (daylight saving in the north) and one in January.
JULY = date(2027, 7, 14)
JANUARY = date(2027, 1, 13)
UTC = ZoneInfo("UTC")


def labels(best_times, zone, today=JULY) -> list[str]:
    return [slot.label() for slot in slots_in(best_times, ZoneInfo(zone), today=today)]


def test_a_slot_moves_into_the_learners_zone():
    # Tuesday 17:00–19:00 UTC is 6–8 pm in Lagos (UTC+1).
    assert labels([[1, 17 * 60, 19 * 60]], "Africa/Lagos") == ["Tue 6:00 pm – 8:00 pm"]


def test_a_slot_can_cross_midnight_into_the_next_day():
    # Monday 22:00–23:30 UTC in Auckland (UTC+12 in July) is Tuesday morning.
    assert labels([[0, 22 * 60, 23 * 60 + 30]], "Pacific/Auckland") == ["Tue 10:00 am – 11:30 am"]
    # Monday 03:00–06:00 UTC in Chicago (UTC−5 in July) starts on Sunday evening.
    assert labels([[0, 3 * 60, 6 * 60]], "America/Chicago") == ["Sun 10:00 pm – Mon 1:00 am"]


def test_a_slot_ending_at_midnight_says_so():
    assert labels([[4, 20 * 60, 24 * 60]], "UTC") == ["Fri 8:00 pm – midnight"]


def test_daylight_saving_is_this_weeks():
    assert labels([[2, 12 * 60, 13 * 60]], "Europe/Oslo", today=JULY) == ["Wed 2:00 pm – 3:00 pm"]
    assert labels([[2, 12 * 60, 13 * 60]], "Europe/Oslo", today=JANUARY) == [
        "Wed 1:00 pm – 2:00 pm"
    ]


def test_malformed_slots_are_skipped():
    messy = [[9, 0, 60], [1, 120, 60], "Tuesday", [1, "a", 3], [True, 0, 60], [3, 60, 120]]
    assert labels(messy, "UTC") == ["Thu 1:00 am – 2:00 am"]
    assert labels(None, "UTC") == []


def test_rows_pair_the_learners_time_with_the_viewers():
    rows = availability_rows(
        [[5, 9 * 60, 10 * 60], [1, 17 * 60, 18 * 60]],
        learner_zone=ZoneInfo("Asia/Tokyo"),
        viewer_zone=ZoneInfo("America/Chicago"),
        today=JULY,
    )
    assert [(row.theirs, row.yours) for row in rows] == [
        ("Wed 2:00 am – 3:00 am", "Tue 12:00 pm – 1:00 pm"),
        ("Sat 6:00 pm – 7:00 pm", "Sat 4:00 am – 5:00 am"),
    ]


def test_clock_reads_like_people_talk():
    from datetime import datetime

    assert clock(datetime(2027, 1, 1, 0, 5)) == "12:05 am"
    assert clock(datetime(2027, 1, 1, 12, 0)) == "12:00 pm"
    assert clock(datetime(2027, 1, 1, 19, 42)) == "7:42 pm"

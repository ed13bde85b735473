"""Office-hour slots: worked examples across clock changes and every rule, then properties
checked on random hosts in zones with and without daylight saving, around the 2026–2027
changes."""

import time as clock
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rapport.officehours.slots import Busy, Policy, Slot, Window, open_slots, slot_label

CHICAGO = "America/Chicago"
MONDAY, TUESDAY, WEDNESDAY, THURSDAY, SUNDAY = 0, 1, 2, 3, 6
MORNING = Window(time(9), time(12))


def utc(*parts) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def local(zone: str, *parts, fold: int = 0) -> datetime:
    return datetime(*parts, tzinfo=ZoneInfo(zone), fold=fold)


def starts(slots: list[Slot], zone: str = "UTC") -> list[str]:
    return [slot.starts_at.astimezone(ZoneInfo(zone)).strftime("%d %H:%M") for slot in slots]


def tuesday_mornings(**policy_fields) -> dict:
    """A Chicago host with Tuesday 9:00–12:00 hours in January (no clock change near)."""
    return {
        "policy": Policy(time_zone=CHICAGO, slot_minutes=20, **policy_fields),
        "weekly": {TUESDAY: [MORNING]},
        "dates": {},
        "busy": [],
        "now": utc(2027, 1, 11, 12),  # Monday 6:00 in Chicago
    }


# Worked examples: clock changes


def test_after_us_spring_forward_nine_in_chicago_is_two_pm_utc_and_eleven_pm_in_tokyo():
    slots = open_slots(
        **tuesday_mornings() | {"now": utc(2027, 3, 15, 12)},
        first_day=date(2027, 3, 16),
        last_day=date(2027, 3, 16),
    )
    assert slots[0].starts_at == utc(2027, 3, 16, 14)
    assert slots[0].ends_at == utc(2027, 3, 16, 14, 20)
    assert slot_label(slots[0], "Asia/Tokyo") == "Tue 16 Mar, 23:00–23:20"
    assert slot_label(slots[0], CHICAGO) == "Tue 16 Mar, 9:00–9:20"
    assert len(slots) == 9
    assert slots[-1].ends_at == utc(2027, 3, 16, 17)


def test_the_week_before_nine_in_chicago_is_three_pm_utc_and_midnight_in_tokyo():
    slots = open_slots(
        **tuesday_mornings() | {"now": utc(2027, 3, 8, 12)},
        first_day=date(2027, 3, 9),
        last_day=date(2027, 3, 9),
    )
    assert slots[0].starts_at == utc(2027, 3, 9, 15)
    assert slot_label(slots[0], "Asia/Tokyo") == "Wed 10 Mar, 0:00–0:20"


def test_a_window_across_the_fall_back_hour_steps_in_real_time():
    fall_back = date(2026, 11, 1)
    slots = open_slots(
        policy=Policy(time_zone=CHICAGO, slot_minutes=30),
        weekly={},
        dates={fall_back: [Window(time(0, 30), time(3, 30))]},
        busy=[],
        now=utc(2026, 10, 31),
    )
    # 00:30 CDT is 05:30 UTC and 03:30 CST is 09:30 UTC: four real hours, eight slots.
    assert starts(slots) == [f"01 0{h}:{m}" for h in range(5, 10) for m in ("00", "30")][1:-1]
    assert all(slot.ends_at - slot.starts_at == timedelta(minutes=30) for slot in slots)
    assert len({slot.starts_at for slot in slots}) == len(slots)
    assert starts(slots, CHICAGO) == [
        "01 00:30",
        "01 01:00",
        "01 01:30",  # daylight time
        "01 01:00",  # standard time: the hour again, a different instant
        "01 01:30",
        "01 02:00",
        "01 02:30",
        "01 03:00",
    ]


def test_an_hour_long_slot_across_fall_back_lasts_one_real_hour():
    slots = open_slots(
        policy=Policy(time_zone=CHICAGO, slot_minutes=60),
        weekly={SUNDAY: [Window(time(1), time(2))]},
        dates={},
        busy=[],
        now=utc(2026, 10, 31),
        last_day=date(2026, 11, 1),
    )
    # 1:00 is taken at its first occurrence (daylight time); 2:00 is already standard time.
    assert [(s.starts_at, s.ends_at) for s in slots] == [
        (utc(2026, 11, 1, 6), utc(2026, 11, 1, 7)),
        (utc(2026, 11, 1, 7), utc(2026, 11, 1, 8)),
    ]


def test_a_window_starting_in_the_spring_forward_gap_starts_at_three():
    spring_forward = date(2027, 3, 14)
    slots = open_slots(
        policy=Policy(time_zone=CHICAGO, slot_minutes=30),
        weekly={},
        dates={spring_forward: [Window(time(2), time(4))]},
        busy=[],
        now=utc(2027, 3, 13),
    )
    assert starts(slots, CHICAGO) == ["14 03:00", "14 03:30"]
    assert starts(slots) == ["14 08:00", "14 08:30"]


def test_a_window_ending_in_the_gap_ends_when_the_clocks_jump():
    slots = open_slots(
        policy=Policy(time_zone=CHICAGO, slot_minutes=30),
        weekly={SUNDAY: [Window(time(1), time(2, 30))]},
        dates={},
        busy=[],
        now=utc(2027, 3, 13),
        last_day=date(2027, 3, 14),
    )
    # 1:00 CST to the jump (2:00 CST = 3:00 CDT) is one real hour.
    assert starts(slots) == ["14 07:00", "14 07:30"]
    assert slots[-1].ends_at == local(CHICAGO, 2027, 3, 14, 3)


def test_a_window_wholly_inside_the_gap_yields_nothing():
    slots = open_slots(
        policy=Policy(time_zone=CHICAGO, slot_minutes=15),
        weekly={SUNDAY: [Window(time(2, 0), time(2, 45))]},
        dates={},
        busy=[],
        now=utc(2027, 3, 13),
        last_day=date(2027, 3, 14),
    )
    assert slots == []


# Worked examples: notice, horizon, buffers, seats, caps, exceptions


def test_minimum_notice_keeps_slots_starting_too_soon_away_and_its_bound_is_inclusive():
    now = local(CHICAGO, 2027, 1, 12, 9, 10)
    one_hour = open_slots(**tuesday_mornings(minimum_notice_minutes=60) | {"now": now})
    assert starts(one_hour, CHICAGO)[:2] == ["12 10:20", "12 10:40"]
    fifty_minutes = open_slots(**tuesday_mornings(minimum_notice_minutes=50) | {"now": now})
    assert starts(fifty_minutes, CHICAGO)[0] == "12 10:00"


def test_the_horizon_is_inclusive_and_nothing_starts_after_it():
    now = local(CHICAGO, 2027, 1, 12, 9)
    slots = open_slots(**tuesday_mornings(horizon_days=7) | {"now": now})
    assert starts(slots, CHICAGO)[-2:] == ["12 11:40", "19 09:00"]


def test_a_slot_may_touch_a_booking_only_without_buffers():
    booking = Busy(local(CHICAGO, 2027, 1, 12, 10), local(CHICAGO, 2027, 1, 12, 10, 20))
    day = {"busy": [booking], "last_day": date(2027, 1, 12)}

    no_buffers = open_slots(**tuesday_mornings() | day)
    assert "12 09:40" in starts(no_buffers, CHICAGO)
    assert "12 10:20" in starts(no_buffers, CHICAGO)
    assert "12 10:00" not in starts(no_buffers, CHICAGO)

    after = open_slots(**tuesday_mornings(buffer_after_minutes=10) | day)
    assert "12 09:40" not in starts(after, CHICAGO)
    assert "12 10:20" in starts(after, CHICAGO)

    before = open_slots(**tuesday_mornings(buffer_before_minutes=10) | day)
    assert "12 09:40" in starts(before, CHICAGO)
    assert "12 10:20" not in starts(before, CHICAGO)


def test_other_busy_time_blocks_slots_too():
    lunch = Busy(
        local(CHICAGO, 2027, 1, 12, 10, 30), local(CHICAGO, 2027, 1, 12, 11), is_meeting=False
    )
    slots = open_slots(**tuesday_mornings() | {"busy": [lunch], "last_day": date(2027, 1, 12)})
    assert starts(slots, CHICAGO) == [
        "12 09:00",
        "12 09:20",
        "12 09:40",
        "12 10:00",
        "12 11:00",
        "12 11:20",
        "12 11:40",
    ]


def test_group_slots_show_the_seats_left_and_full_ones_are_not_offered():
    nine = local(CHICAGO, 2027, 1, 12, 9).astimezone(UTC)
    nine_twenty = nine + timedelta(minutes=20)
    slots = open_slots(
        **tuesday_mornings(seats=4) | {"last_day": date(2027, 1, 12)},
        taken={nine: 2, nine_twenty: 4},
    )
    assert slots[0] == Slot(nine, nine_twenty, seats_left=2)
    assert nine_twenty not in [slot.starts_at for slot in slots]
    assert {slot.seats_left for slot in slots[1:]} == {4}


def test_a_booked_group_slot_blocks_its_neighbours_through_the_buffers_but_not_itself():
    nine = local(CHICAGO, 2027, 1, 12, 9)
    slots = open_slots(
        **tuesday_mornings(seats=3, buffer_before_minutes=10) | {"last_day": date(2027, 1, 12)},
        taken={nine: 1},
    )
    assert starts(slots, CHICAGO)[:2] == ["12 09:00", "12 09:40"]
    assert slots[0].seats_left == 2


def test_a_full_day_offers_nothing_new_and_other_busy_time_does_not_count():
    meeting = Busy(local(CHICAGO, 2027, 1, 12, 14), local(CHICAGO, 2027, 1, 12, 14, 30))
    errand = Busy(meeting.starts_at, meeting.ends_at, is_meeting=False)
    full = open_slots(**tuesday_mornings(max_per_day=1) | {"busy": [meeting]})
    assert not [s for s in starts(full, CHICAGO) if s.startswith("12")]
    assert starts(full, CHICAGO)[0] == "19 09:00"
    free = open_slots(**tuesday_mornings(max_per_day=1) | {"busy": [errand]})
    assert starts(free, CHICAGO)[0] == "12 09:00"


def test_a_full_day_still_offers_its_booked_group_slot_with_seats_left():
    nine_forty = local(CHICAGO, 2027, 1, 12, 9, 40)
    slots = open_slots(
        **tuesday_mornings(max_per_day=1, seats=3) | {"last_day": date(2027, 1, 12)},
        taken={nine_forty: 1},
    )
    assert slots == [Slot(nine_forty.astimezone(UTC), slots[0].ends_at, seats_left=2)]


def test_the_weekly_cap_uses_the_hosts_iso_week():
    # Sunday 23:30 in Chicago is already Monday in UTC, but it is the host's week that counts.
    sunday_night = Busy(local(CHICAGO, 2027, 1, 17, 23, 30), local(CHICAGO, 2027, 1, 18))
    monday = Busy(local(CHICAGO, 2027, 1, 11, 15), local(CHICAGO, 2027, 1, 11, 16))
    weekly = {TUESDAY: [MORNING], THURSDAY: [MORNING]}
    slots = open_slots(
        **tuesday_mornings(max_per_week=2)
        | {"busy": [monday, sunday_night], "weekly": weekly, "last_day": date(2027, 1, 21)}
    )
    assert {s[:2] for s in starts(slots, CHICAGO)} == {"19", "21"}
    under_cap = open_slots(
        **tuesday_mornings(max_per_week=3)
        | {"busy": [monday, sunday_night], "weekly": weekly, "last_day": date(2027, 1, 21)}
    )
    assert {s[:2] for s in starts(under_cap, CHICAGO)} == {"12", "14", "19", "21"}


def test_a_day_off_offers_nothing_and_replaced_hours_replace_the_weekly_ones():
    off = open_slots(**tuesday_mornings() | {"dates": {date(2027, 1, 12): []}})
    assert starts(off, CHICAGO)[0] == "19 09:00"
    afternoon = {date(2027, 1, 12): [Window(time(14), time(15))]}
    replaced = open_slots(
        **tuesday_mornings() | {"dates": afternoon, "last_day": date(2027, 1, 12)}
    )
    assert starts(replaced, CHICAGO) == ["12 14:00", "12 14:20", "12 14:40"]
    extra_day = {date(2027, 1, 13): [Window(time(8), time(8, 40))]}
    wednesday = open_slots(
        **tuesday_mornings()
        | {"dates": extra_day, "first_day": date(2027, 1, 13), "last_day": date(2027, 1, 13)}
    )
    assert starts(wednesday, CHICAGO) == ["13 08:00", "13 08:20"]


def test_overlapping_windows_give_no_overlapping_or_repeated_slots():
    slots = open_slots(
        **tuesday_mornings()
        | {
            "weekly": {TUESDAY: [MORNING, Window(time(9, 10), time(10)), MORNING]},
            "last_day": date(2027, 1, 12),
        }
    )
    assert starts(slots, CHICAGO)[:3] == ["12 09:00", "12 09:20", "12 09:40"]
    assert len(slots) == 9


def test_a_slot_must_end_inside_its_window():
    slots = open_slots(
        **tuesday_mornings()
        | {"weekly": {TUESDAY: [Window(time(9), time(9, 50))]}, "last_day": date(2027, 1, 12)}
    )
    assert starts(slots, CHICAGO) == ["12 09:00", "12 09:20"]


def test_bad_policies_and_naive_now_are_refused():
    with pytest.raises(ValueError):
        Policy(time_zone=CHICAGO, slot_minutes=3)
    with pytest.raises(ValueError):
        Policy(time_zone=CHICAGO, slot_minutes=20, seats=0)
    with pytest.raises(ValueError):
        open_slots(**tuesday_mornings() | {"now": datetime(2027, 1, 11, 12)})


def test_three_weeks_of_ten_windows_and_two_hundred_bookings_take_well_under_ten_ms():
    windows = {day: [Window(time(9), time(12)), Window(time(13), time(17))] for day in range(5)}
    now = utc(2027, 3, 1, 12)
    busy = [
        Busy(now + timedelta(minutes=157 * n), now + timedelta(minutes=157 * n + 30))
        for n in range(200)
    ]
    fastest = float("inf")
    for _ in range(5):
        began = clock.perf_counter()
        slots = open_slots(
            policy=Policy(time_zone=CHICAGO, slot_minutes=20, buffer_after_minutes=5),
            weekly=windows,
            dates={},
            busy=busy,
            now=now,
        )
        fastest = min(fastest, clock.perf_counter() - began)
    assert len(slots) > 200
    assert fastest < 0.010


# Properties on random hosts around the clock changes of 2026–2027

NO_CHANGE = (date(2026, 3, 8), date(2026, 10, 25), date(2027, 3, 28), date(2027, 11, 7))
CLOCK_CHANGES = {  # the zones' own changes in 2026–2027; the others have none
    "America/Chicago": (date(2026, 3, 8), date(2026, 11, 1), date(2027, 3, 14), date(2027, 11, 7)),
    "Europe/London": (date(2026, 3, 29), date(2026, 10, 25), date(2027, 3, 28), date(2027, 10, 31)),
    "Australia/Sydney": (date(2026, 4, 5), date(2026, 10, 4), date(2027, 4, 4), date(2027, 10, 3)),
    "Pacific/Auckland": (date(2026, 4, 5), date(2026, 9, 27), date(2027, 4, 4), date(2027, 9, 26)),
    "Asia/Tokyo": NO_CHANGE,
    "America/Sao_Paulo": NO_CHANGE,
    "Asia/Kolkata": NO_CHANGE,
}
properties = settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)


def wall_to_instant(day: date, wall: time, zone: ZoneInfo) -> datetime:
    """The first instant whose wall time is `wall` on `day`, or the first one after it when
    the clocks skip it: worked out minute by minute, independently of the engine."""
    for fold in (0, 1):
        moment = datetime.combine(day, wall, tzinfo=zone).replace(fold=fold)
        instant = moment.astimezone(UTC)
        if instant.astimezone(zone).replace(tzinfo=None) == moment.replace(tzinfo=None):
            return instant
    instant = datetime.combine(day, wall, tzinfo=zone).replace(fold=1).astimezone(UTC)
    while instant.astimezone(zone).replace(tzinfo=None) < datetime.combine(day, wall):
        instant += timedelta(minutes=1)
    return instant


@st.composite
def wall_windows(draw) -> Window:
    starts = draw(st.integers(0, 23 * 4 - 1)) * 15
    length = draw(st.sampled_from([15, 30, 45, 60, 90, 120, 180, 240]))
    ends = min(starts + length, 23 * 60 + 59)
    return Window(time(*divmod(starts, 60)), time(*divmod(ends, 60)))


@st.composite
def hosts(draw) -> dict:
    zone = draw(st.sampled_from(sorted(CLOCK_CHANGES)))
    change = draw(st.sampled_from(CLOCK_CHANGES[zone]))
    now = datetime.combine(change, time(), tzinfo=UTC) + timedelta(
        minutes=draw(st.integers(-4 * 1440, 720))
    )
    policy = Policy(
        time_zone=zone,
        slot_minutes=draw(st.sampled_from([15, 20, 30, 45, 60, 90])),
        buffer_before_minutes=draw(st.sampled_from([0, 0, 5, 15])),
        buffer_after_minutes=draw(st.sampled_from([0, 0, 10, 30])),
        minimum_notice_minutes=draw(st.sampled_from([0, 90, 24 * 60])),
        horizon_days=draw(st.integers(2, 12)),
        max_per_day=draw(st.sampled_from([None, None, None, 0, 1, 2])),
        max_per_week=draw(st.sampled_from([None, None, 2, 5])),
        seats=draw(st.sampled_from([1, 1, 3])),
    )
    # Early-morning windows meet the clock changes, which all happen between 0:00 and 4:00.
    night = st.builds(
        Window,
        st.sampled_from([time(0), time(0, 30), time(1), time(1, 45), time(2), time(2, 30)]),
        st.sampled_from([time(2, 15), time(3), time(3, 30), time(4)]),
    )
    windows = st.lists(night | wall_windows(), max_size=3)
    weekly = {weekday: draw(windows) for weekday in range(7)}
    first_local = now.astimezone(ZoneInfo(zone)).date()
    exception_days = st.integers(-1, policy.horizon_days + 1).map(
        lambda n: first_local + timedelta(days=n)
    )
    dates = draw(st.dictionaries(exception_days, st.just([]) | windows, max_size=4))
    if draw(st.integers(0, 3)):  # night hours on the very day the clocks change, mostly
        dates[change] = draw(st.lists(night, min_size=1, max_size=2))
    busy = [
        Busy(
            now + timedelta(minutes=offset),
            now + timedelta(minutes=offset + length),
            is_meeting=meeting,
        )
        for offset, length, meeting in draw(
            st.lists(
                st.tuples(
                    st.integers(-300, (policy.horizon_days + 1) * 1440),
                    st.integers(5, 180),
                    st.booleans(),
                ),
                max_size=15,
            )
        )
    ]
    host = {"policy": policy, "weekly": weekly, "dates": dates, "busy": busy, "now": now}
    # Some offered slots are group bookings already; draw which and how full.
    offered = open_slots(**host)
    booked = draw(st.lists(st.sampled_from(offered), max_size=3)) if offered else []
    host["taken"] = {slot.starts_at: draw(st.integers(1, policy.seats)) for slot in booked}
    return host


def windows_on(day: date, host: dict) -> list[Window]:
    if day in host["dates"]:
        return host["dates"][day]
    return host["weekly"].get(day.weekday(), [])


def meetings_by(host: dict, zone: ZoneInfo) -> tuple[dict, dict]:
    meetings = {item.starts_at for item in host["busy"] if item.is_meeting}
    meetings |= {start for start, seats in host["taken"].items() if seats > 0}
    per_day: dict[date, int] = {}
    per_week: dict[tuple[int, int], int] = {}
    for start in meetings:
        day = start.astimezone(zone).date()
        per_day[day] = per_day.get(day, 0) + 1
        per_week[day.isocalendar()[:2]] = per_week.get(day.isocalendar()[:2], 0) + 1
    return per_day, per_week


def blocked(start: datetime, end: datetime, host: dict) -> bool:
    """Busy time, or another booked group slot, inside the buffered interval."""
    policy = host["policy"]
    low = start - timedelta(minutes=policy.buffer_before_minutes)
    high = end + timedelta(minutes=policy.buffer_after_minutes)
    length = timedelta(minutes=policy.slot_minutes)
    spans = [(item.starts_at, item.ends_at) for item in host["busy"]]
    spans += [(other, other + length) for other in host["taken"] if other != start]
    return any(busy_start < high and low < busy_end for busy_start, busy_end in spans)


@properties
@given(hosts())
def test_every_offered_slot_keeps_every_rule(host):
    policy = host["policy"]
    zone = ZoneInfo(policy.time_zone)
    length = timedelta(minutes=policy.slot_minutes)
    slots = open_slots(**host)
    per_day, per_week = meetings_by(host, zone)
    for slot in slots:
        day = slot.starts_at.astimezone(zone).date()
        assert slot.starts_at.utcoffset() == timedelta(0)
        # (a) inside one window of its local date, on that window's grid
        assert any(
            wall_to_instant(day, window.starts, zone) <= slot.starts_at
            and slot.ends_at <= wall_to_instant(day, window.ends, zone)
            and (slot.starts_at - wall_to_instant(day, window.starts, zone)) % length
            == timedelta(0)
            for window in windows_on(day, host)
        )
        # (b) exactly slot_minutes of real time
        assert slot.ends_at - slot.starts_at == length
        # (c) buffers clear of busy time
        assert not blocked(slot.starts_at, slot.ends_at, host)
        # (d) notice and horizon
        assert slot.starts_at >= host["now"] + timedelta(minutes=policy.minimum_notice_minutes)
        assert slot.starts_at <= host["now"] + timedelta(days=policy.horizon_days)
        # seats
        assert slot.seats_left == policy.seats - host["taken"].get(slot.starts_at, 0) > 0
        # (f) a full day or week only keeps its group slots that are already booked
        already_booked = slot.starts_at in host["taken"]
        if policy.max_per_day is not None and per_day.get(day, 0) >= policy.max_per_day:
            assert already_booked
        week = day.isocalendar()[:2]
        if policy.max_per_week is not None and per_week.get(week, 0) >= policy.max_per_week:
            assert already_booked
        # (g) a day off yields nothing
        assert host["dates"].get(day) != []
    # (e) sorted, no repeats, no overlaps
    for earlier, later in zip(slots, slots[1:], strict=False):
        assert earlier.ends_at <= later.starts_at


@properties
@given(hosts())
def test_nothing_bookable_is_left_out(host):
    """Every slot on a window's grid that keeps every rule is offered, unless an offered slot
    from an overlapping window already covers that time."""
    policy = host["policy"]
    zone = ZoneInfo(policy.time_zone)
    length = timedelta(minutes=policy.slot_minutes)
    slots = open_slots(**host)
    offered = {slot.starts_at for slot in slots}
    per_day, per_week = meetings_by(host, zone)
    earliest = host["now"] + timedelta(minutes=policy.minimum_notice_minutes)
    latest = host["now"] + timedelta(days=policy.horizon_days)
    day = host["now"].astimezone(zone).date() - timedelta(days=1)
    while day <= latest.astimezone(zone).date() + timedelta(days=1):
        for window in windows_on(day, host):
            start = wall_to_instant(day, window.starts, zone)
            end = wall_to_instant(day, window.ends, zone)
            while start + length <= end:
                full = (
                    policy.max_per_day is not None and per_day.get(day, 0) >= policy.max_per_day
                ) or (
                    policy.max_per_week is not None
                    and per_week.get(day.isocalendar()[:2], 0) >= policy.max_per_week
                )
                bookable = (
                    earliest <= start <= latest
                    and not blocked(start, start + length, host)
                    and host["taken"].get(start, 0) < policy.seats
                    and (start in host["taken"] or not full)
                )
                covered = any(s.starts_at < start + length and start < s.ends_at for s in slots)
                if bookable:
                    assert start in offered or covered
                start += length
        day += timedelta(days=1)


@settings(properties, max_examples=30)
@given(hosts())
def test_every_label_reads_the_same_in_any_locale(host):
    for slot in open_slots(**host)[:3]:
        label = slot_label(slot, "Asia/Tokyo")
        tokyo = slot.starts_at.astimezone(ZoneInfo("Asia/Tokyo"))
        assert label.startswith(("Mon ", "Tue ", "Wed ", "Thu ", "Fri ", "Sat ", "Sun "))
        assert f" {tokyo.day} " in label
        assert f", {tokyo.hour}:{tokyo.minute:02d}–" in label


@properties
@given(
    zone=st.sampled_from(["America/Chicago", "Europe/London", "Australia/Sydney"]),
    which=st.integers(0, 3),
    starts=st.integers(0, 5 * 12),
    length=st.integers(1, 4 * 12),
    slot_minutes=st.sampled_from([5, 10, 15, 20, 25, 30, 45, 60]),
)
def test_night_hours_on_a_change_day_are_exactly_the_real_time_between_their_bounds(
    zone, which, starts, length, slot_minutes
):
    """Bounds in the skipped hour move to the jump, repeated ones take the first pass, and the
    slots fill the real time in between: nothing more, nothing less."""
    day = CLOCK_CHANGES[zone][which]
    ends = starts + length
    window = Window(time(*divmod(starts * 5, 60)), time(*divmod(ends * 5, 60)))
    slots = open_slots(
        policy=Policy(time_zone=zone, slot_minutes=slot_minutes, horizon_days=5),
        weekly={},
        dates={day: [window]},
        busy=[],
        now=datetime.combine(day, time(), tzinfo=UTC) - timedelta(days=2),
    )
    first = wall_to_instant(day, window.starts, ZoneInfo(zone))
    last = wall_to_instant(day, window.ends, ZoneInfo(zone))
    step = timedelta(minutes=slot_minutes)
    expected = []
    while first + step <= last:
        expected.append(first)
        first += step
    assert [slot.starts_at for slot in slots] == expected

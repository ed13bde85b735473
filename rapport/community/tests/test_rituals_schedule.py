"""Rituals open their rounds on their cadence — a weekday and a time in the *course's* time
zone, through daylight saving changes — once per week, and learners hear of it once."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from rapport.community.models.rituals import Featuring, RitualRound, Weekday
from rapport.community.rituals import services, tasks
from rapport.core.kinds import NotificationKind
from rapport.core.models import Notification
from rapport.core.refusals import Refused

pytestmark = pytest.mark.django_db
CHICAGO = ZoneInfo("America/Chicago")
UTC = ZoneInfo("UTC")


def chicago(*args) -> datetime:
    return datetime(*args, tzinfo=CHICAGO)


@pytest.fixture
def ritual(cast):
    """Win of the Week: Fridays at 9:00 Chicago time, open 6 days, set up in January."""
    return services.ritual_create(
        course=cast.course,
        actor=cast.instructor,
        title="Win of the Week",
        prompts="What's one win from your week?\nWhat made you smile?\nWhat did you learn?",
        weekday=Weekday.FRIDAY,
        time_of_day=time(9, 0),
        open_days=6,
        featuring=Featuring.STAFF,
        now=chicago(2027, 1, 4, 10, 0),
    )


def tick(at: datetime) -> list[RitualRound]:
    with time_machine.travel(at, tick=False):
        return services.rounds_open_due()


def test_a_round_opens_at_its_weekday_and_time_in_the_course_time_zone(ritual):
    assert tick(chicago(2027, 2, 5, 8, 59)) == []
    [opened] = tick(chicago(2027, 2, 5, 9, 0))
    assert opened.opens_at == chicago(2027, 2, 5, 9, 0)
    assert opened.closes_at == chicago(2027, 2, 11, 9, 0)
    assert opened.prompt == "What's one win from your week?"
    assert opened.is_open(chicago(2027, 2, 11, 8, 59))
    assert not opened.is_open(chicago(2027, 2, 11, 9, 0))


def test_the_hourly_task_opens_a_due_round_once(ritual):
    for minutes in (0, 60, 120):
        with time_machine.travel(chicago(2027, 2, 5, 9, 0) + timedelta(minutes=minutes)):
            tasks.rituals_hourly.call_local()
    assert RitualRound.objects.filter(ritual=ritual).count() == 1


def test_rounds_stay_at_nine_oclock_local_across_daylight_saving_changes(ritual):
    """US clocks spring forward on Sunday 14 March 2027 and fall back on 7 November."""
    [before] = tick(chicago(2027, 3, 12, 9, 0))
    [after] = tick(chicago(2027, 3, 19, 9, 0))
    assert before.opens_at.astimezone(UTC).hour == 15  # 9:00 CST
    assert after.opens_at.astimezone(UTC).hour == 14  # 9:00 CDT
    assert after.opens_at.astimezone(UTC) - before.opens_at.astimezone(UTC) == timedelta(
        days=7, hours=-1
    )
    # The round that spans the change still closes at 9:00 on the course's clock.
    assert before.closes_at == chicago(2027, 3, 18, 9, 0)
    [autumn] = tick(chicago(2027, 11, 5, 9, 0))
    assert autumn.closes_at == chicago(2027, 11, 11, 9, 0)
    assert autumn.closes_at.astimezone(UTC) - autumn.opens_at.astimezone(UTC) == timedelta(
        days=6, hours=1
    )


def test_the_course_time_zone_not_the_servers_decides(cast, ritual):
    cast.course.timezone = "Asia/Tokyo"
    cast.course.save()
    ritual.refresh_from_db()
    tokyo = ZoneInfo("Asia/Tokyo")
    # Friday 9:00 in Tokyo is Thursday 18:00 in Chicago.
    assert tick(chicago(2027, 2, 4, 17, 59)) == []
    [opened] = tick(chicago(2027, 2, 4, 18, 0))
    assert opened.opens_at.astimezone(tokyo).strftime("%A %H:%M") == "Friday 09:00"


def test_prompts_take_turns_week_by_week(ritual):
    prompts = [tick(chicago(2027, 2, 5 + 7 * week, 9, 0))[0].prompt for week in range(4)]
    assert prompts == [
        "What's one win from your week?",
        "What made you smile?",
        "What did you learn?",
        "What's one win from your week?",
    ]


def test_a_slot_before_the_ritual_existed_or_long_missed_is_not_opened(cast, ritual):
    # Set up on Monday 4 January: the previous Friday is not opened retroactively.
    assert tick(chicago(2027, 1, 4, 11, 0)) == []
    # The server was down all week: Friday's round would have closed on Thursday.
    assert tick(chicago(2027, 1, 14, 9, 0)) == []
    assert tick(chicago(2027, 1, 15, 9, 0)) != []


def test_a_paused_ritual_opens_nothing(cast, ritual):
    services.ritual_update(
        ritual=ritual,
        actor=cast.instructor,
        title=ritual.title,
        prompts=ritual.prompts,
        weekday=ritual.weekday,
        time_of_day=ritual.time_of_day,
        open_days=ritual.open_days,
        featuring=ritual.featuring,
        paused=True,
    )
    assert tick(chicago(2027, 2, 5, 9, 0)) == []


def test_learners_are_told_once_per_round(cast, ritual, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        [opened] = tick(chicago(2027, 2, 5, 9, 0))
    told = Notification.objects.filter(kind=NotificationKind.PROMPT_OPEN)
    assert sorted(told.values_list("recipient_id", flat=True)) == sorted(
        [cast.learner.pk, cast.other_learner.pk]
    )
    assert told.first().url == opened.get_absolute_url()
    assert "Win of the Week is open" in told.first().title
    assert services.round_notify_learners(round_id=opened.pk) == 0
    assert told.count() == 2


def test_staff_can_open_this_weeks_round_early(cast, ritual, django_capture_on_commit_callbacks):
    tick(chicago(2027, 1, 29, 9, 0))  # last week's round, closed on Thursday at 9:00
    with (
        time_machine.travel(chicago(2027, 2, 4, 14, 0), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        opened = services.ritual_open_now(ritual=ritual, actor=cast.ta)
    assert opened.opens_at == chicago(2027, 2, 4, 14, 0)
    assert opened.closes_at == chicago(2027, 2, 10, 14, 0)
    assert opened.slot == chicago(2027, 2, 5, 9, 0)  # it stands for Friday's round
    assert opened.opened_by == cast.ta
    told = Notification.objects.filter(url=opened.get_absolute_url())
    assert told.count() == 2
    # Friday comes: no second round that week.
    assert tick(chicago(2027, 2, 5, 9, 0)) == []
    with (
        time_machine.travel(chicago(2027, 2, 5, 10, 0), tick=False),
        pytest.raises(Refused, match="already open"),
    ):
        services.ritual_open_now(ritual=ritual, actor=cast.ta)
    # The week after, the schedule carries on.
    assert len(tick(chicago(2027, 2, 12, 9, 0))) == 1


def test_a_round_that_has_run_cannot_be_opened_again(cast, ritual):
    ritual.open_days = 1
    ritual.save()
    tick(chicago(2027, 1, 29, 9, 0))
    with time_machine.travel(chicago(2027, 2, 2, 10, 0), tick=False):
        early = services.ritual_open_now(ritual=ritual, actor=cast.ta)
    assert early.closes_at == chicago(2027, 2, 3, 10, 0)
    with (
        time_machine.travel(chicago(2027, 2, 4, 10, 0), tick=False),
        pytest.raises(Refused, match="already run.*Friday 12 February"),
    ):
        services.ritual_open_now(ritual=ritual, actor=cast.ta)


def test_opening_now_a_round_that_is_due_takes_its_slot(cast, ritual):
    with time_machine.travel(chicago(2027, 2, 5, 9, 30), tick=False):
        opened = services.ritual_open_now(ritual=ritual, actor=cast.instructor)
    assert opened.slot == chicago(2027, 2, 5, 9, 0)
    assert opened.closes_at == chicago(2027, 2, 11, 9, 0)
    assert tick(chicago(2027, 2, 5, 10, 0)) == []


@pytest.mark.parametrize("role", ["learner", "outsider"])
def test_only_staff_set_up_and_open_rituals(cast, ritual, role):
    person = cast.by_role(role)
    with pytest.raises(Refused, match="teaching team"):
        services.ritual_open_now(ritual=ritual, actor=person)
    with pytest.raises(Refused, match="teaching team"):
        services.ritual_create(
            course=cast.course,
            actor=person,
            title="Mine",
            prompts="Hi?",
            weekday=0,
            time_of_day=time(9),
        )
    assert not RitualRound.objects.exists()


@pytest.mark.parametrize(
    "changes,match",
    [
        ({"title": "  "}, "name"),
        ({"prompts": "\n \n"}, "prompt"),
        ({"open_days": 8}, "1 to 7"),
        ({"weekday": 9}, "day"),
        ({"featuring": "lottery"}, "featured"),
    ],
)
def test_a_ritual_needs_sensible_settings(cast, changes, match):
    fields = {
        "title": "Shine",
        "prompts": "Who shone?",
        "weekday": 2,
        "time_of_day": time(9),
        "open_days": 6,
        "featuring": Featuring.STAFF,
    } | changes
    with pytest.raises(Refused, match=match):
        services.ritual_create(course=cast.course, actor=cast.instructor, **fields)

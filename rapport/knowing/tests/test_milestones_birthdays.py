"""Birthdays: month and day only, shared by choice, seen by staff in the week they fall —
across a month's end, a year's end and 29 February, in the course's time zone."""

import datetime as dt

import pytest
import time_machine

from rapport.courses.models import Role
from rapport.factories import MembershipFactory
from rapport.knowing import services
from rapport.knowing.models.milestones import Birthday
from rapport.knowing.selectors import milestones as m

pytestmark = pytest.mark.django_db

MINE = "/c/env-sci/milestones/"
BIRTHDAY = MINE + "birthday/"
CELEBRATE = "/c/env-sci/celebrate/"


def birthdays_at(course, now) -> dict[str, tuple[str, str]]:
    week = m.celebrate_week(course=course, now=now)
    return {o.learner.display_name: (o.key, o.title) for o in week.birthdays}


def at(y, mo, d, h=12) -> dt.datetime:
    return dt.datetime(y, mo, d, h, tzinfo=dt.UTC)


def test_the_window_crosses_a_months_end():
    window = m.birthday_window(dt.date(2027, 1, 28))
    assert window[(2, 4)] == dt.date(2027, 2, 4)
    assert (2, 5) not in window
    assert (1, 27) not in window


def test_the_window_crosses_a_years_end(cast):
    services.birthday_share(user=cast.learner, month=1, day=2)
    services.birthday_share(user=cast.other_learner, month=12, day=30)
    found = birthdays_at(cast.course, at(2027, 12, 29))
    assert found["Learner"] == ("birthday:2028", "Birthday on Sunday 2 January")
    assert found["Other_Learner"] == ("birthday:2027", "Birthday tomorrow")


def test_today_counts_and_yesterday_does_not(cast):
    services.birthday_share(user=cast.learner, month=3, day=10)
    services.birthday_share(user=cast.other_learner, month=3, day=9)
    found = birthdays_at(cast.course, at(2027, 3, 10))
    assert found == {"Learner": ("birthday:2027", "Birthday today")}


def test_a_week_ahead_is_in_and_eight_days_is_not(cast):
    services.birthday_share(user=cast.learner, month=3, day=17)
    services.birthday_share(user=cast.other_learner, month=3, day=18)
    assert set(birthdays_at(cast.course, at(2027, 3, 10))) == {"Learner"}


def test_29_february_is_celebrated_on_the_28th_outside_leap_years(cast):
    services.birthday_share(user=cast.learner, month=2, day=29)
    assert birthdays_at(cast.course, at(2027, 2, 28))["Learner"][1] == "Birthday today"
    assert birthdays_at(cast.course, at(2027, 3, 1)) == {}
    # In a leap year it has its own day.
    assert birthdays_at(cast.course, at(2028, 2, 28))["Learner"][1] == "Birthday tomorrow"


def test_the_course_time_zone_decides_what_today_is(cast):
    # 03:00 UTC on 31 December is still 30 December in Chicago: the 30th is today there.
    services.birthday_share(user=cast.learner, month=12, day=30)
    assert birthdays_at(cast.course, at(2027, 12, 31, 3)) == {
        "Learner": ("birthday:2027", "Birthday today")
    }
    cast.course.timezone = "Pacific/Auckland"
    cast.course.save()
    assert birthdays_at(cast.course, at(2027, 12, 31, 3)) == {}


def test_a_learner_shares_changes_and_stops_sharing_their_birthday(cast, client_for):
    client = client_for("learner")
    response = client.post(BIRTHDAY, {"share": "on", "month": "7", "day": "4"})
    assert response.status_code == 302
    assert (Birthday.objects.get(user=cast.learner).month, cast.learner.birthday.day) == (7, 4)
    client.post(BIRTHDAY, {"share": "on", "month": "8", "day": "1"})
    assert Birthday.objects.get(user=cast.learner).month == 8
    assert Birthday.objects.count() == 1
    page = client.get(MINE).content.decode()
    assert '<option value="8" selected>' in page
    client.post(BIRTHDAY, {"month": "8", "day": "1"})  # "share" unticked
    assert not Birthday.objects.exists()


@pytest.mark.parametrize(
    "data,message",
    [
        ({"share": "on", "month": "2", "day": "30"}, "That day doesn&#x27;t exist in that month"),
        ({"share": "on", "month": "4", "day": "31"}, "That day doesn&#x27;t exist in that month"),
        ({"share": "on", "month": "", "day": "3"}, "Choose the month and the day"),
        ({"share": "on", "month": "13", "day": "3"}, "Select a valid choice"),
    ],
)
def test_an_impossible_birthday_is_refused_with_a_message(cast, client_for, data, message):
    response = client_for("learner").post(BIRTHDAY, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Birthday.objects.exists()


def test_29_february_may_be_shared(cast):
    services.birthday_share(user=cast.learner, month=2, day=29)
    assert Birthday.objects.get().as_date() == dt.date(2000, 2, 29)


def test_a_birthday_is_stored_once_and_seen_by_the_staff_of_each_course(cast, client_for):
    MembershipFactory(course=cast.other_course, user=cast.learner, role=Role.LEARNER)
    services.birthday_share(user=cast.learner, month=5, day=6)
    poetry_card = f"/c/poetry/learners/{cast.learner.pk}/"
    client = client_for("outsider")  # the poetry instructor
    assert "6 May" in client.get(poetry_card).content.decode()


@time_machine.travel(at(2027, 5, 4), tick=False)
def test_the_celebrate_page_lists_birthdays_this_week(cast, client_for):
    services.birthday_share(user=cast.learner, month=5, day=6)
    page = client_for("ta").get(CELEBRATE).content.decode()
    assert "Birthdays this week" in page
    assert "Birthday on Thursday 6 May" in page
    assert "Happy birthday, Learner!" in page


@time_machine.travel(at(2027, 5, 4), tick=False)
def test_a_big_weeks_birthdays_show_a_few_then_all_of_them_a_page_at_a_time(cast, client_for):
    from rapport.knowing.tests.test_cards_helpers import add_learners
    from rapport.knowing.views.milestones import OCCASIONS_PER_PAGE, OCCASIONS_SHOWN

    count = OCCASIONS_PER_PAGE + 5
    for n, learner in enumerate(add_learners(cast.course, count)):
        services.birthday_share(user=learner, month=5, day=5 + n % 3)
    client = client_for("ta")
    week = client.get(CELEBRATE)
    page = week.content.decode()
    assert page.count("Send congratulations") == OCCASIONS_SHOWN
    assert f"See all {count}" in page and f"{count - OCCASIONS_SHOWN} more" in page
    assert 'href="?part=birthdays"' in page
    first = client.get(CELEBRATE, {"part": "birthdays"}).content.decode()
    assert first.count("Send congratulations") == OCCASIONS_PER_PAGE
    assert "Back to the whole week" in first and "Page 1 of 2" in first
    assert 'href="?page=2&amp;part=birthdays"' in first
    second = client.get(CELEBRATE, {"part": "birthdays", "page": 2}).content.decode()
    assert second.count("Send congratulations") == 5
    # Soonest first across the pages: the 7 May birthdays come last.
    assert "Birthday on Friday 7 May" in second and "Birthday on Wednesday 5 May" not in second

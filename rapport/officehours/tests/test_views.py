"""The office-hours pages as people use them: a staff member sets up and changes their
hours; a learner picks a time in their own zone, books in one POST, moves and cancels it;
staff mark a meeting with a private note the learner never sees; "let's talk" offers and
pools book through the same page; the pages' queries stay flat as meetings grow."""

import re
from datetime import UTC, date, datetime, time

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from rapport.groups.testing import learner_make
from rapport.officehours import selectors, services
from rapport.officehours.forms import slot_value
from rapport.officehours.models import Booking, BookingStatus, Invite, OfficeHours, Place
from rapport.officehours.testing import member, office_hours_make

pytestmark = pytest.mark.django_db
NOW = datetime(2027, 3, 15, 8, 0, tzinfo=UTC)  # a Monday
STALE = "That time is no longer open"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def url(cast, name, **kwargs):
    return reverse(f"officehours:{name}", kwargs={"course_slug": cast.course.slug, **kwargs})


def rules_data(office_hours: OfficeHours, **changes) -> dict:
    data = {
        "title": office_hours.title,
        "is_open": "on" if office_hours.is_open else "",
        "timezone": office_hours.timezone,
        "slot_minutes": office_hours.slot_minutes,
        "buffer_before_minutes": office_hours.buffer_before_minutes,
        "buffer_after_minutes": office_hours.buffer_after_minutes,
        "minimum_notice_minutes": office_hours.minimum_notice_minutes,
        "horizon_days": office_hours.horizon_days,
        "max_per_day": "",
        "max_per_week": "",
        "per_learner_limit": office_hours.per_learner_limit,
        "seats": office_hours.seats,
        "cancel_notice_minutes": office_hours.cancel_notice_minutes,
        "place": office_hours.place,
        "place_detail": office_hours.place_detail,
        "question": office_hours.question,
    }
    return {key: value for key, value in (data | changes).items() if value != ""}


def start_values(html: str) -> list[str]:
    return re.findall(r'name="start" value="([^"]+)"', html)


# Staff setting up their hours


def test_staff_set_up_office_hours_and_land_on_their_page(cast, client_for):
    client = client_for("ta")
    assert "Set up my office hours" in client.get(url(cast, "manage")).text
    response = client.post(url(cast, "start"), follow=True)
    assert response.redirect_chain[-1][0] == url(cast, "manage")
    assert "closed for now" in response.text
    office_hours = OfficeHours.objects.get(course=cast.course, host=cast.ta)
    assert not office_hours.is_open and office_hours.weekly.count() == 2
    assert "Every week" in response.text and "How learners book" in response.text


def test_staff_add_and_remove_weekly_hours_and_a_day_off(cast, client_for):
    client = client_for("instructor")
    office_hours = office_hours_make(cast, weekly={0: [(time(9), time(12))]})
    response = client.post(
        url(cast, "window_add"), {"weekday": 2, "starts": "13:00", "ends": "15:00"}, follow=True
    )
    assert "Saved." in response.text
    added = office_hours.weekly.get(weekday=2)
    assert (added.starts, added.ends) == (time(13), time(15))

    response = client.post(
        url(cast, "window_add"), {"weekday": 2, "starts": "14:00", "ends": "16:00"}, follow=True
    )
    assert "overlap" in response.text and office_hours.weekly.filter(weekday=2).count() == 1

    client.post(url(cast, "window_remove", window_id=added.pk))
    assert not office_hours.weekly.filter(weekday=2).exists()

    response = client.post(url(cast, "exception_add"), {"on": "2027-03-22"}, follow=True)
    day_off = office_hours.exceptions.get()
    assert day_off.date == date(2027, 3, 22) and day_off.is_day_off
    assert "Mon 22 Mar: day off" in response.text
    assert all(
        slot.starts_at.date() != date(2027, 3, 22) for slot in selectors.slots_of(office_hours)
    )
    client.post(url(cast, "exception_remove", exception_id=day_off.pk))
    assert not office_hours.exceptions.exists()


def test_staff_save_their_rules(cast, client_for):
    office_hours = office_hours_make(cast)
    response = client_for("instructor").post(
        url(cast, "manage"),
        rules_data(office_hours, slot_minutes=30, question="What's on your mind?"),
        follow=True,
    )
    assert "Saved." in response.text
    office_hours.refresh_from_db()
    assert (office_hours.slot_minutes, office_hours.question) == (30, "What's on your mind?")


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"slot_minutes": 3}, "greater than or equal to 5"),
        ({"place": Place.VIDEO, "place_detail": ""}, "Add the video link"),
    ],
)
def test_bad_rules_get_a_clear_message_and_nothing_is_saved(cast, client_for, changes, message):
    office_hours = office_hours_make(cast, title="Drop-in")
    response = client_for("instructor").post(
        url(cast, "manage"), rules_data(office_hours, title="Changed", **changes)
    )
    assert response.status_code == 400
    assert message in response.text
    office_hours.refresh_from_db()
    assert office_hours.title == "Drop-in" and office_hours.slot_minutes == 20
    assert office_hours.place_detail == "https://meet.example.org/office"


# A learner booking


def test_a_learner_sees_open_slots_by_day_in_their_own_zone(cast, client_for):
    cast.learner.timezone = "Asia/Tokyo"  # UTC+9: the host's 9:00 UTC is their 6 PM
    cast.learner.save()
    office_hours = office_hours_make(cast)
    response = client_for("learner").get(url(cast, "book", office_hours_id=office_hours.pk))
    assert response.status_code == 200
    text = response.text
    assert "Asia/Tokyo" in text
    monday, tuesday = text.index("Monday 15 March"), text.index("Tuesday 16 March")
    assert monday < text.index("6:00–6:20 PM") < tuesday
    # The host's 15:00 UTC on Monday is already Tuesday in Tokyo.
    assert tuesday < text.index("12:00–12:20 AM")
    assert start_values(text)[0] == "2027-03-15T09:00Z"


def test_a_learner_books_moves_and_cancels_a_meeting(cast, client_for):
    office_hours = office_hours_make(cast)
    client = client_for("learner")
    book_page = client.get(url(cast, "book", office_hours_id=office_hours.pk)).text
    # Learners may move or cancel up to two hours before: pick times later in the day.
    first, later = start_values(book_page)[9], start_values(book_page)[12]

    response = client.post(
        url(cast, "book", office_hours_id=office_hours.pk),
        {"start": first, "answer": "My field notes"},
        follow=True,
    )
    booking = Booking.objects.get(learner=cast.learner)
    assert response.redirect_chain[-1][0] == booking.get_absolute_url()
    assert slot_value(booking) == first
    assert "Booked." in response.text and "My field notes" in response.text
    assert "Instructor" in response.text and "https://meet.example.org/office" in response.text

    move = url(cast, "booking_move", booking_id=booking.pk)
    assert later in start_values(client.get(move).text)
    response = client.post(move, {"start": later}, follow=True)
    assert "Moved." in response.text, re.findall(r"errorlist[^>]*>(.*?)</ul>", response.text, re.S)
    booking.refresh_from_db()
    assert slot_value(booking) == later

    response = client.post(
        url(cast, "booking_cancel", booking_id=booking.pk), {"message": "Sick"}, follow=True
    )
    assert "Cancelled." in response.text
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED and booking.cancel_message == "Sick"
    assert "Move" not in response.text.split("<main", 1)[-1].split("All office hours")[0]


@pytest.mark.parametrize("start", ["2027-03-15T09:07Z", "2026-01-01T09:00Z", "not-a-time", ""])
def test_a_stale_or_malformed_time_books_nothing(cast, client_for, start):
    office_hours = office_hours_make(cast)
    response = client_for("learner").post(
        url(cast, "book", office_hours_id=office_hours.pk), {"start": start}
    )
    assert response.status_code == 400
    assert (STALE if start else "Pick a time first") in response.text
    assert not Booking.objects.exists()


def test_a_time_taken_since_the_page_loaded_books_nothing(cast, client_for):
    office_hours = office_hours_make(cast)
    first = start_values(
        client_for("learner").get(url(cast, "book", office_hours_id=office_hours.pk)).text
    )[0]
    services.booking_make(
        office_hours=office_hours,
        member=member(cast, "other_learner"),
        choice=services.Choice(datetime(2027, 3, 15, 9, 0, tzinfo=UTC)),
    )
    response = client_for("learner").post(
        url(cast, "book", office_hours_id=office_hours.pk), {"start": first}
    )
    assert response.status_code == 400 and STALE in response.text
    assert not Booking.objects.filter(learner=cast.learner).exists()


# After the meeting


def _booked(cast, office_hours, *, who="learner", index=0):
    slot = selectors.slots_of(office_hours)[index]
    return services.booking_make(
        office_hours=office_hours, member=member(cast, who), choice=services.Choice(slot.starts_at)
    )


def test_staff_mark_a_meeting_met_with_a_private_note_the_learner_never_sees(cast, client_for):
    office_hours = office_hours_make(cast)
    booking = _booked(cast, office_hours)
    page = booking.get_absolute_url()
    staff_page = client_for("ta").get(page).text
    assert "After the meeting" in staff_page and 'name="note"' in staff_page

    with time_machine.travel(booking.ends_at, tick=False):
        response = client_for("ta").post(
            url(cast, "booking_mark", booking_id=booking.pk),
            {"status": BookingStatus.ATTENDED, "note": "Worried about the lab report"},
            follow=True,
        )
        assert "Saved." in response.text and "Worried about the lab report" in response.text
        booking.refresh_from_db()
        assert booking.status == BookingStatus.ATTENDED

        learner_page = client_for("learner").get(page)
        assert learner_page.status_code == 200
        assert "Worried about the lab report" not in learner_page.text
        assert "After the meeting" not in learner_page.text
        index = client_for("learner").get(url(cast, "index")).text
        assert "Worried about the lab report" not in index
    assert client_for("other_learner").get(page).status_code == 404


def test_a_meeting_too_close_to_change_offers_no_move_or_cancel_to_its_learner(cast, client_for):
    booking = _booked(cast, office_hours_make(cast))  # in an hour; the notice is two
    learner_page = client_for("learner").get(booking.get_absolute_url()).text
    assert "too close to the meeting" in learner_page
    assert url(cast, "booking_move", booking_id=booking.pk) not in learner_page
    staff_page = client_for("instructor").get(booking.get_absolute_url()).text
    assert url(cast, "booking_move", booking_id=booking.pk) in staff_page


def test_marking_a_meeting_before_it_starts_is_refused(cast, client_for):
    booking = _booked(cast, office_hours_make(cast), index=3)
    response = client_for("instructor").post(
        url(cast, "booking_mark", booking_id=booking.pk),
        {"status": BookingStatus.ATTENDED, "note": ""},
        follow=True,
    )
    assert "once it has started" in response.text
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED


# Let's talk, and pools


def test_staff_offer_times_and_the_learner_books_one(cast, client_for):
    office_hours = office_hours_make(cast)
    staff = client_for("instructor")
    offer_page = url(cast, "invite_new", user_id=cast.learner.pk)
    offered = re.findall(r'name="starts" value="([^"]+)"', staff.get(offer_page).text)[2:4]
    response = staff.post(
        offer_page, {"starts": offered, "message": "Shall we catch up?"}, follow=True
    )
    assert "Sent." in response.text
    invite = Invite.objects.get(learner=cast.learner, office_hours=office_hours)

    learner = client_for("learner")
    assert "would like to talk" in learner.get(url(cast, "index")).text
    page = learner.get(url(cast, "invite", invite_id=invite.pk)).text
    assert "Shall we catch up?" in page and start_values(page) == offered
    response = learner.post(url(cast, "invite", invite_id=invite.pk), {"start": offered[1]})
    booking = Booking.objects.get(learner=cast.learner)
    assert response["Location"] == booking.get_absolute_url()
    assert slot_value(booking) == offered[1]
    invite.refresh_from_db()
    assert invite.booking == booking
    assert learner.get(url(cast, "invite", invite_id=invite.pk))["Location"] == (
        booking.get_absolute_url()
    )


def test_offering_no_times_is_refused_with_a_message(cast, client_for):
    office_hours_make(cast)
    response = client_for("instructor").post(
        url(cast, "invite_new", user_id=cast.learner.pk), {"message": "Hi"}
    )
    assert response.status_code == 400 and "Pick at least one time" in response.text
    assert not Invite.objects.exists()


def test_a_learner_books_through_a_pool(cast, client_for):
    mine = office_hours_make(cast, weekly={0: [(time(9), time(10))]})
    theirs = office_hours_make(cast, by="ta", weekly={0: [(time(9), time(10))]})
    pool = services.pool_save(
        course=cast.course,
        member=member(cast, "instructor"),
        title="Ask the team",
        members=[mine, theirs],
        assignment="round_robin",
    )
    assert "Ask the team" in client_for("learner").get(url(cast, "index")).text
    client = client_for("learner")
    values = start_values(client.get(url(cast, "pool", pool_id=pool.pk)).text)
    assert values[0] == "2027-03-15T09:00Z"
    response = client.post(url(cast, "pool", pool_id=pool.pk), {"start": values[0]})
    booking = Booking.objects.get(learner=cast.learner)
    assert response["Location"] == booking.get_absolute_url()
    assert booking.pool == pool and booking.office_hours in (mine, theirs)


# Queries stay flat


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context)


def _grow(cast, office_hours: OfficeHours, n: int) -> None:
    """Up to ``n`` weekly windows, and ``n`` meetings booked, each by another learner
    (cast.learner first)."""
    for i in range(office_hours.weekly.count(), n):
        hour = 6 + 2 * (i // 7)
        office_hours.weekly.create(weekday=i % 7, starts=time(hour), ends=time(hour + 1))
    held = Booking.objects.filter(office_hours=office_hours).count()
    for i in range(held, n):
        learner = cast.learner if i == 0 else learner_make(cast, f"learner{i}")
        services.booking_make(
            office_hours=office_hours,
            member=cast.course.memberships.get(user=learner),
            choice=services.Choice(selectors.slots_of(office_hours)[0].starts_at),
        )


@pytest.mark.parametrize("role", ["learner", "instructor"])
def test_index_and_book_pages_make_as_many_queries_for_12_meetings_as_for_2(cast, client_for, role):
    office_hours = office_hours_make(cast, weekly={0: []})
    client = client_for(role)
    pages = [url(cast, "index"), url(cast, "book", office_hours_id=office_hours.pk)]
    counts = []
    for n in (2, 12):
        _grow(cast, office_hours, n)
        assert office_hours.weekly.count() == n
        assert Booking.objects.filter(office_hours=office_hours).count() == n
        counts.append([_queries(client, page) for page in pages])
    assert counts[0] == counts[1]


def test_group_office_hours_say_how_many_places_are_left_down_to_the_last(cast, client_for):
    office_hours = office_hours_make(cast, seats=3)
    for who in ("learner", "other_learner"):
        _booked(cast, office_hours, who=who)
    page = client_for("instructor").get(url(cast, "book", office_hours_id=office_hours.pk)).text
    assert "9:00–9:20 AM · 1 place left" in page and "9:20–9:40 AM · 3 places left" in page
